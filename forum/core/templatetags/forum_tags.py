import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from forum.core.i18n import localise_path

register = template.Library()

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label, exact=False):
    """A navigation link, marked as the current section where it is one (or the current
    page only, with exact=True)."""
    url = reverse(url_name) if ":" in url_name else localise_path(url_name)
    request = context.get("request")
    current = request is not None and (
        request.path == url or (not exact and url != "/" and request.path.startswith(url))
    )
    if current:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)


@register.simple_tag
def localpath(path):
    """An address of this site in the active language: {% localpath "/about/" %}."""
    return localise_path(path)


@register.filter
def paragraphs(text):
    """Split text into paragraphs on blank lines."""
    return [part.strip() for part in str(text or "").split("\n\n") if part.strip()]


@register.filter
def json_ld(data):
    """A schema.org JSON-LD block, escaped like Django's json_script."""
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(encoded.translate(JSON_ESCAPES)),  # noqa: S308 (escaped for <script>)
    )
