"""Check that the audit log is as the application wrote it: every entry follows the one
before it in the chain of hashes, and holds the values it was written with.

The triggers refuse every change but one, but whoever can drop them (the database's
owner) could change, remove or slip in an entry with raw SQL: this finds the first entry
where that happened, and fails. Entries pseudonymised when an account was deleted (the
one change allowed, forum.members.services.audit_pseudonymise) are listed as such: their
place in the chain is checked, their personal values cannot be any more; each must be
named by an "audit.redact" entry.

The chain proves nothing about its end: whoever removes the last entries, or rewrites the
chain from some entry on, leaves a whole chain. Keep the last hash it prints somewhere
else (with the backups, in the monitoring's log) and compare.
"""

from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError

from forum.core.models import AuditEntry, audit_hash, audit_personal_digest
from forum.members.services import REDACT_ACTION


def ranges(ids: list[int]) -> str:
    """1, 2, 3, 5 as "1-3, 5"."""
    parts, start = [], None
    for index, pk in enumerate(ids):
        if start is None:
            start = pk
        if index + 1 == len(ids) or ids[index + 1] != pk + 1:
            parts.append(str(pk) if pk == start else f"{start}-{pk}")
            start = None
    return ", ".join(parts)


@dataclass
class ChainReport:
    entries: int = 0
    pseudonymised: list[int] = field(default_factory=list)
    last_hash: str = ""
    #: What is wrong at the first broken link; empty if nothing is.
    problem: str = ""


def chain_check(entries) -> ChainReport:
    """Read the entries in the order of their ids, up to the first broken link."""
    report, previous_pk, named = ChainReport(), None, set()
    for entry in entries:
        report.entries += 1
        if entry.prev_hash != report.last_hash:
            after = f"entry {previous_pk}" if previous_pk else "the start of the log"
            report.problem = (
                f"Entry {entry.pk} does not follow {after}: an entry between them was removed, "
                f"or entry {entry.pk} was not written by the application."
            )
            return report
        if entry.hash != audit_hash(entry) or (
            entry.redacted_at is None and entry.personal_digest != audit_personal_digest(entry)
        ):
            report.problem = (
                f"Entry {entry.pk} was changed after it was written: its values do not match "
                "its hash."
            )
            return report
        if entry.redacted_at is not None:
            report.pseudonymised.append(entry.pk)
        elif entry.action == REDACT_ACTION and isinstance(entry.after, dict):
            named.update(entry.after.get("entries", []))
        report.last_hash, previous_pk = entry.hash, entry.pk
    unnamed = [pk for pk in report.pseudonymised if pk not in named]
    if unnamed:
        report.problem = (
            f"Entry {unnamed[0]} was pseudonymised, but no {REDACT_ACTION} entry names it."
        )
    return report


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        report = chain_check(AuditEntry.objects.order_by("pk").iterator(chunk_size=2000))
        if report.problem:
            raise CommandError(f"The audit log's chain is broken. {report.problem}")
        self.stdout.write(f"The audit log's chain is whole: {report.entries} entries.")
        if report.pseudonymised:
            self.stdout.write(
                f"Pseudonymised when an account was deleted ({len(report.pseudonymised)}): "
                f"entries {ranges(report.pseudonymised)}."
            )
        if report.last_hash:
            self.stdout.write(f"Last hash: {report.last_hash}")
