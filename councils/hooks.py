"""What councils add to the registry's pages, through the registry's hooks.

The registry never imports this app: it calls whatever is registered under its hook names.
Each function runs a constant number of queries.
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from registry import hooks

from . import permissions, stats
from .models import Council, Decision, Meeting, Membership

SEATS_SHOWN = 20
TERMS_ENDING_DAYS = 90


@hooks.register(hooks.NGO_PAGE_SECTIONS)
def council_seats(request, ngo):
    """The NGO's members on councils: current seats first, then past ones."""
    seats = list(
        Membership.objects.filter(ngo=ngo)
        .select_related("council", "person")
        .order_by("-term_end", "council__code")[:SEATS_SHOWN]
    )
    if not seats:
        return None
    today = timezone.localdate()
    return hooks.Section(
        "council-seats",
        _("Seats on public councils"),
        "councils/_ngo_section.html",
        {"seats": seats, "today": today},
        order=60,
    )


@hooks.register(hooks.PROMISE_PAGE_SECTIONS)
def council_recommendation(request, item):
    """An item that follows a council's recommendation: where it came from and the response."""
    decision = (
        Decision.objects.filter(item=item)
        .select_related("council", "agenda_item__meeting", "response")
        .first()
    )
    if decision is None:
        return None
    return hooks.Section(
        "council-recommendation",
        _("Recommendation of a public council"),
        "councils/_promise_section.html",
        {"decision": decision},
        order=30,
    )


def _my_councils(user):
    return Council.objects.managed_by(user)


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def councils_tile(request):
    """For a secretary (their councils) and officials of bodies with councils (theirs)."""
    user = request.user
    if not permissions.may_enter_workspace(user):
        return None
    today = timezone.localdate()
    managed = _my_councils(user)
    attached = Council.objects.attached_to_bodies_of(user)
    mine = Council.objects.filter(Q(pk__in=managed.values("pk")) | Q(pk__in=attached.values("pk")))
    if not mine.exists():  # a secretary not yet named for any council: nothing waits
        return None
    month_start = today.replace(day=1)
    next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
    meetings = Meeting.objects.filter(
        council__in=mine, starts_at__date__gte=month_start, starts_at__date__lt=next_month
    ).count()
    awaiting = Decision.objects.awaiting_response().filter(council__in=mine)
    awaiting_count = awaiting.count()
    flagged = mine.out_of_rule().count()
    ending = (
        Membership.objects.filter(council__in=mine).ending_within(TERMS_ENDING_DAYS, today).count()
    )
    first = awaiting.select_related("council").order_by("response_due", "pk")[:5]
    return hooks.Tile(
        key="councils",
        title=_(
            "Councils: %(meetings)s meetings this month, %(awaiting)s recommendations awaiting "
            "the body's response, %(flagged)s out of rule, %(ending)s terms ending"
        )
        % {"meetings": meetings, "awaiting": awaiting_count, "flagged": flagged, "ending": ending},
        count=awaiting_count + flagged,
        url=reverse("councils_staff:list"),
        link_text=_("See the councils"),
        items=tuple(
            hooks.TileItem(
                decision.code,
                reverse("councils_staff:respond", args=[decision.council.code, decision.number])
                if permissions.may_respond(user, decision.council)
                else reverse("councils_staff:council", args=[decision.council.code]),
                _("response due %(date)s")
                % {"date": date_format(decision.response_due, "SHORT_DATE_FORMAT")},
            )
            for decision in first
        ),
        empty_text=_("No recommendation awaits a response."),
        order=60,
    )


@hooks.register(hooks.STAFF_NAV)
def councils_menu(request):
    if not permissions.may_enter_workspace(request.user):
        return None
    return hooks.NavItem("councils", _("Councils"), reverse("councils_staff:list"), order=60)


def _figures(request):
    if not hasattr(request, "_councils_figures"):
        request._councils_figures = stats.figures()
    return request._councils_figures


@hooks.register(hooks.HOME_FIGURES)
def public_councils(request):
    return hooks.Figure(
        "councils",
        _figures(request).public_councils,
        _("public councils"),
        url=reverse("councils:list") + "?kind=public",
        order=60,
    )


@hooks.register(hooks.HOME_FIGURES)
def council_members(request):
    figures = _figures(request)
    return hooks.Figure(
        "council-members",
        figures.members,
        _("members of public councils, %(share)s from civil society") % {"share": figures.share},
        url=reverse("councils:stats"),
        order=61,
    )
