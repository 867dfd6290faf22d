"""Statistics by year of competitions, lots, applications, applying NGOs, winners and money.

Counts come from the applications and awards on file, plus the published counts of the
results-only rounds (2003–2005), which have no applications on file. Those counts belong to a
round as a whole, so they add to the totals by year and by mechanism but cannot be split by
region or activity area; such tables show them in a row of their own ("not broken down").
"""

from dataclasses import dataclass

from django.db.models import Count, Sum

from registry.models import ActivityArea, Region

from .models import Application, Award, Competition, Lot

GROUPINGS = ("year", "mechanism", "region", "area")
# The lot field each grouping reads, as a path from a Lot.
LOT_KEYS = {
    "year": None,
    "mechanism": "competition__mechanism",
    "region": "region__kato",
    "area": "activity_area__code",
}
NOT_BROKEN_DOWN = "-"


@dataclass
class Row:
    year: int
    key: str | None
    label: str = ""
    competitions: int = 0
    lots: int = 0
    applications: int = 0
    applicants: int = 0
    winners: int = 0
    awarded: int = 0


def counted_competitions():
    """Competitions that count: announced or later, not cancelled."""
    return Competition.objects.exclude(
        status__in=(Competition.Status.DRAFT, Competition.Status.CANCELLED)
    )


def table(grouping: str, year: int | None = None) -> list[Row]:
    """One row per year (and group), newest year first."""
    if grouping not in GROUPINGS:
        raise ValueError(grouping)
    key = LOT_KEYS[grouping]
    competitions = counted_competitions()
    if year is not None:
        competitions = competitions.filter(year=year)
    rows: dict[tuple, Row] = {}

    def row(y, k) -> Row:
        return rows.setdefault((y, k), Row(year=y, key=k))

    def keyed(queryset, prefix: str):
        # Field names, not expressions: modeltranslation's values() of expressions alone selects
        # every field, which would group by lot.
        fields = [f"{prefix}competition__year"] + ([prefix + key] if key else [])
        return queryset.order_by().values(*fields)

    def at(item, prefix: str) -> Row:
        return row(item[f"{prefix}competition__year"], item[prefix + key] if key else None)

    lots = keyed(Lot.objects.filter(competition__in=competitions), "").annotate(
        lots=Count("pk"), competitions=Count("competition", distinct=True)
    )
    for item in lots:
        target = at(item, "")
        target.lots += item["lots"]
        target.competitions += item["competitions"]
    applications = keyed(
        Application.objects.submitted().filter(lot__competition__in=competitions), "lot__"
    ).annotate(applications=Count("pk"), applicants=Count("ngo", distinct=True))
    for item in applications:
        target = at(item, "lot__")
        target.applications += item["applications"]
        target.applicants += item["applicants"]
    awards = keyed(Award.objects.published().filter(lot__competition__in=competitions), "lot__")
    for item in awards.annotate(winners=Count("pk"), awarded=Sum("amount")):
        target = at(item, "lot__")
        target.winners += item["winners"]
        target.awarded += item["awarded"] or 0
    reported = competitions.filter(results_only=True).values("year", "mechanism")
    for item in reported.annotate(
        applications=Sum("reported_applications"), applicants=Sum("reported_applicants")
    ):
        if grouping == "year":
            k = None
        elif grouping == "mechanism":
            k = item["mechanism"]
        else:
            k = NOT_BROKEN_DOWN
        target = row(item["year"], k)
        target.applications += item["applications"] or 0
        target.applicants += item["applicants"] or 0
    result = sorted(rows.values(), key=lambda r: (-r.year, str(r.key)))
    _label(grouping, result)
    return result


def _label(grouping: str, rows: list[Row]) -> None:
    from django.utils.translation import gettext as _

    names = {}
    if grouping == "mechanism":
        names = dict(Competition.Mechanism.choices)
    elif grouping == "region":
        names = {r.kato: r.name for r in Region.objects.all()}
        names[None] = _("Whole country")
    elif grouping == "area":
        names = {a.code: a.name for a in ActivityArea.objects.all()}
    names[NOT_BROKEN_DOWN] = _("Not broken down (historical rounds)")
    for row in rows:
        row.label = str(names.get(row.key, row.key or ""))
