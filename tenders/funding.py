"""Who funds whom: what each state body awarded, by year and recipient, and what an NGO received.

Every function runs a constant number of queries, whatever the amount of data.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

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
    """The NGO's published awards, with what a row of its CSV names."""
    return (
        published_awards()
        .filter(ngo=ngo)
        .select_related("lot__competition__organiser")
        .order_by("-lot__competition__year", "lot__competition__number", "lot__number")
    )


def figures_of_year(year: int | None = None) -> dict:
    """Funded projects (awards) of this year's competitions and the total awarded, one query."""
    year = year or timezone.localdate().year
    return published_awards().filter(lot__competition__year=year).aggregate(
        projects=Count("pk"), total=Sum("amount", default=0)
    ) | {"year": year}
