"""What competitions add to the registry's pages, through the registry's hooks.

The registry never imports this app: it calls whatever is registered under its hook names.
Each function runs a constant number of queries.
"""

from django.db.models import Count, Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from registry import hooks

from . import funding, services
from .models import Appeal, Award, Competition, Contract, Instalment, ProjectReport, Question

AWARDS_SHOWN = 20


@hooks.register(hooks.NGO_PAGE_SECTIONS)
def state_funding(request, ngo):
    """The NGO as a recipient: what it won, by year, and from how many state bodies."""
    if not Award.objects.filter(ngo=ngo, withdrawn_at__isnull=True).exists():
        return None  # most NGOs: one cheap query instead of the roll-up
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
    bodies = awards.aggregate(
        bodies=Count("lot__competition__organiser", distinct=True), total=Sum("amount")
    )
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
        {
            "by_year": by_year,
            "awards": latest,
            "shown": AWARDS_SHOWN,
            "bodies": bodies["bodies"],
            "total": bodies["total"],
            "csv": reverse("tenders:recipient_csv", args=[ngo.bin]),
        },
        order=50,
    )


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def competitions_in_evaluation(request):
    """Competitions of the official's state bodies whose applications wait for the commission."""
    user = request.user
    if not user.has_perm("tenders.change_competition"):
        return None
    services.follow_the_clock()
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


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def questions_to_answer(request):
    """Unanswered questions on the documentation of the official's competitions."""
    user = request.user
    if not user.has_perm("tenders.change_competition"):
        return None
    waiting = Question.objects.unanswered().filter(
        competition__in=Competition.objects.organised_by(user)
    )
    first = waiting.select_related("competition").order_by("asked_at", "pk")[:5]
    return hooks.Tile(
        key="tenders-questions",
        title=_("Questions to answer"),
        count=waiting.count(),
        url=reverse("tenders_staff:questions"),
        link_text=_("Answer the questions"),
        items=tuple(
            hooks.TileItem(
                question.number,
                reverse("tenders_staff:competition_questions", args=[question.competition.number]),
                question.text[:80],
            )
            for question in first
        ),
        empty_text=_("No question waits for an answer."),
        order=41,
    )


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def appeals_to_decide(request):
    """Appeals against results of the official's competitions, not decided yet."""
    user = request.user
    if not user.has_perm("tenders.change_competition"):
        return None
    waiting = Appeal.objects.filter(
        status__in=Appeal.OPEN_STATUSES,
        application__lot__competition__in=Competition.objects.organised_by(user),
    )
    first = waiting.select_related("application__lot__competition", "application__ngo").order_by(
        "filed_at", "pk"
    )[:5]
    return hooks.Tile(
        key="tenders-appeals",
        title=_("Appeals to decide"),
        count=waiting.count(),
        url=reverse("tenders_staff:appeals") + "?status=filed",
        link_text=_("See the appeals"),
        items=tuple(
            hooks.TileItem(
                appeal.number,
                reverse(
                    "tenders_staff:appeal",
                    args=[appeal.application.lot.competition.number, appeal.number],
                ),
                appeal.application.ngo.name,
            )
            for appeal in first
        ),
        empty_text=_("No appeal waits for a decision."),
        order=42,
    )


def _figures(request) -> dict:
    """This year's figures, counted once per request for both home-page figures."""
    if not hasattr(request, "_tenders_figures"):
        request._tenders_figures = funding.figures_of_year()
    return request._tenders_figures


@hooks.register(hooks.HOME_FIGURES)
def funded_projects(request):
    figures = _figures(request)
    return hooks.Figure(
        "tenders-projects",
        figures["projects"],
        _("projects funded in %(year)s") % {"year": figures["year"]},
        url=reverse("tenders:stats") + f"?year={figures['year']}",
        order=50,
    )


@hooks.register(hooks.HOME_FIGURES)
def total_awarded(request):
    figures = _figures(request)
    return hooks.Figure(
        "tenders-awarded",
        figures["total"],
        _("tenge awarded to NGOs in %(year)s") % {"year": figures["year"]},
        url=reverse("tenders:organisers"),
        order=51,
    )


@hooks.register(hooks.PROMISE_PAGE_SECTIONS)
def lots_funding_the_item(request, item):
    """The lots that fund an action-plan item: competition, winners, contracts and their reports
    (three queries whatever their number; a draft competition is not public)."""
    reports = ProjectReport.objects.order_by("due_on", "number")
    awards = (
        Award.objects.published()
        .select_related("ngo", "contract")
        .prefetch_related(Prefetch("contract__reports", queryset=reports))
    )
    lots = list(
        item.tender_lots.exclude(
            competition__status__in=(Competition.Status.DRAFT, Competition.Status.CANCELLED)
        )
        .select_related("competition__organiser")
        .prefetch_related(Prefetch("awards", queryset=awards, to_attr="published_awards"))
        .order_by("-competition__year", "competition__number", "number")
    )
    if not lots:
        return None
    return hooks.Section(
        key="tenders-lots",
        title=_("Funded through competitions"),
        template="tenders/_promise_section.html",
        context={"lots": lots},
        order=40,
    )
