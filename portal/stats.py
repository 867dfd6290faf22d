"""The statistics page's tables: the register, state funding, and what other apps add.

Each table is computed once per generation of the public data (`config.cache.per_generation`),
in the page's language, from a handful of grouped queries whatever the size of the register.
Columns are fixed codes (the CSV's header, whatever the language) with a translated label.
"""

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accountability.models import Item
from config.cache import per_generation
from councils import stats as councils_stats
from forums.models import Forum
from registry.models import NGO, ActivityArea, Region
from tenders.models import Award, Competition

from . import integrity
from .tables import Column, Table

COUNTRY = "000000000"  # a lot for the whole country, in tables keyed by KATO code


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _top_regions() -> tuple[dict[int, Region], dict[int, Region]]:
    """Every region by id, and each region's top-level ancestor (oblast or city) by id."""
    regions = {region.pk: region for region in Region.objects.all()}
    top = {}
    for pk, region in regions.items():
        ancestor = region
        while ancestor.parent_id and ancestor.parent_id in regions:
            ancestor = regions[ancestor.parent_id]
        top[pk] = ancestor
    return regions, top


def ngos_by_region(top) -> Table:
    counts = NGO.objects.public().order_by().values("region").annotate(n=Count("pk"))
    by_top: dict[int, int] = {}
    for row in counts:
        region = top[row["region"]]
        by_top[region.pk] = by_top.get(region.pk, 0) + row["n"]
    total = sum(by_top.values())
    regions = {region.pk: region for region in top.values()}
    rows = sorted(
        ([regions[pk].kato, str(regions[pk]), n, _share(n, total)] for pk, n in by_top.items()),
        key=lambda row: (-row[2], row[0]),
    )
    return Table(
        "ngos-by-region",
        _("NGOs by region"),
        [
            Column("region_kato", _("KATO code")),
            Column("region", _("Region")),
            Column("ngos", _("NGOs"), True),
            Column("share_percent", _("Share, %"), True),
        ],
        rows,
        link=("registry:directory", _("Search the directory by region")),
    )


def ngos_by_area(total: int) -> Table:
    through = NGO.activity_areas.through
    counts = dict(
        through.objects.filter(ngo__status__in=NGO.PUBLIC_STATUSES)
        .order_by()
        .values("activityarea")
        .annotate(n=Count("ngo", distinct=True))
        .values_list("activityarea", "n")
    )
    rows = sorted(
        (
            [area.code, str(area), counts.get(area.pk, 0), _share(counts.get(area.pk, 0), total)]
            for area in ActivityArea.objects.all()
        ),
        key=lambda row: (-row[2], row[0]),
    )
    return Table(
        "ngos-by-area",
        _("NGOs by activity area"),
        [
            Column("area_code", _("Activity area code")),
            Column("area", _("Activity area")),
            Column("ngos", _("NGOs"), True),
            Column("share_percent", _("Share of all NGOs, %"), True),
        ],
        rows,
        note=_("An NGO works in several areas, so the shares add up to more than 100%."),
        link=("registry:directory", _("Search the directory by activity area")),
    )


def registrations_by_year() -> Table:
    rows = (
        NGO.objects.public()
        .filter(registered_on__isnull=False)
        .order_by()
        .annotate(year=ExtractYear("registered_on"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return Table(
        "registrations-by-year",
        _("Registrations per year"),
        [Column("year", _("Year")), Column("ngos", _("NGOs registered"), True)],
        [[row["year"], row["n"]] for row in rows],
        chart="column",
        chart_label=0,
        chart_value=1,
    )


def funding_by_year() -> Table:
    labels = dict(Competition.Mechanism.choices)
    rows = (
        Award.objects.published()
        .order_by()
        .values("lot__competition__year", "lot__competition__mechanism")
        .annotate(projects=Count("pk"), amount=Sum("amount", default=0))
        .order_by("-lot__competition__year", "lot__competition__mechanism")
    )
    table_rows = [
        [
            row["lot__competition__year"],
            row["lot__competition__mechanism"],
            str(labels.get(row["lot__competition__mechanism"], "")),
            row["projects"],
            row["amount"],
        ]
        for row in rows
    ]
    totals: dict[int, int] = {}
    for row in table_rows:
        totals[row[0]] = totals.get(row[0], 0) + row[4]
    return Table(
        "funding-by-year",
        _("State funding per year by mechanism"),
        [
            Column("year", _("Year")),
            Column("mechanism", _("Mechanism code")),
            Column("mechanism_name", _("Funding mechanism")),
            Column("projects", _("Funded projects"), True),
            Column("amount_kzt", _("Amount awarded, tenge"), True),
        ],
        table_rows,
        chart="column",
        link=("tenders:stats", _("Competition statistics")),
        extra={"totals": sorted(totals.items())},
    )


def funding_by_region(top) -> Table:
    rows = (
        Award.objects.published()
        .order_by()
        .values("lot__competition__year", "lot__region")
        .annotate(projects=Count("pk"), amount=Sum("amount", default=0))
    )
    merged: dict[tuple, list] = {}
    for row in rows:
        region = top.get(row["lot__region"])
        kato, name = (region.kato, str(region)) if region else (COUNTRY, _("Whole country"))
        key = (row["lot__competition__year"], kato)
        target = merged.setdefault(key, [key[0], kato, name, 0, 0])
        target[3] += row["projects"]
        target[4] += row["amount"]
    table_rows = sorted(merged.values(), key=lambda row: (-row[0], -row[4], row[1]))
    return Table(
        "funding-by-region",
        _("State funding per year by region"),
        [
            Column("year", _("Year")),
            Column("region_kato", _("KATO code")),
            Column("region", _("Region")),
            Column("projects", _("Funded projects"), True),
            Column("amount_kzt", _("Amount awarded, tenge"), True),
        ],
        table_rows,
        chart_label=2,
        chart_value=4,
        link=("tenders:organisers", _("Who funds whom")),
        note=_("A lot for the whole country is counted under code 000000000."),
    )


def councils_by_level() -> Table:
    """Public councils and their current members by level (the councils app's own figures)."""
    by_level = councils_stats.figures().by_level
    rows = [
        [row.key, row.label, row.councils, row.members, _share(row.civil, row.members)]
        for row in by_level
    ]
    return Table(
        "councils-by-level",
        _("Public councils by level"),
        [
            Column("level", _("Level code")),
            Column("level_name", _("Level")),
            Column("councils", _("Councils"), True),
            Column("members", _("Members"), True),
            Column("civil_society_percent", _("Civil society, %"), True),
        ],
        rows,
        chart_value=2,
        link=("councils:stats", _("Council statistics")),
    )


def plan_progress() -> Table:
    """Each forum's action plan: items, implemented, partly, overdue, share implemented."""
    today = timezone.localdate()
    counts = (
        Item.objects.filter(forum_recommendation__isnull=False)
        .order_by()
        .values("forum_recommendation__forum")
        .annotate(
            total=Count("pk"),
            implemented=Count("pk", filter=Q(status=Item.Status.IMPLEMENTED)),
            partly=Count("pk", filter=Q(status=Item.Status.PARTLY)),
            overdue=Count("pk", filter=Q(status__in=Item.OPEN_STATUSES, deadline__lt=today)),
        )
    )
    by_forum = {row["forum_recommendation__forum"]: row for row in counts}
    rows = []
    for forum in Forum.objects.filter(pk__in=by_forum).order_by("ordinal"):
        row = by_forum[forum.pk]
        rows.append(
            [
                forum.number,
                str(forum),
                row["total"],
                row["implemented"],
                row["partly"],
                row["overdue"],
                _share(row["implemented"], row["total"]),
            ]
        )
    return Table(
        "action-plans",
        _("Action plans of the Civil Forums"),
        [
            Column("forum", _("Forum number")),
            Column("forum_name", _("Forum")),
            Column("items", _("Plan items"), True),
            Column("implemented", _("Implemented"), True),
            Column("partly", _("Partly implemented"), True),
            Column("overdue", _("Overdue"), True),
            Column("implemented_percent", _("Implemented, %"), True),
        ],
        rows,
        chart_value=6,
        link=("forums:list", _("Civil Forums")),
    )


def extra_tables() -> list[Table]:
    """Councils, the forums' action plans and the integrity flags' counts."""
    return [councils_by_level(), plan_progress(), integrity.counts_table()]


def _computed() -> dict[str, Table]:
    _regions, top = _top_regions()
    by_region = ngos_by_region(top)
    total = sum(row[2] for row in by_region.rows)
    tables = [
        by_region,
        ngos_by_area(total),
        registrations_by_year(),
        funding_by_year(),
        funding_by_region(top),
        *extra_tables(),
    ]
    return {table.key: table for table in tables}


def tables() -> dict[str, Table]:
    """Every table of the page, kept for this generation of the data in the page's language."""
    return per_generation(f"portal:stats:{get_language()}", _computed)
