from pathlib import Path

from django.core.management.base import BaseCommand

from forum.site.backup import backup_create


class Command(BaseCommand):
    help = (
        "Save the database and the uploaded files (MEDIA_ROOT) in one archive, FILE "
        "(.tar.gz), which `restore` reads into a new database, SQLite or PostgreSQL. Safe "
        "while the site runs: the rows are read as one snapshot. The archive holds password "
        "hashes and two-factor secrets: keep it as safe as the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive to write.")
        parser.add_argument("--force", action="store_true", help="Replace FILE if it exists.")

    def handle(self, *args, file, force=False, **options):
        report = backup_create(path=file, force=force)
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        if options["verbosity"] > 0:
            self.stdout.write(str(report))
