"""schema.org description (JSON-LD) of a member government (forum.core.structured)."""

from forum.core.structured import FORUM, absolute


def member_json_ld(request, member) -> dict:
    return {
        "@type": "GovernmentOrganization",
        "name": member.government_body or member.name,
        "url": absolute(request, member.get_absolute_url()),
        "areaServed": {"@type": "Country", "name": member.name, "identifier": member.iso_code},
        "memberOf": {"@id": absolute(request, FORUM)},
    }
