"""The README's examples run as they are, copied and pasted, in a checkout where `make
run` has run: no environment to copy from the Makefile."""

import re
import shlex
import subprocess

from .commands import ROOT, environment, manage

README = ROOT / "README.md"


def readme_commands(start: str) -> list[str]:
    """The README's indented command lines that start with `start`."""
    return [
        line.strip()
        for line in README.read_text(encoding="utf-8").splitlines()
        if line.startswith("    ") and line.strip().startswith(start)
    ]


def test_the_invite_examples_of_the_readme_run_as_they_are(tmp_path):
    commands = readme_commands(".venv/bin/python manage.py invite ")
    assert len(commands) == 3
    # What `make run` leaves in a checkout: its secret in .local/ and a loaded database.
    subprocess.run(["make", "-s", ".local/secret_key"], cwd=ROOT, check=True)
    database = tmp_path / "db.sqlite3"
    prepared = environment(tmp_path / "media", sqlite=database)
    manage(prepared, "migrate", "-v0")
    manage(prepared, "load_forum_data", "-v0")
    # Then the reader's shell: none of the settings the Makefile or the tests set.
    shell = {
        key: value
        for key, value in prepared.items()
        if key not in {"SECRET_KEY", "HTTPS", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    for command in commands:
        argv = shlex.split(command)
        argv[0] = str(ROOT / argv[0])
        result = subprocess.run(
            argv, cwd=ROOT, env=shell, capture_output=True, text=True, timeout=120, check=False
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        link = re.search(r"http://127\.0\.0\.1:8000/accounts/invitation/[\w-]+/", result.stdout)
        assert link, result.stdout
