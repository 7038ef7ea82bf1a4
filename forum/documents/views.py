from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Document

PAGE_SIZE = 50


def document_list(request):
    page = Paginator(Document.objects.listed(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "documents/document_list.html", {"page": page})


def document_detail(request, slug):
    document = get_object_or_404(
        Document.objects.select_related("summit__host", "drafted_by_group").prefetch_related(
            "signatures__member", "principles"
        ),
        slug=slug,
    )
    return render(request, "documents/document_detail.html", {"document": document})


def version_detail(request, slug, number):
    raise Http404


def version_text(request, slug, number):
    raise Http404


def version_compare(request, slug):
    raise Http404
