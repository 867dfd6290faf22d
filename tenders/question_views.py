"""Questions on the documentation: NGOs ask during the window, the organiser answers publicly."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from registry.models import NGO

from . import services
from .appeal_forms import AnswerForm, PublishQuestionForm, QuestionForm
from .models import Competition, Question
from .staff_views import _competition, _done, tenders_view


@login_required
def ask(request, number: str):
    competition = get_object_or_404(Competition.objects.public(), number=number)
    ngos = NGO.objects.represented_by(request.user)
    form = QuestionForm(request.POST or None, ngos=ngos)
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_question(
                competition,
                form.cleaned_data["ngo"],
                request.user,
                form.cleaned_data["text"],
                form.cleaned_data["language"],
            )
        except services.TenderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Your question has been sent; the answer will be published on this page."),
            )
            return redirect("tenders:detail", number=competition.number)
    return render(
        request,
        "tenders/ask.html",
        {"competition": competition, "form": form, "has_ngos": ngos.exists()},
    )


@tenders_view
def unanswered(request):
    """Unanswered questions of the official's competitions, by competition."""
    competitions = (
        Competition.objects.organised_by(request.user)
        .annotate(waiting=Count("questions", filter=Q(questions__answered_at__isnull=True)))
        .filter(waiting__gt=0)
        .select_related("organiser")
        .order_by("closes_at", "number")
    )
    return render(request, "tenders/staff/questions.html", {"competitions": competitions[:200]})


@tenders_view
def competition_questions(request, number: str):
    competition = _competition(request, number)
    if not competition.may_organise:
        raise Http404
    questions = competition.questions.order_by("answered_at", "asked_at", "pk")
    publish = PublishQuestionForm(prefix="publish")
    answer_forms = {}
    if request.method == "POST":
        if request.POST.get("action") == "publish":
            publish = PublishQuestionForm(request.POST, prefix="publish")
            if publish.is_valid() and _done(
                request,
                lambda: services.publish_question(
                    competition,
                    request.user,
                    publish.cleaned_data["text"],
                    publish.cleaned_data["language"],
                    publish.cleaned_data["answer_kk"],
                    publish.cleaned_data["answer_ru"],
                ),
                _("The question and its answer have been published."),
            ):
                return redirect(request.path)
        else:
            question = get_object_or_404(questions, number=request.POST.get("question", ""))
            form = AnswerForm(request.POST, prefix=question.number)
            answer_forms[question.number] = form
            if form.is_valid() and _done(
                request,
                lambda: services.answer_question(
                    question,
                    request.user,
                    form.cleaned_data["answer_kk"],
                    form.cleaned_data["answer_ru"],
                ),
                _("The answer has been published."),
            ):
                return redirect(request.path)
    rows = [
        (
            question,
            answer_forms.get(question.number)
            or AnswerForm(
                prefix=question.number,
                initial={"answer_kk": question.answer_kk, "answer_ru": question.answer_ru},
            ),
        )
        for question in questions
    ]
    return render(
        request,
        "tenders/staff/competition_questions.html",
        {"competition": competition, "rows": rows, "publish": publish},
    )


def public_questions(competition: Competition) -> list[Question]:
    """Answered questions for the competition page: no asker, the answer in the page language."""
    return list(competition.questions.answered().order_by("answered_at", "pk"))
