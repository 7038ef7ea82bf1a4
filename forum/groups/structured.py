"""schema.org description (JSON-LD) of a working group (forum.core.structured)."""

from forum.core.structured import FORUM, absolute


def group_json_ld(request, group) -> dict:
    data = {
        "@type": "Project",
        "name": group.name,
        "url": absolute(request, group.get_absolute_url()),
        "description": group.focus,
        "parentOrganization": {"@id": absolute(request, FORUM)},
    }
    if group.lead:
        data["funder"] = {"@type": "GovernmentOrganization", "name": group.lead.name}
    return data
