from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forum.accounts.models import User
from forum.core.uploads import validate_document_file
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.principles.models import Principle

from .models import Practice, PracticeAttachment, PracticeRevision, Visibility, validate_links
from .services import practice_values

THEME_MAX_LENGTH = 100
MAX_THEMES = 10


def _label(name: str) -> str:
    return capfirst(Practice._meta.get_field(name).verbose_name)


def _help(name: str) -> str:
    return Practice._meta.get_field(name).help_text


class ThemesField(forms.CharField):
    """Themes typed as text, separated by commas ("open data, digital identity")."""

    def clean(self, value):
        value = super().clean(value)
        names, seen = [], set()
        for part in (value or "").split(","):
            name = " ".join(part.split())
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        too_long = [name for name in names if len(name) > THEME_MAX_LENGTH]
        if too_long:
            raise ValidationError(
                _("A theme can be at most %(max)d characters long: shorten “%(theme)s”."),
                params={"max": THEME_MAX_LENGTH, "theme": too_long[0][:40] + "…"},
            )
        if len(names) > MAX_THEMES:
            raise ValidationError(
                _("Give at most %(max)d themes; there are %(count)d."),
                params={"max": MAX_THEMES, "count": len(names)},
            )
        return names


def _attachment_label(attachment: PracticeAttachment) -> str:
    if attachment.revision_id:
        return gettext("%(file)s (added, waiting for review)") % {"file": attachment}
    return str(attachment)


class PracticeForm(forms.Form):
    """Writing or editing a practice. `member` is a choice for the secretariat only:
    officials of a member always write for their own member. Given the practice's
    `change` waiting for review, the form shows and edits the change: what its officials
    wrote, not the published text."""

    title = forms.CharField(label=_label("title"), max_length=200)
    summary = forms.CharField(
        label=_label("summary"),
        help_text=_help("summary"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    member = forms.ModelChoiceField(
        label=_label("member"),
        queryset=Member.objects.order_by("name"),
        empty_label=_("Choose a member government"),
    )
    problem = forms.CharField(
        label=_label("problem"), help_text=_help("problem"), required=False, widget=forms.Textarea
    )
    approach = forms.CharField(
        label=_label("approach"),
        help_text=_help("approach"),
        required=False,
        widget=forms.Textarea,
    )
    results = forms.CharField(
        label=_label("results"), help_text=_help("results"), required=False, widget=forms.Textarea
    )
    lessons = forms.CharField(
        label=_label("lessons"), help_text=_help("lessons"), required=False, widget=forms.Textarea
    )
    links = forms.CharField(
        label=_label("links"),
        help_text=_help("links"),
        required=False,
        validators=[validate_links],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    principles = forms.ModelMultipleChoiceField(
        label=_label("principles"),
        help_text=_("The forum's principles this practice puts to work."),
        queryset=Principle.objects.current(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = ThemesField(
        label=_label("themes"), help_text=_help("themes"), required=False, max_length=1000
    )
    group = forms.ModelChoiceField(
        label=_label("group"),
        queryset=WorkingGroup.objects.order_by("name"),
        required=False,
        empty_label=_("None"),
    )
    authors = forms.ModelMultipleChoiceField(
        label=_label("authors"),
        help_text=_("Officials of the member government who wrote it."),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it once published"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
    )
    new_attachment = forms.FileField(
        label=_("Add a file"),
        help_text=_("A PDF, ODT or DOCX document of at most 20 MB."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.docx"}),
    )
    attachment_title = forms.CharField(
        label=_("Title of the file"),
        help_text=_("Leave empty to use the file's name."),
        max_length=255,
        required=False,
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        label=_("Remove files"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args,
        user,
        practice: Practice | None = None,
        change: PracticeRevision | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.user = user
        self.practice = practice
        officials = User.objects.filter(is_active=True, member__isnull=False).order_by(
            "first_name", "last_name", "email"
        )
        if user.is_secretariat:
            self.fields["authors"].queryset = officials.select_related("member")
            self.fields["authors"].label_from_instance = lambda u: f"{u} ({u.member.name})"
        else:
            # Officials write for their own member only.
            del self.fields["member"]
            self.fields["authors"].queryset = officials.filter(member=user.member_id)
        if practice is not None and practice.pk:
            values = change.values if change is not None else practice_values(practice)
            # The current Charter's principles, and any earlier one the practice has.
            self.fields["principles"].queryset = Principle.objects.filter(
                Q(position__isnull=False) | Q(pk__in=values["principles"])
            ).order_by(F("position").asc(nulls_last=True), "name")
            files = Q(practice=practice) | Q(revision=change) if change else Q(practice=practice)
            self.fields["remove_attachments"].queryset = PracticeAttachment.objects.filter(files)
            self.fields["remove_attachments"].label_from_instance = _attachment_label
            if not self.is_bound:
                self.initial.update(
                    {
                        **values,
                        "member": practice.member_id,
                        "themes": ", ".join(sorted(values["themes"])),
                    }
                )
        else:
            del self.fields["remove_attachments"]

    def clean_new_attachment(self):
        file = self.cleaned_data.get("new_attachment")
        if file:
            validate_document_file(file)
        return file

    def clean(self):
        cleaned = super().clean()
        member = cleaned.get("member") if "member" in self.fields else self.user.member
        if member is not None and cleaned.get("authors"):
            strangers = [a for a in cleaned["authors"] if a.member_id != member.pk]
            if strangers:
                self.add_error(
                    "authors",
                    _("Authors must be officials of %(member)s: %(people)s is not.")
                    % {"member": member.name, "people": ", ".join(map(str, strangers))},
                )
        return cleaned

    def service_values(self) -> dict:
        """The cleaned values, as the services take them."""
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in (
                "title",
                "summary",
                "problem",
                "approach",
                "results",
                "lessons",
                "links",
                "visibility",
                "group",
                "themes",
                "new_attachment",
            )
        }
        values["principles"] = list(data["principles"])
        values["authors"] = list(data["authors"])
        values["attachment_title"] = data["attachment_title"]
        if "member" in self.fields:
            values["member"] = data["member"]
        if "remove_attachments" in self.fields:
            values["remove_attachments"] = list(data["remove_attachments"])
        return values


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the authors change?"),
        help_text=_("The authors see this comment with their practice and by email."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Say what the authors should change before it can be published.")
        },
    )
