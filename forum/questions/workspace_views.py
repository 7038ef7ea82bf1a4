from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forum.core.permissions import member_official_required

from . import services
from .forms import AnswerForm, QuestionFilterForm, QuestionForm
from .models import Answer, Question

PAGE_SIZE = 20


@require_safe
@member_official_required
def question_list(request):
    visible = Question.objects.visible_to(request.user)
    form = QuestionFilterForm(request.GET or None, user=request.user, questions=visible)
    status = 200
    questions = visible
    if form.is_bound and not form.is_valid():
        status = 400
        questions = visible.none()
    elif form.is_bound:
        questions = form.filter(visible)
    questions = (
        questions.with_counts()
        .select_related("asker__member", "group")
        .prefetch_related("principles", "themes")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "filtered": status == 200 and form.active}
    return render(request, "questions/question_list.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@member_official_required
def question_ask(request):
    if request.method != "POST":
        form = QuestionForm(user=request.user)
        return render(request, "questions/question_form.html", {"form": form})
    form = QuestionForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "questions/question_form.html", {"form": form}, status=400)
    data = form.cleaned_data
    question, recipients = services.question_ask(
        asker=request.user,
        title=data["title"],
        body=data["body"],
        group=data["group"],
        principles=data["principles"],
        themes=data["themes"],
        documents=data["documents"],
        practice_slugs=[practice.slug for practice in data.get("practices") or []],
    )
    messages.success(
        request,
        ngettext(
            "Your question is published. %(count)d person was told about it first.",
            "Your question is published. %(count)d people were told about it first.",
            len(recipients),
        )
        % {"count": len(recipients)},
    )
    return redirect(question)


def _visible_question(request, pk):
    """The question, for those who may read it; others get 404 (a question to a group
    is not even admitted to exist outside it)."""
    question = get_object_or_404(Question.objects.select_related("asker__member", "group"), pk=pk)
    if not question.is_visible_to(request.user):
        raise Http404
    return question


def _detail(request, question, answer_form=None, status=200):
    answers = question.answers.select_related("author__member")
    drafted_link = services.drafted_practice_link(question)
    drafted = services.practice_by_slug(drafted_link.slug) if drafted_link else None
    can_read_drafted = drafted is not None and (
        not hasattr(drafted, "can_view") or drafted.can_view(request.user)
    )
    links = [link.slug for link in question.practice_links.filter(from_thread=False)]
    context = {
        "question": question,
        "answers": answers,
        "answer_form": answer_form or AnswerForm(),
        "principles": question.principles.all(),
        "themes": question.themes.all(),
        "documents": question.documents.all(),
        "practices": [
            (practice, practice.get_workspace_url())
            for practice in services.practices_by_slug(links)
        ],
        "drafted_practice": drafted,
        "drafted_practice_url": drafted.get_workspace_url() if can_read_drafted else "",
        "can_mark_helpful": services.can_mark_helpful(request.user, question),
        "can_turn_into_practice": services.can_turn_into_practice(request.user, question),
    }
    return render(request, "questions/question_detail.html", context, status=status)


@require_safe
@member_official_required
def question_detail(request, pk):
    return _detail(request, _visible_question(request, pk))


@require_POST
@member_official_required
def answer_create(request, pk):
    question = _visible_question(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, question, answer_form=form, status=400)
    answer = services.answer_create(
        author=request.user, question=question, body=form.cleaned_data["body"]
    )
    messages.success(request, _("Your answer is published."))
    return redirect(f"{question.get_absolute_url()}#answer-{answer.pk}")


@require_POST
@member_official_required
def answer_helpful(request, pk, answer_pk):
    question = _visible_question(request, pk)
    answer = get_object_or_404(
        Answer.objects.select_related("question"), pk=answer_pk, question=question
    )
    if not services.can_mark_helpful(request.user, question):
        raise PermissionDenied
    helpful = request.POST.get("helpful") != "0"
    services.answer_mark_helpful(actor=request.user, answer=answer, helpful=helpful)
    messages.success(
        request, _("Marked as helpful.") if helpful else _("No longer marked as helpful.")
    )
    return redirect(f"{question.get_absolute_url()}#answer-{answer.pk}")


@require_POST
@member_official_required
def question_to_practice(request, pk):
    question = _visible_question(request, pk)
    if not services.can_turn_into_practice(request.user, question):
        raise PermissionDenied
    try:
        practice = services.question_to_practice(actor=request.user, question=question)
    except ValidationError as error:
        messages.error(
            request,
            _("A practice could not be started from this thread: %(reason)s")
            % {"reason": " ".join(error.messages)},
        )
        return redirect(question)
    messages.success(
        request,
        _("A draft practice “%(title)s” is started from this thread. Edit it before you submit it.")
        % {"title": practice},
    )
    return redirect(practice.get_workspace_url())
