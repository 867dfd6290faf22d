"""Statistics by year of competitions, lots, applications, applying NGOs, winners and money.

Counts come from the applications and awards on file, plus the published counts of the
results-only rounds (2003–2005), which have no applications on file. Those counts belong to a
round as a whole, so they add to the totals by year and by mechanism but cannot be split by
region or activity area; such tables show them in a row of their own ("not broken down").
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Sum

from registry.models import ActivityArea, Region

from .models import Application, Award, Competition, Lot

GROUPINGS = ("year", "mechanism", "region", "area")
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


# One pass over each source gives all four tables: PostgreSQL's GROUPING SETS count distinct
# applicants correctly within each grouping, which summing finer groups could not.
ROLLUP = """
    SELECT year, mechanism, region, area, GROUPING(mechanism, region, area) AS grouped, {measures}
    FROM ({source}) AS base
    GROUP BY GROUPING SETS ((year), (year, mechanism), (year, region), (year, area))
"""
# GROUPING() sets a bit for each column left out: which bits say which table a row belongs to.
GROUPED = {7: "year", 3: "mechanism", 5: "region", 6: "area"}
COLUMN = {"mechanism": 1, "region": 2, "area": 3}


def _rolled_up(queryset, prefix: str, measures: str, extra: tuple = ()):
    """The rows of a queryset's rules (what counts), summed up by each grouping."""
    lookups = [
        f"{prefix}competition__year",
        f"{prefix}competition__mechanism",
        f"{prefix}region__kato",
        f"{prefix}activity_area__code",
        *extra,
    ]
    names = ["year", "mechanism", "region", "area", *(f"m{i}" for i in range(len(extra)))]
    rows = queryset.order_by().values_list(*lookups)
    connection = connections[rows.db]  # the replica of a public read, or the primary
    sql, params = rows.query.sql_with_params()
    # The ORM names each column after its lookup (in an order of its own choosing).
    columns = ", ".join(
        f"src.{connection.ops.quote_name(lookup)} AS {name}"
        for lookup, name in zip(lookups, names, strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            ROLLUP.format(measures=measures, source=f"SELECT {columns} FROM ({sql}) AS src"),
            params,
        )
        yield from cursor.fetchall()


def tables(year: int | None = None) -> dict[str, list[Row]]:
    """The four tables, computed once per generation of the public data (config.cache): a
    decade of 2,500 competitions takes ~300 ms to roll up, and it changes only with the data."""
    from django.utils.translation import get_language

    from config.cache import per_generation

    name = f"tenders:stats:{get_language()}:{year or 'all'}"
    return per_generation(name, lambda: _computed(year))


def _computed(year: int | None = None) -> dict[str, list[Row]]:
    """The four tables (by year, mechanism, region, area), one row per year and group."""
    competitions = counted_competitions()
    if year is not None:
        competitions = competitions.filter(year=year)
    rows: dict[str, dict[tuple, Row]] = {grouping: {} for grouping in GROUPINGS}

    def row(grouping, y, k) -> Row:
        return rows[grouping].setdefault((y, k), Row(year=y, key=k))

    def at(item) -> Row:
        grouping = GROUPED[item[4]]
        return row(grouping, item[0], item[COLUMN[grouping]] if grouping != "year" else None)

    lots = Lot.objects.filter(competition__in=competitions)
    for item in _rolled_up(lots, "", "COUNT(*), COUNT(DISTINCT m0)", ("competition",)):
        target = at(item)
        target.lots += item[5]
        target.competitions += item[6]
    # Sealed until the close: no count includes an application of a competition still open.
    applications = (
        Application.objects.submitted()
        .filter(lot__competition__in=competitions)
        .exclude(lot__competition__status__in=Competition.OPEN_STATUSES)
    )
    for item in _rolled_up(applications, "lot__", "COUNT(*), COUNT(DISTINCT m0)", ("ngo",)):
        target = at(item)
        target.applications += item[5]
        target.applicants += item[6]
    awards = Award.objects.published().filter(lot__competition__in=competitions)
    for item in _rolled_up(awards, "lot__", "COUNT(*), SUM(m0)", ("amount",)):
        target = at(item)
        target.winners += item[5]
        target.awarded += item[6] or 0
    reported = competitions.filter(results_only=True).values("year", "mechanism")
    for item in reported.annotate(
        applications=Sum("reported_applications"), applicants=Sum("reported_applicants")
    ):
        for grouping in GROUPINGS:
            if grouping == "year":
                k = None
            elif grouping == "mechanism":
                k = item["mechanism"]
            else:
                k = NOT_BROKEN_DOWN
            target = row(grouping, item["year"], k)
            target.applications += item["applications"] or 0
            target.applicants += item["applicants"] or 0
    result = {}
    for grouping in GROUPINGS:
        result[grouping] = sorted(rows[grouping].values(), key=lambda r: (-r.year, str(r.key)))
        _label(grouping, result[grouping])
    return result


def table(grouping: str, year: int | None = None) -> list[Row]:
    """One of the tables, newest year first."""
    if grouping not in GROUPINGS:
        raise ValueError(grouping)
    return tables(year)[grouping]


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
