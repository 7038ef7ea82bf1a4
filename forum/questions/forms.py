import re
from urllib.parse import urlparse

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from taggit.forms import TagField
from taggit.models import Tag

from forum.core.forms import AccessibleFormMixin
from forum.documents.models import Document
from forum.groups.models import WorkingGroup
from forum.principles.models import Principle

from .models import Question
from .services import practices_by_slug

MAX_LINKS = 20
MAX_THEMES = 10


def principle_choices():
    return Principle.objects.order_by(F("position").asc(nulls_last=True), "name")


def groups_of(user):
    """The groups a person may ask in and see questions of: their own (all, for the
    secretariat)."""
    if user.is_secretariat:
        return WorkingGroup.objects.order_by("name")
    return WorkingGroup.objects.filter(memberships__user=user).order_by("name").distinct()


def slugs_from(text: str) -> list[str]:
    """Slugs from what people paste: slugs or addresses of pages, separated by commas,
    spaces or new lines ("dn-charter, https://…/documents/dn-charter/")."""
    slugs = []
    for token in re.split(r"[\s,]+", text.strip()):
        if not token:
            continue
        path = urlparse(token).path if "/" in token else token
        slug = path.strip("/").rsplit("/", 1)[-1].lower()
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs


class QuestionForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=200,
        help_text=_("One sentence, as you would ask a colleague."),
    )
    body = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you have tried, your context, what would help."),
    )
    group = forms.ModelChoiceField(
        label=_("Who to ask"),
        queryset=WorkingGroup.objects.none(),
        required=False,
        empty_label=_("All members"),
        help_text=_(
            "A question to a group is seen only by that group's members and the secretariat."
        ),
    )
    principles = forms.ModelMultipleChoiceField(
        label=_("Principles"),
        queryset=Principle.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members who have shared practices on these principles are told first."),
    )
    themes = TagField(
        label=_("Themes"),
        required=False,
        max_length=500,
        help_text=_("Separate themes with commas, for example: digital identity, open data."),
    )
    documents = forms.CharField(
        label=_("Related key documents"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Addresses or short names of documents, separated by commas or new lines, "
            "for example: dn-charter."
        ),
    )
    practices = forms.CharField(
        label=_("Related practices"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Addresses or short names of published practices, separated by commas or new lines."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups_of(user)
        self.fields["principles"].queryset = principle_choices()

    def clean_themes(self):
        themes = self.cleaned_data["themes"]
        if len(themes) > MAX_THEMES:
            raise forms.ValidationError(_("Give at most %(count)d themes.") % {"count": MAX_THEMES})
        if any(len(theme) > 100 for theme in themes):
            raise forms.ValidationError(_("Keep each theme under 100 characters."))
        return themes

    def _clean_links(self, name, found_by_slug):
        slugs = slugs_from(self.cleaned_data[name])
        if len(slugs) > MAX_LINKS:
            raise forms.ValidationError(_("Link at most %(count)d.") % {"count": MAX_LINKS})
        found = found_by_slug(slugs)
        unknown = [slug for slug in slugs if slug not in {item.slug for item in found}]
        if unknown:
            raise forms.ValidationError(
                _("Not found: %(slugs)s. Check the address or short name.")
                % {"slugs": ", ".join(unknown)}
            )
        return found

    def clean_documents(self):
        def documents(slugs):
            found = {doc.slug: doc for doc in Document.objects.filter(slug__in=slugs)}
            return [found[slug] for slug in slugs if slug in found]

        return self._clean_links("documents", documents)

    def clean_practices(self):
        return self._clean_links("practices", practices_by_slug)


class AnswerForm(AccessibleFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Share what your government did, what worked and whom to contact."),
    )


class QuestionFilterForm(forms.Form):
    """The list's filters, read from the query string."""

    STATUS_CHOICES = [
        ("", _("Answered or not")),
        ("answered", _("Answered")),
        ("unanswered", _("Not answered yet")),
    ]

    principle = forms.ChoiceField(label=_("Principle"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    group = forms.ChoiceField(label=_("Asked of"), required=False)
    status = forms.ChoiceField(label=_("Answers"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, user, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principle"].choices = [
            ("", _("Any principle")),
            *((p.slug, p.name) for p in principle_choices()),
        ]
        tagged = Question.themes.through.objects.filter(
            content_type=ContentType.objects.get_for_model(Question),
            object_id__in=questions.values("pk"),
        )
        themes = Tag.objects.filter(pk__in=tagged.values("tag_id")).order_by("name")
        self.fields["theme"].choices = [
            ("", _("Any theme")),
            *((tag.slug, tag.name) for tag in themes),
        ]
        self.fields["group"].choices = [
            ("", _("All members and groups")),
            ("all", _("All members only")),
            *((g.slug, g.name) for g in groups_of(user)),
        ]

    @property
    def active(self) -> bool:
        return self.is_bound and any(self.cleaned_data.get(name) for name in self.fields)

    def filter(self, questions):
        data = self.cleaned_data
        if data.get("principle"):
            questions = questions.filter(principles__slug=data["principle"])
        if data.get("theme"):
            questions = questions.filter(themes__slug=data["theme"])
        if data.get("group") == "all":
            questions = questions.filter(group__isnull=True)
        elif data.get("group"):
            questions = questions.filter(group__slug=data["group"])
        if data.get("status") == "answered":
            questions = questions.filter(answers__isnull=False)
        elif data.get("status") == "unanswered":
            questions = questions.filter(answers__isnull=True)
        return questions.distinct()
