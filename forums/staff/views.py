"""Organisers' screens of forums, in the staff workspace: forums, events, sections, the lists of
participants with attendance and capacity, and the recommendations from proposal to the plan.

Every change goes through `forums.services`, which checks who may do it; these views check
again before showing anything (a 404 for what the user does not run).
"""

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from registry import exports
from registry.models import scope_regions
from registry.staff.access import staff_view

from .. import permissions, services
from ..models import Event, Forum, Recommendation, Registration
from .forms import (
    AdoptForm,
    CapacityForm,
    EventForm,
    ForumForm,
    MeasureForm,
    ProposalForm,
    QuestionForm,
    QuotaForm,
    SectionForm,
)

organiser_view = staff_view(permissions.is_organiser)
PAGE_SIZE = 50


def _done(request, action, success: str, form=None) -> bool:
    """Run a service; a refusal goes to the form that asked (or to the page's messages)."""
    try:
        action()
    except services.ForumError as error:
        if form is None:
            messages.error(request, error.message)
        else:
            form.add_error(None, error.message)
        return False
    messages.success(request, success)
    return True


def _forum(request, number: str) -> Forum:
    if not permissions.may_manage_forums(request.user):
        raise PermissionDenied(_("Only organisers of national scope manage the forums."))
    return get_object_or_404(Forum, number=number)


def _event(request, code: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("forum", "region"), code=code)
    if not permissions.may_manage_event(request.user, event):
        raise Http404
    return event


@organiser_view
def forum_list(request):
    national = permissions.may_manage_forums(request.user)
    forums = (
        Forum.objects.order_by("-ordinal").annotate(
            event_count=Count("events", distinct=True),
            proposed=Count(
                "recommendations", filter=Q(recommendations__status="proposed"), distinct=True
            ),
        )
        if national
        else Forum.objects.none()
    )
    events = (
        permissions.managed_events(request.user, Event.objects.all())
        .select_related("forum", "region")
        .with_counts()
        .order_by("-starts_at", "code")[:100]
    )
    return render(
        request,
        "forums/staff/list.html",
        {"forums": forums, "events": events, "national": national},
    )


@organiser_view
def forum_create(request):
    if not permissions.may_manage_forums(request.user):
        raise PermissionDenied(_("Only organisers of national scope manage the forums."))
    form = ForumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        forum = form.save()
        messages.success(request, _("The forum %(number)s is saved.") % {"number": forum.number})
        return redirect("forums_staff:forum", number=forum.number)
    return render(request, "forums/staff/form.html", {"form": form, "title": _("New forum")})


@organiser_view
def forum_manage(request, number: str):
    forum = _forum(request, number)
    form = ForumForm(request.POST or None, instance=forum)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The forum %(number)s is saved.") % {"number": forum.number})
        return redirect("forums_staff:forum", number=forum.number)
    events = (
        forum.events.select_related("region", "ministry")
        .with_counts()
        .order_by("kind", "region__kato", "starts_at")
    )
    return render(
        request,
        "forums/staff/forum.html",
        {"forum": forum, "form": form, "events": events},
        status=400 if form.errors else 200,
    )


@organiser_view
def event_create(request, number: str | None = None):
    forum = _forum(request, number) if number else None
    regions = scope_regions(request.user)
    form = EventForm(request.POST or None, forum=forum, regions=regions)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        if not permissions.may_manage_event(request.user, event):
            form.add_error("region", _("You organise events of your own region only."))
        else:
            event.save()
            messages.success(request, _("The event %(code)s is saved.") % {"code": event.code})
            return redirect("forums_staff:event", code=event.code)
    return render(
        request,
        "forums/staff/form.html",
        {"form": form, "title": _("New event"), "forum": forum},
        status=400 if form.errors else 200,
    )


@organiser_view
def event_manage(request, code: str):
    event = _event(request, code)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "event": EventForm(
            request.POST if action == "event" else None,
            instance=event,
            regions=scope_regions(request.user),
        ),
        "capacity": CapacityForm(
            request.POST if action == "capacity" else None, initial={"capacity": event.capacity}
        ),
        "section": SectionForm(
            request.POST if action == "section" else None,
            initial={"position": event.sections.count() + 1},
        ),
        "quota": QuotaForm(request.POST if action == "quota" else None),
        "question": QuestionForm(request.POST if action == "question" else None),
        "proposal": ProposalForm(request.POST if action == "proposal" else None, event=event),
    }
    form = forms.get(action)
    if form is not None and form.is_valid() and _act(request, event, action, form):
        return redirect("forums_staff:event", code=event.code)
    sections = event.sections.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed"))
    )
    quotas = event.quotas.select_related("region").annotate(
        confirmed_count=Count(
            "event__registrations",
            filter=Q(
                event__registrations__status="confirmed",
                event__registrations__region=F("region"),
            ),
        )
    )
    return render(
        request,
        "forums/staff/event.html",
        {
            "event": event,
            "forms": forms,
            "sections": sections,
            "quotas": quotas,
            "questions": event.questions.all(),
            "confirmed": event.registrations.confirmed().count(),
            "waiting": event.registrations.waiting().count(),
            "proposals": event.proposals.select_related("recommendation", "ngo").order_by(
                "-proposed_at"
            )[:50],
        },
        status=400 if form is not None and form.errors else 200,
    )


def _act(request, event, action, form) -> bool:
    user, data = request.user, form.cleaned_data
    if action == "event":
        form.save()
        messages.success(request, _("The event %(code)s is saved.") % {"code": event.code})
        return True
    if action == "capacity":
        return _done(
            request,
            lambda: services.set_capacity(event, data["capacity"], user),
            _("The capacity is saved; the waiting list has moved up where there was room."),
            form,
        )
    if action == "quota":
        return _done(
            request,
            lambda: services.set_quota(event, data["region"], data["seats"], user),
            _("The regional quota is saved."),
            form,
        )
    if action == "section":
        section = form.save(commit=False)
        section.event = event
        if event.sections.filter(position=section.position).exists():
            form.add_error("position", _("A section with this number exists."))
            return False
        section.save()
        form.save_m2m()
        messages.success(request, _("The section is added."))
        return True
    if action == "question":
        event.questions.create(
            position=(event.questions.count() + 1),
            text_kk=data["text_kk"],
            text_ru=data["text_ru"],
            text_en=data["text_en"] or None,
            required=data["required"],
        )
        messages.success(request, _("The question is added to the registration form."))
        return True
    if action == "proposal":
        return _done(
            request,
            lambda: services.propose(
                event,
                title=form.titles(),
                by=user,
                section=data["section"],
                ngo=data["ngo"],
                responsible_body=data["responsible_body"],
                topic=data["topic"],
            ),
            _("The recommendation is recorded."),
            form,
        )
    return False


@organiser_view
def registrations(request, code: str):
    event = _event(request, code)
    status = request.GET.get("status", "")
    rows = event.registrations.select_related("ngo", "state_body", "region", "section")
    if status in Registration.Status.values:
        rows = rows.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(Q(full_name__icontains=query) | Q(code__icontains=query))
    page = Paginator(rows.order_by("status", "created_at", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "forums/staff/registrations.html",
        {
            "event": event,
            "page": page,
            "status": status,
            "statuses": Registration.Status.choices,
            "q": query,
            "confirmed": event.registrations.confirmed().count(),
            "attended": event.registrations.filter(attended_at__isnull=False).count(),
            "waiting": event.registrations.waiting().count(),
        },
    )


@organiser_view
@require_POST
def attendance(request, code: str):
    """Attendance from the list: ticked participants attended, unticked did not."""
    event = _event(request, code)
    registration = get_object_or_404(event.registrations, code=request.POST.get("registration"))
    attended = request.POST.get("attended") == "1"
    _done(
        request,
        lambda: services.mark_attendance(registration, request.user, attended),
        _("%(name)s: attendance recorded.") % {"name": registration.full_name}
        if attended
        else _("%(name)s: attendance removed.") % {"name": registration.full_name},
    )
    return redirect(request.POST.get("next") or "forums_staff:registrations", code=event.code)


@organiser_view
@require_POST
def cancel_registration(request, code: str):
    event = _event(request, code)
    registration = get_object_or_404(event.registrations, code=request.POST.get("registration"))
    _done(
        request,
        lambda: services.cancel(registration, request.user),
        _("Registration %(code)s is cancelled.") % {"code": registration.code},
    )
    return redirect("forums_staff:registrations", code=event.code)


def _badge_rows(event):
    rows = (
        event.registrations.confirmed()
        .select_related("ngo", "state_body", "region", "section")
        .order_by("full_name", "pk")
    )
    for r in rows.iterator(chunk_size=2000):
        yield (
            r.code,
            r.full_name,
            r.get_kind_display(),
            r.organisation,
            r.ngo.bin if r.ngo_id else "",
            r.region.name if r.region_id else "",
            r.section.title if r.section_id else "",
            r.token,
        )


def _badge_header():
    return [
        _("Registration number"),
        _("Full name"),
        _("Taking part as"),
        _("Organisation"),
        _("BIN"),
        _("Region"),
        _("Section"),
        _("Confirmation code"),
    ]


@organiser_view
def badges(request, code: str, fmt: str):
    """The badge list of the confirmed participants, for printing (CSV or XLSX)."""
    event = _event(request, code)
    if fmt == "csv":
        delimiter = exports.separator(request) or ";"
        return exports.table_response(
            f"{event.code}-badges.csv", _badge_header(), _badge_rows(event), delimiter
        )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Badges"))
    sheet.freeze_panes = "A2"
    # The register's XLSX cell: text stays text (no formulas), dates stay dates.
    sheet.append([exports._xlsx_cell(sheet, title) for title in _badge_header()])
    for row in _badge_rows(event):
        sheet.append([exports._xlsx_cell(sheet, value) for value in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{event.code}-badges.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@organiser_view
def check_in(request, token: str):
    """The page the QR code of a confirmation opens on an organiser's phone: who it is, and one
    button to record their attendance."""
    code = Registration.code_from_token(token)
    registration = (
        Registration.objects.select_related("event", "ngo", "state_body", "section")
        .filter(code=code)
        .first()
        if code
        else None
    )
    if registration is not None and not permissions.may_manage_event(
        request.user, registration.event
    ):
        raise Http404
    if request.method == "POST" and registration is not None:
        if _done(
            request,
            lambda: services.check_in(token, request.user),
            _("%(name)s: attendance recorded.") % {"name": registration.full_name},
        ):
            return redirect("forums_staff:check_in", token=token)
        registration.refresh_from_db()
    return render(
        request,
        "forums/staff/check_in.html",
        {"registration": registration},
        status=200 if registration is not None else 404,
    )


@organiser_view
def recommendations(request, number: str):
    forum = _forum(request, number)
    if request.method == "POST":
        target = get_object_or_404(forum.recommendations, code=request.POST.get("target"))
        duplicates = list(forum.recommendations.filter(code__in=request.POST.getlist("duplicates")))
        _done(
            request,
            lambda: services.merge(target, duplicates, request.user),
            _("Merged into %(code)s, with every origin.") % {"code": target.code},
        )
        return redirect("forums_staff:recommendations", number=forum.number)
    status = request.GET.get("status", Recommendation.Status.PROPOSED)
    rows = (
        forum.recommendations.select_related("responsible_body", "plan_item")
        .prefetch_related("origins__event", "origins__ngo")
        .order_by("code")
    )
    if status in Recommendation.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "forums/staff/recommendations.html",
        {
            "forum": forum,
            "page": page,
            "status": status,
            "statuses": Recommendation.Status.choices,
        },
    )


@organiser_view
def recommendation(request, code: str):
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("forum", "responsible_body", "plan_item"),
        code=code,
    )
    _forum(request, recommendation.forum.number)
    action = request.POST.get("action") if request.method == "POST" else None
    adopt_form = AdoptForm(
        request.POST if action == "adopt" else None,
        initial={
            "responsible_body": recommendation.responsible_body.code
            if recommendation.responsible_body
            else None
        },
    )
    measure_form = MeasureForm(request.POST if action == "measure" else None)
    user = request.user
    done = False
    if action == "adopt" and adopt_form.is_valid():
        done = _done(
            request,
            lambda: services.adopt(
                recommendation,
                responsible_body=adopt_form.cleaned_data["responsible_body"],
                deadline=adopt_form.cleaned_data["deadline"],
                by=user,
            ),
            _("Adopted: %(code)s is in the action plan.") % {"code": recommendation.code},
            adopt_form,
        )
    elif action == "measure" and measure_form.is_valid():
        data = measure_form.cleaned_data
        done = _done(
            request,
            lambda: services.add_measure(
                recommendation,
                title=data["title"],
                deadline=data["deadline"],
                responsible_body=data["responsible_body"],
                by=user,
            ),
            _("The measure is added to the action plan."),
            measure_form,
        )
    elif action == "decline":
        done = _done(
            request,
            lambda: services.decline(recommendation, user),
            _("%(code)s is not adopted.") % {"code": recommendation.code},
        )
    if done:
        return redirect("forums_staff:recommendation", code=recommendation.code)
    measures = (
        recommendation.plan_item.children.select_related("responsible_body").order_by("code")
        if recommendation.plan_item_id
        else []
    )
    return render(
        request,
        "forums/staff/recommendation.html",
        {
            "recommendation": recommendation,
            "origins": recommendation.origins.select_related("event", "section", "ngo"),
            "duplicates": recommendation.duplicates.all(),
            "adopt_form": adopt_form,
            "measure_form": measure_form,
            "measures": measures,
        },
        status=400 if adopt_form.errors or measure_form.errors else 200,
    )
