"""schema.org descriptions (JSON-LD) of the forum's public pages. Each view puts one in its
context as `json_ld`; base.html renders it."""

from django.utils.translation import gettext as _

from forum.core.i18n import localise_path

CONTEXT = "https://schema.org"


def _url(request, path):
    return request.build_absolute_uri(path)


def forum_organization(request) -> dict:
    return {
        "@type": "Organization",
        "@id": _url(request, "/#forum"),
        "name": _("Digital Nations"),
        "url": _url(request, "/"),
        "foundingDate": "2014-12",
    }


def website(request, description: str) -> dict:
    return {
        "@context": CONTEXT,
        "@graph": [
            {**forum_organization(request), "description": description},
            {
                "@type": "WebSite",
                "name": _("Digital Nations"),
                "url": _url(request, "/"),
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": _url(request, "/search/") + "?q={q}",
                    "query-input": "required name=q",
                },
            },
        ],
    }


def about_page(request, page, principles) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "AboutPage",
        "name": page.title,
        "url": _url(request, page.url),
        "about": {
            **forum_organization(request),
            "description": page.mission_statement,
            "knowsAbout": [principle.name for principle in principles],
        },
    }


def member(request, member) -> dict:
    return {
        "@type": "GovernmentOrganization",
        "name": member.government_body or member.name,
        "url": _url(request, member.get_absolute_url()),
        "areaServed": {"@type": "Country", "name": member.name, "identifier": member.iso_code},
        "memberOf": {"@id": _url(request, "/#forum")},
    }


def summit(request, summit) -> dict:
    data = {
        "@type": "Event",
        "name": f"{summit.label} {summit.year}",
        "url": _url(request, summit.get_absolute_url()),
        "organizer": {"@id": _url(request, "/#forum")},
    }
    if summit.start_date:
        data["startDate"] = summit.start_date.isoformat()
    if summit.end_date:
        data["endDate"] = summit.end_date.isoformat()
    if summit.theme:
        data["description"] = summit.theme
    if summit.virtual:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        data["location"] = {"@type": "VirtualLocation", "url": _url(request, "/")}
    elif summit.city:
        data["location"] = {"@type": "Place", "name": summit.city}
    return data


def group(request, group) -> dict:
    data = {
        "@type": "Project",
        "name": group.name,
        "url": _url(request, group.get_absolute_url()),
        "description": group.focus,
        "parentOrganization": {"@id": _url(request, "/#forum")},
    }
    if group.lead:
        data["funder"] = {"@type": "GovernmentOrganization", "name": group.lead.name}
    return data


def principle(request, principle) -> dict:
    return {
        "@type": "DefinedTerm",
        "name": principle.name,
        "description": principle.summary,
        "url": _url(request, principle.get_absolute_url()),
        "inDefinedTermSet": _url(request, localise_path("/about/") + "#principles"),
    }


def news_item(request, item) -> dict:
    return {
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.summary,
        "datePublished": item.date.isoformat(),
        "url": _url(request, item.get_absolute_url()),
        "publisher": {"@id": _url(request, "/#forum")},
    }


def one(data: dict) -> dict:
    return {"@context": CONTEXT, **data}


def item_list(request, name: str, items: list[dict]) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "url": _url(request, request.path),
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": [
                {"@type": "ListItem", "position": position, "item": item}
                for position, item in enumerate(items, 1)
            ],
        },
    }
