from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top floor: what assembles the domains into the forum's site."""

    name = "forum.site"
    label = "site"
    verbose_name = _("Forum")

    def ready(self):
        from . import freshness

        freshness.connect()
