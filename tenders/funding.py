"""Who funds whom: what each state body awarded, by year and recipient, and what an NGO received.

Every function runs a constant number of queries, whatever the amount of data.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.models import NGO, StateBody

from .models import Award, Competition


def published_awards():
    return Award.objects.published()


def organisers() -> list[StateBody]:
    """State bodies that organised a public competition, with counts and the total awarded."""
    competitions = dict(
        Competition.objects.public()
        .order_by()
        .values("organiser")
        .annotate(count=Count("pk"))
        .values_list("organiser", "count")
    )
    totals = dict(
        published_awards()
        .order_by()
        .values("lot__competition__organiser")
        .annotate(total=Sum("amount"))
        .values_list("lot__competition__organiser", "total")
    )
    bodies = list(StateBody.objects.filter(pk__in=competitions).select_related("region"))
    for body in bodies:
        body.competition_count = competitions[body.pk]
        body.total_awarded = totals.get(body.pk, 0)
    return sorted(bodies, key=lambda body: (-body.total_awarded, body.code))


def by_year(awards) -> list[dict]:
    """Totals per year of the given awards: amount, number of awards, recipients, state bodies."""
    return list(
        awards.order_by()
        .values(year=F("lot__competition__year"))
        .annotate(
            total=Sum("amount"),
            count=Count("pk"),
            recipients=Count("ngo", distinct=True)
            + Count("recipient_name", distinct=True, filter=Q(ngo__isnull=True)),
            bodies=Count("lot__competition__organiser", distinct=True),
        )
        .order_by("-year")
    )


@dataclass
class Recipient:
    bin: str | None
    name: str
    ngo: NGO | None
    count: int
    total: int


def recipients(body: StateBody) -> list[Recipient]:
    """Who received the body's awards, largest total first; historical winners by name."""
    rows = list(
        published_awards()
        .filter(lot__competition__organiser=body)
        .order_by()
        .values("ngo", "recipient_name")
        .annotate(count=Count("pk"), total=Sum("amount"))
    )
    ngos = NGO.objects.in_bulk([row["ngo"] for row in rows if row["ngo"]])
    result = [
        Recipient(
            bin=ngos[row["ngo"]].bin if row["ngo"] else None,
            name=ngos[row["ngo"]].name if row["ngo"] else row["recipient_name"],
            ngo=ngos.get(row["ngo"]),
            count=row["count"],
            total=row["total"],
        )
        for row in rows
    ]
    return sorted(result, key=lambda r: (-r.total, r.name))


def received_by(ngo: NGO):
    """The NGO's published awards, newest year first."""
    return (
        published_awards()
        .filter(ngo=ngo)
        .order_by("-lot__competition__year", "lot__competition__number", "lot__number")
    )


def award_table(awards) -> tuple[list, object]:
    """The header and rows of every CSV of awards (a year's results, what an NGO received): who
    gave whom how much, each named by its code (organiser, lot, KATO, area, BIN)."""
    header = [
        _("Year"),
        _("Competition"),
        _("Funding mechanism"),
        _("Organiser code"),
        _("Organiser"),
        _("Lot"),
        _("Theme"),
        _("Region KATO"),
        _("Activity area code"),
        _("Recipient BIN"),
        _("Recipient"),
        _("Amount awarded, tenge"),
        _("Results published"),
    ]
    awards = awards.select_related(
        "lot__competition__organiser", "lot__region", "lot__activity_area", "ngo"
    )
    rows = (
        [
            award.lot.competition.year,
            award.lot.competition.number,
            award.lot.competition.get_mechanism_display(),
            award.lot.competition.organiser.code,
            award.lot.competition.organiser.name,
            award.lot.code,
            award.lot.theme,
            award.lot.region.kato if award.lot.region else "",
            award.lot.activity_area.code if award.lot.activity_area else "",
            award.ngo.bin if award.ngo else "",
            award.recipient,
            award.amount,
            timezone.localdate(award.lot.competition.published_at)
            if award.lot.competition.published_at
            else "",
        ]
        for award in awards.iterator(chunk_size=2000)
    )
    return header, rows


def figures_of_year(year: int | None = None) -> dict:
    """Funded projects (awards) of this year's competitions and the total awarded, one query."""
    year = year or timezone.localdate().year
    return published_awards().filter(lot__competition__year=year).aggregate(
        projects=Count("pk"), total=Sum("amount", default=0)
    ) | {"year": year}
