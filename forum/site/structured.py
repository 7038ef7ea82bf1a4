"""schema.org descriptions (JSON-LD) of the home and About pages."""

from django.utils.translation import gettext as _

from forum.core.structured import CONTEXT, absolute, organization


def website(request, description: str) -> dict:
    return {
        "@context": CONTEXT,
        "@graph": [
            {**organization(request), "description": description},
            {
                "@type": "WebSite",
                "name": _("Digital Nations"),
                "url": absolute(request, "/"),
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": absolute(request, "/search/") + "?q={q}",
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
        "url": absolute(request, page.url),
        "about": {
            **organization(request),
            "description": page.mission_statement,
            "knowsAbout": [principle.name for principle in principles],
        },
    }
