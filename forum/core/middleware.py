from csp.constants import SELF, UNSAFE_INLINE

from forum.core.i18n import split_language

from .views import page_not_found, too_long

ADMIN_PREFIX = "/cms/"
# Pages for signed-in people only: never kept by a browser or a shared cache.
PRIVATE_PREFIXES = ("/workspace/", "/accounts/", "/cms/")

# The Wagtail admin runs inline styles and scripts of its own; it gets the looser
# policy below, and only under /cms/.
ADMIN_CSP_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class SecurityHeadersMiddleware:
    """Headers that neither Django nor django-csp set, and the admin's CSP exception."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if split_language(request.path)[1].startswith(PRIVATE_PREFIXES):
            response["Cache-Control"] = "private, no-store"
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_replace = ADMIN_CSP_REPLACE
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


#: Longer addresses (path and query) get a 414. gunicorn.conf.py lets lines of up to 8,190
#: bytes through, so that the site, not the server, answers: as JSON under /api/.
MAX_ADDRESS_LENGTH = 4096


class AddressLengthMiddleware:
    """414 for an address longer than MAX_ADDRESS_LENGTH, 404 for one with a NUL in its
    path, before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            # No record has a NUL in its address (and PostgreSQL refuses one in a query).
            return page_not_found(request, None)
        if len(request.get_full_path()) <= MAX_ADDRESS_LENGTH:
            return self.get_response(request)
        return too_long(request)
