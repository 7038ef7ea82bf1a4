import signal
from contextlib import contextmanager

import pytest

from django.core.management import call_command
from django.db import transaction


@pytest.fixture
def run_email_worker(monkeypatch):
    """Run `manage.py db_worker --backend email --queue-name email --batch` on the queued
    tasks, inside the test's transaction.

    The worker is run for real (it claims each task row, runs it, records the result) with
    two things swapped for what a test transaction allows: SQLite's "BEGIN EXCLUSIVE"
    lock becomes a savepoint, and the recycling of old database connections between
    tasks is skipped (it would close the test's connection). Its signal handlers are put
    back afterwards."""
    from django_tasks_db.management.commands import db_worker

    @contextmanager
    def savepoint(using=None):
        with transaction.atomic(using=using):
            yield

    monkeypatch.setattr(db_worker, "exclusive_transaction", savepoint)
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        handlers = {
            number: signal.getsignal(number)
            for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
        }
        try:
            call_command(
                "db_worker",
                "--backend=email",
                "--queue-name=email",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                verbosity=0,
            )
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)

    return run
