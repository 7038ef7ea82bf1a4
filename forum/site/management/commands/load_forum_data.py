from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.site.loading import forum_data_load


class Command(BaseCommand):
    help = (
        "Load or update the forum's data (members, summits, groups, documents, principles, "
        "the About page) from the YAML file shipped with the project. Safe to run again: "
        "records edited in the CMS are kept unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="Another data file to load.")
        parser.add_argument(
            "--force", action="store_true", help="Overwrite records edited in the CMS."
        )

    def handle(self, *args, file=None, force=False, **options):
        if file is not None and not file.is_file():
            raise CommandError(f"No such file: {file}")
        report = forum_data_load(path=file, force=force)
        if options["verbosity"] > 0:
            self.stdout.write(str(report))
