"""Statements in the read API: each member's current published statement on each
principle, filtered by member and principle."""

import datetime

from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.core.forms import CodeField, KnownRecordsMixin
from forum.core.schemas import (
    ERRORS_ITEM,
    ERRORS_LIST,
    InvalidQuery,
    PageParams,
    absolute,
    filter_parameters,
    page_schema,
    paginate,
    request_of,
)
from forum.members.models import Member
from forum.principles.models import Principle

from .models import Statement

router = Router(tags=["statements"])


class StatementOut(Schema):
    """How a member applies a principle at home, in its own words, as last published."""

    id: int = Field(description="Its identifier, as in /api/v1/statements/{id}.")
    member: str = Field(description="ISO code of the member whose statement it is.")
    principle: str = Field(description="Slug of the principle it is about.")
    text: str = Field(description="The statement.")
    written_on: datetime.date = Field(description="When it was written.")
    year: int = Field(description="The year it was written.")
    practices: list[str] = Field(description="Slugs of the member's public practices that show it.")
    documents: list[str] = Field(description="Slugs of the key documents that show it.")
    url: str = Field(description="Where it is shown on this site: the member's page.")

    @staticmethod
    def resolve_member(obj):
        return obj.member.iso_code

    @staticmethod
    def resolve_principle(obj):
        return obj.principle.slug

    @staticmethod
    def resolve_practices(obj):
        return [practice.slug for practice in obj.practices.all()]

    @staticmethod
    def resolve_documents(obj):
        return [document.slug for document in obj.documents.all()]

    @staticmethod
    def resolve_url(obj, context):
        return absolute(
            request_of(context),
            f"/principles/{obj.principle.slug}/#statement-{obj.member.iso_code.lower()}",
        )


StatementPage = page_schema(StatementOut, "StatementPage", "statements")


class StatementFilterForm(KnownRecordsMixin, forms.Form):
    member = CodeField(max_length=2, required=False)
    principle = forms.SlugField(required=False)
    known = {
        "member": (Member, "iso_code", _("There is no member with the code “%s”.")),
        "principle": (Principle, "slug", _("There is no principle “%s”.")),
    }


FILTERS = {
    "member": "Only this member's statements (its ISO code).",
    "principle": "Only the statements on this principle (its slug).",
}
FILTER_PARAMETERS = filter_parameters(FILTERS)


def statements():
    return Statement.objects.public().shown()


@router.get(
    "/",
    response={200: StatementPage, **ERRORS_LIST},
    summary="List statements",
    description="Each member's current statement on each principle: how it applies it at "
    "home. A filter value that names nothing gets a 400 whose `errors` says which and why.",
    operation_id="statements_list",
    openapi_extra={"parameters": FILTER_PARAMETERS},
)
def statement_list(request, page: Query[PageParams]):
    form = StatementFilterForm(request.GET)
    if not form.is_valid():
        raise InvalidQuery(form.errors)
    queryset = statements()
    if form.cleaned_data.get("member"):
        queryset = queryset.filter(member__iso_code=form.cleaned_data["member"])
    if form.cleaned_data.get("principle"):
        queryset = queryset.filter(principle__slug=form.cleaned_data["principle"])
    return paginate(request, queryset, page)


@router.get(
    "/{id}",
    response={200: StatementOut, **ERRORS_ITEM},
    summary="One statement",
    description="A member's current statement on a principle.",
    operation_id="statements_detail",
)
def statement_detail(request, id: str = Path(description="The statement's id: 1, 2…", example="1")):
    statement = None
    if id.isascii() and id.isdigit() and len(id) <= 18:
        statement = statements().filter(pk=int(id)).first()
    if statement is None:
        raise HttpError(404, f"There is no statement “{id}”.")
    return statement
