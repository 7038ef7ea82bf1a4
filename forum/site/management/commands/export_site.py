import signal
import threading
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.site.archive.export import Exporter, ExportError


class Command(BaseCommand):
    help = (
        "Write the public site to DIR as static files that open without a server: every "
        "page of the sitemap in every language, the documents' PDFs, texts and files, the "
        "feeds, the read API's answers, the open data, the stylesheet and pictures, with "
        "links between them made relative, and manifest.json listing every file with its "
        "SHA-256 (check it with verify_export). Safe while the site runs; it neither reads "
        "nor fills the page cache. DIR is written only once the export is complete."
    )

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path, help="The folder to write (new or empty).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace DIR if it holds an earlier export (it has a manifest.json).",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's public address, kept in the files as their original address "
            "(default: SITE_URL).",
        )
        parser.add_argument(
            "--warc",
            type=Path,
            default=None,
            metavar="FILE",
            help="Also write the export as a WARC file (FILE, e.g. site.warc.gz), the format "
            "web archives ingest: every answer as the site gave it, under its original "
            "address. Named with its SHA-256 in manifest.json.",
        )

    def handle(self, *args, dir, replace=False, base_url="", warc=None, **options):
        verbose = options["verbosity"] > 0
        stderr = self.stderr

        def progress(line):
            if verbose:
                stderr.write(line)
                stderr.flush()

        exporter = Exporter(dir, base_url=base_url, replace=replace, progress=progress, warc=warc)
        main = threading.current_thread() is threading.main_thread()
        previous = signal.getsignal(signal.SIGTERM)
        if main:  # stopped (kill, a service manager): the partial folder goes, as on a failure
            signal.signal(signal.SIGTERM, _stop)
        try:
            summary = exporter.run()
        except ExportError as error:
            raise CommandError(
                f"Export failed at {error.url}: {error.reason}. Nothing was written to {dir}."
            ) from error
        finally:
            if main:
                signal.signal(signal.SIGTERM, previous)
        if verbose:
            self.stdout.write(str(summary))
        if summary.content_changed:
            self.stderr.write(self.style.WARNING("Warning: the content changed during the export."))


def _stop(signum, frame):
    raise SystemExit(f"Stopped by signal {signum}: nothing was written.")
