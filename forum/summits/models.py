from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from forum.core.models import Confidence, Sourced, lines
from forum.core.translation import Translatable, TranslatedInSearch, in_every_language


class Illustrated(models.Model):
    """An optional image on the record's public page (components/picture.html), with
    its text alternative: the record's own, translated with its other texts (a Wagtail
    image's description is one text for every use and language). An image without one
    must be marked decorative, and is then shown with alt="".

    Summits, working groups, members and news items have one; summits come first of them
    in INSTALLED_APPS, so the others take it from here. The page shows the image cropped
    to 16:9 around its focal point, in three widths up to IMAGE_SIZE: a smaller image
    would be blurred and would repeat a width in the srcset, so it is refused."""

    IMAGE_SIZE = (1200, 675)

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional. At least 1200 × 675 pixels; the page shows it cropped to 16:9 around "
            "its focal point (set the focal point when editing the image under Images)."
        ),
    )
    image_alt = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Required unless the image "
            "is decorative."
        ),
    )
    image_decorative = models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_("The image says nothing the page does not: screen readers skip it."),
    )

    image_panels = [
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_decorative")],
            heading=_("Image"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def image_alt_text(self) -> str:
        """The image's alt attribute: empty for a decorative image."""
        return "" if self.image_decorative else self.image_alt

    def clean(self):
        super().clean()
        image = self.image
        if image is None:
            return
        errors = {}
        width, height = self.IMAGE_SIZE
        if image.width < width or image.height < height:
            errors["image"] = ValidationError(
                _(
                    "This image is %(width)s × %(height)s pixels. Choose one at least "
                    "%(min_width)s × %(min_height)s pixels, so that it stays sharp on large "
                    "screens."
                ),
                code="image_too_small",
                params={
                    "width": image.width,
                    "height": image.height,
                    "min_width": width,
                    "min_height": height,
                },
            )
        if not self.image_decorative and not self.image_alt.strip():
            errors["image_alt"] = ValidationError(
                _(
                    "Say what the image shows for people who cannot see it, or mark it as "
                    "decorative if it adds nothing to the page."
                ),
                code="image_alt_missing",
            )
        if errors:
            raise ValidationError(errors)


class Summit(TranslatedInSearch, index.Indexed, Illustrated, Sourced):
    """An annual ministerial summit, hosted by the member holding the chair."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    number_note = models.CharField(
        _("note on the number"), max_length=255, blank=True, help_text=_("If it is inferred.")
    )
    slug = models.SlugField(_("slug"), unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    label = models.CharField(_("label"), max_length=100, help_text=_("D5 Ministerial Summit…"))
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    dates_note = models.TextField(_("note on the dates"), blank=True)
    host = models.ForeignKey(
        "members.Member",
        verbose_name=_("host member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="summits_hosted",
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    virtual = models.BooleanField(_("held online"), default=False)
    planned_city = models.CharField(
        _("planned city"), max_length=100, blank=True, help_text=_("If it moved online.")
    )
    chair_name = models.CharField(_("chair"), max_length=120, blank=True)
    chair_title = models.CharField(_("chair's title"), max_length=255, blank=True)
    chair_confidence = models.CharField(
        _("confidence in the chair"),
        max_length=6,
        choices=Confidence.choices,
        default=Confidence.HIGH,
    )
    chair_note = models.TextField(_("note on the chair"), blank=True)
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True, help_text=_("One per line."))
    notes = models.TextField(_("notes"), blank=True)

    panels = [
        FieldPanel("number"),
        FieldPanel("number_note"),
        FieldPanel("slug"),
        FieldPanel("year"),
        FieldPanel("label"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("dates_note"),
        FieldPanel("host"),
        FieldPanel("city"),
        FieldPanel("virtual"),
        FieldPanel("planned_city"),
        FieldPanel("chair_name"),
        FieldPanel("chair_title"),
        FieldPanel("chair_confidence"),
        FieldPanel("chair_note"),
        FieldPanel("theme"),
        FieldPanel("outcomes"),
        FieldPanel("notes"),
        *Illustrated.image_panels,
        FieldPanel("sources"),
        FieldPanel("confidence"),
        FieldPanel("confidence_note"),
    ]
    search_fields = [
        index.SearchField("label"),
        index.SearchField("city", boost=2),
        index.SearchField("theme", boost=2),
        index.SearchField("chair_name"),
        index.SearchField("outcomes"),
        index.SearchField("host_name"),
        index.FilterField("year"),
        index.AutocompleteField("translated_texts"),
    ]

    translatable = Translatable(
        "summits",
        key="slug",
        fields=(
            "label",
            "number_note",
            "dates_note",
            "city",
            "planned_city",
            "chair_title",
            "chair_note",
            "theme",
            "outcomes",
            "notes",
            "confidence_note",
            "image_alt",
        ),
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("ministerial summit")
        verbose_name_plural = _("ministerial summits")

    def host_name(self) -> str:
        """The host's name in every language: searching a member finds what it hosted."""
        return in_every_language([self.host], "name")

    def __str__(self):
        place = self.place
        return f"{self.label} {self.year} ({place})" if place else f"{self.label} {self.year}"

    def get_absolute_url(self):
        return reverse("summits:detail", args=[self.slug])

    @property
    def place(self) -> str:
        if self.virtual:
            return _("online")
        return self.city

    @property
    def outcome_list(self) -> list[str]:
        return lines(self.outcomes)
