"""schema.org description (JSON-LD) of a news item (forum.core.structured)."""

from forum.core.structured import FORUM, absolute


def news_item_json_ld(request, item) -> dict:
    return {
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.summary,
        "datePublished": item.date.isoformat(),
        "url": absolute(request, item.get_absolute_url()),
        "publisher": {"@id": absolute(request, FORUM)},
    }
