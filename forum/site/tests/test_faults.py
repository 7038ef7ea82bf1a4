"""Faults survived, with the services the test owns: a Redis server of its own, stopped
and started again, and PostgreSQL reached through a relay of the test's own, cut and
joined again (the application sees exactly what it sees when the database stops: its
connections break and new ones are refused).

- Redis away: the site keeps serving (the cache is bypassed), rate limits let requests
  through, a queued email is kept in the database and sent when a worker runs.
- PostgreSQL away: pages kept in the page cache are still answered; others get a friendly
  503 with Retry-After (JSON under /api/); /readyz fails; when the database is back the
  site serves again by itself, and a form sent again goes through."""

import os
import shutil
import socket
import subprocess
import threading
import time
from contextlib import ExitStack, contextmanager, suppress
from urllib.parse import urlsplit

import pytest

from .commands import environment, manage
from .test_many_processes import Browser, free_port, gunicorn, postgres_database

POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def wait_for_port(port: int, *, up: bool, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            if up:
                return
        except OSError:
            if not up:
                return
        time.sleep(0.1)
    raise AssertionError(f"port {port} not {'up' if up else 'down'} after {timeout}s")


class RedisServer:
    """A redis-server of the test's own, keeping nothing on disk."""

    def __init__(self, port: int):
        self.port = port
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (Debian's redis-server)
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, up=True)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        wait_for_port(self.port, up=False)


class Relay:
    """A TCP relay from a local port to PostgreSQL: cut() breaks every connection and
    refuses new ones, as a stopped server does; join() serves again on the same port."""

    def __init__(self, port: int, target: tuple[str, int]):
        self.port, self.target = port, target
        self.sockets: list[socket.socket] = []
        self.listener = None

    def join(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        wait_for_port(self.port, up=True)

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.listener.close()
        for each in self.sockets:
            with suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
                each.close()
        self.sockets = []
        wait_for_port(self.port, up=False)


def prepared(env):
    env.update(DEBUG="false", HTTPS="false", EMAIL_HOST="", LOG_LEVEL="CRITICAL")
    env.pop("EMAIL_TASK_BACKEND", None)
    manage(env, "migrate", "-v0")
    manage(env, "load_forum_data", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


@contextmanager
def database_env(folder, stack):
    if POSTGRES:
        url = stack.enter_context(postgres_database(os.environ["DATABASE_URL"]))
        yield environment(folder / "media", database_url=url), url
    else:
        yield environment(folder / "media", sqlite=folder / "db.sqlite3"), None


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs Debian's redis-server")
def test_with_redis_stopped_the_site_keeps_serving_and_loses_no_email(tmp_path):
    redis = RedisServer(free_port())
    redis.start()
    with ExitStack() as stack, database_env(tmp_path, stack) as (env, _url):
        stack.callback(lambda: redis.process.poll() is None and redis.stop())
        env["STATIC_ROOT"] = str(tmp_path / "static")
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis.port}/0"
        site = stack.enter_context(gunicorn(prepared(env), free_port(), workers=1))
        visitor = Browser()
        for _ in range(2):
            assert visitor.get(site + "/")[0] == 200

        redis.stop()
        for path in ("/", "/documents/", "/about/", "/fr/members/", "/api/v1/documents/"):
            status, _, body = visitor.get(site + path)
            assert status == 200, (path, status)
        assert "Digital Nations" in visitor.get(site + "/about/")[2]
        url = "/alerts/subscribe/?list=documents"
        visitor.get(site + url)
        status, _, _ = visitor.post(site + url, {"email": "kept@example.net"})
        assert status == 200
        assert visitor.get(site + "/readyz")[0] == 200

        redis.start()
        assert visitor.get(site + "/")[0] == 200
        worker = manage(
            env,
            "db_worker",
            "--backend=email",
            "--queue-name=email",
            "--batch",
            "--no-startup-delay",
            "-v0",
        )
        assert "kept@example.net" in worker.stdout


@pytest.mark.skipif(not POSTGRES, reason="PostgreSQL's outage: DATABASE_URL=postgres://…")
def test_with_postgresql_stopped_pages_say_so_and_service_resumes_by_itself(tmp_path):
    with ExitStack() as stack, database_env(tmp_path, stack) as (env, url):
        parts = urlsplit(url)
        relay = Relay(free_port(), (parts.hostname, parts.port or 5432))
        relay.join()
        env["STATIC_ROOT"] = str(tmp_path / "static")
        prepared(env)
        env["DATABASE_URL"] = parts._replace(
            netloc=f"{parts.username}@127.0.0.1:{relay.port}"
        ).geturl()
        site = stack.enter_context(gunicorn(env, free_port(), workers=1))
        stack.callback(lambda: relay.listener.fileno() != -1 and relay.cut())
        visitor = Browser()
        for _ in range(2):  # the second from the page cache
            assert visitor.get(site + "/about/")[0] == 200

        relay.cut()
        status, _, about = visitor.get(site + "/about/")
        assert status == 200 and "Digital Nations" in about  # kept
        status, headers, page = visitor.get(site + "/members/")
        assert status == 503
        assert int(headers["Retry-After"]) > 0
        assert "Back in a moment" in page and "Nothing you saved has been lost" in page
        status, headers, body = visitor.get(site + "/api/v1/documents/")
        assert status == 503 and headers["Content-Type"].startswith("application/json")
        assert "unavailable" in body
        assert visitor.get(site + "/readyz")[0] == 503
        url = "/alerts/subscribe/?list=news"
        assert visitor.post(site + url, {"email": "later@example.net"})[0] == 503

        relay.join()
        deadline = time.monotonic() + 20
        while visitor.get(site + "/members/")[0] != 200:
            assert time.monotonic() < deadline, "the site did not come back by itself"
            time.sleep(0.5)
        assert visitor.get(site + "/readyz")[0] == 200
        visitor.get(site + url)
        assert visitor.post(site + url, {"email": "later@example.net"})[0] == 200
