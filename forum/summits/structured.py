"""schema.org description (JSON-LD) of a summit (forum.core.structured)."""

from forum.core.structured import FORUM, absolute


def summit_json_ld(request, summit) -> dict:
    data = {
        "@type": "Event",
        "name": f"{summit.label} {summit.year}",
        "url": absolute(request, summit.get_absolute_url()),
        "organizer": {"@id": absolute(request, FORUM)},
    }
    if summit.start_date:
        data["startDate"] = summit.start_date.isoformat()
    if summit.end_date:
        data["endDate"] = summit.end_date.isoformat()
    if summit.theme:
        data["description"] = summit.theme
    if summit.virtual:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        data["location"] = {"@type": "VirtualLocation", "url": absolute(request, "/")}
    elif summit.city:
        data["location"] = {"@type": "Place", "name": summit.city}
    return data
