"""schema.org descriptions (JSON-LD) of the forum's public pages: what they share. Each
view puts one in its context as `json_ld`; base.html renders it. Each domain describes its
own records (forum/<app>/structured.py)."""

from django.utils.translation import gettext as _

CONTEXT = "https://schema.org"
#: The forum's own node, which the others point to.
FORUM = "/#forum"


def absolute(request, path):
    return request.build_absolute_uri(path)


def organization(request) -> dict:
    return {
        "@type": "Organization",
        "@id": absolute(request, FORUM),
        "name": _("Digital Nations"),
        "url": absolute(request, "/"),
        "foundingDate": "2014-12",
    }


def one(data: dict) -> dict:
    return {"@context": CONTEXT, **data}


def item_list(request, name: str, items: list[dict]) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "url": absolute(request, request.path),
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": [
                {"@type": "ListItem", "position": position, "item": item}
                for position, item in enumerate(items, 1)
            ],
        },
    }
