from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import NewsItem

PAGE_SIZE = 20


def news_list(request):
    page = Paginator(NewsItem.objects.published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/news_list.html", {"page": page})


def news_detail(request, slug):
    item = get_object_or_404(NewsItem.objects.published(), slug=slug)
    return render(request, "news/news_detail.html", {"item": item})
