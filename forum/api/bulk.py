"""Bulk data at /data/: every public collection as CSV and JSON, described by a
Frictionless Data Package (/data/datapackage.json).

A collection's rows are the API's records (the same schemas, the same order), without
their nested lists of records, which are collections of their own (a document's versions
and signatures, a principle's wordings). The files are generated on request and cached
under a content version, which changes whenever a public record is saved or deleted
(signals connected in ApiConfig.ready) and with the number and newest id of each table.
"""

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from forum.core.models import ContentClock
from forum.decisions.api import DecisionOut, ProgressNoteOut, decisions
from forum.decisions.models import ProgressNote
from forum.documents.api import DocumentOut, SignatureOut, VersionOut, with_details
from forum.documents.models import (
    Document,
    DocumentVersion,
    Signature,
)
from forum.groups.api import WorkingGroupOut, groups
from forum.members.api import MemberOut, members
from forum.news.api import NewsItemOut, news
from forum.policies.models import Licence
from forum.practices.api import PracticeOut, practices
from forum.principles.api import PrincipleOut, WordingOut, principles
from forum.principles.models import PrincipleWording
from forum.statements.api import StatementOut
from forum.statements.api import statements as statement_list
from forum.summits.api import SummitOut, summits

from .http import open_data
from .published import WORKING_NOTES

CACHE_SECONDS = 60 * 60
FORMATS = {"csv": "text/csv; charset=utf-8; header=present", "json": "application/json"}


@dataclass(frozen=True)
class Parent:
    """The first column of a nested collection: the slug of its row's record."""

    name: str  # "document": the attribute of a row's object, and the column
    resource: str  # "documents": the collection it refers to
    key: str = "slug"  # what names the record: "id" for a decision

    @property
    def description(self):
        return f"{'Identifier' if self.key == 'id' else 'Slug'} of the {self.name}."

    def value(self, obj):
        return getattr(getattr(obj, self.name), self.key)


@dataclass(frozen=True)
class Collection:
    name: str
    title: str
    description: str
    schema: type
    objects: Callable
    primary_key: list[str]
    parent: Parent | None = None
    references: dict[str, tuple[str, str]] = field(default_factory=dict)

    def fields(self) -> list[dict]:
        """The Table Schema fields: the schema's scalar and list-of-scalar properties, but
        the secretariat's working notes (forum.api.published)."""
        properties = self.schema.model_json_schema(mode="serialization")["properties"]
        fields = []
        if self.parent:
            kind = "integer" if self.parent.key == "id" else "string"
            fields.append(
                {"name": self.parent.name, "type": kind, "description": self.parent.description}
            )
        for name, spec in properties.items():
            if name in WORKING_NOTES:
                continue
            described = table_field(name, spec)
            if described:
                fields.append(described)
        return fields

    def rows(self, request) -> list[dict]:
        names = [f["name"] for f in self.fields()]
        rows = []
        for obj in self.objects():
            record = self.schema.model_validate(obj, context={"request": request})
            values = record.model_dump(mode="json")
            if self.parent:
                values[self.parent.name] = self.parent.value(obj)
            rows.append({name: values[name] for name in names})
        return rows

    def table_schema(self, *, with_keys: bool) -> dict:
        schema = {"fields": self.fields()}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        if with_keys:
            keys = dict(self.references)
            if self.parent:
                keys[self.parent.name] = (self.parent.resource, self.parent.key)
            schema["foreignKeys"] = [
                {"fields": name, "reference": {"resource": resource, "fields": key}}
                for name, (resource, key) in keys.items()
            ]
        return schema


def table_field(name: str, spec: dict) -> dict | None:
    """A Table Schema field for a JSON Schema property; None for lists of records."""
    options = [s for s in spec.get("anyOf", [spec]) if s.get("type") != "null"]
    kind = options[0] if len(options) == 1 else {}
    if kind.get("type") == "array" and kind.get("items", {}).get("type") not in {"string"}:
        return None
    types = {"string": "string", "integer": "integer", "boolean": "boolean", "array": "array"}
    described = {
        "name": name,
        "type": "date" if kind.get("format") == "date" else types[kind["type"]],
        "description": spec.get("description", ""),
    }
    if name == "url" or name.endswith("_url"):
        described["format"] = "uri"
    if "enum" in kind:
        described["constraints"] = {"enum": kind["enum"]}
    return described


COLLECTIONS = {
    c.name: c
    for c in [
        Collection(
            name="members",
            title=_("Member governments"),
            description=_("The forum's member governments, in the order they joined."),
            schema=MemberOut,
            objects=members,
            primary_key=["iso_code"],
            references={"joined_summit": ("summits", "slug")},
        ),
        Collection(
            name="principles",
            title=_("Principles"),
            description=_(
                "The principles of the Charter in force in its order, then earlier ones."
            ),
            schema=PrincipleOut,
            objects=principles,
            primary_key=["slug"],
        ),
        Collection(
            name="principle-wordings",
            title=_("Principle wordings"),
            description=_("How each Charter version words each principle."),
            schema=WordingOut,
            objects=lambda: PrincipleWording.objects.select_related(
                "principle", "version__document"
            ).order_by("principle__slug", "version__date", "version__number", "pk"),
            primary_key=["principle", "document", "version"],
            parent=Parent("principle", "principles"),
        ),
        Collection(
            name="summits",
            title=_("Ministerial summits"),
            description=_("The forum's ministerial summits, newest first."),
            schema=SummitOut,
            objects=summits,
            primary_key=["slug"],
            references={"host": ("members", "iso_code")},
        ),
        Collection(
            name="working-groups",
            title=_("Working groups"),
            description=_("The forum's working groups, active ones first."),
            schema=WorkingGroupOut,
            objects=groups,
            primary_key=["slug"],
            references={
                "lead": ("members", "iso_code"),
                "established_summit": ("summits", "slug"),
            },
        ),
        Collection(
            name="documents",
            title=_("Key documents"),
            description=_("The forum's key documents, newest first."),
            schema=DocumentOut,
            objects=lambda: with_details(
                Document.objects.public().order_by("-date", "type", "title", "pk")
            ),
            primary_key=["slug"],
            references={
                "summit": ("summits", "slug"),
                "drafted_by_group": ("working-groups", "slug"),
            },
        ),
        Collection(
            name="document-versions",
            title=_("Document versions"),
            description=_("Every version of every key document, with its text and its checksum."),
            schema=VersionOut,
            objects=lambda: DocumentVersion.objects.select_related("document", "summit").order_by(
                "document__slug", "number", "pk"
            ),
            primary_key=["document", "number"],
            parent=Parent("document", "documents"),
            references={"summit": ("summits", "slug")},
        ),
        Collection(
            name="signatures",
            title=_("Signatures"),
            description=_("Who signed, adopted, endorsed or supported each key document."),
            schema=SignatureOut,
            objects=lambda: Signature.objects.select_related(
                "document", "member", "version"
            ).order_by("document__slug", "version__number", "sort_order", "pk"),
            primary_key=[],
            parent=Parent("document", "documents"),
            references={"member": ("members", "iso_code")},
        ),
        Collection(
            name="news",
            title=_("News"),
            description=_("Published news items, newest first."),
            schema=NewsItemOut,
            objects=news,
            primary_key=["slug"],
        ),
        Collection(
            name="practices",
            title=_("Practices"),
            description=_(
                "Practices member governments have shared with the public, newest first."
            ),
            schema=PracticeOut,
            objects=practices,
            primary_key=["slug"],
            references={"member": ("members", "iso_code"), "group": ("working-groups", "slug")},
        ),
        Collection(
            name="decisions",
            title=_("Decisions"),
            description=_(
                "What each summit or working group meeting decided, who carries it, by when "
                "and where it stands, newest summit first."
            ),
            schema=DecisionOut,
            objects=decisions,
            primary_key=["id"],
            references={
                "summit": ("summits", "slug"),
                "meeting_group": ("working-groups", "slug"),
                "group": ("working-groups", "slug"),
                "document": ("documents", "slug"),
            },
        ),
        Collection(
            name="progress-notes",
            title=_("Progress notes"),
            description=_("What became of each decision, dated, oldest first."),
            schema=ProgressNoteOut,
            objects=lambda: ProgressNote.objects.public()
            .select_related("decision")
            .prefetch_related("documents", "practices", "news")
            .order_by("decision_id", "date", "pk"),
            primary_key=[],
            parent=Parent("decision", "decisions", key="id"),
        ),
        Collection(
            name="statements",
            title=_("How members live the principles"),
            description=_(
                "Each member's current statement on each principle: how it applies it at "
                "home, in its own words, with the year it was written."
            ),
            schema=StatementOut,
            objects=statement_list,
            primary_key=["id"],
            references={"member": ("members", "iso_code"), "principle": ("principles", "slug")},
        ),
    ]
}


#: What a spreadsheet reads as the start of a formula in a cell (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_csv(fields: list[dict], rows: list[dict]) -> bytes:
    """RFC 4180: a header row, CRLF line ends, quotes where needed; lists as JSON arrays,
    as Table Schema reads them; null as an empty cell."""

    def cell(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            # A spreadsheet would run it as a formula (=HYPERLINK(…)): kept as text.
            return "'" + value
        return str(value)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f["name"] for f in fields])
    for row in rows:
        writer.writerow([cell(row[f["name"]]) for f in fields])
    return out.getvalue().encode("utf-8")


def to_json(rows: list[dict]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def build(request) -> dict:
    """Every file, generated or from the cache: {"members.csv": bytes, ...}."""
    key = f"bulk-data:{ContentClock.version()}:{request.scheme}://{request.get_host()}"
    files = cache.get(key)
    if files is None:
        files = {}
        for collection in COLLECTIONS.values():
            rows = collection.rows(request)
            fields = collection.fields()
            files[f"{collection.name}.csv"] = to_csv(fields, rows)
            files[f"{collection.name}.json"] = to_json(rows)
            files[f"{collection.name}.count"] = len(rows)
        with translation.override("en"):  # the open data is in English, as the API
            files["datapackage.json"] = datapackage(request, files)
        cache.set(key, files, CACHE_SECONDS)
    return files


def datapackage(request, files: dict) -> bytes:
    licence = Licence.load()
    resources = []
    for collection in COLLECTIONS.values():
        for fmt in FORMATS:
            path = f"{collection.name}.{fmt}"
            content = files[path]
            resource = {
                "profile": "tabular-data-resource" if fmt == "csv" else "data-resource",
                "name": collection.name if fmt == "csv" else f"{collection.name}-json",
                "path": path,
                "title": str(collection.title),
                "description": str(collection.description),
                "format": fmt,
                "mediatype": FORMATS[fmt].split(";")[0],
                "encoding": "utf-8",
                "bytes": len(content),
                "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
            }
            if fmt == "csv":
                resource["dialect"] = {
                    "delimiter": ",",
                    "lineTerminator": "\r\n",
                    "quoteChar": '"',
                    "doubleQuote": True,
                    "header": True,
                }
            resource["schema"] = collection.table_schema(with_keys=fmt == "csv")
            resources.append(resource)
    package = {
        # "data-package": the JSON files are not tabular data resources in the v1 spec.
        "profile": "data-package",
        "name": "digital-nations",
        "title": "Digital Nations: open data",
        "description": "Everything public about Digital Nations, the forum of leading "
        "digital governments: members, principles, summits, working groups, key documents "
        "with their versions and signatories, news and practices. The same records as the "
        "read API "
        "at /api/v1/.",
        "homepage": request.build_absolute_uri("/data/"),
        "licenses": [
            {
                "name": licence.identifier or licence.name,
                "path": licence.url,
                "title": licence.full_title,
            }
        ],
        "resources": resources,
    }
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@require_safe
def data_index(request):
    files = build(request)
    collections = [
        {
            "name": c.name,
            "title": c.title,
            "description": c.description,
            "count": files[f"{c.name}.count"],
            "csv": len(files[f"{c.name}.csv"]),
            "json": len(files[f"{c.name}.json"]),
        }
        for c in COLLECTIONS.values()
    ]
    package_size = len(files["datapackage.json"])
    context = {
        "collections": collections,
        "package_size": package_size,
        "licence": Licence.load(request),
    }
    return render(request, "api/data.html", context)


@open_data
def data_file(request, name, fmt):
    if name not in COLLECTIONS or fmt not in FORMATS:
        raise Http404
    return HttpResponse(build(request)[f"{name}.{fmt}"], content_type=FORMATS[fmt])


@open_data
def data_package(request):
    return HttpResponse(build(request)["datapackage.json"], content_type="application/json")
