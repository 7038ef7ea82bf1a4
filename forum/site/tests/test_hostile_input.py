"""Any text typed into any free-text parameter gets an answer, never a 500: a corpus of
hostile values sent to every list, search, feed and API endpoint that takes one, in more
than one language; the read API answers its errors as JSON."""

import json

import pytest

pytestmark = pytest.mark.django_db

#: Raw query-string values (already percent-encoded where that is the point).
CORPUS = [
    '"',
    '""',
    "'",
    "\"unbalanced 'quotes",
    'data"',
    "NEAR(data identity)",
    "NEAR(",
    "^data",
    "data*",
    "*",
    "col:data",
    "title:charter",
    "data AND",
    "OR",
    "NOT data",
    "-data",
    "+data",
    "(data",
    "data)",
    "{data}",
    "[data]",
    "data & identity | !open",
    "data <-> identity",
    ":*",
    "' OR 1=1 --",
    "'; DROP TABLE documents_document; --",
    "1' UNION SELECT password FROM accounts_user --",
    "%",
    "%25",
    "_",
    "\\",
    "\\x00",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${7*7}",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '=HYPERLINK("http://evil.example")',
    "%00",
    "data%00identity",
    "%01%02%03%07%08%1B",
    "%0D%0ASet-Cookie:%20x=1",
    "%E2%80%AEataD",  # right-to-left override
    "%E2%81%A6data%E2%81%A9",  # isolates
    "%EF%BB%BF",  # byte order mark
    "%FF%FE",  # invalid UTF-8
    "%C3%28",  # invalid UTF-8
    "%ED%A0%80",  # a lone surrogate, encoded
    "%F0%9F%92%A9",  # an emoji
    "données publiques",
    "데이터",
    "נתונים",
    "   ",
    ".",
    "..",
    "...",
    "-",
    "x" * 10_000,
    "data " * 2_000,
]

#: Every page, feed and API list that takes free text, in more than one language.
PUBLIC = [
    "/documents/?q={}",
    "/fr/documents/?q={}",
    "/he/documents/?q={}",
    "/documents/?type={}&year={}&member={}&principle={}&sort={}&page={}",
    "/practices/?q={}",
    "/ko/practices/?q={}&theme={}&member={}",
    "/search/?q={}",
    "/fr/search/?q={}&kind={}&page={}",
    "/news/?page={}",
    "/feeds/documents/?q={}",
    "/feeds/practices/?q={}",
    "/alerts/subscribe/?list=documents&q={}",
    "/alerts/subscribe/?list={}",
]
API = [
    "/api/v1/documents/?q={}",
    "/api/v1/documents/?q={}&sort=relevance&year={}",
    "/api/v1/documents/?type={}&year={}&member={}&principle={}&sort={}",
    "/api/v1/practices/?q={}&theme={}",
    "/api/v1/news/?page={}&page_size={}",
    "/api/v1/documents/{}",
    "/api/v1/members/{}",
]
SIGNED_IN = [
    "/workspace/directory/?q={}",
    "/workspace/practices/?q={}",
]


def address(template: str, value: str) -> str:
    return template.replace("{}", value.replace("&", "%26").replace("#", "%23").replace(" ", "+"))


@pytest.mark.parametrize("template", PUBLIC)
def test_public_pages_and_feeds_answer_any_text(client, template):
    for value in CORPUS:
        url = address(template, value)
        response = client.get(url)
        assert response.status_code < 500, (url[:200], response.status_code)
        if response.status_code >= 400:
            assert response.status_code in (400, 404, 414), url[:200]


@pytest.mark.parametrize("template", API)
def test_the_api_answers_any_text_with_json(client, template):
    for value in CORPUS:
        url = address(template, value)
        response = client.get(url)
        assert response.status_code < 500, (url[:200], response.status_code)
        assert response["Content-Type"].startswith("application/json"), url[:200]
        body = json.loads(response.content)
        if response.status_code >= 400:
            assert isinstance(body.get("detail"), str) and body["detail"], (url[:200], body)


@pytest.mark.parametrize("template", SIGNED_IN)
def test_workspace_lists_answer_any_text(client, representative, template):
    client.force_login(representative)
    for value in CORPUS:
        url = address(template, value)
        response = client.get(url)
        assert response.status_code in (200, 400, 414), (url[:200], response.status_code)


def test_what_was_typed_is_shown_back_as_text(client):
    response = client.get("/documents/?q=" + address("{}", '"><svg onload=alert(1)>'))
    html = response.content.decode()
    assert "<svg onload" not in html
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt;" in html


@pytest.mark.parametrize(
    "url",
    [
        "/documents/?q=%E2%80%AEdata%00%0D%0Aidentity%1B",
        "/fr/practices/?q=%E2%81%A6data%E2%81%A9+%EF%BB%BFidentity",
        "/search/?q=data%00+%E2%80%AEidentity",
    ],
)
def test_controls_and_direction_overrides_are_taken_out_of_what_was_typed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="data identity"' in html
    for character in ("\u202e", "\u2066", "\ufeff", "\x00", "\x1b"):
        assert character not in html


@pytest.mark.parametrize(
    ("url", "json_answer"),
    [("/documents/?q=", False), ("/fr/search/?q=", False), ("/api/v1/documents/?q=", True)],
)
def test_an_address_too_long_gets_a_414(client, url, json_answer):
    response = client.get(url + "data+" * 1000)
    assert response.status_code == 414
    if json_answer:
        assert response.json() == {"detail": "The address is too long: shorten the query."}
    else:
        assert "Address too long" in response.content.decode()
    assert client.get(url + "data+" * 30).status_code == 200
