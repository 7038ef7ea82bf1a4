"""Load the forum's facts (data/digital-nations.yaml) and the seed page's texts
(data/site.yaml) into the database.

Loading is idempotent. Each record's loaded values are fingerprinted; on a later load a
record whose values no longer match its fingerprint was edited by the secretariat and is
left alone unless `force` is given.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page, Site

from forum.contact.models import ContactPage
from forum.core.models import ContentClock, Translation
from forum.core.translation import TRANSLATABLE, record_key, reindex_translated
from forum.decisions.models import Decision, DecisionBasis, DecisionStatus
from forum.documents.models import Document, DocumentVersion, Signature, TextKind
from forum.groups.models import GroupLead, WorkingGroup
from forum.members.models import Member
from forum.news.models import NewsItem
from forum.policies.models import AccessibilityPage, CookiesPage, Licence, LicencePage, PrivacyPage
from forum.principles.models import Principle, PrincipleWording
from forum.site.models import AboutPage, ForumName, HomePage, LoadedRecord
from forum.summits.models import Summit

SITE_FILE_NAME = "site.yaml"
ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)\b")
YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})")
#: The pages every government site has, by slug (site.yaml's `pages`).
POLICY_PAGES = {
    "privacy": PrivacyPage,
    "accessibility": AccessibilityPage,
    "cookies": CookiesPage,
    "licence": LicencePage,
    "contact": ContactPage,
}


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def __str__(self):
        lines = [
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.kept)} kept as edited in the CMS."
        ]
        lines += [f"  kept: {key} (use --force to overwrite)" for key in self.kept]
        return "\n".join(lines)


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _digest(values: dict) -> str:
    encoded = json.dumps({k: _plain(v) for k, v in values.items()}, sort_keys=True)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _sources(record: dict) -> str:
    return "\n".join(record.get("sources") or [])


def _month(text: str | None) -> datetime.date | None:
    match = YEAR_MONTH.match(str(text or ""))
    return datetime.date(int(match[1]), int(match[2]), 1) if match else None


def _day(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(str(text)) if text else None


def _ordinal(text: str | None) -> int | None:
    match = ORDINAL.search(str(text or ""))
    return int(match[1]) if match else None


def _key(record: dict) -> str:
    return record["key"].replace("_", "-")


class Loader:
    def __init__(self, data: dict, site: dict, *, force: bool):
        self.data = data
        self.site = site
        self.force = force
        self.report = LoadReport()

    def upsert(
        self, model, lookup: dict, values: dict, part: str = ""
    ) -> tuple[models.Model, bool]:
        """Create or update one record (or one `part` of its fields); returns it and
        whether it was written."""
        base_key = f"{model._meta.label}:{'/'.join(str(v) for v in lookup.values())}"
        key = base_key + part
        wanted = _digest(values)
        obj = model.objects.filter(**lookup).first()
        record = LoadedRecord.objects.filter(key=key).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean(validate_unique=False, validate_constraints=False)
            obj.save()
            self.report.created.append(key)
        else:
            current = _digest({name: getattr(obj, name) for name in values})
            if current == wanted:
                if record is None or record.digest != wanted:
                    LoadedRecord.objects.update_or_create(key=key, defaults={"digest": wanted})
                return obj, False
            if record is not None:
                edited = record.digest != current
            else:  # a part never loaded is ours to fill if the record itself is ours
                edited = not part or not LoadedRecord.objects.filter(key=base_key).exists()
            if edited and not self.force:
                self.report.kept.append(key)
                return obj, False
            for name, value in values.items():
                setattr(obj, name, value)
            obj.full_clean(validate_unique=False, validate_constraints=False)
            obj.save()
            self.report.updated.append(key)
        LoadedRecord.objects.update_or_create(key=key, defaults={"digest": wanted})
        return obj, True

    def run(self) -> LoadReport:
        self.members = self.load_members()
        self.summits = self.load_summits()
        self.link_members_to_summits()
        self.groups = self.load_groups()
        self.documents = self.load_documents()
        self.load_principles()
        self.load_signatories()
        self.load_decisions()
        self.load_names()
        self.load_news()
        self.load_pages()
        self.load_translations()
        return self.report

    def load_members(self) -> dict[str, Member]:
        members = {}
        for item in self.data["members"]:
            earlier = "\n".join(
                f"{body['body']} — {body['context']}" for body in item.get("earlier_bodies", [])
            )
            member, _ = self.upsert(
                Member,
                {"iso_code": item["iso_alpha2"]},
                {
                    "name": item["country"],
                    "government_body": item.get("participating_body_2021") or "",
                    "earlier_bodies": earlier,
                    "founding": item["founding"],
                    "joined_year": item["joined_year"],
                    "joined_on": _day(item.get("joined_date")),
                    "notes": item.get("notes") or "",
                    "sources": _sources(item),
                    "confidence": item.get("confidence", "high"),
                },
            )
            members[item["iso_alpha2"]] = member
        return members

    def load_summits(self) -> dict[int, Summit]:
        summits = {}
        for item in self.data["summits"]:
            host = self.members.get(item["host_country"])
            virtual = item.get("city") == "virtual"
            city = "" if virtual else item.get("city") or ""
            place = city or (host.name if host else str(item["number"]))
            chair = item.get("chair") or {}
            notes = [item.get("notes") or "", item.get("theme_note") or ""]
            summit, _ = self.upsert(
                Summit,
                {"number": item["number"]},
                {
                    "number_note": item.get("number_basis") or "",
                    "slug": slugify(f"{item['year']}-{place}"),
                    "year": item["year"],
                    "label": item["label"],
                    "start_date": _day(item["dates"].get("start")),
                    "end_date": _day(item["dates"].get("end")),
                    "dates_note": item.get("dates_note") or "",
                    "host": host,
                    "city": city,
                    "virtual": virtual,
                    "planned_city": item.get("planned_city") or "",
                    "chair_name": chair.get("name") or "",
                    "chair_title": chair.get("title") or "",
                    "chair_confidence": item.get("chair_confidence")
                    or item.get("confidence", "high"),
                    "chair_note": item.get("chair_note") or "",
                    "theme": item.get("theme") or "",
                    "outcomes": "\n".join(item.get("outcomes") or []),
                    "notes": "\n".join(note for note in notes if note),
                    "sources": _sources(item),
                    "confidence": item.get("confidence", "high"),
                },
            )
            summits[item["number"]] = summit
        return summits

    def link_members_to_summits(self):
        for item in self.data["members"]:
            self.upsert(
                Member,
                {"iso_code": item["iso_alpha2"]},
                {"joined_summit": self.summits.get(_ordinal(item.get("joined_summit")))},
                part="#joined_summit",
            )

    def load_groups(self) -> dict[str, WorkingGroup]:
        groups = {}
        for item in self.data["working_groups"]:
            group, written = self.upsert(
                WorkingGroup,
                {"slug": _key(item)},
                {
                    "name": item["name"],
                    "other_names": ", ".join(item.get("other_names") or []),
                    "status": item.get("status", "active"),
                    "established": _month(item.get("established")),
                    "established_summit": self.summits.get(_ordinal(item.get("established"))),
                    "lead": self.members.get(item.get("lead_country")),
                    "focus": item["focus"],
                    "sources": _sources(item),
                    "confidence": item.get("confidence", "high"),
                    "confidence_note": item.get("confidence_note") or "",
                },
            )
            if written:
                group.lead_history.all().delete()
                for order, lead in enumerate(item.get("lead_history") or []):
                    GroupLead.objects.create(
                        group=group,
                        sort_order=order,
                        member=self.members[lead["country"]],
                        period=lead["period"],
                        source=lead.get("source") or "",
                    )
            groups[item["name"].casefold()] = group
        return groups

    def load_documents(self) -> dict[str, Document]:
        """Documents, each with its versions. The Charter's versions are separate records in
        the data file; here they become versions of one document. Returns the document and
        version for each data id."""
        introductions = {entry["id"]: entry for entry in self.site["seed"]["key_documents"]}
        charter = self.site["derived"]["charter"]
        charter_ids = [version["id"] for version in charter["versions"]]
        records = {item["id"]: item for item in self.data["documents"]}
        self.versions: dict[str, DocumentVersion] = {}
        documents = {}
        groups = [[item["id"]] for item in self.data["documents"] if item["id"] not in charter_ids]
        for ids in [charter_ids, *groups]:
            items = [records[i] for i in ids]
            latest = items[-1]
            seed = introductions.get(latest["id"], {})
            drafted_by = latest.get("drafted_by") or ""
            group = self.groups.get(drafted_by.casefold().removesuffix(" working group"))
            notes = [latest.get("notes") or "", latest.get("drafted_by_note") or ""]
            is_charter = ids is charter_ids
            sources = dict.fromkeys(url for item in items for url in item.get("sources") or [])
            document, _ = self.upsert(
                Document,
                {"slug": charter["slug"] if is_charter else latest["id"]},
                {
                    "title": charter["title"] if is_charter else latest["title"],
                    "type": latest["type"],
                    "date": _month(seed.get("month") or latest["date"]),
                    "introduction": seed.get("text", ""),
                    "summary": latest.get("summary") or "",
                    "summit": self.summits.get(_ordinal(latest.get("summit"))),
                    "drafted_by_group": group,
                    "drafted_by": "" if group else drafted_by,
                    "adoption": latest.get("adopted_or_signed") or "",
                    "notes": "\n".join(note for note in notes if note),
                    "sources": "\n".join(sources),
                    "confidence": latest.get("confidence", "high"),
                    "confidence_note": latest.get("confidence_note") or "",
                },
            )
            plans = charter["versions"] if is_charter else [{"id": latest["id"]}]
            for number, plan in enumerate(plans, 1):
                item = records[plan["id"]]
                text = self.charter_text(plan.get("principles"))
                version, _ = self.upsert(
                    DocumentVersion,
                    {"document": document, "number": number},
                    {
                        "sort_order": number,
                        "title": item["title"],
                        "former_slug": item["id"] if is_charter else "",
                        "date": _month(item["date"]),
                        "summit": self.summits.get(_ordinal(item.get("summit"))),
                        "change_note": " ".join(plan.get("change_note", "").split()),
                        "text": text,
                        "text_note": plan.get("text_note")
                        or (charter["text_note"] if text else ""),
                    },
                )
                official = item.get("official_text") or {}
                self.upsert(
                    DocumentVersion,
                    {"document": document, "number": number},
                    {
                        # The data holds no official text word for word: the Charter's
                        # texts are its principles in plain words.
                        "text_kind": TextKind.SUMMARY,
                        # The current version shows the document's summary.
                        "summary": (item.get("summary") or "") if number < len(plans) else "",
                        "official_publisher": official.get("publisher") or "",
                        "official_url": official.get("url") or "",
                        "official_language": official.get("language") or "",
                        "official_format": official.get("format") or "",
                    },
                    part="#official_text",
                )
                self.versions[plan["id"]] = version
                documents[plan["id"]] = document
        return documents

    def charter_text(self, section: str | None) -> str:
        if not section:
            return ""
        items = self.data["principles"][section]["items"]
        return "\n\n".join(f"{item['name']}\n{item['paraphrase']}" for item in items)

    def load_principles(self):
        sections = self.data["principles"]
        current, original = sections["current"], sections["original_d5"]
        replaced_by = self.site["derived"]["replaced_by"]
        intermediate = sections["intermediate_versions"][0]
        changed = set(replaced_by) | set(replaced_by.values())
        principles = {}
        current_keys = {item["key"] for item in current["items"]}
        entries = [(position, item) for position, item in enumerate(current["items"], 1)]
        entries += [(None, item) for item in original["items"] if item["key"] not in current_keys]
        for position, item in entries:
            note = intermediate["summary"] if item["key"] in changed else ""
            sources = current["sources"] if position else original["sources"]
            principle, _ = self.upsert(
                Principle,
                {"slug": _key(item)},
                {
                    "name": item["name"],
                    "position": position,
                    "number": item.get("number") or "",
                    "summary": item["paraphrase"],
                    "sources": "\n".join(sources),
                    "confidence": item.get("confidence", "high"),
                    "confidence_note": " ".join(
                        " ".join(text.split()) for text in (item.get("basis") or "", note) if text
                    ),
                },
            )
            principles[item["key"]] = principle
        for old, new in replaced_by.items():
            self.upsert(
                Principle,
                {"slug": _key({"key": old})},
                {"replaced_by": principles[new]},
                part="#replaced_by",
            )

        tags = {
            slug: list(keys) for slug, keys in self.site["derived"]["document_principles"].items()
        }
        for plan in self.site["derived"]["charter"]["versions"]:
            if not plan.get("principles"):
                continue
            version = self.versions[plan["id"]]
            section = sections[plan["principles"]]
            note = section.get("notes", "") if plan["principles"] == "original_d5" else ""
            for order, item in enumerate(section["items"]):
                self.upsert(
                    PrincipleWording,
                    {"principle": principles[item["key"]], "version": version},
                    {
                        "sort_order": order,
                        "number": item.get("number") or str(order + 1),
                        "name": item["name"],
                        "text": item["paraphrase"],
                        "confidence": item.get("confidence", "high"),
                        "note": note if version.number > 1 else "",
                    },
                )
                tags.setdefault(self.site["derived"]["charter"]["slug"], []).append(item["key"])
        by_slug = {document.slug: document for document in self.documents.values()}
        for slug, keys in tags.items():
            document = by_slug[slug]
            wanted = {principles[key].pk for key in keys}
            if not wanted <= set(document.principles.values_list("pk", flat=True)):
                # Parental many-to-many relations are written when their document is saved.
                document.principles.add(*(principles[key] for key in keys))
                document.save()

    def members_at(self, month: datetime.date) -> list[Member]:
        """Members by the end of a month (documents are dated to the month)."""
        end = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)

        def joined(member):
            summit = member.joined_summit
            if summit and summit.start_date:
                return summit.start_date < end
            return member.joined_year <= month.year

        return [member for member in self.members.values() if joined(member)]

    def load_signatories(self):
        for data_id, entries in self.site["derived"]["signatories"].items():
            named = [
                code for entry in entries if entry["members"] != "all" for code in entry["members"]
            ]
            twice = sorted({code for code in named if named.count(code) > 1})
            if twice:
                raise ValueError(
                    f"site.yaml: the signatories of {data_id} name {', '.join(twice)} more "
                    "than once: a member signs a version once"
                )
            version = self.versions[data_id]
            document = self.documents[data_id]
            if version.signatures.exists() and not self.force:
                continue
            version.signatures.all().delete()
            order = 0
            for entry in entries:
                if entry["members"] == "all":
                    members = self.members_at(version.date)
                else:
                    members = [self.members[code] for code in entry["members"]]
                for member in members:
                    Signature.objects.create(
                        document=document,
                        version=version,
                        member=member,
                        sort_order=order,
                        act=entry["act"],
                        date=_day(entry.get("date")),
                        how=entry.get("how", Signature.How.UNKNOWN),
                        signer=entry.get("signer", ""),
                        note=entry.get("note", ""),
                    )
                    order += 1
            self.report.created.append(f"documents.Signature:{data_id}")

    def load_decisions(self):
        """The decisions the records prove, each done and with its record's sources: a
        document version adopted or signed at a summit (the Charter's later versions
        renewing it) and a working group set up at a summit. Their texts are made when
        shown, in every language, from the records' names (Decision.heading)."""
        versions = DocumentVersion.objects.filter(summit__isnull=False).select_related(
            "document", "summit"
        )
        for version in versions.order_by("pk"):
            document = version.document
            renewed = document.type == "charter" and version.number > 1
            basis = DecisionBasis.RENEWED if renewed else DecisionBasis.ADOPTED
            decision, written = self.upsert(
                Decision,
                {"key": f"{basis}/{document.slug}/{version.number}"},
                {
                    "basis": basis,
                    "summit": version.summit,
                    "date": version.summit.start_date or version.date,
                    "document_version": version,
                    "group": document.drafted_by_group,
                    "status": DecisionStatus.DONE,
                    "sources": document.sources,
                },
            )
            if written:
                decision.principles.set(document.principles.all())
        groups = WorkingGroup.objects.filter(established_summit__isnull=False)
        for group in groups.select_related("established_summit").order_by("pk"):
            summit = group.established_summit
            self.upsert(
                Decision,
                {"key": f"{DecisionBasis.STARTED}/{group.slug}"},
                {
                    "basis": DecisionBasis.STARTED,
                    "summit": summit,
                    "date": summit.start_date or group.established,
                    "group": group,
                    "status": DecisionStatus.DONE,
                    "sources": group.sources,
                },
            )

    def load_names(self):
        for item in self.data["forum"]["names"]:
            self.upsert(
                ForumName,
                {"abbreviation": item["abbreviation"]},
                {
                    "name": item["name"],
                    "start": _month(item["from"]),
                    "end": _month(item.get("to")),
                    "member_count": item.get("member_count"),
                    "event": " ".join(item.get("event", "").split()),
                    "sources": _sources(item),
                    "confidence": item.get("confidence", "high"),
                    "confidence_note": item.get("notes") or "",
                },
            )

    def load_news(self):
        for item in self.site["derived"]["news"]:
            self.upsert(
                NewsItem,
                {"slug": item["slug"]},
                {
                    "title": item["title"],
                    "date": _day(item["date"]),
                    "summary": " ".join(item["summary"].split()),
                    "sources": _sources(item),
                },
            )

    def load_pages(self):
        seed = self.site["seed"]
        forum = self.data["forum"]
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            for child in root.get_children().exclude(content_type__model="homepage"):
                if not child.specific_class or child.specific_class is Page:
                    child.delete()
            home = root.add_child(
                instance=HomePage(
                    title="Digital Nations",
                    slug="home",
                    lead=seed["lead"],
                    introduction=" ".join(seed["introduction"].split()),
                )
            )
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={
                    "hostname": "localhost",
                    "port": 80,
                    "root_page": home,
                    "site_name": "Digital Nations",
                },
            )
            self.report.created.append("site.HomePage")
        if not AboutPage.objects.exists():
            home.add_child(
                instance=AboutPage(
                    title="About us",
                    slug="about",
                    introduction=" ".join(seed["introduction"].split()),
                    mission_statement=seed["mission_statement"],
                    aims=[("aim", aim) for aim in seed["aims"]],
                    how_it_works="\n\n".join(
                        " ".join(text.split())
                        for text in (
                            forum["summary"],
                            forum["working_model"]["summary"],
                            forum["admission_rule"]["summary"],
                        )
                    ),
                )
            )
            self.report.created.append("site.AboutPage")
        self.load_policy_pages(home)

    def load_policy_pages(self, home):
        """The privacy, accessibility, cookies, licence and contact pages, created once
        from site.yaml's `pages` (then they are the secretariat's, edited in /cms/), and
        the licence setting with its default, CC BY 4.0."""
        Licence.load()
        for slug, model in POLICY_PAGES.items():
            if model.objects.exists():
                continue
            texts = self.site["pages"][slug]
            home.add_child(
                instance=model(
                    title=texts["title"],
                    slug=slug,
                    introduction=" ".join(texts["introduction"].split()),
                    body=texts["body"].strip(),
                )
            )
            self.report.created.append(model._meta.label)

    def load_translations(self):
        """The forum's own translations of its texts, one file per language: the same
        rules as upsert() (a translation edited in the CMS is kept unless forced), in a
        few queries for the thousands of them."""
        existing = {
            (t.content_type_id, t.object_id, t.field, t.language): t
            for t in Translation.objects.all()
        }
        prefix = f"{Translation._meta.label}:"
        loaded = dict(
            LoadedRecord.objects.filter(key__startswith=prefix).values_list("key", "digest")
        )
        now = timezone.now()
        to_create, to_update, fingerprints = [], [], {}
        for language, content_type_id, object_id, name, text in self.translations():
            lookup = (content_type_id, object_id, name, language)
            key = prefix + "/".join(map(str, lookup))
            wanted = _digest({"text": text})
            obj = existing.get(lookup)
            if obj is None:
                to_create.append(
                    Translation(
                        content_type_id=content_type_id,
                        object_id=object_id,
                        field=name,
                        language=language,
                        text=text,
                    )
                )
                self.report.created.append(key)
            else:
                current = _digest({"text": obj.text})
                if current == wanted:
                    if loaded.get(key) != wanted:
                        fingerprints[key] = wanted
                    continue
                edited = loaded.get(key) != current  # no fingerprint: written in the CMS
                if edited and not self.force:
                    self.report.kept.append(key)
                    continue
                obj.text, obj.updated_at = text, now
                to_update.append(obj)
                self.report.updated.append(key)
            fingerprints[key] = wanted
        Translation.objects.bulk_create(to_create, batch_size=500)
        Translation.objects.bulk_update(to_update, ["text", "updated_at"], batch_size=500)
        if to_create or to_update:
            # Written in bulk, without signals: the search index and the content clock
            # are told here.
            reindex_translated(_records_of(to_create + to_update))
            ContentClock.changed_later()
        LoadedRecord.objects.bulk_create(
            [LoadedRecord(key=key, digest=digest) for key, digest in fingerprints.items()],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["digest"],
            batch_size=500,
        )

    def translations(self):
        """(language, content type id, record id, field, text) of every translation in
        the files whose record exists."""
        for language, sections in read_translations().items():
            for section, records in sections.items():
                item = TRANSLATABLE[section]
                model = apps.get_model(item.model)
                content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
                related = [p.rsplit("__", 1)[0] for p in item.key.split(",") if "__" in p]
                objects = {
                    record_key(obj, item.key): obj
                    for obj in model._default_manager.select_related(*related)
                }
                for key, fields in records.items():
                    obj = objects.get(str(key))
                    if obj is None:
                        continue
                    for name, text in fields.items():
                        if isinstance(text, list):
                            text = "\n".join(text)
                        yield language, content_type.pk, str(obj.pk), name, str(text).strip()


def _records_of(translations) -> list:
    """The records these translations are of, a query per kind of record."""
    ids_by_type: dict[int, set[str]] = {}
    for translation in translations:
        ids_by_type.setdefault(translation.content_type_id, set()).add(translation.object_id)
    records = []
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            records += list(model._default_manager.filter(pk__in=ids))
    return records


def read_translations(directory: Path | None = None) -> dict[str, dict]:
    """forum/data/translations/<language>.yaml, checked against the translatable fields."""
    directory = directory or Path(settings.FORUM_DATA_FILE).with_name("translations")
    languages = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    found = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.stem not in languages:
            raise ValueError(f"{path.name}: {path.stem} is not one of the site's languages")
        with path.open(encoding="utf-8") as file:
            sections = yaml.safe_load(file) or {}
        for section, records in sections.items():
            if section not in TRANSLATABLE or TRANSLATABLE[section].key is None:
                raise ValueError(f"{path.name}: no translatable section {section!r}")
            for key, fields in records.items():
                unknown = set(fields) - set(TRANSLATABLE[section].fields)
                if unknown:
                    raise ValueError(f"{path.name}: {section}.{key}: cannot translate {unknown}")
        found[path.stem] = sections
    return found


def read_data(path: Path | None = None) -> tuple[dict, dict]:
    path = Path(path or settings.FORUM_DATA_FILE)
    site_path = Path(settings.FORUM_DATA_FILE).with_name(SITE_FILE_NAME)
    with path.open(encoding="utf-8") as data_file, site_path.open(encoding="utf-8") as site_file:
        return yaml.safe_load(data_file), yaml.safe_load(site_file)


def forum_data_load(*, path: Path | None = None, force: bool = False) -> LoadReport:
    """Load or update the forum's data; see the module docstring for what is kept."""
    data, site = read_data(path)
    with transaction.atomic():
        return Loader(data, site, force=force).run()
