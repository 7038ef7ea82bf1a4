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


def _content_clock_moves(**kwargs):
    from forum.core.models import ContentClock

    ContentClock.touch()
