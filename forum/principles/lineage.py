"""A principle through the Charter's versions: when it appeared, was reworded, renamed or
dropped, and where a version's wording is not known."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Principle, PrincipleWording

EVENTS = {
    "appeared": _("First appears"),
    "unchanged": _("Unchanged"),
    "reworded": _("Reworded"),
    "renamed": _("Renamed"),
    "dropped": _("Dropped"),
    "absent": _("Not in this version"),
    "unknown": _("Wording not known"),
}


@dataclass
class Step:
    version: object  # a documents.DocumentVersion
    wording: PrincipleWording | None
    event: str
    previous_name: str = ""

    @property
    def label(self):
        return EVENTS[self.event]


def charter_versions():
    """Every version of the Charter, oldest first: the versions of the charters whose
    wordings of the principles are recorded (other documents of the charter type, as the
    demo data makes by the thousand, are not the Charter). Read through
    `PrincipleWording.version`, as the documents app depends on this one and is not
    imported here."""
    version = PrincipleWording._meta.get_field("version").related_model
    charters = list(
        PrincipleWording.objects.values_list("version__document_id", flat=True).distinct()
    )
    return (
        version.objects.filter(document_id__in=charters)
        .select_related("document")
        .order_by("date", "number")
    )


def principle_lineage(principle: Principle) -> list[Step]:
    versions = charter_versions()
    wordings = {wording.version_id: wording for wording in principle.wordings.all()}
    steps, last = [], None
    for version in versions:
        wording = wordings.get(version.pk)
        if wording is None and not version.text.strip():
            steps.append(Step(version, None, "unknown"))
            continue
        if wording is None:
            steps.append(Step(version, None, "dropped" if last else "absent"))
        elif last is None:
            steps.append(Step(version, wording, "appeared"))
        elif wording.name != last.name:
            steps.append(Step(version, wording, "renamed", previous_name=last.name))
        elif wording.text != last.text:
            steps.append(Step(version, wording, "reworded"))
        else:
            steps.append(Step(version, wording, "unchanged"))
        last = wording
    return steps
