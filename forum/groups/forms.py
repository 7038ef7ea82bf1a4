"""The group workspace's forms."""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from forum.core.forms import AccessibleFormMixin


class DraftForm(AccessibleFormMixin, forms.Form):
    """A draft's title and text (a plain form: the draft itself is changed only by the
    services, which record its values before and after)."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    text = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=gettext_lazy(
            "Separate paragraphs with a blank line. Comments are attached to paragraphs "
            "by their number, so avoid adding or removing paragraphs during a "
            "consultation."
        ),
    )


class CommentForm(AccessibleFormMixin, forms.Form):
    anchor = forms.TypedChoiceField(label=gettext_lazy("Paragraph"), coerce=int)
    text = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anchor"].choices = [
            (number, f"{number}. {Truncator(paragraph).chars(60)}")
            for number, paragraph in enumerate(draft.paragraphs, start=1)
        ]
