from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from forum.core import structured
from forum.core.i18n import localise_path
from forum.core.lists import kept, latest

from .lineage import principle_lineage
from .models import Principle, PrincipleWording
from .structured import principle_json_ld


def principle_index(request):
    return redirect(localise_path("/about/") + "#principles")


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
