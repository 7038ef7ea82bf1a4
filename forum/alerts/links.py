"""The links an alert email carries: confirm, unsubscribe (signed tokens that name the
subscription) and the filtered list itself."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Subscription

CONFIRM_SALT = "forum.alerts.confirm"
UNSUBSCRIBE_SALT = "forum.alerts.unsubscribe"
#: How long a confirmation link works.
CONFIRM_MAX_AGE = 7 * 24 * 3600


class TokenExpired(Exception):
    pass


def make_token(subscription: Subscription, salt: str) -> str:
    return signing.dumps({"s": subscription.pk}, salt=salt)


def read_token(token: str, salt: str, max_age=None) -> Subscription:
    """The subscription a token names. Raises Subscription.DoesNotExist for a token that
    is not ours (or names a deleted subscription), TokenExpired for an old one."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise Subscription.DoesNotExist from error
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise Subscription.DoesNotExist
    return Subscription.objects.get(pk=data["s"])


def absolute(url: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def confirm_url(subscription) -> str:
    return absolute(reverse("alerts:confirm", args=[make_token(subscription, CONFIRM_SALT)]))


def unsubscribe_url(subscription) -> str:
    token = make_token(subscription, UNSUBSCRIBE_SALT)
    return absolute(reverse("alerts:unsubscribe", args=[token]))


def list_path(list_name: str, query: str = "") -> str:
    """The filtered list itself, in the active language."""
    return reverse(f"{list_name}:list") + (f"?{query}" if query else "")


def list_url(subscription) -> str:
    return absolute(list_path(subscription.list, subscription.query))
