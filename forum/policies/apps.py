from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """The pages every government site has (privacy, accessibility, cookies, licence) and
    the licence of the content and open data."""

    name = "forum.policies"
    label = "policies"
    verbose_name = _("Site policies")
