from django.utils.functional import SimpleLazyObject


def unread_notifications(request):
    """`unread_notifications`: how many unread notifications the signed-in person has,
    counted only when a template uses it (for the workspace navigation)."""

    def count():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        from .services import unread_count

        return unread_count(user)

    return {"unread_notifications": SimpleLazyObject(count)}
