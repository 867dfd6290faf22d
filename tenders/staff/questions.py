"""Questions on the documentation: the organiser answers them, and publishes its own."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..models import Competition
from .access import competition_of, done, tenders_view
from .forms import AnswerForm, PublishQuestionForm


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
    competition = competition_of(request, number)
    if not competition.may_organise:
        raise Http404
    questions = competition.questions.order_by("answered_at", "asked_at", "pk")
    publish = PublishQuestionForm(prefix="publish")
    answer_forms = {}
    if request.method == "POST":
        if request.POST.get("action") == "publish":
            publish = PublishQuestionForm(request.POST, prefix="publish")
            if publish.is_valid() and done(
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
            if form.is_valid() and done(
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
