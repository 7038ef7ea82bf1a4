"""The interface in the members' languages: the catalogues are complete and compiled,
addresses carry the language, and the pages are in it, Hebrew right to left."""

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import yaml

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from forum.core.i18n import localise_path, split_language
from forum.core.models import Translation

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.LOCALE_PATHS[0])
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
FORMAT = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def test_the_site_speaks_the_eight_languages_of_the_issue():
    assert [code for code, _name in settings.LANGUAGES] == [
        "en", "fr", "es", "pt", "ko", "he", "da", "et",
    ]  # fmt: skip


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    assert len(po) > 1000
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [], f"{language}: untranslated {untranslated[:5]}"
    assert fuzzy == [], f"{language}: fuzzy {fuzzy[:5]}"
    assert po.metadata["Language"] == language


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_translations_keep_every_placeholder(language):
    for entry in catalogue(language).translated_entries():
        wanted = sorted(FORMAT.findall(entry.msgid))
        if entry.msgid_plural:
            forms = entry.msgstr_plural.values()
            plural_wanted = sorted(FORMAT.findall(entry.msgid_plural))
            for form in forms:
                found = sorted(FORMAT.findall(form))
                # A language may leave the count out of its "one" form.
                assert set(found) <= set(plural_wanted) | set(wanted), (entry.msgid, form)
        else:
            assert sorted(FORMAT.findall(entry.msgstr)) == wanted, (entry.msgid, entry.msgstr)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_compiled_catalogue_is_the_current_one(language):
    """The .mo files are committed (msgfmt is not needed to run the site): each holds
    exactly what its .po says."""
    po = catalogue(language)
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo if e.msgid}
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in po.translated_entries()
        if e.msgid
    }
    assert compiled == source, f"run `make messages` to compile {language}"


@pytest.mark.skipif(
    not shutil.which("xgettext") and os.environ.get("CI") != "true",
    reason="needs GNU gettext (xgettext): make i18n-deps",
)
def test_every_message_of_the_source_is_in_the_catalogues():
    """What the templates and code mark for translation is all in the catalogues (CI
    installs gettext; `make messages` updates them)."""
    call_command("update_translations", check=True)


def test_english_is_unprefixed_and_other_languages_are_prefixed():
    assert split_language("/fr/documents/") == ("fr", "/documents/")
    assert split_language("/he") == ("he", "/")
    assert split_language("/documents/") == ("en", "/documents/")
    assert split_language("/fresh/") == ("en", "/fresh/")
    assert localise_path("/he/about/", "en") == "/about/"
    assert localise_path("/about/", "ko") == "/ko/about/"
    assert localise_path("/api/v1/members/", "fr") == "/api/v1/members/"


class Text(HTMLParser):
    """The text a reader sees in <main>, and the html element's attributes."""

    def __init__(self):
        super().__init__()
        self.in_main = 0
        self.skip = 0
        self.parts = []
        self.html = {}

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.html = dict(attrs)
        if tag == "main":
            self.in_main += 1
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.in_main and not self.skip and data.strip():
            self.parts.append(" ".join(data.split()))


def read(client, path) -> Text:
    response = client.get(path)
    assert response.status_code == 200, path
    text = Text()
    text.feed(response.content.decode())
    return text


def translated_texts(language: str) -> tuple[set, list]:
    """Everything the language's catalogue and content translations say: a text of the
    English page found among them is translated (a name may be the same in both)."""
    texts, patterns = set(), []
    for entry in catalogue(language).translated_entries():
        forms = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for form in forms:
            if FORMAT.search(form):
                pattern = re.escape(form)
                for placeholder in set(FORMAT.findall(form)):
                    pattern = pattern.replace(re.escape(placeholder), ".+?")
                patterns.append(re.compile(f"^{pattern}$"))
            else:
                texts.add(" ".join(form.split()))
    for text in Translation.objects.filter(language=language).values_list("text", flat=True):
        texts.update(" ".join(line.split()) for line in [text, *text.splitlines()])
    return texts, patterns


def untranslated(part: str, texts: set, patterns: list) -> bool:
    core = re.sub(r"^\d+\. |\s*(\(\d+\)|·)$", "", part).strip(" .·()")
    if not re.search(r"[^\W\d_]{3}", core) or core.startswith("http"):
        return False  # numbers, codes, addresses
    if core in texts or part in texts:
        return False
    return not any(pattern.match(part) or pattern.match(core) for pattern in patterns)


@pytest.mark.parametrize(
    ("path", "language"),
    [("/fr/documents/", "fr"), ("/ko/members/", "ko"), ("/he/about/", "he")],
)
def test_pages_of_the_issue_are_fully_in_their_language(client, path, language):
    """No text of the English page is left untranslated on the translated one."""
    english = read(client, localise_path(path, "en"))
    translated = read(client, path)
    assert translated.html["lang"] == language
    texts, patterns = translated_texts(language)
    left = {
        part
        for part in english.parts
        if part in translated.parts and untranslated(part, texts, patterns)
    }
    assert left == set(), f"{path} still shows in English: {sorted(left)[:10]}"
    assert 'id="translation-notice"' not in client.get(path).content.decode()


def test_hebrew_pages_are_right_to_left(client):
    page = read(client, "/he/about/")
    assert page.html == {"lang": "he", "dir": "rtl"}
    assert read(client, "/about/").html == {"lang": "en", "dir": "ltr"}


def test_the_pages_show_the_translated_content(client):
    html = client.get("/ko/members/").content.decode()
    assert "회원국 정부" in html  # "Member governments"
    assert "에스토니아" in html  # Estonia
    html = client.get("/fr/documents/").content.decode()
    assert "Documents clés" in html
    assert "Charte" in html
    hebrew = yaml.safe_load((settings.BASE_DIR / "forum/data/translations/he.yaml").read_text())
    html = client.get("/he/about/").content.decode()
    assert f"<h1>{hebrew['about_page']['about']['title']}</h1>" in html
    with translation.override("he"):
        assert f">{translation.gettext('Documents')}</a>" in html  # the navigation


def test_the_language_switcher_keeps_the_page_and_its_query(client):
    html = client.get("/fr/documents/?type=charter").content.decode()
    assert 'href="/documents/?type=charter" lang="en" hreflang="en"' in html
    assert 'href="/he/documents/?type=charter" lang="he" hreflang="he" dir="rtl"' in html
    assert 'href="/fr/documents/?type=charter" lang="fr" hreflang="fr" aria-current="true"' in html
    assert html.count('<nav class="languages"') == 1


def test_every_page_names_its_alternates(client):
    html = client.get("/members/ee/").content.decode()
    for code in [code for code, _ in settings.LANGUAGES]:
        prefix = "" if code == "en" else f"/{code}"
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://testserver{prefix}/members/ee/">'
            in html
        )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/members/ee/">' in html
    )


def test_links_stay_in_the_visitors_language(client):
    html = client.get("/da/").content.decode()
    assert 'href="/da/documents/"' in html
    assert 'href="/da/about/"' in html
    assert 'action="/da/search/"' in html
    assert 'href="/documents/"' not in html.split('<nav class="languages"')[0]


def test_dates_and_numbers_are_localised(client):
    html = client.get("/fr/news/").content.decode()
    assert re.search(r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre"
                     r"|octobre|novembre|décembre) \d{4}", html)  # fmt: skip
    html = client.get("/news/").content.decode()
    assert re.search(r"(January|February|March|April|May|June|July|August|September"
                     r"|October|November|December)", html)  # fmt: skip


def test_machine_readable_addresses_have_one_language(client):
    assert client.get("/fr/api/v1/members/").status_code == 404
    assert client.get("/api/v1/members/").status_code == 200
    assert client.get("/fr/feeds/news/").status_code == 404
    assert client.get("/fr/data/").status_code == 200


def test_sign_in_in_another_language_leads_back_to_it(client, representative):
    response = client.get("/et/workspace/")
    assert response.status_code == 302
    assert response["Location"].startswith("/et/accounts/sign-in/?next=/et/workspace/")
