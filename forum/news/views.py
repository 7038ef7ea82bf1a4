from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from forum.core import structured

from .models import NewsItem
from .structured import news_item_json_ld

PAGE_SIZE = 20


def news_list(request):
    page = Paginator(NewsItem.objects.published(), PAGE_SIZE).get_page(request.GET.get("page"))
    json_ld = structured.item_list(
        request, _("News"), [news_item_json_ld(request, item) for item in page.object_list]
    )
    return render(request, "news/news_list.html", {"page": page, "json_ld": json_ld})


def news_detail(request, slug):
    item = get_object_or_404(NewsItem.objects.published().select_related("image"), slug=slug)
    json_ld = structured.one(news_item_json_ld(request, item))
    return render(request, "news/news_detail.html", {"item": item, "json_ld": json_ld})
