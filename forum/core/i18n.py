"""Languages of the public site and the workspace.

English lives at the unprefixed addresses (/documents/), every other language under its
code (/fr/documents/). The same page in another language is the same path with another
prefix, which is what the language switcher and the hreflang alternates link to.
"""

from django.conf import settings
from django.utils.translation import get_language, get_language_info

PREFIXED = tuple(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)

# Addresses that exist in one language only (outside i18n_patterns in forum/urls.py).
UNPREFIXED = ("/api/v1/", "/cms/", "/feeds/", "/files/", "/media/", "/static/")


def split_language(path: str) -> tuple[str, str]:
    """("fr", "/documents/") for "/fr/documents/"; ("en", path) for an English path.
    Leading slashes are one: "//evil.example/x" is the path "/evil.example/x" here, never
    a link to another host."""
    path = "/" + path.lstrip("/")
    for code in PREFIXED:
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            return code, "/" + path[len(code) + 1 :].lstrip("/")
    return settings.LANGUAGE_CODE, path


def localise_path(path: str, language: str | None = None) -> str:
    """The path of the same page in `language` (the active language by default)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    _current, rest = split_language(path)
    if language == settings.LANGUAGE_CODE or rest.startswith(UNPREFIXED):
        return rest
    return f"/{language}{rest}"


def language_links(request) -> list[dict]:
    """Each language with the address of the current page in it."""
    current = get_language() or settings.LANGUAGE_CODE
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = localise_path(request.path, code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": f"{url}?{query}" if query else url,
                "path": url,
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links


def languages(request):
    """Template context: the language switcher's links, and what the site's chrome (its
    navigation and footer, kept in the cache: base.html) depends on: the language, the
    section of the site the page is in, and the content version."""
    from django.utils.functional import SimpleLazyObject

    from forum.core.models import ContentClock

    _language, path = split_language(request.path)
    chrome = {
        "section": path.strip("/").split("/", 1)[0],
        "version": SimpleLazyObject(ContentClock.version),
    }
    if request.path.startswith(UNPREFIXED):
        return {"language_links": [], "chrome": chrome}
    return {"language_links": language_links(request), "chrome": chrome}
