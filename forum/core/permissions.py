"""Who may do what in the members' workspace (the SPEC's roles table), decided once here
and used by views, the API and templates alike."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def member_official_required(view):
    """Signed in as a representative, group lead or the secretariat; otherwise the
    sign-in page (anonymous) or 403 (signed in without a role)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_member_official:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def secretariat_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_secretariat:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def can_edit_for_member(user, member) -> bool:
    """Draft and edit things (practices…) in the name of a member government."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_secretariat or user.member_official_of(member)
