"""Surfaces that cannot carry an attack: XSS and injection vectors written through every
field a member can fill (a practice's texts, links, themes and file titles; questions and
answers; group drafts and comments; directory entries and posts; names) and read back
on every surface that shows them (pages in English and Hebrew, the Atom feed, JSON-LD,
the read API, the CSV, the emails): never a live element, handler or link."""

import csv
import datetime
import io
import json
import re
from html.parser import HTMLParser

import pytest
from defusedxml import ElementTree

from django.core.files.uploadedfile import SimpleUploadedFile

from forum.groups.models import GroupDraft, GroupMembership, WorkingGroup
from forum.groups.services import comment_create
from forum.members.services import directory_entry_update, post_create
from forum.practices import services
from forum.questions.services import answer_create, question_ask

from .test_attachments import make_pdf

pytestmark = pytest.mark.django_db

#: Each carries the marker "xss" and a number, to be found wherever it ends up.
VECTORS = [
    "<script>alert('xss1')</script>",
    "<img src=x onerror=alert('xss2')>",
    "<svg onload=alert('xss3')>",
    '"><script>xss4</script>',
    "'><img src=x onerror=xss5>",
    "javascript:alert('xss6')",
    '<a href="javascript:xss7">x</a>',
    "</script><script>xss8</script>",
    '<iframe src="javascript:xss9"></iframe>',
    "<body onload=xss10>",
    '<div style="background:url(javascript:xss11)">',
    "{{ xss12 }}{% debug %}",
    "${xss13}",
    '=HYPERLINK("http://evil.example","xss14")',
    "+xss15",
    "-xss16",
    "@SUM(xss17)",
    "\u202exss18 gnp.exe",
    '<math><mi xlink:href="javascript:xss19">x</mi></math>',
    "<details open ontoggle=xss20>",
    '<object data="data:text/html,xss21"></object>',
    "</textarea><script>xss22</script>",
    "</title><script>xss23</script>",
    "<style>@import 'xss24'</style>",
    '<base href="//evil.example/xss25">',
    "]]><xss26>",
    "<!--xss27-->",
    '"onmouseover="xss28',
    "'onfocus='xss29' autofocus='",
    '<meta http-equiv="refresh" content="0;url=javascript:xss30">',
]
ALL = "\n".join(VECTORS)
ATOM = "{http://www.w3.org/2005/Atom}"
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
#: Elements the site itself never makes from what people type.
NEVER_TYPED = {"script", "iframe", "object", "embed", "base", "style", "svg", "math", "body"}


class Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            if values.get("type") == "application/ld+json":
                self._in_json_ld = True
                self.json_ld.append("")
            elif not (values.get("src") or "").startswith("/static/"):
                self.problems.append(f"a live <script> {attrs}")
        if "xss" in tag:
            self.problems.append(f"an element made of typed text: <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"a handler: <{tag} {name}={value!r}>")
            if "xss" in name:
                self.problems.append(f"an attribute made of typed text: <{tag} {name}>")
            lowered = re.sub(r"\s", "", (value or "").lower())
            if name in URL_ATTRIBUTES and lowered.startswith(DANGEROUS_SCHEMES):
                self.problems.append(f"a dangerous link: <{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and lowered.startswith("//evil"):
                self.problems.append(f"a link to another host: <{tag} {name}={value!r}>")
        if tag in NEVER_TYPED and tag != "script" and "xss" in str(attrs):
            self.problems.append(f"a typed <{tag}>")
        if tag == "meta" and values.get("http-equiv"):
            self.problems.append(f"a typed refresh: {attrs}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def assert_inert(html: str, where: str):
    inspector = Inspector()
    inspector.feed(html)
    assert inspector.problems == [], (where, inspector.problems[:5])
    for block in inspector.json_ld:
        json.loads(block)  # whole: nothing typed closed the element early


@pytest.fixture
def hostile(make_practice, representative, secretariat, make_user, client_for, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    representative.first_name = VECTORS[0]
    representative.last_name = VECTORS[2]
    representative.save()
    practice = make_practice(
        representative,
        title=VECTORS[3][:200],
        status="published",
        visibility="public",
        themes=[VECTORS[5][:50], VECTORS[13][:50]],
        summary=ALL,
        problem=ALL,
        approach=ALL,
        results=ALL,
        lessons=ALL,
    )
    # Links: refused by the form unless https://; written as they came, to see them shown.
    type(practice).objects.filter(pk=practice.pk).update(links="\n".join(VECTORS[5:11]))
    services._add_attachment(
        actor=representative,
        practice=practice,
        file=SimpleUploadedFile("x.pdf", make_pdf(), "application/pdf"),
        title=VECTORS[1][:200],
    )
    question, _told = question_ask(asker=representative, title=VECTORS[7][:200], body=ALL)
    answer_create(author=secretariat, question=question, body=ALL)
    group = WorkingGroup.objects.get(slug="data-360")
    GroupMembership.objects.create(group=group, user=representative, lead=True)
    draft = GroupDraft.objects.create(
        group=group,
        title=VECTORS[22][:200],
        text="\n\n".join(VECTORS),
        created_by=representative,
        status=GroupDraft.Status.CONSULTATION,
    )
    comment_create(author=representative, draft=draft, anchor=1, text=ALL)
    directory_entry_update(user=representative, help_with=ALL, bio=ALL[:4000], other_contact=ALL)
    post_create(
        user=representative,
        title=VECTORS[9][:150],
        member=representative.member,
        start=datetime.date(2024, 1, 1),
    )
    return {"practice": practice, "question": question, "draft": draft, "group": group}


def test_typed_text_is_never_live_on_any_surface(client, hostile, representative, login):
    practice = hostile["practice"]
    public = [
        practice.get_absolute_url(),
        f"/he{practice.get_absolute_url()}",
        "/practices/",
        "/he/practices/",
        "/search/?q=xss",
        f"/members/{representative.member.iso_code.lower()}/",
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        if response.status_code == 200:
            assert_inert(response.content.decode(), url)

    feed = ElementTree.fromstring(client.get("/feeds/practices/").content)
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for element in feed.iter():
        assert element.tag.startswith(ATOM), element.tag  # no element of another kind
        if element.get("type") == "html":
            assert_inert(element.text or "", f"feed {element.tag}")  # as a reader shows it
        if element.tag == f"{ATOM}link":
            assert element.get("href", "").startswith("http://testserver/"), element.get("href")

    api = client.get(f"/api/v1/practices/{practice.slug}")
    assert api.status_code == 200
    assert api.json()["summary"] == ALL  # kept as text, exactly
    assert api["Content-Type"].startswith("application/json")

    rows = list(csv.reader(io.StringIO(client.get("/data/practices.csv").content.decode())))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell[:60]

    signed_in = login(representative)
    workspace = [
        f"/workspace/questions/{hostile['question'].pk}/",
        "/workspace/questions/",
        f"/workspace/groups/{hostile['group'].slug}/drafts/{hostile['draft'].pk}/",
        f"/workspace/groups/{hostile['group'].slug}/",
        f"/workspace/directory/{representative.pk}/",
        "/workspace/directory/",
        "/workspace/practices/",
        f"{practice.get_workspace_url()}",
        "/workspace/notifications/",
    ]
    for url in workspace:
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)


@pytest.fixture
def email_queue(settings):
    """The email worker's queue in the database (this folder's tests only queue)."""
    settings.TASKS = {
        **settings.TASKS,
        "email": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["email"]},
    }


def test_emails_carry_typed_text_as_plain_text_only(email_queue, hostile, run_email_worker):
    from django.core import mail

    run_email_worker()
    assert mail.outbox, "the question and the answer were told by email"
    for message in mail.outbox:
        assert not getattr(message, "alternatives", None), message.subject  # no HTML part
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.content_subtype == "plain"
