"""PDF of a document's HTML text (to be implemented)."""

from django.http import Http404


def document_pdf(request, slug):
    raise Http404


def version_pdf(request, slug, number):
    raise Http404
