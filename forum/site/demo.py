"""Synthetic records at scale, on top of the forum's real data, for benchmarks and
demonstrations (`manage.py generate_demo_data`).

Everything is made from a small built-in vocabulary and a seed: the same seed and
numbers give the same records. Records are written with `bulk_create` in batches, and
indexed for the site search in batches too, so 100,000 documents take minutes, not
hours. Nothing goes through the services: demo records send no alert, write no audit
entry and notify nobody.

Each record is marked, and `demo_data_clear` removes exactly those: documents and
practices have a slug starting with `demo-`; people a username starting with `demo-` and
an address at `demo.example` (a reserved domain, so no mail can reach anyone). Records
are numbered: generating again makes only the numbers that are missing, so a second run
with the same numbers changes nothing and a larger number tops up.
"""

import datetime
import hashlib
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q
from django.db.models.fields.related import ForeignObjectRel
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from forum.accounts.models import Invitation, Role, User
from forum.core.models import ContentClock, Translation
from forum.core.translation import in_every_language
from forum.decisions.models import Decision, DecisionStatus, ProgressNote
from forum.documents.models import (
    BINDING_TYPES,
    Document,
    DocumentAttachment,
    DocumentStatus,
    DocumentType,
    DocumentVersion,
    Signature,
)
from forum.groups.models import GroupMembership, WorkingGroup
from forum.members.models import DirectoryEntry, Member, Post
from forum.practices.models import (
    Practice,
    PracticeAttachment,
    PracticeRevision,
    PracticeStatus,
    TaggedPractice,
    Visibility,
)
from forum.principles.models import Principle, PrincipleWording
from forum.statements.models import Statement, StatementStatus
from forum.summits.models import Summit

PREFIX = "demo-"
EMAIL_DOMAIN = "demo.example"
BATCH_SIZE = 1000
#: Records are numbered with six digits in their slugs and usernames.
MAXIMUM = 999_999
#: Representatives made for each member when practices are generated: their authors.
REPRESENTATIVES_PER_MEMBER = 2
FIRST_YEAR, LAST_YEAR = 2014, 2025
NOTE = "Synthetic record made by generate_demo_data, for benchmarks and demonstrations."

# The vocabulary -------------------------------------------------------------------------

TOPICS = [
    "open data",
    "digital identity",
    "data sharing",
    "artificial intelligence",
    "cloud services",
    "cyber security",
    "digital inclusion",
    "open source software",
    "service design",
    "interoperability",
    "digital skills",
    "public procurement",
    "algorithmic transparency",
    "green computing",
    "connectivity",
    "data protection",
    "digital public infrastructure",
    "the once-only principle",
    "web accessibility",
    "user research",
    "open standards",
    "digital payments",
    "health data",
    "emergency alerts",
]
PLACES = [
    "London",
    "Tallinn",
    "Busan",
    "Jerusalem",
    "Wellington",
    "Montevideo",
    "Ottawa",
    "Seoul",
    "Lisbon",
    "Copenhagen",
    "Mexico City",
]
VERBS = [
    "share their approaches to",
    "publish common guidance on",
    "measure progress in",
    "invest together in",
    "work across borders on",
    "review each year their work on",
    "open up their work on",
    "train their officials in",
    "consult citizens about",
    "set shared goals for",
]
ACTORS = [
    "Members",
    "Ministers",
    "The working group",
    "Participating governments",
    "The secretariat",
    "Digital leaders",
]
QUALIFIERS = [
    "across borders",
    "for every citizen",
    "by the next summit",
    "in plain language",
    "with civil society",
    "through open standards",
    "within two years",
    "with measurable results",
    "in every official language",
    "at the lowest sustainable cost",
]
REASONS = [
    "Citizens expect services that work the first time.",
    "No government can solve this alone.",
    "Small countries learn fastest from each other.",
    "Trust is earned by being open about what works and what does not.",
    "Shared components cost less than many separate ones.",
    "Digital services must reach people who are not online.",
]
PROJECTS = [
    "a national platform",
    "a pilot with local councils",
    "a shared component",
    "a cross-government standard",
    "a public dashboard",
    "a service for new parents",
    "a register that citizens can check",
    "an open API",
]
THEMES = [
    "open data",
    "digital identity",
    "data sharing",
    "artificial intelligence",
    "cloud",
    "cyber security",
    "inclusion",
    "open source",
    "service design",
    "interoperability",
    "skills",
    "procurement",
    "accessibility",
    "sustainability",
]
FIRST_NAMES = [
    "Anna",
    "Mart",
    "Kadri",
    "James",
    "Olivia",
    "Min-jun",
    "Seo-yeon",
    "Noa",
    "Yosef",
    "Aroha",
    "Liam",
    "Chloé",
    "Lucía",
    "Mateo",
    "Sofía",
    "Diego",
    "João",
    "Inês",
    "Freja",
    "Mads",
    "Priya",
    "Tane",
    "Camille",
    "Ilse",
]
LAST_NAMES = [
    "Tamm",
    "Saar",
    "Smith",
    "Jones",
    "Kim",
    "Park",
    "Levi",
    "Cohen",
    "Ngata",
    "Walker",
    "Tremblay",
    "Roy",
    "Rodríguez",
    "Pereira",
    "García",
    "Hernández",
    "Silva",
    "Costa",
    "Jensen",
    "Nielsen",
    "Patel",
    "Martin",
    "Kask",
    "Moreau",
]
POST_TITLES = [
    "Government CIO",
    "Chief Digital Officer",
    "Head of the Digital Service",
    "Director of Data Policy",
    "Deputy Minister for Digital Affairs",
    "Lead, Digital Identity Programme",
    "Senior Policy Adviser",
    "Head of International Digital Co-operation",
]
DOCUMENT_TYPES = [
    (DocumentType.DECLARATION, 30),
    (DocumentType.FRAMEWORK, 20),
    (DocumentType.COMMUNIQUE, 20),
    (DocumentType.REPORT, 20),
    (DocumentType.OTHER, 8),
    (DocumentType.CHARTER, 2),
]
#: What members do with a document of each type; reports and others are not signed.
ACTS = {
    DocumentType.DECLARATION: Signature.Act.SIGNED,
    DocumentType.FRAMEWORK: Signature.Act.ADOPTED,
    DocumentType.COMMUNIQUE: Signature.Act.ADOPTED,
    DocumentType.CHARTER: Signature.Act.SIGNED,
}
PRACTICE_STATUSES = [
    (PracticeStatus.PUBLISHED, 60),
    (PracticeStatus.SUBMITTED, 15),
    (PracticeStatus.DRAFT, 15),
    (PracticeStatus.RETURNED, 10),
]


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _sentence(rng: random.Random, topic: str | None = None) -> str:
    topic = topic or rng.choice(TOPICS)
    return f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {topic} {rng.choice(QUALIFIERS)}."


def _paragraph(rng: random.Random, topic: str, sentences: int = 3) -> str:
    # Mostly about the record's own topic, now and then about another: a word such as
    # "data" is then found in about a third of the records, as in a real library.
    parts = [_sentence(rng, topic if rng.random() < 0.95 else None) for _ in range(sentences)]
    if rng.random() < 0.5:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(REASONS))
    return " ".join(parts)


def _text(rng: random.Random, topic: str, paragraphs: int) -> str:
    return "\n\n".join(_paragraph(rng, topic, rng.randint(2, 4)) for _ in range(paragraphs))


def _rng(seed: int, kind: str, number: int) -> random.Random:
    # String seeds are hashed with SHA-512: the same on every machine and every run.
    return random.Random(f"{seed}:{kind}:{number}")  # noqa: S311 (not for secrets)


def _month(rng: random.Random, first: int = FIRST_YEAR, last: int = LAST_YEAR):
    return datetime.date(rng.randint(first, last), rng.randint(1, 12), 1)


def _document_title(rng: random.Random, kind: str, topic: str, year: int) -> str:
    subject = topic[0].upper() + topic[1:]
    if kind == DocumentType.DECLARATION:
        return f"{rng.choice(PLACES)} Declaration on {topic}"
    if kind == DocumentType.FRAMEWORK:
        return rng.choice(["Shared framework for", "Principles for", "Roadmap for"]) + f" {topic}"
    if kind == DocumentType.COMMUNIQUE:
        return f"Ministerial communiqué {year}: {topic}"
    if kind == DocumentType.REPORT:
        return f"{subject} in member governments: report {year}"
    if kind == DocumentType.CHARTER:
        return f"Charter on {topic}"
    return f"Working note on {topic}"


# Reports ---------------------------------------------------------------------------------


@dataclass
class DemoReport:
    created: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def __str__(self):
        lines = []
        if any(self.created.values()):
            made = ", ".join(f"{n:,} {name}" for name, n in self.created.items() if n)
            lines.append(f"Created {made} in {self.seconds:.1f} s.")
        elif not self.deleted:
            lines.append("Nothing to add.")
        for name, n in self.existing.items():
            lines.append(f"  {n:,} demo {name} were there already.")
        if self.deleted:
            gone = ", ".join(f"{n:,} {name}" for name, n in self.deleted.items())
            lines.append(f"Removed {gone} in {self.seconds:.1f} s.")
        return "\n".join(lines)


class DemoDataError(Exception):
    """The database is not ready for demo data (the forum's data is not loaded)."""


Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


def _batches(numbers: list[int], size: int = BATCH_SIZE) -> Iterable[list[int]]:
    for start in range(0, len(numbers), size):
        yield numbers[start : start + size]


def _missing(existing: Iterable[str], wanted: int, number_at: slice) -> list[int]:
    have = set()
    for value in existing:
        try:
            have.add(int(value[number_at]))
        except ValueError:
            continue
    return [number for number in range(1, wanted + 1) if number not in have]


# Generating ------------------------------------------------------------------------------


class Generator:
    def __init__(self, *, seed: int, progress: Progress):
        self.seed = seed
        self.progress = progress
        self.members = list(Member.objects.order_by("iso_code"))
        # Each member's name in every language, as a document it signed is indexed with.
        self.member_names = {m.pk: in_every_language([m], "name") for m in self.members}
        self.principles = list(Principle.objects.current())
        if not self.members or not self.principles:
            raise DemoDataError(
                "The forum's data is not loaded: run `manage.py load_forum_data` first."
            )
        self.groups = list(WorkingGroup.objects.order_by("slug"))
        self.summits_by_year: dict[int, list[Summit]] = {}
        for summit in Summit.objects.order_by("number"):
            self.summits_by_year.setdefault(summit.year, []).append(summit)
        self.backend = get_search_backend()
        # One unusable password for every demo account: nobody can sign in as them.
        self.password = make_password(None)

    def members_by(self, year: int) -> list[Member]:
        return [member for member in self.members if member.joined_year <= year]

    def summit_in(self, rng: random.Random, year: int) -> Summit | None:
        summits = self.summits_by_year.get(year)
        return rng.choice(summits) if summits else None

    def index(self, model, pks: list[int]) -> None:
        """Index a batch the way `update_index` does: one query for the records (and
        their related fields), one bulk insert into the index."""
        objects = list(model.get_indexed_objects().filter(pk__in=pks).order_by("pk"))
        for obj in objects:
            obj._translated_texts = ""  # demo records have no translations
        self.backend.add_bulk(model, objects)

    # Documents ---------------------------------------------------------------------------

    def documents(self, count: int) -> int:
        existing = Document.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True)
        numbers = _missing(existing, count, slice(len(PREFIX), len(PREFIX) + 6))
        done = 0
        for batch in _batches(numbers):
            self.document_batch(batch)
            done += len(batch)
            self.progress(f"documents: {done:,} of {len(numbers):,}")
        return len(numbers)

    def document_batch(self, numbers: list[int]) -> None:
        plans = [self.document_plan(number) for number in numbers]
        documents = Document.objects.bulk_create([plan["document"] for plan in plans])
        versions = []
        for plan, document in zip(plans, documents, strict=True):
            for version in plan["versions"]:
                version.document = document
                versions.append(version)
        DocumentVersion.objects.bulk_create(versions)
        signatures, tags = [], []
        through = Document.principles.through
        for plan, document in zip(plans, documents, strict=True):
            latest = plan["versions"][-1]
            for signature in plan["signatures"]:
                signature.document, signature.version = document, latest
                signatures.append(signature)
            tags += [through(document=document, principle=p) for p in plan["principles"]]
        Signature.objects.bulk_create(signatures)
        through.objects.bulk_create(tags)
        for plan, document in zip(plans, documents, strict=True):
            # modelcluster keeps children assigned like this in memory, where the index
            # reads them: no query to read back what was just written.
            document.versions = plan["versions"]
            document.attachments = []
            document._translated_texts = ""  # demo records have no translations
            document._signatory_names = "\n".join(
                self.member_names[signature.member_id] for signature in plan["signatures"]
            )
        self.backend.add_bulk(Document, documents)

    def document_plan(self, number: int) -> dict:
        rng = _rng(self.seed, "document", number)
        kind = _pick(rng, DOCUMENT_TYPES)
        topic = rng.choice(TOPICS)
        date = _month(rng)
        title = _document_title(rng, kind, topic, date.year)
        slug = f"{PREFIX}{number:06d}-{slugify(title)[:80]}".strip("-")
        summit = self.summit_in(rng, date.year)
        group = rng.choice(self.groups) if self.groups and rng.random() < 0.4 else None
        status = _pick(
            rng,
            [
                (DocumentStatus.IN_FORCE, 85),
                (DocumentStatus.SUPERSEDED, 10),
                (DocumentStatus.WITHDRAWN, 5),
            ],
        )
        if status == DocumentStatus.IN_FORCE and kind not in BINDING_TYPES:
            status = DocumentStatus.PUBLISHED  # what Document.clean would make of it
        document = Document(
            slug=slug,
            title=title,
            type=kind,
            date=date,
            introduction=_sentence(rng, topic),
            summary=" ".join(_sentence(rng, topic) for _ in range(2)),
            status=status,
            status_note="" if status == DocumentStatus.IN_FORCE else _sentence(rng),
            summit=summit,
            drafted_by_group=group,
            drafted_by="" if group else rng.choice(["The secretariat", "The host member", ""]),
            adoption=f"Adopted at the {summit.label} summit." if summit else "",
            notes=NOTE,
        )
        how_many = _pick(rng, [(1, 60), (2, 30), (3, 10)])
        versions = []
        for position in range(1, how_many + 1):
            years_back = how_many - position
            version_date = date.replace(year=max(FIRST_YEAR - 2, date.year - 2 * years_back))
            versions.append(
                DocumentVersion(
                    number=position,
                    sort_order=position,
                    title=f"{title}, {version_date.year}",
                    date=version_date,
                    year=version_date.year,
                    summit=self.summit_in(rng, version_date.year),
                    change_note=(
                        "" if position == 1 else f"Updated the part on {rng.choice(TOPICS)}."
                    ),
                    text=_text(rng, topic, rng.randint(3, 6)),
                )
            )
        signatures = []
        act = ACTS.get(kind)
        if act:
            signers = self.members_by(date.year)
            chosen = rng.sample(signers, rng.randint(min(2, len(signers)), len(signers)))
            for order, member in enumerate(sorted(chosen, key=lambda m: m.iso_code)):
                signatures.append(
                    Signature(
                        member=member,
                        act=act,
                        sort_order=order,
                        date=date,
                        how=_pick(
                            rng,
                            [
                                (Signature.How.IN_PERSON, 60),
                                (Signature.How.REMOTE, 25),
                                (Signature.How.UNKNOWN, 15),
                            ],
                        ),
                    )
                )
        # Written in bulk, without Document.save: the date the list sorts oldest by.
        document.first_date = versions[0].date
        principles = rng.sample(self.principles, rng.randint(1, 3))
        return {
            "document": document,
            "versions": versions,
            "signatures": signatures,
            "principles": principles,
        }

    # People ------------------------------------------------------------------------------

    def person(self, rng: random.Random, username: str, member: Member, role: str) -> dict:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = slugify(f"{first} {last}").replace("-", ".") or "official"
        number = username.rsplit("-", 1)[-1]
        email = f"{local}.{number}@{member.iso_code.lower()}.{EMAIL_DOMAIN}"
        invited = timezone.make_aware(
            datetime.datetime(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 600))
        )
        user = User(
            username=username,
            email=email,
            first_name=first,
            last_name=last,
            role=role,
            member=member,
            password=self.password,
            date_joined=invited + datetime.timedelta(days=rng.randint(0, 10)),
        )
        token = f"{self.seed}:{username}".encode()
        invitation = Invitation(
            email=email,
            role=role,
            member=member,
            token_hash=hashlib.sha256(token).hexdigest(),
            created_at=invited,
            expires_at=invited + datetime.timedelta(days=14),
            used_at=user.date_joined,
        )
        entry = DirectoryEntry(
            help_with=", ".join(rng.sample(TOPICS, rng.randint(1, 3))).capitalize() + ".",
            bio=" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))),
            phone=f"+{rng.randint(1, 599)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            if rng.random() < 0.5
            else "",
            email_shown=rng.random() < 0.6,
            show_contact_to_members=rng.random() < 0.7,
        )
        start = _month(rng, 2015, 2024)
        posts = [Post(title=rng.choice(POST_TITLES), member=member, start=start)]
        if rng.random() < 0.4:
            earlier = start.replace(year=start.year - rng.randint(2, 6))
            posts.append(
                Post(title=rng.choice(POST_TITLES), member=member, start=earlier, end=start)
            )
        group = None
        if self.groups and (role == Role.GROUP_LEAD or rng.random() < 0.3):
            group = rng.choice(self.groups)
            invitation.group = group
        return {"user": user, "invitation": invitation, "entry": entry, "posts": posts}

    def save_people(self, plans: list[dict]) -> list[User]:
        users = User.objects.bulk_create([plan["user"] for plan in plans])
        invitations, entries, posts, memberships = [], [], [], []
        for plan, user in zip(plans, users, strict=True):
            plan["invitation"].user = user
            invitations.append(plan["invitation"])
            plan["entry"].user = user
            entries.append(plan["entry"])
            for post in plan["posts"]:
                post.user = user
                posts.append(post)
            if plan["invitation"].group is not None:
                memberships.append(
                    GroupMembership(
                        group=plan["invitation"].group,
                        user=user,
                        lead=user.role == Role.GROUP_LEAD,
                    )
                )
        Invitation.objects.bulk_create(invitations)
        DirectoryEntry.objects.bulk_create(entries)
        Post.objects.bulk_create(posts)
        GroupMembership.objects.bulk_create(memberships)
        return users

    def people(self, count: int) -> int:
        existing = User.objects.filter(username__startswith=f"{PREFIX}person-").values_list(
            "username", flat=True
        )
        start = len(f"{PREFIX}person-")
        numbers = _missing(existing, count, slice(start, start + 6))
        done = 0
        for batch in _batches(numbers):
            plans = []
            for number in batch:
                rng = _rng(self.seed, "person", number)
                role = _pick(rng, [(Role.REPRESENTATIVE, 85), (Role.GROUP_LEAD, 15)])
                plans.append(
                    self.person(rng, f"{PREFIX}person-{number:06d}", rng.choice(self.members), role)
                )
            self.save_people(plans)
            done += len(batch)
            self.progress(f"people: {done:,} of {len(numbers):,}")
        return len(numbers)

    def representatives(self) -> tuple[dict[int, list[User]], int]:
        """The demo representatives of each member, who write the demo practices: made
        if missing."""
        wanted = {
            f"{PREFIX}rep-{member.iso_code.lower()}-{n}": member
            for member in self.members
            for n in range(1, REPRESENTATIVES_PER_MEMBER + 1)
        }
        have = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
        plans = [
            self.person(
                _rng(self.seed, "representative", position),
                username,
                member,
                Role.REPRESENTATIVE,
            )
            for position, (username, member) in enumerate(sorted(wanted.items()))
            if username not in have
        ]
        self.save_people(plans)
        by_member: dict[int, list[User]] = {}
        for user in User.objects.filter(username__in=wanted).order_by("username"):
            by_member.setdefault(user.member_id, []).append(user)
        return by_member, len(plans)

    # Practices ---------------------------------------------------------------------------

    def practices(self, count: int) -> tuple[int, int]:
        existing = Practice.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True)
        numbers = _missing(existing, count, slice(len(PREFIX), len(PREFIX) + 6))
        if not numbers:
            return 0, 0
        authors, made = self.representatives()
        themes = self.themes()
        done = 0
        for batch in _batches(numbers):
            self.practice_batch(batch, authors, themes)
            done += len(batch)
            self.progress(f"practices: {done:,} of {len(numbers):,}")
        return len(numbers), made

    def themes(self) -> list[Tag]:
        found = {tag.name: tag for tag in Tag.objects.filter(name__in=THEMES)}
        missing = [Tag(name=name, slug=slugify(name)) for name in THEMES if name not in found]
        Tag.objects.bulk_create(missing)
        return list(Tag.objects.filter(name__in=THEMES).order_by("name"))

    def practice_batch(self, numbers, authors, themes) -> None:
        plans = [self.practice_plan(number, authors) for number in numbers]
        practices = Practice.objects.bulk_create([plan["practice"] for plan in plans])
        author_links, principle_links, tagged, revisions = [], [], [], []
        for plan, practice in zip(plans, practices, strict=True):
            rng = plan["rng"]
            author_links += [
                Practice.authors.through(practice=practice, user=user) for user in plan["authors"]
            ]
            principle_links += [
                Practice.principles.through(practice=practice, principle=principle)
                for principle in rng.sample(self.principles, rng.randint(1, 3))
            ]
            tagged += [
                TaggedPractice(content_object=practice, tag=tag)
                for tag in rng.sample(themes, rng.randint(1, 3))
            ]
            if practice.status == PracticeStatus.PUBLISHED:
                revisions.append(
                    PracticeRevision(
                        practice=practice,
                        number=1,
                        snapshot=self.snapshot(practice),
                        created_by=None,
                    )
                )
        Practice.authors.through.objects.bulk_create(author_links)
        Practice.principles.through.objects.bulk_create(principle_links)
        TaggedPractice.objects.bulk_create(tagged)
        PracticeRevision.objects.bulk_create(revisions)
        self.index(Practice, [practice.pk for practice in practices])

    def practice_plan(self, number: int, authors: dict[int, list[User]]) -> dict:
        rng = _rng(self.seed, "practice", number)
        member = rng.choice(self.members)
        topic = rng.choice(TOPICS)
        project = rng.choice(PROJECTS)
        title = f"{topic[0].upper()}{topic[1:]} through {project}"
        status = _pick(rng, PRACTICE_STATUSES)
        people = authors.get(member.pk, [])
        chosen = rng.sample(people, rng.randint(1, len(people))) if people else []
        published_at = None
        if status == PracticeStatus.PUBLISHED:
            published_at = timezone.make_aware(
                datetime.datetime(2016, 1, 1, 9) + datetime.timedelta(hours=rng.randint(0, 80000))
            )
        practice = Practice(
            title=title,
            slug=f"{PREFIX}{number:06d}-{slugify(title)[:100]}".strip("-"),
            summary=" ".join(_sentence(rng, topic) for _ in range(2)),
            problem=_paragraph(rng, topic),
            approach=_text(rng, topic, 2),
            results=_paragraph(rng, topic),
            lessons=_paragraph(rng, topic, 2),
            links=f"https://www.example.org/{member.iso_code.lower()}/{slugify(topic)}"
            if rng.random() < 0.5
            else "",
            group=rng.choice(self.groups) if self.groups and rng.random() < 0.35 else None,
            member=member,
            visibility=_pick(rng, [(Visibility.PUBLIC, 65), (Visibility.MEMBERS, 35)]),
            status=status,
            return_comment=(
                f"Please say more about {rng.choice(TOPICS)}."
                if status == PracticeStatus.RETURNED
                else ""
            ),
            published_at=published_at,
            created_by=chosen[0] if chosen else None,
        )
        return {"practice": practice, "authors": chosen, "rng": rng}

    @staticmethod
    def snapshot(practice: Practice) -> dict:
        """What forum.practices.services.practice_snapshot records, from memory."""
        values = {
            name: getattr(practice, name)
            for name in ("title", "summary", "problem", "approach", "results", "lessons")
        }
        return {
            **values,
            "links": practice.links,
            "slug": practice.slug,
            "status": practice.status,
            "visibility": practice.visibility,
            "member": practice.member.iso_code,
            "member_name": practice.member.name,
            "group": practice.group.slug if practice.group else None,
            "group_name": practice.group.name if practice.group else None,
            "return_comment": "",
            "published_at": practice.published_at.isoformat(),
        }

    # Statements ---------------------------------------------------------------------------

    def statements(self) -> int:
        """A few published statements per member, each on a principle it has none on yet,
        some with an earlier revision kept, each drafted by one of its demo
        representatives (which marks them as demo records) and linking up to two of its
        public demo practices: one bulk insert for the statements, one for the links."""
        authors, _made = self.representatives()
        practices: dict[int, list[int]] = {}
        for pk, member_id in (
            Practice.objects.public()
            .filter(slug__startswith=PREFIX)
            .order_by("pk")
            .values_list("pk", "member_id")
        ):
            practices.setdefault(member_id, []).append(pk)
        taken = set(Statement.objects.values_list("member_id", "principle_id"))
        rows, evidence = [], []
        for member in self.members:
            if not authors.get(member.pk):
                continue
            rng = _rng(self.seed, "statement", member.pk)
            for principle in rng.sample(self.principles, min(3, len(self.principles))):
                if (member.pk, principle.pk) in taken:
                    continue
                years = sorted(
                    rng.sample(range(max(FIRST_YEAR, member.joined_year), LAST_YEAR + 1), 2)
                )
                for year in years[rng.randrange(2) :]:
                    rows.append(
                        Statement(
                            member=member,
                            principle=principle,
                            text=_paragraph(rng, principle.name.lower(), 2),
                            written_on=datetime.date(year, rng.randint(1, 12), 1),
                            status=StatementStatus.PUBLISHED,
                            current=year == years[-1],
                            drafted_by=rng.choice(authors[member.pk]),
                            published_at=timezone.now(),
                        )
                    )
                    evidence.append(
                        rng.sample(
                            practices.get(member.pk, []), min(2, len(practices.get(member.pk, [])))
                        )
                    )
        made = Statement.objects.bulk_create(rows)
        through = Statement.practices.through
        through.objects.bulk_create(
            [
                through(statement_id=statement.pk, practice_id=practice)
                for statement, picked in zip(made, evidence, strict=True)
                for practice in picked
            ]
        )
        self.index(Statement, [statement.pk for statement in made])
        return len(made)

    # Decisions ----------------------------------------------------------------------------

    def decisions(self, count: int) -> int:
        """Decisions of the summits (and some of a working group's meeting), numbered
        ("demo-decision-000001", their key, which marks them as demo records), carried by
        members, a group or the secretariat, with 0 to 3 progress notes each: a bulk insert
        a batch for the decisions, their carriers, principles and notes."""
        marker = f"{PREFIX}decision-"
        existing = Decision.objects.filter(key__startswith=marker).values_list("key", flat=True)
        numbers = _missing(existing, count, slice(len(marker), len(marker) + 6))
        done = 0
        for batch in _batches(numbers):
            self.decision_batch(marker, batch)
            done += len(batch)
            self.progress(f"decisions: {done:,} of {len(numbers):,}")
        return len(numbers)

    def decision_batch(self, marker: str, numbers: list[int]) -> None:
        statuses = [DecisionStatus.AGREED, DecisionStatus.IN_PROGRESS, DecisionStatus.DONE]
        plans = []
        for number in numbers:
            rng = _rng(self.seed, "decision", number)
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
            topic = rng.choice(TOPICS)
            summit = self.summit_in(rng, year)
            group = rng.choice(self.groups) if self.groups and rng.random() < 0.5 else None
            agreed = datetime.date(year, rng.randint(1, 12), 1)
            decision = Decision(
                key=f"{marker}{number:06d}",
                summit=summit,
                meeting_group=group if summit is None else None,
                date=agreed,
                title=f"{_document_title(rng, 'report', topic, year)}: by the next summit",
                text=_paragraph(rng, topic, 2),
                group=group,
                secretariat=group is None and rng.random() < 0.3,
                by_next_summit=True,
                status=rng.choice(
                    [*statuses, DecisionStatus.SET_ASIDE] if year < 2020 else statuses
                ),
            )
            carriers = rng.sample(self.members_by(year), min(2, len(self.members_by(year))))
            principles = rng.sample(self.principles, 1)
            notes = [
                ProgressNote(
                    date=datetime.date(min(year + step + 1, LAST_YEAR), rng.randint(1, 12), 1),
                    text=_sentence(rng, topic),
                    approved=True,
                    sort_order=step,
                )
                for step in range(rng.randint(0, 3))
            ]
            plans.append((decision, carriers, principles, notes))
        made = Decision.objects.bulk_create([plan[0] for plan in plans])
        members = Decision.members.through
        members.objects.bulk_create(
            [
                members(decision_id=decision.pk, member_id=member.pk)
                for decision, (_d, carriers, _p, _n) in zip(made, plans, strict=True)
                for member in carriers
            ]
        )
        principles = Decision.principles.through
        principles.objects.bulk_create(
            [
                principles(decision_id=decision.pk, principle_id=principle.pk)
                for decision, (_d, _c, chosen, _n) in zip(made, plans, strict=True)
                for principle in chosen
            ]
        )
        notes = []
        for decision, (_d, _c, _p, planned) in zip(made, plans, strict=True):
            for note in planned:
                note.decision_id = decision.pk
                notes.append(note)
        ProgressNote.objects.bulk_create(notes)
        self.index(Decision, [decision.pk for decision in made])


def _renew_caches() -> None:
    # bulk_create and raw deletes send no signals: move the content clock ourselves.
    ContentClock.changed_later()


def demo_data_generate(
    *,
    documents: int = 0,
    practices: int = 0,
    people: int = 0,
    seed: int = 1,
    progress: Progress | None = None,
) -> DemoReport:
    """Make demo documents, practices and people numbered 1 to each number, the ones
    that are not there yet. Each kind is written in one transaction."""
    if not all(0 <= number <= MAXIMUM for number in (documents, practices, people)):
        raise ValueError(f"Give numbers of records from 0 to {MAXIMUM:,}.")
    progress = progress or _quiet
    started = time.perf_counter()
    report = DemoReport()
    generator = Generator(seed=seed, progress=progress)
    for name, wanted, make in (
        ("documents", documents, generator.documents),
        ("people", people, generator.people),
        ("practices", practices, generator.practices),
    ):
        if not wanted:
            continue
        with transaction.atomic():
            made = make(wanted)
            _renew_caches()
        if name == "practices":
            made, representatives = made
            if representatives:
                report.created["representatives"] = representatives
        report.created[name] = made
        if made < wanted:
            report.existing[name] = wanted - made
    if practices:
        with transaction.atomic():
            report.created["statements"] = generator.statements()
            _renew_caches()
    if documents:  # one decision for every 20 documents, as summits agree things
        with transaction.atomic():
            made = generator.decisions(max(1, documents // 20))
            _renew_caches()
        if made:
            report.created["decisions"] = made
    report.seconds = time.perf_counter() - started
    return report


# Clearing --------------------------------------------------------------------------------


def _as_text(queryset):
    return queryset.annotate(text_pk=Cast("pk", CharField())).values("text_pk")


def _forget(model, queryset) -> None:
    """Remove what points at these records by content type and id: their search index
    entries, translations and reference index rows."""
    content_type = ContentType.objects.get_for_model(model)
    ids = _as_text(queryset)
    IndexEntry.objects.filter(content_type=content_type, object_id__in=ids)._raw_delete(
        IndexEntry.objects.db
    )
    Translation.objects.filter(content_type=content_type, object_id__in=ids)._raw_delete(
        Translation.objects.db
    )
    ReferenceIndex.objects.filter(
        Q(base_content_type=content_type, object_id__in=ids)
        | Q(to_content_type=content_type, to_object_id__in=ids)
    )._raw_delete(ReferenceIndex.objects.db)


def _raw_delete(queryset) -> int:
    # Straight DELETE statements: no per-record signals (search index, open data
    # version), which would cost a query or more for each of 100,000 records.
    return queryset._raw_delete(queryset.db)


def _clear_documents() -> int:
    documents = Document.objects.filter(slug__startswith=PREFIX)
    versions = DocumentVersion.objects.filter(document__in=documents.values("pk"))
    _forget(Document, documents)
    Document.objects.filter(superseded_by__in=documents.values("pk")).exclude(
        slug__startswith=PREFIX
    ).update(superseded_by=None)
    for relation in Document._meta.related_objects:
        if relation.many_to_many:  # questions that link to documents
            link = relation.field.m2m_reverse_field_name()
            links = relation.through.objects.filter(**{f"{link}__in": documents.values("pk")})
            _raw_delete(links)
    _raw_delete(Document.principles.through.objects.filter(document__in=documents.values("pk")))
    _raw_delete(PrincipleWording.objects.filter(version__in=versions.values("pk")))
    _raw_delete(Signature.objects.filter(document__in=documents.values("pk")))
    _raw_delete(DocumentAttachment.objects.filter(document__in=documents.values("pk")))
    _raw_delete(versions)
    return _raw_delete(documents)


def _clear_practices() -> int:
    practices = Practice.objects.filter(slug__startswith=PREFIX)
    ids = practices.values("pk")
    _forget(Practice, practices)
    _raw_delete(TaggedPractice.objects.filter(content_object__in=ids))
    _raw_delete(Practice.principles.through.objects.filter(practice__in=ids))
    _raw_delete(Practice.authors.through.objects.filter(practice__in=ids))
    _raw_delete(PracticeAttachment.objects.filter(practice__in=ids))
    # Files added by a change still waiting for review belong to its revision only.
    _raw_delete(PracticeAttachment.objects.filter(revision__practice__in=ids))
    _raw_delete(PracticeRevision.objects.filter(practice__in=ids))
    return _raw_delete(practices)


def _clear_themes() -> int:
    """Demo themes that no record uses any more."""
    unused = Tag.objects.filter(name__in=THEMES)
    for relation in Tag._meta.get_fields():
        if isinstance(relation, ForeignObjectRel):
            unused = unused.filter(**{f"{relation.name}__isnull": True})
    return unused.delete()[0]


def _clear_statements() -> int:
    """Statements drafted by demo people (before the people go)."""
    statements = Statement.objects.filter(
        drafted_by__username__startswith=PREFIX, drafted_by__email__endswith=f".{EMAIL_DOMAIN}"
    )
    _forget(Statement, statements)
    _raw_delete(Statement.practices.through.objects.filter(statement__in=statements.values("pk")))
    _raw_delete(Statement.documents.through.objects.filter(statement__in=statements.values("pk")))
    return _raw_delete(
        Statement.objects.filter(pk__in=list(statements.values_list("pk", flat=True)))
    )


def _clear_decisions() -> int:
    decisions = Decision.objects.filter(key__startswith=f"{PREFIX}decision-")
    ids = decisions.values("pk")
    _forget(Decision, decisions)
    notes = ProgressNote.objects.filter(decision__in=ids)
    for through in (
        ProgressNote.documents.through,
        ProgressNote.practices.through,
        ProgressNote.news.through,
    ):
        _raw_delete(through.objects.filter(progressnote__in=notes.values("pk")))
    _raw_delete(notes)
    _raw_delete(Decision.members.through.objects.filter(decision__in=ids))
    _raw_delete(Decision.principles.through.objects.filter(decision__in=ids))
    return _raw_delete(decisions)


def _clear_people() -> int:
    people = User.objects.filter(username__startswith=PREFIX, email__endswith=f".{EMAIL_DOMAIN}")
    Invitation.objects.filter(email__endswith=f".{EMAIL_DOMAIN}").delete()
    count = people.count()
    people.delete()  # a few thousand at most: Django's collector handles their records
    return count


def demo_data_clear(*, progress: Progress | None = None) -> DemoReport:
    """Remove every demo record (and only those), in one transaction."""
    progress = progress or _quiet
    started = time.perf_counter()
    report = DemoReport()
    with transaction.atomic():
        report.deleted["decisions"] = _clear_decisions()
        report.deleted["documents"] = _clear_documents()
        progress(f"documents: {report.deleted['documents']:,} removed")
        report.deleted["statements"] = _clear_statements()
        report.deleted["practices"] = _clear_practices()
        _clear_themes()
        progress(f"practices: {report.deleted['practices']:,} removed")
        report.deleted["people"] = _clear_people()
        progress(f"people: {report.deleted['people']:,} removed")
        _renew_caches()
    report.seconds = time.perf_counter() - started
    return report


def demo_data_counts() -> dict[str, int]:
    """How many demo records there are, by kind."""
    return {
        "documents": Document.objects.filter(slug__startswith=PREFIX).count(),
        "practices": Practice.objects.filter(slug__startswith=PREFIX).count(),
        "people": User.objects.filter(
            username__startswith=PREFIX, email__endswith=f".{EMAIL_DOMAIN}"
        ).count(),
    }
