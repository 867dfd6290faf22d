"""Officials' screens of competitions, in the staff workspace: from the draft to the results.

Organisers (officials of the organising state body) prepare, announce, and publish; the
commission's work and the awards are in `evaluation`. Every change goes through
`tenders.services`, which checks who may do it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import User

from .. import grants, permissions, services
from ..flags import red_flags
from ..models import Application, Competition
from ..services.competitions import missing_for_announcement
from .access import competition_of, done, mine, tenders_view
from .forms import CompetitionForm, CriteriaFormSet, LotForm, MemberForm, ReasonForm


@tenders_view
def competition_list(request):
    competitions = (
        mine(request.user)
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
    competition = competition_of(request, number)
    draft = competition.status == Competition.Status.DRAFT
    organiser = competition.may_organise
    edit_form = CompetitionForm(instance=competition, user=request.user) if draft else None
    lot_form = LotForm() if draft else None
    member_form = MemberForm()
    criteria = CriteriaFormSet(queryset=competition.criteria.all(), prefix="criteria")
    if request.method == "POST":
        if not organiser:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "edit" and draft:
            edit_form = CompetitionForm(
                request.POST, request.FILES, instance=competition, user=request.user
            )
            if edit_form.is_valid() and done(
                request,
                lambda: services.update_competition(competition, request.user, edit_form),
                _("The draft has been saved."),
                edit_form,
            ):
                return redirect(request.path)
        elif action == "lot" and draft:
            lot_form = LotForm(request.POST)
            if lot_form.is_valid() and done(
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
                if done(
                    request,
                    lambda: services.set_criteria(competition, request.user, rows),
                    _("The scoring criteria have been saved."),
                ):
                    return redirect(request.path)
        elif action == "announce":
            if done(
                request,
                lambda: services.announce_competition(competition, request.user),
                _("Competition %(number)s has been announced.") % {"number": competition.number},
            ):
                return redirect(request.path)
        elif action == "member":
            member_form = MemberForm(request.POST)
            if member_form.is_valid():
                user = User.objects.filter(email__iexact=member_form.cleaned_data["email"]).first()
                if user is None:
                    # At the field, with what was typed kept: a typo is corrected, not retyped.
                    member_form.add_error(
                        "email",
                        _(
                            "No account has this email; ask the administrator to create one "
                            "for the expert first."
                        ),
                    )
                elif done(
                    request,
                    lambda: services.add_member(
                        competition, request.user, user, member_form.cleaned_data["kind"]
                    ),
                    _("%(user)s has joined the commission.") % {"user": user},
                    member_form,
                ):
                    return redirect(request.path)
        elif action == "publish":
            if done(
                request,
                lambda: services.publish_results(competition, request.user),
                _("The results of %(number)s have been published.")
                % {"number": competition.number},
            ):
                return redirect(request.path)
        elif action == "cancel":
            reason = ReasonForm(request.POST)
            if reason.is_valid() and done(
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
        "member_form": member_form,
        "closed": competition.has_closed(),
        "applications": permissions.readable_applications(request.user, competition)
        .select_related("ngo", "lot")
        .order_by("lot__number", "number"),
        "seat": permissions.seat(request.user, competition),
        "flags": red_flags(competition),
        "grant_deadlines": grants.deadlines(competition),
        "check": publish_check(competition)
        if organiser and competition.status == Competition.Status.EVALUATING
        else None,
    }
    return render(request, "tenders/staff/manage.html", context)


def publish_check(competition: Competition) -> dict:
    """What publishing will show, lot by lot, and what is unusual: a lot with fewer winners than
    it allows, applications not screened or returned (shown beside the publish button)."""
    lots = list(
        competition.lots.annotate(
            winners=Count("awards", filter=Q(awards__withdrawn_at__isnull=True)),
            awarded=Sum("awards__amount", filter=Q(awards__withdrawn_at__isnull=True)),
        ).order_by("number")
    )
    applications = Application.objects.filter(lot__competition=competition)
    return {
        "lots": lots,
        "short": [lot for lot in lots if lot.winners < lot.winners_allowed],
        "unscreened": applications.filter(status=Application.Status.SUBMITTED).count(),
        "returned": applications.filter(status=Application.Status.RETURNED).count(),
    }
