"""The audit log's viewer: the secretariat reads it in the workspace (/workspace/audit/)
and finds it in the side menu of /cms/ (wagtail_hooks). What records the writes is
`forum.core.audit` (in /cms/) and `forum.core.services.audit_record` (elsewhere)."""

import json

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from forum.core.forms import AccessibleFormMixin
from forum.core.models import AuditEntry
from forum.core.permissions import secretariat_required
from forum.core.services import audit_changes

PAGE_SIZE = 50

# The viewer


#: The actions recorded, in words; an action not listed here is shown as recorded.
ACTION_LABELS = {
    "create": _("created"),
    "update": _("changed"),
    "delete": _("deleted"),
    "publish": _("published"),
    "unpublish": _("unpublished"),
    "move": _("moved"),
    "copy": _("copied"),
    "submit": _("submitted"),
    "return": _("returned"),
    "invite": _("invited"),
    "access.sign_in": _("signed in"),
    "access.sign_in_failed": _("failed to sign in"),
    "access.locked_out": _("was locked out"),
    "access.two_factor_failed": _("gave a wrong two-factor code"),
    "access.sign_out": _("signed out"),
    "access.refused": _("was refused a page"),
    "alert.subscribe": _("subscribed to alerts"),
    "alert.confirm": _("confirmed alerts"),
    "alert.unsubscribe": _("stopped alerts"),
    "audit.redact": _("pseudonymised a deleted person"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def field_label(model, name: str) -> str:
    """A recorded field's name for people: its verbose name where the model has one."""
    if model is not None:
        try:
            return str(model._meta.get_field(name).verbose_name)
        except (FieldDoesNotExist, AttributeError):  # a child relation has no verbose name
            pass
    return name.replace("_", " ")


def type_label(object_type: str) -> str:
    """A record type's name for people ("member government"), from its model label."""
    model = _model(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


class AuditFilterForm(AccessibleFormMixin, forms.Form):
    actor = forms.CharField(
        label=_("Who"),
        max_length=255,
        required=False,
        strip=True,
        help_text=_("All or part of an email address or user name."),
    )
    object_type = forms.ChoiceField(label=_("Type of record"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For example 2026-01-31."),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For example 2026-12-31."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        types = (
            AuditEntry.objects.exclude(object_type="")
            .order_by()
            .values_list("object_type", flat=True)
            .distinct()
        )
        self.fields["object_type"].choices = [
            ("", _("Any type")),
            *sorted(((value, type_label(value)) for value in types), key=lambda c: c[1].lower()),
        ]
        actions = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
        self.fields["action"].choices = [
            ("", _("Any action")),
            *sorted(((value, action_label(value)) for value in actions), key=lambda c: c[1]),
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return cleaned

    @property
    def active(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


def filter_entries(queryset, data: dict):
    if data.get("actor"):
        queryset = queryset.filter(actor_label__icontains=data["actor"])
    if data.get("object_type"):
        queryset = queryset.filter(object_type=data["object_type"])
    if data.get("action"):
        queryset = queryset.filter(action=data["action"])
    if data.get("date_from"):
        queryset = queryset.filter(at__date__gte=data["date_from"])
    if data.get("date_to"):
        queryset = queryset.filter(at__date__lte=data["date_to"])
    return queryset


def display_value(value) -> str:
    """A recorded value as text for the diff table."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def entry_rows(entry):
    model = _model(entry.object_type)
    return [
        {
            "field": field_label(model, name),
            "name": name,
            "before": display_value(before),
            "after": display_value(after),
        }
        for name, before, after in audit_changes(entry.before, entry.after)
    ]


def _decorate(entry):
    entry.rows = entry_rows(entry)
    entry.type_label = type_label(entry.object_type)
    entry.action_label = action_label(entry.action)
    system = entry.actor_id is None and entry.actor_label in ("", "system")
    anonymous = entry.actor_id is None and entry.actor_label == "anonymous"
    entry.actor_display = (
        _("system") if system else _("anonymous") if anonymous else entry.actor_label
    )
    return entry


@never_cache
@secretariat_required
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    status = 200
    page = None
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        entries = filter_entries(AuditEntry.objects.order_by("-at", "-pk"), data)
        page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
        for entry in page.object_list:
            _decorate(entry)
    return render(request, "site/audit_list.html", {"form": form, "page": page}, status=status)


@never_cache
@secretariat_required
def audit_detail(request, pk):
    entry = _decorate(get_object_or_404(AuditEntry, pk=pk))
    return render(request, "site/audit_detail.html", {"entry": entry})
