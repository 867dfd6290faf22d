"""The home page's figures of the register and of competitions, kept per generation of the data.

Counting the register and rolling up a year's awards is heavy on a full register; these change
only with the data, so `config.cache.per_generation` keeps them until the next change.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Sum
from django.utils import timezone

from config.cache import per_generation
from registry.models import NGO
from tenders.models import Award, Competition

CLOSING_SHOWN = 5


@dataclass
class Funding:
    """Funded projects (published awards) of the latest year that has any, by mechanism."""

    year: int | None
    projects: int = 0
    total: int = 0
    by_mechanism: list = field(default_factory=list)


def latest_funded_year(today=None) -> int | None:
    """The newest year up to this one with published awards: early in a year, before any
    results are out, the home page shows last year's projects rather than a 0."""
    year = (today or timezone.localdate()).year
    return (
        Award.objects.published()
        .filter(lot__competition__year__lte=year)
        .aggregate(year=Max("lot__competition__year"))["year"]
    )


def funding_of(year: int | None) -> Funding:
    if year is None:
        return Funding(year=None)
    rows = (
        Award.objects.published()
        .filter(lot__competition__year=year)
        .order_by()
        .values("lot__competition__mechanism")
        .annotate(projects=Count("pk"), total=Sum("amount", default=0))
    )
    labels = dict(Competition.Mechanism.choices)
    order = list(labels)
    by_mechanism = sorted(
        (
            {
                "code": row["lot__competition__mechanism"],
                "label": labels.get(row["lot__competition__mechanism"]),
                "projects": row["projects"],
                "total": row["total"],
            }
            for row in rows
        ),
        key=lambda row: order.index(row["code"]) if row["code"] in order else len(order),
    )
    return Funding(
        year=year,
        projects=sum(row["projects"] for row in by_mechanism),
        total=sum(row["total"] for row in by_mechanism),
        by_mechanism=by_mechanism,
    )


def _computed() -> dict:
    by_status = dict(
        NGO.objects.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {
        "public": sum(by_status.get(status, 0) for status in NGO.PUBLIC_STATUSES),
        "active": by_status.get(NGO.Status.ACTIVE, 0),
        "funding": funding_of(latest_funded_year()),
    }


def register_and_funding() -> dict:
    """The register's counts and the latest funded year's projects, in the page's language."""
    from django.utils.translation import get_language

    return per_generation(f"portal:home:{get_language()}", _computed)


def open_competitions():
    """Competitions accepting applications now, the soonest to close first."""
    now = timezone.now()
    competitions = Competition.objects.accepting_on(now).select_related("organiser")
    return competitions.order_by("closes_at", "number")[:CLOSING_SHOWN]


def open_competition_count() -> int:
    return Competition.objects.accepting_on(timezone.now()).count()
