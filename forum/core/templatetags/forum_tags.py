from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label):
    """A main-navigation link, marked as the current section where it is one."""
    url = reverse(url_name) if ":" in url_name else url_name
    request = context.get("request")
    current = request is not None and (
        request.path == url or (url != "/" and request.path.startswith(url))
    )
    if current:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)


@register.filter
def paragraphs(text):
    """Split text into paragraphs on blank lines."""
    return [part.strip() for part in str(text or "").split("\n\n") if part.strip()]
