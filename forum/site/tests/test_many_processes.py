"""Many processes, one truth: two application servers (two gunicorn instances on their own
ports) on one database and, when REDIS_URL is set, one Redis, as behind a load balancer.
A change made through one shows at once through the other; a session opened on one is
good on the other; a throttle counts the requests to both; a task queued by one is done
by a worker of its own.

On PostgreSQL (DATABASE_URL) the servers share a database made for the test on that
server, and Redis (REDIS_URL) under a key prefix of the test's; otherwise a SQLite file,
each server with its own memory cache (the content version then comes from the
database)."""

import http.client
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import ExitStack, contextmanager
from urllib.parse import urlsplit

import pytest
from django_otp.oath import TOTP

from .commands import ROOT, environment, manage

PASSWORD = "a long secretariat passphrase 2026"

MAKE_SECRETARIAT = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
from forum.accounts.models import User
user = User.objects.create_user(
    username="sam@example.org", email="sam@example.org", password={PASSWORD!r},
    role="secretariat", is_staff=True, is_superuser=True, first_name="Sam", last_name="S",
)
device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
print(device.key)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def postgres_database(url: str):
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"{parts.path.strip('/')}_processes_{os.getpid()}"
    server = psycopg.connect(
        host=parts.hostname,
        port=parts.port,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )
    server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        server.close()


@contextmanager
def gunicorn(env: dict, port: int, workers: int = 2):
    log = open(os.devnull, "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and gunicorn)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "forum.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--threads=2",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, "gunicorn stopped while starting"
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A visitor with cookies, who can be sent to either server."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, url, data=None):
        body = None
        if data is not None:
            token = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
            url, data=body, headers={"Accept-Language": "en"}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def get(self, url):
        return self.request(url)

    def post(self, url, data):
        return self.request(url, data)


def code(key_hex: str) -> str:
    totp = TOTP(bytes.fromhex(key_hex), 30, 0, 6, 0)
    totp.time = time.time()
    return f"{totp.token():06d}"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("processes")
    url = os.environ.get("DATABASE_URL", "")
    with ExitStack() as stack:
        if url.startswith(("postgres://", "postgresql://")):
            env = environment(
                folder / "media", database_url=stack.enter_context(postgres_database(url))
            )
            if os.environ.get("REDIS_URL"):
                env["REDIS_URL"] = os.environ["REDIS_URL"]
                env["CACHE_KEY_PREFIX"] = f"processes-{os.getpid()}-{time.time_ns()}"
        else:
            env = environment(folder / "media", sqlite=folder / "db.sqlite3")
        env.update(DEBUG="false", HTTPS="false", EMAIL_HOST="", LOG_LEVEL="WARNING")
        env.pop("EMAIL_TASK_BACKEND", None)
        manage(env, "migrate", "-v0")
        manage(env, "load_forum_data", "-v0")
        key = manage(env, "shell", "-v0", "-c", MAKE_SECRETARIAT).stdout.strip()
        env["STATIC_ROOT"] = str(folder / "static")
        manage(env, "collectstatic", "--noinput", "-v0")
        first = stack.enter_context(gunicorn(env, free_port()))
        second = stack.enter_context(gunicorn(env, free_port()))
        yield {"a": first, "b": second, "env": env, "key": key}


def signed_in(servers) -> Browser:
    """The secretariat, signed in with the password and a code on server A."""
    browser = Browser()
    browser.get(servers["a"] + "/accounts/sign-in/")
    status, headers, _ = browser.post(
        servers["a"] + "/accounts/sign-in/", {"email": "sam@example.org", "password": PASSWORD}
    )
    assert status == 302, status
    assert "/accounts/two-factor/verify/" in headers["Location"]
    browser.get(servers["a"] + headers["Location"])
    status, headers, _ = browser.post(
        servers["a"] + "/accounts/two-factor/verify/", {"code": code(servers["key"])}
    )
    assert status == 302, status
    return browser


def test_a_change_through_one_server_shows_at_once_through_the_other(servers):
    anonymous = Browser()
    for _ in range(2):  # the second answer comes from B's page cache
        status, _, about = anonymous.get(servers["b"] + "/about/")
        assert status == 200
    assert "Renamed Digital Nations for the test" not in about

    secretariat = signed_in(servers)
    # The session opened on A is good on B.
    status, _, workspace = secretariat.get(servers["b"] + "/workspace/")
    assert status == 200
    assert "Sam" in workspace

    status, _, form = secretariat.get(servers["a"] + "/cms/snippets/site/forumname/")
    assert status == 200
    pk = re.search(r"/cms/snippets/site/forumname/edit/(\d+)/", form)[1]
    edit = f"{servers['a']}/cms/snippets/site/forumname/edit/{pk}/"
    status, _, page = secretariat.get(edit)
    fields = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', page))
    fields |= {
        name: text.strip()
        for name, text in re.findall(
            r'<textarea[^>]*name="(\w+)"[^>]*>(.*?)</textarea>', page, re.S
        )
    }
    fields.pop("csrfmiddlewaretoken", None)
    fields["confidence"] = "high"
    fields["event"] = "Renamed Digital Nations for the test."
    status, _, _ = secretariat.post(edit, fields)
    assert status == 302, status

    status, _, about = anonymous.get(servers["b"] + "/about/")
    assert status == 200
    assert "Renamed Digital Nations for the test." in about


def test_a_throttle_counts_the_requests_to_every_server(servers):
    visitor = Browser()
    url = "/alerts/subscribe/?list=news"
    answers = []
    for server in ("a", "b", "a", "b"):
        visitor.get(servers[server] + url)
        status, headers, _ = visitor.post(servers[server] + url, {"email": "reader@example.net"})
        answers.append(status)
    assert answers == [200, 200, 200, 429]
    assert int(headers["Retry-After"]) > 0


def test_a_task_queued_by_a_server_is_done_by_a_worker(servers):
    visitor = Browser()
    url = "/alerts/subscribe/?list=documents"
    visitor.get(servers["b"] + url)
    status, _, _ = visitor.post(servers["b"] + url, {"email": "queued@example.net"})
    assert status == 200
    worker = manage(
        servers["env"],
        "db_worker",
        "--backend=email",
        "--queue-name=email",
        "--batch",
        "--no-startup-delay",
        "-v0",
    )
    assert "queued@example.net" in worker.stdout
    assert "Confirm your email alerts" in worker.stdout
