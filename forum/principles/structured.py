"""schema.org description (JSON-LD) of a principle (forum.core.structured)."""

from forum.core.i18n import localise_path
from forum.core.structured import absolute


def principle_json_ld(request, principle) -> dict:
    return {
        "@type": "DefinedTerm",
        "name": principle.name,
        "description": principle.summary,
        "url": absolute(request, principle.get_absolute_url()),
        "inDefinedTermSet": absolute(request, localise_path("/about/") + "#principles"),
    }
