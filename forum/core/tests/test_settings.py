import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SETTINGS_VARIABLES = {"SECRET_KEY", "DEBUG", "HTTPS", "DATABASE_URL", "REDIS_URL", "LOCAL_DIR"}
PRODUCTION_KEY = "k3Jq9xV2mZpL8wR4tY6uN1cB5vH7gF0dS2aQ9eW3rT6yU8iO4pA1sD5fG7hJ9kL0"


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    """Python with the project's settings, in an environment without any of its settings
    and without the local secret `make run` writes (an empty LOCAL_DIR)."""
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    clean["LOCAL_DIR"] = str(ROOT / "forum" / "data")  # no secret_key in it
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "forum.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


SETUP = "import django; django.setup(); from django.conf import settings; "


def test_production_refuses_to_start_without_secret_key():
    result = run_python(SETUP + "print('started')")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_or_placeholder_secret_key():
    for key in ("short", "insecure-" + "x" * 60):
        result = run_python(SETUP + "print('started')", SECRET_KEY=key)
        assert result.returncode != 0, key
        assert "SECRET_KEY must be set" in result.stderr


def test_debug_runs_without_secret_key():
    result = run_python(SETUP + "print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)", DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True False"


def test_a_mistyped_boolean_is_refused():
    result = run_python(SETUP + "print('started')", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_database_and_cache_come_from_the_environment():
    result = run_python(
        SETUP
        + "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'],"
        " settings.CACHES['default']['BACKEND'])",
        SECRET_KEY=PRODUCTION_KEY,
        DATABASE_URL="postgres://forum@db.internal:5432/forum",
        REDIS_URL="redis://cache.internal:6379/1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "forum",
        "forum.site.cache.ForgivingRedisCache",  # Django's, forgiving Redis going away
    ]


def test_local_defaults_are_sqlite_in_wal_mode_and_memory_cache():
    result = run_python(
        SETUP
        + "print(settings.DATABASES['default']['ENGINE'], settings.CACHES['default']['BACKEND'],"
        " 'journal_mode=WAL' in settings.DATABASES['default']['OPTIONS']['init_command'])",
        DEBUG="true",
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "True",
    ]


def test_deploy_checks_pass_in_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "HTTPS"}},
            "SECRET_KEY": PRODUCTION_KEY,
            "ALLOWED_HOSTS": "digitalnations.example",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_over_https_cookies_are_for_this_host_only():
    result = run_python(
        SETUP + "print(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)",
        SECRET_KEY=PRODUCTION_KEY,
        HTTPS="true",
    )
    assert result.stdout.split() == ["__Host-session", "__Host-csrftoken"], result.stderr
