"""Extract the interface's messages into forum/locale/<language>/LC_MESSAGES/django.po
(Django's makemessages, which needs GNU gettext), or with --check only say which messages
the catalogues lack."""

import os
import tempfile
from pathlib import Path

import polib

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

IGNORE = [
    "locale",  # or makemessages would write into it, whatever LOCALE_PATHS says
    ".venv",
    "node_modules",
    "staticfiles",
    "media",
    "test-artifacts",
    "*/tests/*",
    "conftest.py",
]


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


def extract(locale_dir: Path, language_codes: list[str]):
    """makemessages into locale_dir, from the project's root."""
    here = Path.cwd()
    os.chdir(settings.BASE_DIR)
    try:
        with override_settings(LOCALE_PATHS=[locale_dir]):
            call_command(
                "makemessages",
                locale=language_codes,
                ignore_patterns=IGNORE,
                no_location=True,
                verbosity=0,
            )
    finally:
        os.chdir(here)


def missing_messages() -> dict[str, list[str]]:
    """The messages of the source that each language's catalogue lacks."""
    ours = Path(settings.LOCALE_PATHS[0])
    with tempfile.TemporaryDirectory() as tmp:
        extract(Path(tmp), languages()[:1])
        wanted = {
            (entry.msgctxt, entry.msgid)
            for entry in polib.pofile(str(catalogue(Path(tmp), languages()[0])))
        }
    missing = {}
    for language in languages():
        path = catalogue(ours, language)
        have = set()
        if path.exists():
            have = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}
        lacking = sorted(msgid for _ctx, msgid in wanted - have)
        if lacking:
            missing[language] = lacking
    return missing


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Change nothing; fail if messages are missing."
        )

    def handle(self, *args, check=False, **options):
        if not check:
            extract(Path(settings.LOCALE_PATHS[0]), languages())
            self.stdout.write("Catalogues updated; translate the new messages, then compile.")
            return
        missing = missing_messages()
        if missing:
            lines = [
                f"{lang}: {len(ids)} missing, e.g. {ids[0]!r}" for lang, ids in missing.items()
            ]
            raise CommandError("Messages not in the catalogues:\n" + "\n".join(lines))
        self.stdout.write("Every message is in every catalogue.")
