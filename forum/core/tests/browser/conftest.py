"""Browser tests: a real site (gunicorn, production settings, its own SQLite file with the
forum's data) driven by Debian's Chromium through Playwright, checked with axe-core."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def missing_tools() -> list[str]:
    missing = []
    if not shutil.which(CHROMIUM):
        missing.append(f"Chromium ({CHROMIUM})")
    if not AXE.is_file():
        missing.append("axe-core (npm ci)")
    return missing


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "browser" in item.keywords]
    missing = missing_tools()
    if not browser_items or not missing:
        return
    reason = "browser tests need " + " and ".join(missing) + "; run `make browser-deps`"
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"CI=true: {reason}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter):
    missing = missing_tools()
    if missing:
        terminalreporter.write_line(
            "BROWSER TESTS SKIPPED: " + ", ".join(missing) + " not installed (make browser-deps)",
            yellow=True,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            *browser_type_launch_args.get("args", []),
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


REPRESENTATIVE = "kadri.tamm@example.ee"
PASSWORD = "correct horse battery staple 42"  # noqa: S105 (a test account)
CREATE_ACCOUNTS = f"""
from forum.accounts.models import User
from forum.members.models import Member
User.objects.create_user(
    username="{REPRESENTATIVE}", email="{REPRESENTATIVE}", password="{PASSWORD}",
    role="representative", member=Member.objects.get(iso_code="EE"),
    first_name="Kadri", last_name="Tamm",
)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """The site served as in production, on a port of its own, with the forum's data."""
    tmp = tmp_path_factory.mktemp("site")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    env.update(SQLITE_PATH=str(tmp / "db.sqlite3"), STATIC_ROOT=str(tmp / "static"), HTTPS="false")
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "-v0"],
        ["load_forum_data", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["shell", "-v0", "-c", CREATE_ACCOUNTS],
    ):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, timeout=300)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "forum.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the site did not start") from None
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")
