"""The councils' staff screens: a secretary's own council (members and terms, meetings,
attendance, minutes, decisions) and the body's responses to recommendations."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..models import Decision, Meeting, Membership, composition_of
from ..views import current_members
from .access import council_of, councils_view, done, visible_councils
from .forms import (
    ActivityForm,
    AgendaItemForm,
    DecisionForm,
    DocumentForm,
    EndTermForm,
    MeetingForm,
    MemberForm,
    MinutesForm,
    ResponseForm,
)


@councils_view
def council_list(request):
    councils = visible_councils(request.user).select_related("state_body").order_by("code")
    awaiting = (
        Decision.objects.awaiting_response()
        .filter(council__in=councils, council__state_body__officials=request.user)
        .select_related("council")
        .order_by("response_due", "pk")
    )
    return render(
        request,
        "councils/staff/list.html",
        {"councils": councils, "awaiting": awaiting, "today": timezone.localdate()},
    )


@councils_view
def council_workspace(request, code: str):
    council = council_of(request, code)
    today = timezone.localdate()
    context = {
        "council": council,
        "composition": composition_of(council, today),
        "members": current_members(council, today),
        "meetings": council.meetings.order_by("-starts_at")[:30],
        "awaiting": council.decisions.awaiting_response()
        .select_related("agenda_item__meeting")
        .order_by("response_due"),
        "today": today,
        "member_form": MemberForm() if council.may_manage else None,
        "meeting_form": MeetingForm() if council.may_manage else None,
    }
    return render(request, "councils/staff/council.html", context)


@councils_view
def member_add(request, code: str):
    council = council_of(request, code, manage=True)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add():
            person = services.find_or_create_person(
                name=data["name"], email=data["email"], phone=data["phone"]
            )
            services.add_member(
                council,
                request.user,
                person=person,
                affiliation=data["affiliation"],
                ngo=data["ngo"],
                organisation=data["organisation"],
                role=data["role"],
                term_start=data["term_start"],
                term_end=data["term_end"],
                selection=data["selection"],
            )

        if done(request, add, _("%(name)s has been added.") % {"name": data["name"]}, form):
            return redirect("councils_staff:council", code=council.code)
    return render(request, "councils/staff/member_form.html", {"council": council, "form": form})


@councils_view
def member_end(request, code: str, pk: int):
    council = council_of(request, code, manage=True)
    membership = get_object_or_404(
        Membership.objects.select_related("person"), council=council, pk=pk
    )
    form = EndTermForm(request.POST or None, initial={"on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and done(
            request,
            lambda: services.end_term(membership, request.user, on=form.cleaned_data["on"]),
            _("The term of %(name)s has ended.") % {"name": membership.person.name},
            form,
        )
    ):
        return redirect("councils_staff:council", code=council.code)
    return render(
        request,
        "councils/staff/member_end.html",
        {"council": council, "membership": membership, "form": form},
    )


@councils_view
def meeting_add(request, code: str):
    council = council_of(request, code, manage=True)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = {}

        def schedule():
            created["meeting"] = services.schedule_meeting(
                council,
                request.user,
                starts_at=data["starts_at"],
                place=data["place"],
                online_url=data["online_url"],
                agenda=data["agenda"].splitlines(),
            )

        if done(request, schedule, _("The meeting has been scheduled."), form):
            return redirect(
                "councils_staff:meeting", code=council.code, number=created["meeting"].number
            )
    return render(request, "councils/staff/meeting_form.html", {"council": council, "form": form})


def _meeting(council, number) -> Meeting:
    return get_object_or_404(council.meetings, number=number)


@councils_view
def meeting(request, code: str, number: int):
    council = council_of(request, code)
    meeting = _meeting(council, number)
    members = list(meeting.members().select_related("person").order_by("person__name"))
    present = set(meeting.attendance.filter(present=True).values_list("membership_id", flat=True))
    context = {
        "council": council,
        "meeting": meeting,
        "members": members,
        "present": present,
        "quorum": meeting.quorum(members=len(members), present=len(present)),
        "agenda": meeting.agenda.order_by("position"),
        "decisions": Decision.objects.filter(agenda_item__meeting=meeting)
        .select_related("agenda_item")
        .order_by("number"),
        "held": meeting.starts_at <= timezone.now(),
    }
    if council.may_manage:
        context.update(
            agenda_form=AgendaItemForm(),
            minutes_form=MinutesForm(initial={"minutes": meeting.minutes}),
            document_form=DocumentForm(),
            decision_form=DecisionForm(meeting=meeting),
        )
    return render(request, "councils/staff/meeting.html", context)


def _meeting_action(request, code, number, form_class, act, success, **form_kwargs):
    """A POST on a meeting: its form's errors, or the service's refusal, shown as messages."""
    council = council_of(request, code, manage=True)
    meeting = _meeting(council, number)
    form = form_class(request.POST, **{k: meeting for k in form_kwargs})
    if form.is_valid():
        done(request, lambda: act(meeting, form.cleaned_data), success)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("councils_staff:meeting", code=council.code, number=meeting.number)


@councils_view
@require_POST
def meeting_agenda(request, code: str, number: int):
    return _meeting_action(
        request,
        code,
        number,
        AgendaItemForm,
        lambda m, d: services.add_agenda_item(m, request.user, title=d["title"]),
        _("The agenda item has been added."),
    )


@councils_view
@require_POST
def meeting_document(request, code: str, number: int):
    return _meeting_action(
        request,
        code,
        number,
        DocumentForm,
        lambda m, d: services.add_document(m, request.user, title=d["title"], url=d["url"]),
        _("The document has been added."),
    )


@councils_view
@require_POST
def meeting_minutes(request, code: str, number: int):
    return _meeting_action(
        request,
        code,
        number,
        MinutesForm,
        lambda m, d: services.record_minutes(m, request.user, minutes=d["minutes"]),
        _("The minutes have been saved."),
    )


@councils_view
@require_POST
def meeting_decision(request, code: str, number: int):
    def record(meeting, data):
        item = get_object_or_404(meeting.agenda, pk=data["agenda_item"])
        services.record_decision(
            item,
            request.user,
            text=data["text"],
            votes_for=data["votes_for"],
            votes_against=data["votes_against"] or 0,
            votes_abstained=data["votes_abstained"] or 0,
        )

    return _meeting_action(
        request,
        code,
        number,
        DecisionForm,
        record,
        _("The decision has been recorded."),
        meeting=True,
    )


@councils_view
@require_POST
def meeting_announce(request, code: str, number: int):
    council = council_of(request, code, manage=True)
    meeting = _meeting(council, number)
    done(
        request,
        lambda: services.announce_meeting(meeting, request.user),
        _("The meeting has been announced."),
    )
    return redirect("councils_staff:meeting", code=council.code, number=meeting.number)


@councils_view
@require_POST
def meeting_attendance(request, code: str, number: int):
    council = council_of(request, code, manage=True)
    meeting = _meeting(council, number)
    present = [pk for pk in request.POST.getlist("present") if pk.isdigit()]
    done(
        request,
        lambda: services.record_attendance(meeting, request.user, present=present),
        _("Attendance has been recorded."),
    )
    return redirect("councils_staff:meeting", code=council.code, number=meeting.number)


@councils_view
def decision_respond(request, code: str, number: int):
    council = council_of(request, code, respond=True)
    decision = get_object_or_404(
        council.decisions.select_related("agenda_item__meeting"), number=number
    )
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if done(
            request,
            lambda: services.record_response(
                decision,
                request.user,
                outcome=data["outcome"],
                reason=data["reason"],
                deadline=data["deadline"],
            ),
            _("The body's response to %(code)s has been recorded.") % {"code": decision.code},
            form,
        ):
            return redirect("councils_staff:council", code=council.code)
    return render(
        request,
        "councils/staff/respond.html",
        {"council": council, "decision": decision, "form": form},
    )


@councils_view
def activity_add(request, code: str):
    """A public hearing, public monitoring or an official's report the council heard."""
    council = council_of(request, code, manage=True)
    form = ActivityForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and done(
            request,
            lambda: services.record_activity(council, request.user, **form.cleaned_data),
            _("The activity has been recorded."),
            form,
        )
    ):
        return redirect("councils_staff:council", code=council.code)
    return render(request, "councils/staff/activity_form.html", {"council": council, "form": form})
