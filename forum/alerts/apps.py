from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "forum.alerts"
    label = "alerts"
    verbose_name = _("Email alerts")

    def ready(self):
        # Content is published in several places (the CMS, services, the data loader):
        # signal receivers see all of them without touching those helpers.
        from . import signals

        signals.connect()
