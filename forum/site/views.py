import hashlib

from django.http import Http404, HttpResponse
from django.views.decorators.http import etag, require_safe

from . import cards


@require_safe
@etag(lambda request, token: hashlib.sha256(token.encode()).hexdigest()[:32])
def link_preview(request, token):
    """/cards/<token>.png: a page's link preview, as the token (signed by the site) says
    it; any other token is a 404. What it says is in its address: kept for a year."""
    card = cards.read(token)
    if card is None:
        raise Http404
    response = HttpResponse(cards.png(card), content_type="image/png")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
