"""The contact form's answer: /contact/send/ takes the form of the contact page (a Wagtail
page, forum.contact.models.ContactPage) and shows it again with what is wrong, or goes on
to /contact/sent/."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST, require_safe

from forum.core.i18n import localise_path
from forum.core.translation import reading_in

from . import limits, services
from .forms import ContactForm
from .models import ContactPage


def contact_page() -> ContactPage:
    """The live contact page, its texts in the active language (records are read in the
    visitor's language for GET requests only: ContentLanguageMiddleware)."""
    language = get_language() or settings.LANGUAGE_CODE
    pages = ContactPage.objects.live()
    if language == settings.LANGUAGE_CODE:
        page = pages.first()
    else:
        with reading_in(language):
            page = pages.first()
    if page is None:
        raise Http404
    return page


@require_POST
@csrf_protect
def send(request):
    page = contact_page()
    form = ContactForm(request.POST)
    wait = limits.wait(request, request.POST.get("email", ""))
    if wait:
        form.refusal = limits.refusal(wait)
    if form.is_valid():
        services.contact_message_receive(
            **form.cleaned_data, language=get_language() or settings.LANGUAGE_CODE
        )
        response = redirect(localise_path("/contact/sent/"))
        response.status_code = 303  # See Other: the confirmation, with a GET
        return response
    context = {**page.get_context(request), "form": form}
    response = TemplateResponse(request, page.get_template(request), context, status=400)
    if wait:
        response.status_code = 429
        response["Retry-After"] = str(wait)
    return response


@require_safe
def sent(request):
    page = contact_page()
    return TemplateResponse(request, "contact/contact_sent.html", {"page": page})
