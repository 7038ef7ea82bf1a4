"""The kinds of things the site search looks through, in the order the results show them.

A new kind is one more ``Kind`` in ``KINDS``: the public records to search (a queryset of
an ``index.Indexed`` model, from the domain's own definition of public), a label, where a
snippet may come from, and the template for one hit. For example, news::

    Kind(
        slug="news",
        label=_("News"),
        queryset=lambda: NewsItem.objects.published(),
        texts=lambda item: [item.summary, item.body],
    )

Only what the public may read goes in: for practices that is ``Practice.objects.public()``
(published and public), never ``published()``, which holds members-only practices too.
"""

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from forum.core.fulltext import Match
from forum.decisions.models import Decision
from forum.documents.models import Document
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.news.models import NewsItem
from forum.practices.models import Practice
from forum.principles.models import Principle
from forum.statements.models import Statement
from forum.summits.models import Summit


def _absolute_url(obj: Any, request: HttpRequest | None) -> str:
    return obj.get_absolute_url()


@dataclass(frozen=True)
class Kind:
    #: The value of ``?kind=`` that shows this kind only.
    slug: str
    #: The heading of this kind's results (plural).
    label: str | Promise
    #: The public records of this kind, as the backend should search them. Called on
    #: each search; select_related/prefetch_related what ``texts`` and the template use.
    queryset: Callable[[], QuerySet]
    #: The texts a hit's snippet may be taken from, most important first.
    texts: Callable[[Any], Iterable[str]]
    #: The template of one hit; it gets ``hit`` (a ``services.Hit``).
    template: str = "search/hits/default.html"
    #: A hit's title (highlighted in the results).
    title: Callable[[Any], str] = str
    #: A hit's address.
    url: Callable[[Any, HttpRequest | None], str] = _absolute_url
    #: Whether every record of the model is public (then the search needs no check).
    all_public: bool = True

    def match(self, query: str) -> Match:
        records = self.queryset()
        return Match(records.model, query, within=None if self.all_public else records)

    def records(self, ids: list[int]) -> list:
        """The public records with these ids, in their order."""
        found = self.queryset().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


# Key documents -------------------------------------------------------------------------


def _documents() -> QuerySet:
    return Document.objects.public().select_related("summit")


def _document_texts(document: Document) -> list[str]:
    # The document's own texts: its versions and files are searched, not read for a
    # snippet (a query each).
    return [document.introduction, document.summary]


# Pages ---------------------------------------------------------------------------------

#: Fields of page types whose text can make a snippet, most important first.
PAGE_TEXT_FIELDS = ("lead", "introduction", "mission_statement", "how_it_works")


def _pages() -> QuerySet:
    # depth 1 is Wagtail's root, which is no page of the site.
    return Page.objects.live().public().filter(depth__gt=1).specific()


def _page_texts(page: Page) -> list[str]:
    texts = [getattr(page, name, "") or "" for name in PAGE_TEXT_FIELDS]
    return [*texts, page.search_description]


def _page_url(page: Page, request: HttpRequest | None) -> str:
    return page.get_url(request=request) or page.url or ""


# Everything else -----------------------------------------------------------------------


def _rich_text(value: str) -> str:
    return html.unescape(strip_tags(value or ""))


KINDS: list[Kind] = [
    Kind(
        slug="documents",
        label=_("Key documents"),
        queryset=_documents,
        texts=_document_texts,
        template="search/hits/document.html",
    ),
    Kind(
        slug="summits",
        label=_("Summits"),
        queryset=lambda: Summit.objects.select_related("host"),
        texts=lambda summit: [summit.theme, summit.outcomes, summit.city, summit.chair_name],
        template="search/hits/summit.html",
    ),
    Kind(
        slug="groups",
        label=_("Working groups"),
        queryset=lambda: WorkingGroup.objects.select_related("lead"),
        texts=lambda group: [group.focus, group.other_names],
        template="search/hits/group.html",
    ),
    Kind(
        slug="members",
        label=_("Members"),
        queryset=lambda: Member.objects.all(),
        texts=lambda member: [member.government_body, member.earlier_bodies],
        template="search/hits/member.html",
    ),
    Kind(
        slug="principles",
        label=_("Principles"),
        queryset=lambda: Principle.objects.all(),
        texts=lambda principle: [principle.summary],
    ),
    Kind(
        slug="news",
        label=_("News"),
        queryset=lambda: NewsItem.objects.published(),
        texts=lambda item: [item.summary, _rich_text(item.body)],
        template="search/hits/news.html",
        all_public=False,
    ),
    Kind(
        slug="pages",
        label=_("Pages"),
        queryset=_pages,
        texts=_page_texts,
        title=lambda page: page.title,
        url=_page_url,
        all_public=False,
    ),
    Kind(
        slug="practices",
        label=_("Practices"),
        # Published practices that everyone may read; members-only ones never.
        queryset=lambda: Practice.objects.public().select_related("member"),
        texts=lambda practice: [
            practice.summary,
            practice.problem,
            practice.approach,
            practice.results,
            practice.lessons,
        ],
        template="practices/search_hit.html",
        all_public=False,
    ),
    Kind(
        slug="decisions",
        label=_("Decisions"),
        queryset=lambda: Decision.objects.public().select_related(
            "summit", "meeting_group", "group", "document_version"
        ),
        texts=lambda decision: [decision.text],
        title=lambda decision: decision.heading,
        template="search/hits/decision.html",
    ),
    Kind(
        slug="statements",
        label=_("How members live the principles"),
        # Each member's current published statement per principle; drafts and earlier
        # revisions never.
        queryset=lambda: Statement.objects.current().select_related("member", "principle"),
        texts=lambda statement: [statement.text],
        title=lambda statement: f"{statement.member.name}: {statement.principle.name}",
        all_public=False,
    ),
]


def get_kind(slug: str) -> Kind | None:
    """The kind with this ``?kind=`` value, or None."""
    return next((kind for kind in KINDS if kind.slug == slug), None)
