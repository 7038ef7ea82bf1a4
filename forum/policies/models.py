"""The pages every government site has, as Wagtail pages under the home page (edited and
published in /cms/ like the About page, translated field by field), and the licence of
the site's content and open data (a setting in /cms/ → Settings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page
from wagtail.search import index

from forum.core.translation import Translatable, TranslatedInSearch

from .text import to_html

TEXT_HELP = _(
    "Paragraphs separated by a blank line. A paragraph that starts with “## ” is a "
    "heading; lines that start with “- ” make a list; [words](/address/) is a link; "
    "`words` between backticks are shown as code."
)


class TextPage(TranslatedInSearch, Page):
    """A page of plain text: an introduction and a text in the format of
    forum.policies.text. Each page type names its template (Wagtail gives every class its
    own by default)."""

    introduction = models.TextField(_("introduction"))
    body = models.TextField(_("text"), help_text=TEXT_HELP)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.AutocompleteField("translated_texts"),
    ]
    parent_page_types = ["site.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        abstract = True

    @property
    def body_html(self):
        return to_html(self.body)


TEXT_FIELDS = ("title", "introduction", "body")


class PrivacyPage(TextPage):
    """What personal data the platform holds, why, for how long, who sees it, and
    people's rights."""

    translatable = Translatable("privacy_page", key="slug", fields=TEXT_FIELDS)
    template = "policies/text_page.html"

    class Meta:
        verbose_name = _("privacy notice")


class AccessibilityPage(TextPage):
    """The accessibility statement: the standard, how it is tested, what is known not to
    work, how to report a problem."""

    translatable = Translatable("accessibility_page", key="slug", fields=TEXT_FIELDS)
    template = "policies/text_page.html"

    class Meta:
        verbose_name = _("accessibility statement")


class CookiesPage(TextPage):
    """The cookies the site sets, all of them strictly necessary."""

    translatable = Translatable("cookies_page", key="slug", fields=TEXT_FIELDS)
    template = "policies/text_page.html"

    class Meta:
        verbose_name = _("cookies page")


class LicencePage(TextPage):
    """How the site's content and open data may be reused: the licence set in /cms/ →
    Settings, then the page's own text."""

    translatable = Translatable("licence_page", key="slug", fields=TEXT_FIELDS)
    template = "policies/licence_page.html"

    class Meta:
        verbose_name = _("licence page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["licence"] = Licence.load(request)
        return context


@register_setting(icon="doc-full")
class Licence(BaseGenericSetting):
    """The licence of the site's content and open data, named on the licence page, on
    /data/ and in its Data Package, in the read API's OpenAPI description and in every
    Atom feed."""

    name = models.CharField(
        _("short name"),
        max_length=50,
        default="CC BY 4.0",
        help_text=_("As people usually write it, for example CC BY 4.0."),
    )
    title = models.CharField(
        _("full name"), max_length=200, default="Creative Commons Attribution 4.0 International"
    )
    identifier = models.CharField(
        _("identifier"),
        max_length=50,
        blank=True,
        default="CC-BY-4.0",
        help_text=_("Its SPDX identifier, if it has one: CC-BY-4.0, OGL-UK-3.0…"),
    )
    url = models.URLField(
        _("address of the licence text"), default="https://creativecommons.org/licenses/by/4.0/"
    )
    holder = models.CharField(
        _("rights holder"),
        max_length=200,
        default="Digital Nations",
        help_text=_("Who to credit when reusing the content."),
    )

    class Meta:
        verbose_name = _("licence")

    def __str__(self):
        return self.name

    @property
    def full_title(self) -> str:
        """ "Creative Commons Attribution 4.0 International (CC BY 4.0)"."""
        if self.title and self.title != self.name:
            return f"{self.title} ({self.name})"
        return self.name

    def rights(self) -> str:
        """The licence in one English sentence, as an Atom feed's <rights>."""
        return f"© {self.holder}. Licensed under {self.full_title}: {self.url}"


def feed_rights() -> str:
    """The <rights> of every Atom feed (settings.FEED_RIGHTS names this function)."""
    return Licence.load().rights()
