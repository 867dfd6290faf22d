"""Public pages of the Civil Forums: the forums, their events, registration, the action plan."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accountability.models import Item
from registry import exports
from registry.models import Region, StateBody

from . import ical, permissions, plan, services
from .forms import RegistrationForm
from .models import Event, Forum, Registration, Section

PLAN_PAGE_SIZE = 50


def forum_list(request):
    forums = (
        Forum.objects.in_order()
        .annotate(
            event_count=Count(
                "events", filter=~Q(events__status=Event.Status.DRAFT), distinct=True
            ),
            adopted_count=Count(
                "recommendations", filter=Q(recommendations__status="adopted"), distinct=True
            ),
        )
        .order_by("-ordinal")
    )
    standalone = (
        Event.objects.public()
        .filter(forum__isnull=True)
        .select_related("region")
        .order_by("-starts_at")[:20]
    )
    return render(request, "forums/list.html", {"forums": forums, "standalone": list(standalone)})


def _forum(number: str) -> Forum:
    return get_object_or_404(Forum, number=number.upper())


def forum_detail(request, number: str):
    forum = _forum(number)
    forum_events = list(
        Event.objects.public()
        .filter(forum=forum)
        .select_related("region", "ministry")
        .with_counts()
        .order_by("kind", "region__kato", "starts_at", "code")
    )
    grouped = {kind: [e for e in forum_events if e.kind == kind] for kind in Event.Kind.values}
    sections = (
        Section.objects.filter(event__forum=forum, event__kind=Event.Kind.PLENARY)
        .exclude(event__status=Event.Status.DRAFT)
        .prefetch_related("topics")
        .order_by("event__starts_at", "position")
    )
    confirmed = Registration.objects.filter(
        event__forum=forum, status=Registration.Status.CONFIRMED
    ).order_by()
    by_region = list(
        confirmed.values("region__kato", region_name=plan.translated("region__name"))
        .annotate(n=Count("pk"))
        .order_by("-n", "region__kato")
    )
    by_kind = {row["kind"]: row["n"] for row in confirmed.values("kind").annotate(n=Count("pk"))}
    kinds = [(label, by_kind.get(value, 0)) for value, label in Registration.Kind.choices]
    items = plan.plan_items(forum)
    return render(
        request,
        "forums/forum.html",
        {
            "forum": forum,
            "plenary": grouped[Event.Kind.PLENARY],
            "regional": grouped[Event.Kind.REGIONAL],
            "sectoral": grouped[Event.Kind.SECTORAL],
            "other": grouped[Event.Kind.OTHER],
            "sections": list(sections),
            "by_region": by_region,
            "by_kind": kinds,
            "participants": sum(n for _label, n in kinds),
            "organisers": list(forum.organiser_bodies.all()),
            "partners": list(forum.partner_ngos.all()),
            "documents": list(forum.documents.all()),
            "figures": plan.figures(items),
        },
    )


def _event(code: str) -> Event:
    return get_object_or_404(
        Event.objects.public().select_related("forum", "region", "ministry"), code=code
    )


def event_detail(request, code: str):
    event = _event(code)
    sections = event.sections.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed"))
    ).prefetch_related("topics")
    confirmed = event.registrations.confirmed().count()
    mine = (
        event.registrations.active().filter(user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "forums/event.html",
        {
            "event": event,
            "sections": list(sections),
            "confirmed": confirmed,
            "waiting": event.registrations.waiting().count(),
            "places_left": None if event.capacity is None else max(event.capacity - confirmed, 0),
            "mine": mine,
            "open": event.accepts_registrations(),
        },
    )


def event_ics(request, code: str):
    event = _event(code)
    return ical.response([event], request, event.title, f"{event.code}.ics")


def forum_calendar(request, number: str):
    forum = _forum(number)
    events = Event.objects.public().filter(forum=forum).order_by("starts_at", "code")
    name = _("Civil Forum %(number)s") % {"number": forum.number}
    return ical.response(events, request, name, f"forum-{forum.number}.ics")


def region_calendar(request, kato: str):
    region = get_object_or_404(Region, kato=kato)
    events = Event.objects.public().of_region(region).order_by("starts_at", "code")
    name = _("Civil Forum events: %(region)s") % {"region": region.name}
    return ical.response(events, request, name, f"forum-events-{kato}.ics")


@login_required
def register(request, code: str):
    event = _event(code)
    existing = event.registrations.active().filter(user=request.user).first()
    if existing is not None:
        messages.info(
            request,
            _("You are already registered for this event (registration %(code)s).")
            % {"code": existing.code},
        )
        return redirect("forums:registration", code=existing.code)
    form = RegistrationForm(request.POST or None, event=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.register(
                event,
                request.user,
                kind=data["kind"],
                consent=data["consent"],
                ngo=data.get("ngo"),
                state_body=data.get("state_body"),
                affiliation=data.get("affiliation", ""),
                region=data.get("region"),
                section=data.get("section"),
                answers=form.answers(),
                full_name=data["full_name"],
            )
        except services.ForumError as error:
            form.add_error(None, error.message)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(request, _("Your place is confirmed."))
            else:
                messages.warning(
                    request,
                    _(
                        "All places are taken: you are on the waiting list. You will be "
                        "confirmed automatically when a place becomes free."
                    ),
                )
            return redirect("forums:registration", code=registration.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "forums/register.html",
        {"event": event, "form": form, "open": event.accepts_registrations()},
        status=status,
    )


def _registration(request, code: str) -> Registration:
    registration = get_object_or_404(
        Registration.objects.select_related("event", "section", "ngo", "state_body", "region"),
        code=code,
    )
    if not permissions.may_see_registration(request.user, registration):
        raise Http404
    return registration


@login_required
def my_registrations(request):
    registrations = (
        Registration.objects.filter(user=request.user)
        .select_related("event", "section", "ngo")
        .order_by("-event__starts_at", "-pk")
    )
    return render(request, "forums/my_registrations.html", {"registrations": registrations})


def _check_in_url(request, registration) -> str:
    return request.build_absolute_uri(reverse("forums_staff:check_in", args=[registration.token]))


@login_required
def registration_detail(request, code: str):
    registration = _registration(request, code)
    qr = None
    if registration.status == Registration.Status.CONFIRMED:
        svg = segno.make(_check_in_url(request, registration), error="m").svg_inline(
            scale=4, title=_("Confirmation code")
        )
        qr = mark_safe(svg)  # noqa: S308 - segno's own SVG of our own URL
    position = None
    if registration.status == Registration.Status.WAITING:
        position = (
            registration.event.registrations.waiting()
            .filter(
                Q(created_at__lt=registration.created_at)
                | Q(created_at=registration.created_at, pk__lt=registration.pk)
            )
            .count()
            + 1
        )
    return render(
        request,
        "forums/registration.html",
        {"registration": registration, "qr": qr, "position": position},
    )


@login_required
def registration_qr(request, code: str):
    registration = _registration(request, code)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404
    svg = segno.make(_check_in_url(request, registration), error="m").svg_inline(scale=8)
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
@require_POST
def cancel(request, code: str):
    registration = _registration(request, code)
    if registration.user_id != request.user.pk:
        raise PermissionDenied
    try:
        services.cancel(registration, request.user)
    except services.ForumError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("forums:registration", code=registration.code)


def _plan_filter(request, forum):
    items = plan.plan_items(forum)
    bodies = StateBody.objects.filter(pk__in=items.order_by().values("responsible_body")).order_by(
        "name"
    )
    return items, plan.PlanFilter(request.GET, queryset=items, bodies=bodies)


def action_plan(request, number: str):
    forum = _forum(number)
    _items, filterset = _plan_filter(request, forum)
    if not filterset.is_valid():
        return render(
            request,
            "forums/plan.html",
            {"forum": forum, "filter": filterset, "page": None},
            status=400,
        )
    items = filterset.qs
    rows = plan.by_body(items)
    figures = plan.totals(rows)
    # The page's rows are picked by id in a narrow sort, then read whole: sorting thousands of
    # joined trilingual rows to keep fifty was most of the page's time.
    ordered_ids = items.order_by("deadline", "code").values_list("pk", flat=True)
    page = Paginator(ordered_ids, PLAN_PAGE_SIZE).get_page(request.GET.get("page"))
    by_id = {item.pk: item for item in plan.listed(Item.objects.filter(pk__in=list(page)))}
    page.object_list = [by_id[pk] for pk in page.object_list]
    title = _("Share of recommendations implemented, by responsible body")
    return render(
        request,
        "forums/plan.html",
        {
            "forum": forum,
            "filter": filterset,
            "page": page,
            "figures": figures,
            "share": plan.share(figures["implemented"], figures["total"]),
            "bodies": rows,
            "chart": mark_safe(plan.bar_chart(rows, title)),  # noqa: S308 - escaped inside
            "chart_title": title,
        },
    )


def action_plan_csv(request, number: str):
    forum = _forum(number)
    _items, filterset = _plan_filter(request, forum)
    if not filterset.is_valid():
        return HttpResponse(
            "\n".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    delimiter = exports.separator(request)
    if delimiter is None:
        return HttpResponse(_("Unknown separator."), status=400, content_type="text/plain")
    items = plan.listed(filterset.qs).order_by("deadline", "code")
    header = [
        _("Number"),
        _("Recommendation"),
        _("Responsible body"),
        _("Body code"),
        _("Region"),
        _("KATO code"),
        _("Topic"),
        _("Deadline"),
        _("Status"),
        _("Progress, %"),
        _("Overdue"),
        _("Measures"),
        _("Contested"),
    ]
    rows = (
        (
            item.code,
            item.title,
            item.responsible_body.name,
            item.responsible_body.code,
            item.region.name if item.region else "",
            item.region.kato if item.region else "",
            item.topic.name if item.topic else "",
            item.deadline,
            item.get_status_display(),
            item.progress,
            _("yes") if item.is_overdue() else _("no"),
            item.measure_count,
            item.contested_count,
        )
        for item in items.iterator(chunk_size=2000)
    )
    return exports.table_response(f"forum-{forum.number}-plan.csv", header, rows, delimiter)
