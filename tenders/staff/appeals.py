"""Appeals against published results: the organiser answers and decides them."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..models import Appeal, Award, Competition
from .access import competition_of, done, tenders_view
from .forms import AppealAnswerForm, AppealDecisionForm


def _appeals_of(user):
    return Appeal.objects.filter(
        application__lot__competition__in=Competition.objects.organised_by(user)
    ).select_related("application__lot__competition", "application__ngo")


@tenders_view
def appeal_list(request):
    appeals = _appeals_of(request.user)
    status = request.GET.get("status", "")
    if status in Appeal.Status.values:
        appeals = appeals.filter(status=status)
    competition = request.GET.get("competition", "")
    if competition:
        appeals = appeals.filter(application__lot__competition__number=competition)
    return render(
        request,
        "tenders/staff/appeals.html",
        {
            "appeals": appeals.order_by("-filed_at", "pk")[:200],
            "statuses": Appeal.Status.choices,
            "status": status,
            "competition": competition,
        },
    )


@tenders_view
def appeal_decide(request, number: str, appeal: str):
    competition = competition_of(request, number)
    if not competition.may_organise:
        raise Http404
    appeal = get_object_or_404(
        Appeal.objects.select_related("application__ngo", "application__lot", "correction"),
        number=appeal,
        application__lot__competition=competition,
    )
    awards = (
        Award.objects.standing().filter(lot__competition=competition).select_related("ngo", "lot")
    )
    answer_form = AppealAnswerForm()
    decision_form = AppealDecisionForm(awards=awards)
    if request.method == "POST":
        if request.POST.get("action") == "answer":
            answer_form = AppealAnswerForm(request.POST)
            if answer_form.is_valid() and done(
                request,
                lambda: services.answer_appeal(
                    appeal, request.user, answer_form.cleaned_data["answer"]
                ),
                _("Your answer to appeal %(number)s has been recorded.")
                % {"number": appeal.number},
            ):
                return redirect(request.path)
        elif request.POST.get("action") == "decide":
            decision_form = AppealDecisionForm(request.POST, awards=awards)
            if decision_form.is_valid():
                data = decision_form.cleaned_data
                add = [(appeal.application, data["amount"])] if data["amount"] else []
                if done(
                    request,
                    lambda: services.decide_appeal(
                        appeal,
                        request.user,
                        upheld=data["decision"] == "upheld",
                        reason=data["reason"],
                        withdraw=list(data["withdraw"]),
                        add=add,
                    ),
                    _("Appeal %(number)s has been decided.") % {"number": appeal.number},
                ):
                    return redirect(request.path)
    return render(
        request,
        "tenders/staff/appeal.html",
        {
            "competition": competition,
            "appeal": appeal,
            "answer_form": answer_form,
            "decision_form": decision_form,
        },
    )
