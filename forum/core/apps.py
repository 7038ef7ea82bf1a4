from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "forum.core"
    label = "core"
    verbose_name = _("Forum")

    def ready(self):
        from django.db.models.signals import post_migrate

        from forum.core.translation import connect_signals

        connect_signals()
        # A deployment may change what the API says about unchanged records.
        post_migrate.connect(_content_clock_moves, sender=self, dispatch_uid="content-clock")
        # The database cache's table (settings.CACHES["shared"] without Redis) comes with
        # every migrate, as the tables of migrations do.
        post_migrate.connect(_cache_table, sender=self, dispatch_uid="cache-table")


def _content_clock_moves(**kwargs):
    from forum.core.models import ContentClock

    ContentClock.touch()


def _cache_table(using="default", **kwargs):
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
