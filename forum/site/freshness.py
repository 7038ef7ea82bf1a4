"""What moves the content clock (forum.core.models.ContentClock): a save or delete of any
record the public reads, wherever it happens (the CMS, a service, the loader), once per
transaction, after it commits. The clock is the version of every cached page and of the
bulk data, and the Last-Modified of the read API."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.images import get_image_model

from forum.contact.models import ContactPage
from forum.core.models import ContentClock, Translation
from forum.decisions.models import Decision, ProgressNote
from forum.documents.models import Document, DocumentAttachment, DocumentVersion, Signature
from forum.groups.models import GroupLead, WorkingGroup
from forum.members.models import Member
from forum.news.models import NewsItem
from forum.policies.models import AccessibilityPage, CookiesPage, Licence, LicencePage, PrivacyPage
from forum.practices.models import Practice, PracticeAttachment, TaggedPractice
from forum.principles.models import Principle, PrincipleWording
from forum.statements.models import Statement
from forum.summits.models import Summit

from .models import AboutPage, ForumName, HomePage

PUBLIC_MODELS = [
    get_image_model(),  # a summit's, member's, group's or news item's picture
    HomePage,
    AboutPage,
    PrivacyPage,
    AccessibilityPage,
    CookiesPage,
    LicencePage,
    ContactPage,
    Licence,
    ForumName,
    Translation,
    Member,
    Principle,
    PrincipleWording,
    Summit,
    WorkingGroup,
    GroupLead,
    Document,
    DocumentVersion,
    Signature,
    DocumentAttachment,
    NewsItem,
    Practice,
    PracticeAttachment,
    TaggedPractice,
    Decision,
    ProgressNote,
    Statement,
]
PUBLIC_RELATIONS = [
    WorkingGroup.participants.through,
    Document.principles.through,
    Practice.principles.through,
    Practice.authors.through,
    Decision.members.through,
    Decision.principles.through,
]


def content_changed(**kwargs):
    ContentClock.changed_later()


def connect():
    for model in PUBLIC_MODELS:
        uid = f"content-clock-{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for through in PUBLIC_RELATIONS:
        m2m_changed.connect(
            content_changed, sender=through, dispatch_uid=f"content-clock-{through}"
        )
