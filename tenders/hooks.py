"""What competitions add to the registry's pages, through the registry's hooks.

The registry never imports this app: it calls whatever is registered under its hook names.
Each function runs a constant number of queries.
"""

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from registry import hooks

from .models import Award, Competition, Contract, Instalment, ProjectReport

AWARDS_SHOWN = 20


@hooks.register(hooks.NGO_PAGE_SECTIONS)
def state_funding(request, ngo):
    """The NGO as a recipient: what it won, by year, and from how many state bodies."""
    awards = Award.objects.published().filter(ngo=ngo)
    by_year = list(
        awards.order_by()
        .values("lot__competition__year")
        .annotate(
            total=Sum("amount"),
            count=Count("pk"),
            bodies=Count("lot__competition__organiser", distinct=True),
        )
        .order_by("-lot__competition__year")
    )
    if not by_year:
        return None
    latest = list(
        awards.select_related("lot__competition__organiser", "contract")
        .annotate(
            disbursed=Sum(
                "contract__instalments__amount",
                filter=Q(contract__instalments__status=Instalment.Status.PAID),
            )
        )
        .order_by("-lot__competition__year", "lot__competition__number", "lot__number")[
            :AWARDS_SHOWN
        ]
    )
    return hooks.Section(
        "state-funding",
        _("State funding won in competitions"),
        "tenders/_ngo_section.html",
        {"by_year": by_year, "awards": latest, "shown": AWARDS_SHOWN},
        order=50,
    )


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def competitions_in_evaluation(request):
    """Competitions of the official's state bodies whose applications wait for the commission."""
    user = request.user
    if not user.has_perm("tenders.change_competition"):
        return None
    waiting = Competition.objects.organised_by(user).filter(status=Competition.Status.EVALUATING)
    first = waiting.order_by("closes_at", "pk")[:5]
    return hooks.Tile(
        key="tenders-evaluation",
        title=_("Competitions in evaluation"),
        count=waiting.count(),
        url=reverse("tenders_staff:list") + "?status=evaluating",
        link_text=_("See the competitions"),
        items=tuple(
            hooks.TileItem(
                f"{competition.number} {competition.title}",
                reverse("tenders_staff:manage", args=[competition.number]),
            )
            for competition in first
        ),
        empty_text=_("No competition of your state body is in evaluation."),
        order=40,
    )


@hooks.register(hooks.STAFF_NAV)
def competitions_menu(request):
    user = request.user
    if not (user.has_perm("tenders.change_competition") or user.commission_seats.exists()):
        return None
    return hooks.NavItem("tenders", _("Competitions"), reverse("tenders_staff:list"), order=40)


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def project_reports(request):
    """Reports of the official's bodies' contracts that wait for review, and overdue ones."""
    user = request.user
    if not user.has_perm("tenders.change_competition"):
        return None
    reports = ProjectReport.objects.filter(contract__in=Contract.objects.managed_by(user))
    today = timezone.localdate()
    awaiting = reports.awaiting_review()
    overdue = reports.overdue(today)
    first = (
        (overdue | awaiting)
        .select_related("contract__award__lot__competition", "contract__award__ngo")
        .order_by("status", "due_on", "pk")[:5]
    )
    awaiting_count, overdue_count = awaiting.count(), overdue.count()
    return hooks.Tile(
        key="tenders-reports",
        title=_("Project reports: %(awaiting)s to review, %(overdue)s overdue")
        % {"awaiting": awaiting_count, "overdue": overdue_count},
        count=awaiting_count + overdue_count,
        url=reverse("tenders_contracts:list"),
        link_text=_("See contracts and reports"),
        items=tuple(
            hooks.TileItem(
                f"{report.contract.number}: {report.contract.award.ngo.name}",
                reverse(
                    "tenders_staff:report",
                    args=[
                        report.contract.award.lot.competition.number,
                        report.contract.award.lot.number,
                        report.contract.award.ngo.bin,
                        report.number,
                    ],
                ),
                _("overdue since %(date)s")
                % {"date": date_format(report.due_on, "SHORT_DATE_FORMAT")}
                if report.is_overdue(today)
                else _("to review"),
            )
            for report in first
        ),
        empty_text=_("No project report waits for you."),
        order=45,
    )


@hooks.register(hooks.STAFF_NAV)
def contracts_menu(request):
    if not request.user.has_perm("tenders.change_competition"):
        return None
    return hooks.NavItem(
        "tenders-contracts",
        _("Contracts and reports"),
        reverse("tenders_contracts:list"),
        order=41,
    )
