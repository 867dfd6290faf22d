"""Officials' screens of competitions, in the staff workspace: from the draft to the results.

Organisers (officials of the organising state body) prepare, announce, screen, award and
publish; commission members score the applications assigned to them. Every change goes
through `tenders.services`, which checks who may do it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.models import User
from registry.staff.access import staff_view

from . import grants, permissions, services
from .flags import red_flags
from .models import Application, Award, Competition, Criterion
from .services.competitions import missing_for_announcement
from .staff_forms import (
    AwardForm,
    CompetitionForm,
    CriteriaFormSet,
    LotForm,
    MemberForm,
    ReasonForm,
    ScoreForm,
    ScreeningForm,
)


def works_on_competitions(user) -> bool:
    return user.has_perm("tenders.change_competition") or user.commission_seats.exists()


tenders_view = staff_view(works_on_competitions)


def _mine(user):
    """Competitions the user organises or sits on the commission of."""
    return Competition.objects.filter(
        Q(pk__in=Competition.objects.organised_by(user).values("pk")) | Q(commission__user=user)
    ).distinct()


def _competition(request, number: str) -> Competition:
    """404 for a competition the user has no part in: its existence is not theirs to know."""
    competition = get_object_or_404(
        _mine(request.user).select_related("organiser", "operator"), number=number
    )
    competition.may_organise = permissions.may_organise(request.user, competition)
    return competition


def _done(request, action, success: str, form=None) -> bool:
    """Run a service; a refusal goes to the top of the form that asked (with the input kept)."""
    try:
        action()
    except services.TenderError as error:
        if form is None:
            messages.error(request, error.message)
        else:
            form.add_error(None, error.message)
        return False
    messages.success(request, success)
    return True


@tenders_view
def competition_list(request):
    competitions = (
        _mine(request.user)
        .select_related("organiser")
        .annotate(lot_count=Count("lots", distinct=True))
        .order_by("-year", "-number")
    )
    status = request.GET.get("status", "")
    if status in Competition.Status.values:
        competitions = competitions.filter(status=status)
    return render(
        request,
        "tenders/staff/list.html",
        {
            "competitions": competitions[:200],
            "statuses": Competition.Status.choices,
            "status": status,
            "may_create": request.user.has_perm("tenders.add_competition"),
        },
    )


@tenders_view
def competition_create(request):
    if not request.user.has_perm("tenders.add_competition"):
        raise PermissionDenied
    form = CompetitionForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organiser, mechanism, year = data.pop("organiser"), data.pop("mechanism"), data.pop("year")
        try:
            competition = services.create_competition(
                request.user, organiser, mechanism, year, **data
            )
        except services.TenderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Competition %(number)s has been created as a draft.")
                % {"number": competition.number},
            )
            return redirect("tenders_staff:manage", number=competition.number)
    return render(request, "tenders/staff/form.html", {"form": form})


@tenders_view
def competition_manage(request, number: str):
    competition = _competition(request, number)
    draft = competition.status == Competition.Status.DRAFT
    organiser = competition.may_organise
    edit_form = CompetitionForm(instance=competition, user=request.user) if draft else None
    lot_form = LotForm() if draft else None
    criteria = CriteriaFormSet(queryset=competition.criteria.all(), prefix="criteria")
    if request.method == "POST":
        if not organiser:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "edit" and draft:
            edit_form = CompetitionForm(
                request.POST, request.FILES, instance=competition, user=request.user
            )
            if edit_form.is_valid() and _done(
                request,
                lambda: services.update_competition(competition, request.user, edit_form),
                _("The draft has been saved."),
                edit_form,
            ):
                return redirect(request.path)
        elif action == "lot" and draft:
            lot_form = LotForm(request.POST)
            if lot_form.is_valid() and _done(
                request,
                lambda: services.add_lot(competition, request.user, **lot_form.cleaned_data),
                _("The lot has been added."),
                lot_form,
            ):
                return redirect(request.path)
        elif action == "criteria" and draft:
            criteria = CriteriaFormSet(
                request.POST, queryset=competition.criteria.all(), prefix="criteria"
            )
            if criteria.is_valid():
                rows = [
                    {k: v for k, v in form.cleaned_data.items() if k != "id"}
                    for form in criteria.forms
                    if form.cleaned_data.get("name_kk") or form.cleaned_data.get("name_ru")
                ]
                if _done(
                    request,
                    lambda: services.set_criteria(competition, request.user, rows),
                    _("The scoring criteria have been saved."),
                ):
                    return redirect(request.path)
        elif action == "announce":
            if _done(
                request,
                lambda: services.announce_competition(competition, request.user),
                _("Competition %(number)s has been announced.") % {"number": competition.number},
            ):
                return redirect(request.path)
        elif action == "member":
            member = MemberForm(request.POST)
            if member.is_valid():
                user = User.objects.filter(email__iexact=member.cleaned_data["email"]).first()
                if user is None:
                    messages.error(
                        request,
                        _(
                            "No account has this email; ask the administrator to create one "
                            "for the expert first."
                        ),
                    )
                elif _done(
                    request,
                    lambda: services.add_member(
                        competition, request.user, user, member.cleaned_data["kind"]
                    ),
                    _("%(user)s has joined the commission.") % {"user": user},
                ):
                    return redirect(request.path)
        elif action == "publish":
            if _done(
                request,
                lambda: services.publish_results(competition, request.user),
                _("The results of %(number)s have been published.")
                % {"number": competition.number},
            ):
                return redirect(request.path)
        elif action == "cancel":
            reason = ReasonForm(request.POST)
            if reason.is_valid() and _done(
                request,
                lambda: services.cancel_competition(
                    competition, request.user, reason.cleaned_data["reason"]
                ),
                _("Competition %(number)s has been cancelled.") % {"number": competition.number},
            ):
                return redirect(request.path)
            if not reason.is_valid():
                messages.error(request, _("Give the reason for the cancellation; it is published."))
    competition.refresh_from_db()
    lots = competition.lots.select_related("activity_area", "region").annotate(
        application_count=Count(
            "applications",
            filter=~Q(applications__status__in=(Application.Status.DRAFT, "withdrawn")),
        )
    )
    context = {
        "competition": competition,
        "organiser": organiser,
        "draft": draft,
        "edit_form": edit_form,
        "lot_form": lot_form,
        "criteria": criteria,
        "lots": lots,
        "missing": missing_for_announcement(competition) if draft else [],
        "members": competition.commission.select_related("user"),
        "member_form": MemberForm(),
        "closed": competition.has_closed(),
        "applications": permissions.readable_applications(request.user, competition)
        .select_related("ngo", "lot")
        .order_by("lot__number", "number"),
        "seat": permissions.seat(request.user, competition),
        "flags": red_flags(competition),
        "grant_deadlines": grants.deadlines(competition),
    }
    return render(request, "tenders/staff/manage.html", context)


@tenders_view
def application_view(request, number: str, application: str):
    competition = _competition(request, number)
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
            if screening.is_valid() and _done(
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

                if _done(
                    request,
                    declare_and_score,
                    _("Your scores for %(number)s have been submitted.") % {"number": item.number},
                    score_form,
                ):
                    return redirect(request.path)
        elif (
            action == "conflict"
            and seat
            and _done(
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
    competition = _competition(request, number)
    if not competition.may_organise:
        raise Http404
    lot = get_object_or_404(competition.lots, number=lot)
    seat = permissions.seat(request.user, competition)
    if seat is not None and permissions.linked_to_lot(seat, lot):
        # A member linked to an applicant of the lot reads nothing of it.
        raise Http404
    form = AwardForm(request.POST or None, lot=lot)
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            award = get_object_or_404(lot.awards.standing(), pk=request.POST.get("award"))
            if _done(
                request,
                lambda: services.remove_award(award, request.user),
                _("The winner has been removed."),
            ):
                return redirect(request.path)
        elif form.is_valid() and _done(
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
        "form": form,
    }
    return render(request, "tenders/staff/lot.html", context)


@tenders_view
def correct(request, number: str):
    competition = _competition(request, number)
    if not competition.may_organise:
        raise Http404
    awards = (
        Award.objects.standing().filter(lot__competition=competition).select_related("ngo", "lot")
    )
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = list(awards.filter(pk__in=request.POST.getlist("withdraw")))
        if _done(
            request,
            lambda: services.correct_results(
                competition, request.user, form.cleaned_data["reason"], withdraw=chosen
            ),
            _("The correction has been recorded and published."),
        ):
            return redirect("tenders_staff:manage", number=competition.number)
    return render(
        request,
        "tenders/staff/correct.html",
        {"competition": competition, "awards": awards, "form": form},
    )
