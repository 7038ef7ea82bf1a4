from pathlib import Path

from django.core.management.base import BaseCommand

from forum.site.backup import backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup` into a new database: create it, run `migrate` "
        "(and nothing else), then `restore FILE`. A database holding anything else is "
        "refused, since the audit log can never be deleted from. The rows are loaded in one "
        "transaction and the files moved into MEDIA_ROOT only once it succeeded; every "
        "table's row count and every file's checksum is checked against the archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace files in MEDIA_ROOT that differ from the archive's.",
        )

    def handle(self, *args, file, force=False, **options):
        report = backup_restore(path=file, force=force)
        if options["verbosity"] > 0:
            self.stdout.write(str(report))
