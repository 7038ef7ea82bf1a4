"""The export as a WARC file (ISO 28500), the format web archives ingest and replay.

One `response` record for each address the export wrote, holding the answer as the site
gave it (before its links were made relative), under its original address on the live
site; a `warcinfo` record first says what made the file and from which content. The
archive's own pages (the index of every page that stands in for the search, the notes
in place of forms) are not in it: the site never served them. Written with warcio
(Webrecorder's library), each record gzip-compressed on its own as archives expect, one
record at a time: nothing is kept in memory.
"""

import hashlib
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


class WarcFile:
    def __init__(self, path: Path, info: dict[str, str]):
        self.path = path
        self.records = 0
        self._handle = path.open("xb")
        self._writer = WARCWriter(self._handle, gzip=True, warc_version="1.1")
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, info))

    def add(self, url: str, body: bytes, content_type: str):
        """The answer to `url`: a 200 with its type and body."""
        headers = [("Content-Length", str(len(body)))]
        if content_type:
            headers.insert(0, ("Content-Type", content_type))
        record = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
        )
        self._writer.write_record(record)
        self.records += 1

    def close(self) -> str:
        """Close the file; its SHA-256."""
        self._handle.close()
        digest = hashlib.sha256()
        with self.path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def abandon(self):
        self._handle.close()
        self.path.unlink(missing_ok=True)
