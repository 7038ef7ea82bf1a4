from django import forms
from django.utils.translation import gettext_lazy as _

from forum.core.forms import AccessibleFormMixin
from forum.documents.models import Document
from forum.practices.models import Practice


class StatementForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label=_("How your government applies this principle"),
        help_text=_("A short paragraph, in your own words."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("Practices that show it"),
        queryset=Practice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents that show it"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = Practice.objects.published().filter(member=member)
        self.fields["documents"].queryset = (
            Document.objects.filter(signatures__member=member).distinct().order_by("title")
        )
