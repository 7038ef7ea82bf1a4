from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.site.archive import manifest

SHOWN = 200


class Command(BaseCommand):
    help = (
        "Check an export of the site (export_site) against its manifest.json: every file "
        "there, of the same size and SHA-256, and nothing else; exits with an error naming "
        "what is missing, changed or unexpected. With --against NEWER, also list the "
        "addresses added, removed and changed from DIR to NEWER: the public record of "
        "what changed between the two exports."
    )

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path, help="The export to check.")
        parser.add_argument(
            "--against", type=Path, help="A later export to compare DIR with (checked too)."
        )

    def handle(self, *args, dir, against=None, **options):
        failed = []
        for folder in [dir] + ([against] if against else []):
            if not (folder / manifest.NAME).is_file():
                raise CommandError(f"{folder} holds no {manifest.NAME}: is it an export?")
            report = manifest.verify(folder)
            self._report(folder, report)
            if not report.ok:
                failed.append(folder)
        if against:
            self._compare(dir, against)
        if failed:
            names = ", ".join(str(folder) for folder in failed)
            raise CommandError(f"{names}: does not match its manifest (see above).")

    def _report(self, folder: Path, report: manifest.Verification):
        facts = report.facts
        self.stdout.write(
            f"{folder}: exported {facts.get('exported_at', '?')} from {facts.get('site', '?')}, "
            f"code {facts.get('code_version', '?')}, content {facts.get('content_version', '?')}"
        )
        for title, rows in (
            ("Missing", [f"{path} ({url})" for path, url in report.missing]),
            ("Changed", [f"{path} ({url}): {what}" for path, url, what in report.changed]),
            ("Not in the manifest", report.unexpected),
        ):
            self._list(title, rows, style=self.style.ERROR)
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{report.checked} files match the manifest ({report.bytes / 1e6:.1f} MB)."
                )
            )

    def _compare(self, old: Path, new: Path):
        comparison = manifest.compare(old, new)
        self.stdout.write(
            f"From {old} (content {comparison.old.get('content_version', '?')}) "
            f"to {new} (content {comparison.new.get('content_version', '?')}):"
        )
        self._list("Added", comparison.added)
        self._list("Removed", comparison.removed)
        self._list("Changed", comparison.changed)
        if not (comparison.added or comparison.removed or comparison.changed):
            self.stdout.write("No address was added, removed or changed.")

    def _list(self, title: str, rows: list, style=None):
        """A heading and the rows; problems are shown up to SHOWN, changes all."""
        if not rows:
            return
        heading = f"{title} ({len(rows)}):"
        self.stdout.write(style(heading) if style else heading)
        shown = rows[:SHOWN] if style else rows
        for row in shown:
            self.stdout.write(f"  {row}")
        if len(rows) > len(shown):
            self.stdout.write(f"  … and {len(rows) - len(shown)} more")
