from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
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
        "json_ld": structured.one(principle_json_ld(request, principle)),
    }
    return render(request, "principles/principle_detail.html", context)
