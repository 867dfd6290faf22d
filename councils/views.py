"""Public pages of councils: the list, a council, a meeting's calendar file, statistics."""

import datetime
import hashlib

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from config.cache import per_generation
from registry import exports

from . import stats
from .filters import CouncilFilter
from .models import Activity, AgendaItem, Council, Decision, Meeting, Membership, composition_of
from .models.rules import FLAG_LABELS

PAGE_SIZE = 20
MEETINGS_SHOWN = 10
ROLE_ORDER = Case(
    *(When(role=role, then=Value(i)) for i, role in enumerate(Membership.Role.values)),
    output_field=IntegerField(),
)


def filter_fields(filterset) -> str:
    """The filter lists as HTML: a few hundred state bodies and regions cost most of a list page,
    and with the same values chosen they are the same for every visitor, so they are kept per
    language and generation of the public data (as the register's directory does)."""
    form = filterset.form

    def render() -> str:
        return render_to_string("councils/_filters.html", {"filter": filterset})

    if form.errors:
        return render()
    chosen = repr(sorted((name, form.data.get(name, "")) for name in form.fields))
    digest = hashlib.sha256(chosen.encode()).hexdigest()
    return mark_safe(per_generation(f"councils-filters:{get_language()}:{digest}", render))


def council_list(request):
    councils = Council.objects.select_related("state_body", "region")
    filterset = CouncilFilter(request.GET, queryset=councils)
    if not filterset.is_valid():
        return render(
            request,
            "councils/list.html",
            {"filters": filter_fields(filterset), "page": None},
            status=400,
        )
    ordered = filterset.qs.order_by("status", "kind", "level", "code")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    Council.objects.attach_member_counts(page.object_list)
    return render(
        request,
        "councils/list.html",
        {"filters": filter_fields(filterset), "page": page, "flag_labels": FLAG_LABELS},
    )


def current_members(council, today=None):
    return (
        Membership.objects.filter(council=council)
        .current(today)
        .select_related("person", "ngo")
        .order_by(ROLE_ORDER, "person__name", "pk")
    )


def council_detail(request, code: str):
    council = get_object_or_404(
        Council.objects.select_related("state_body", "region", "parent"), code=code
    )
    today = timezone.localdate()
    decisions = Decision.objects.select_related("council", "response", "item").order_by("number")
    meetings = (
        council.meetings.order_by("-starts_at")
        .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
        .prefetch_related(
            Prefetch(
                "agenda",
                queryset=AgendaItem.objects.order_by("position").prefetch_related(
                    Prefetch("decisions", queryset=decisions)
                ),
            ),
            "documents",
        )[:MEETINGS_SHOWN]
    )
    context = {
        "council": council,
        "composition": composition_of(council, today),
        "members": current_members(council, today),
        "meetings": meetings,
        "groups": council.groups.order_by("code"),
        "activities": council.activities.order_by("-held_on")[:10],
        "today": today,
        **council.decisions.adopted().aggregate(
            awaiting=Count("pk", filter=Q(response__isnull=True)),
            overdue=Count("pk", filter=Q(response__isnull=True, response_due__lt=today)),
        ),
    }
    return render(request, "councils/detail.html", context)


def _ical_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def meeting_ical(request, code: str, number: int):
    """The meeting as an iCalendar event (RFC 5545), for the visitor's calendar."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("council"), council__code=code, number=number
    )
    if not meeting.is_announced:
        raise Http404
    stamp = "%Y%m%dT%H%M%SZ"
    start = meeting.starts_at.astimezone(datetime.UTC)
    agenda = "\n".join(str(item) for item in meeting.agenda.order_by("position"))
    summary = _("%(council)s: meeting № %(number)s") % {
        "council": meeting.council.name,
        "number": meeting.number,
    }
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//NGO Registry of Kazakhstan//Councils//EN",
        "BEGIN:VEVENT",
        f"UID:{meeting.code}@councils",
        f"DTSTAMP:{meeting.announced_at.astimezone(datetime.UTC).strftime(stamp)}",
        f"DTSTART:{start.strftime(stamp)}",
        f"DTEND:{(start + datetime.timedelta(hours=2)).strftime(stamp)}",
        f"SUMMARY:{_ical_text(summary)}",
        f"LOCATION:{_ical_text(meeting.place or meeting.online_url)}",
        f"DESCRIPTION:{_ical_text(agenda)}",
        *([f"URL:{meeting.online_url}"] if meeting.online_url else []),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    response = HttpResponse(
        "\r\n".join(lines) + "\r\n", content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{meeting.code}.ics"'
    return response


TABLES = {
    "level": gettext_lazy("Public councils by level"),
    "region": gettext_lazy("Public councils by region"),
    "venues": gettext_lazy("Other permanent dialogue venues by level"),
    "bodies": gettext_lazy("Recommendations by state body"),
}


def statistics(request):
    figures = stats.figures()
    charts = {
        "level": stats.bars(figures.by_level, "members"),
        "region": stats.bars(figures.by_region, "members"),
        "venues": stats.bars([r for r in figures.venues_by_level if r.councils], "councils"),
    }
    return render(
        request,
        "councils/stats.html",
        {
            "figures": figures,
            "charts": charts,
            "tables": TABLES,
            "activity_kinds": Activity.Kind,
        },
    )


def statistics_csv(request, table: str):
    if table not in TABLES:
        raise Http404
    figures = stats.figures()
    if table == "bodies":
        header = [
            _("Code"),
            _("State body"),
            _("Recommendations adopted"),
            _("Answered by the body"),
            _("Accepted or partly accepted"),
            _("Implemented"),
            _("Response overdue"),
        ]
        rows = (
            [r.code, r.label, r.adopted, r.answered, r.accepted, r.implemented, r.overdue]
            for r in figures.by_body
        )
    else:
        rows_of = {
            "level": figures.by_level,
            "region": figures.by_region,
            "venues": figures.venues_by_level,
        }[table]
        header = [_("Code"), _("Name"), _("Councils"), _("Members"), _("From civil society")]
        rows = ([r.key, r.label, r.councils, r.members, r.civil] for r in rows_of)
    return exports.table_response(f"councils-{table}.csv", header, rows)
