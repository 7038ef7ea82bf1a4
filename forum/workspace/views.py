from django.shortcuts import render

from forum.core.permissions import member_official_required


@member_official_required
def dashboard(request):
    return render(request, "workspace/dashboard.html")
