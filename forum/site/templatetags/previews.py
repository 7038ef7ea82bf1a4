"""{% link_preview %}: the Open Graph and Twitter tags of a page's link preview (its card,
forum/site/cards.py), from the page's JSON-LD, in the page's language."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language

from forum.site import cards

register = template.Library()


@register.simple_tag(takes_context=True)
def link_preview(context):
    request = context.get("request")
    if request is None:
        return ""
    language = get_language()
    card = cards.describe(context.get("json_ld"))
    address = request.build_absolute_uri(
        reverse("link-preview", args=[cards.token(card, language)])
    )
    return format_html(
        '<meta property="og:image" content="{}">\n'
        '    <meta property="og:image:type" content="image/png">\n'
        '    <meta property="og:image:width" content="{}">\n'
        '    <meta property="og:image:height" content="{}">\n'
        '    <meta property="og:image:alt" content="{}">\n'
        '    <meta name="twitter:card" content="summary_large_image">',
        address,
        cards.WIDTH,
        cards.HEIGHT,
        cards.alt_text({**card, "l": language}),
    )
