from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from forum.core.models import Sourced
from forum.core.translation import Translatable, TranslatedInSearch
from forum.summits.models import Illustrated


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True).order_by("-date", "-pk")


class NewsItem(TranslatedInSearch, index.Indexed, Illustrated, Sourced):
    slug = models.SlugField(_("slug"), unique=True, max_length=100)
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"))
    body = RichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"]
    )
    published = models.BooleanField(_("published"), default=True)

    objects = NewsItemQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("published"),
        *Illustrated.image_panels,
        FieldPanel("sources"),
        FieldPanel("confidence"),
        FieldPanel("confidence_note"),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("published"),
        index.AutocompleteField("translated_texts"),
    ]

    translatable = Translatable(
        "news",
        key="slug",
        fields=("title", "summary", "body", "confidence_note", "image_alt"),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.slug])
