"""Public pages of competitions: the list, a competition with its lots and results, statistics."""

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry import exports

from .. import funding, services, stats
from ..filters import CompetitionFilter
from ..flags import red_flags
from ..models import Application, Award, Competition, Correction, Instalment
from .appeals import outcomes as appeal_outcomes
from .questions import public_questions

PAGE_SIZE = 20


def competition_list(request):
    services.follow_the_clock()
    competitions = Competition.objects.public().select_related("organiser")
    filterset = CompetitionFilter(request.GET, queryset=competitions)
    if not filterset.is_valid():
        return render(request, "tenders/list.html", {"filter": filterset, "page": None}, status=400)
    ordered = filterset.qs.annotate(
        lot_count=Count("lots", distinct=True), budget=Sum("lots__budget")
    ).order_by("-year", "-number")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tenders/list.html", {"filter": filterset, "page": page})


def competition_detail(request, number: str):
    services.follow_the_clock()
    competition = get_object_or_404(
        Competition.objects.public().select_related("organiser", "operator"), number=number
    )
    closed = competition.has_closed() or competition.results_only
    lots = competition.lots.select_related("activity_area", "region").order_by("number")
    if closed:
        lots = lots.annotate(
            application_count=Count(
                "applications",
                filter=~Q(
                    applications__status__in=(
                        Application.Status.DRAFT,
                        Application.Status.WITHDRAWN,
                    )
                ),
            )
        )
    published = competition.status in Competition.RESULT_STATUSES
    if published:
        lots = lots.prefetch_related(
            Prefetch(
                "awards",
                queryset=Award.objects.standing()
                .select_related("ngo", "contract")
                .annotate(
                    disbursed=Sum(
                        "contract__instalments__amount",
                        filter=Q(contract__instalments__status=Instalment.Status.PAID),
                    )
                )
                .order_by("-amount", "pk"),
                to_attr="winners",
            )
        )
    corrections = (
        Correction.objects.filter(competition=competition)
        .select_related("appeal")
        .order_by("made_at")
    )
    return render(
        request,
        "tenders/detail.html",
        {
            "competition": competition,
            "lots": list(lots),
            "closed": closed,
            "published": published,
            "corrections": list(corrections) if published else [],
            "flags": red_flags(competition, public=True),
            "questions": public_questions(competition),
            "appeals": appeal_outcomes(competition) if published else None,
        },
    )


def documentation(request, number: str, language: str):
    """Tender documentation is public once the competition is announced."""
    competition = get_object_or_404(Competition.objects.public(), number=number)
    if language not in ("kk", "ru"):
        raise Http404
    document = getattr(competition, f"documentation_{language}")
    if not document:
        raise Http404
    return FileResponse(document.open("rb"), as_attachment=True)


TABLES = {
    "year": gettext_lazy("By year"),
    "mechanism": gettext_lazy("By funding mechanism"),
    "region": gettext_lazy("By region"),
    "area": gettext_lazy("By activity area"),
}
COLUMNS = ("competitions", "lots", "applications", "applicants", "winners", "awarded")


# Years a statistics page or CSV may ask for; the first rounds were in 2003.
YEARS = range(2000, 2101)


def _year(request) -> int | None:
    """The year asked for, or None for all; anything but a plausible year is a bad request."""
    value = request.GET.get("year", "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and int(value) in YEARS):
        raise BadRequest(
            _("Choose a year between %(first)s and %(last)s.")
            % {"first": YEARS[0], "last": YEARS[-1]}
        )
    return int(value)


def statistics(request):
    services.follow_the_clock()  # a close moves the generation on, so the counts follow it
    year = _year(request)
    computed = stats.tables(year)
    tables = [(grouping, TABLES[grouping], computed[grouping]) for grouping in stats.GROUPINGS]
    years = stats.counted_competitions().order_by("-year").values_list("year", flat=True).distinct()
    return render(
        request,
        "tenders/stats.html",
        {"tables": tables, "year": year, "years": list(years)},
    )


def statistics_csv(request, grouping: str):
    if grouping not in TABLES:
        raise Http404
    services.follow_the_clock()
    year = _year(request)
    header = [_("Year")] + ([] if grouping == "year" else [_("Code"), _("Name")])
    header += [
        _("Competitions"),
        _("Lots"),
        _("Applications"),
        _("Applying NGOs"),
        _("Winners"),
        _("Total awarded, tenge"),
    ]
    rows = (
        [row.year]
        + ([] if grouping == "year" else [row.key or "", row.label])
        + [getattr(row, column) for column in COLUMNS]
        for row in stats.table(grouping, year)
    )
    suffix = f"-{year}" if year else ""
    return exports.table_response(f"tenders-{grouping}{suffix}.csv", header, rows)


def results_csv(request, year: int):
    """Every standing award of the year's published results: who gave whom how much, by code."""
    if year not in YEARS:
        raise Http404
    awards = (
        Award.objects.published()
        .filter(lot__competition__year=year)
        .order_by("lot__competition__number", "lot__number", "-amount")
    )
    header, rows = funding.award_table(awards)
    return exports.table_response(f"tender-results-{year}.csv", header, rows)
