from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from forum.core.models import Sourced, lines


class Member(index.Indexed, Sourced):
    """A member government of the forum."""

    name = models.CharField(_("country"), max_length=100)
    iso_code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, such as EE."))],
        help_text=_("ISO 3166-1 alpha-2, in capitals: EE, GB, KR…"),
    )
    government_body = models.CharField(
        _("government body"),
        max_length=255,
        blank=True,
        help_text=_("The body that takes part for this government under the current Charter."),
    )
    earlier_bodies = models.TextField(
        _("earlier bodies"), blank=True, help_text=_("One per line, with where it was named.")
    )
    founding = models.BooleanField(_("founding member"), default=False)
    joined_year = models.PositiveSmallIntegerField(_("year joined"))
    joined_on = models.DateField(_("date joined"), null=True, blank=True)
    joined_summit = models.ForeignKey(
        "summits.Summit",
        verbose_name=_("joined at summit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="new_members",
    )
    notes = models.TextField(_("notes"), blank=True)

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("government_body"),
        index.SearchField("notes"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["joined_year", "name"]
        verbose_name = _("member government")
        verbose_name_plural = _("member governments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:detail", args=[self.iso_code.lower()])

    @property
    def earlier_body_list(self) -> list[str]:
        return lines(self.earlier_bodies)
