from django.db.models import F, FilteredRelation, Prefetch, Q, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from forum.core import structured
from forum.core.lists import kept, latest

from .lineage import principle_lineage
from .models import Principle, PrincipleWording
from .structured import principle_json_ld


def principle_list(request):
    """The principles of the current Charter in its order, then those it dropped."""
    principles = list(Principle.objects.current())
    json_ld = structured.item_list(
        request, _("Principles"), [principle_json_ld(request, p) for p in principles]
    )
    context = {
        "principles": principles,
        "dropped": Principle.objects.dropped().select_related("replaced_by"),
        "json_ld": json_ld,
    }
    return render(request, "principles/principle_list.html", context)


def principle_detail(request, slug):
    principle = get_object_or_404(
        Principle.objects.select_related("replaced_by").prefetch_related(
            Prefetch(
                "wordings",
                queryset=PrincipleWording.objects.select_related("version__document").order_by(
                    "version__date"
                ),
            ),
            "replaces",
        ),
        slug=slug,
    )
    context = {
        "principle": principle,
        "documents": kept(
            "principle-documents",
            lambda: latest(
                principle.tagged_documents(),
                url=f"{reverse('documents:list')}?principle={principle.slug}",
                count=principle.tagged_documents_count,
            ),
            principle.pk,
        ),
        "lineage": principle_lineage(principle),
        # Read only where the template's fragment is not kept (principle_detail.html).
        "rows": SimpleLazyObject(lambda: _statements(principle)),
        "json_ld": structured.one(principle_json_ld(request, principle)),
    }
    return render(request, "principles/principle_detail.html", context)


def _statements(principle) -> list:
    """Every member with its current statement on the principle, or None: one query for
    both (a left join) and two for the statements' evidence. The statements app comes
    after this one and declares the relation (Principle.statements): the members and the
    statements are read through it, without an import."""
    statement_model = principle.statements.model
    member_model = statement_model._meta.get_field("member").related_model
    current = Q(statements__principle=principle, statements__current=True)
    members = member_model.objects.annotate(
        statement=FilteredRelation("statements", condition=current),
        statement_pk=F("statement__pk"),
        statement_text=F("statement__text"),
        statement_written_on=F("statement__written_on"),
    ).order_by("name")
    rows = []
    for member in members:
        statement = None
        if member.statement_pk is not None:
            statement = statement_model(
                pk=member.statement_pk,
                member=member,
                principle=principle,
                text=member.statement_text,
                written_on=member.statement_written_on,
                status="published",
                current=True,
            )
        rows.append((member, statement))
    practice_model = statement_model._meta.get_field("practices").related_model
    prefetch_related_objects(
        [statement for _member, statement in rows if statement],
        Prefetch("practices", queryset=practice_model.objects.public().order_by("title")),
        "documents",
    )
    return rows
