"""The commission's and the organiser's work after the close: screening, scoring, awards and
corrections of published results."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import permissions, services
from ..models import Application, Award, Criterion
from .access import competition_of, done, posted_number, tenders_view
from .forms import AwardForm, CorrectionForm, PlanItemsForm, ScoreForm, ScreeningForm


@tenders_view
def application_view(request, number: str, application: str):
    competition = competition_of(request, number)
    item = get_object_or_404(
        Application.objects.select_related("ngo", "lot"),
        number=application,
        lot__competition=competition,
    )
    if not permissions.may_read_application(request.user, item):
        # Sealed until the close, and experts read only what is assigned to them.
        raise Http404
    seat = permissions.seat(request.user, competition)
    criteria = Criterion.objects.filter(competition=competition)
    screening = ScreeningForm()
    score_form = ScoreForm(criteria=criteria) if seat else None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "screen" and competition.may_organise:
            screening = ScreeningForm(request.POST)
            if screening.is_valid() and done(
                request,
                lambda: services.screen_application(
                    item,
                    request.user,
                    screening.cleaned_data["decision"],
                    screening.cleaned_data["reason"],
                ),
                _("Application %(number)s: decision recorded.") % {"number": item.number},
                screening,
            ):
                return redirect(request.path)
        elif action == "score" and seat:
            score_form = ScoreForm(request.POST, criteria=criteria)
            if score_form.is_valid():

                def declare_and_score():
                    if not seat.declarations.filter(application=item).exists():
                        services.declare_conflict(item, request.user, has_conflict=False)
                    services.score_application(item, request.user, score_form.points())

                if done(
                    request,
                    declare_and_score,
                    _("Your scores for %(number)s have been submitted.") % {"number": item.number},
                    score_form,
                ):
                    return redirect(request.path)
        elif (
            action == "conflict"
            and seat
            and done(
                request,
                lambda: services.declare_conflict(item, request.user, has_conflict=True),
                _("Your conflict of interest is recorded; you will not score this application."),
            )
        ):
            return redirect(request.path)
    context = {
        "competition": competition,
        "application": item,
        "budget": item.budget_lines.all(),
        "screening": screening,
        "score_form": score_form,
        "seat": seat,
        "sheets": services.visible_sheets(item, request.user).select_related("member__user"),
        "own_sheet": item.sheets.filter(member=seat).first() if seat else None,
        "declaration": seat.declarations.filter(application=item).first() if seat else None,
    }
    return render(request, "tenders/staff/application.html", context)


@tenders_view
def lot_results(request, number: str, lot: int):
    competition = competition_of(request, number)
    if not competition.may_organise:
        raise Http404
    lot = get_object_or_404(competition.lots, number=lot)
    seat = permissions.seat(request.user, competition)
    if seat is not None and permissions.linked_to_lot(seat, lot):
        # A member linked to an applicant of the lot reads nothing of it.
        raise Http404
    ranked = services.ranking(lot)
    form = AwardForm(request.POST or None, lot=lot, ranking=ranked)
    plan = PlanItemsForm(lot=lot)
    if request.method == "POST":
        if request.POST.get("action") == "plan_items":
            plan = PlanItemsForm(request.POST, lot=lot)
            if plan.is_valid() and done(
                request,
                lambda: services.set_plan_items(lot, request.user, plan.cleaned_data["plan_items"]),
                _("The action plan items of the lot have been saved."),
                plan,
            ):
                return redirect(request.path)
        elif request.POST.get("action") == "remove":
            award = get_object_or_404(lot.awards.standing(), pk=posted_number(request, "award"))
            if done(
                request,
                lambda: services.remove_award(award, request.user),
                _("The winner has been removed."),
            ):
                return redirect(request.path)
        elif form.is_valid() and done(
            request,
            lambda: services.award_lot(
                lot, form.cleaned_data["application"], form.cleaned_data["amount"], request.user
            ),
            _("The winner has been entered."),
            form,
        ):
            return redirect(request.path)
    context = {
        "competition": competition,
        "lot": lot,
        "ranking": services.ranking(lot, reader=request.user),
        "awards": lot.awards.standing().select_related("ngo", "application", "contract"),
        "form": form
        if request.POST.get("action") != "plan_items"
        else AwardForm(lot=lot, ranking=ranked),
        "full": lot.awards.standing().count() >= lot.winners_allowed,
        "plan": plan,
    }
    return render(request, "tenders/staff/lot.html", context)


@tenders_view
def correct(request, number: str):
    competition = competition_of(request, number)
    if not competition.may_organise:
        raise Http404
    awards = (
        Award.objects.standing()
        .filter(lot__competition=competition)
        .select_related("ngo", "lot", "application")
    )
    candidates = (
        Application.objects.submitted()
        .filter(lot__competition=competition)
        .exclude(award__withdrawn_at__isnull=True, award__isnull=False)
        .select_related("ngo", "lot")
        .order_by("lot__number", "number")
    )
    form = CorrectionForm(request.POST or None, awards=awards, candidates=candidates)
    if (
        request.method == "POST"
        and form.is_valid()
        and done(
            request,
            lambda: services.correct_results(
                competition,
                request.user,
                form.cleaned_data["reason"],
                withdraw=list(form.cleaned_data["withdraw"]),
                amounts=form.amounts(),
                add=form.additions(),
                override=form.cleaned_data["override"],
            ),
            _("The correction has been recorded and published."),
            form,
        )
    ):
        return redirect("tenders_staff:manage", number=competition.number)
    return render(
        request,
        "tenders/staff/correct.html",
        {"competition": competition, "form": form},
    )
