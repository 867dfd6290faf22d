"""The public statistics of councils: composition nationally, by level and region; hearings,
reports heard and trainings; what each state body did with the recommendations.

Each table is a handful of GROUP BY queries, computed once per generation of the public data
(config.cache.per_generation): the figures change only when the data does.
"""

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language

from accountability.models import Item

from .models import Activity, Council, Decision, Membership, Training
from .models.rules import percent, years_from

YEARS_OF_ACTIVITY = 3


@dataclass
class Row:
    key: str
    label: str
    councils: int = 0
    members: int = 0
    civil: int = 0

    @property
    def share(self) -> str:
        return percent(_fraction(self.civil, self.members))


@dataclass
class BodyRow:
    code: str
    label: str
    adopted: int = 0
    answered: int = 0
    accepted: int = 0
    implemented: int = 0
    overdue: int = 0

    @property
    def accepted_share(self) -> str:
        return percent(_fraction(self.accepted, self.answered))

    @property
    def implemented_share(self) -> str:
        return percent(_fraction(self.implemented, self.accepted))


def _fraction(part, whole):
    return Fraction(part, whole) if whole else None


@dataclass
class Figures:
    public_councils: int = 0
    members: int = 0
    civil: int = 0
    other_venues: int = 0
    venues_by_level: list = field(default_factory=list)
    by_level: list = field(default_factory=list)
    by_region: list = field(default_factory=list)
    by_body: list = field(default_factory=list)
    activities: dict = field(default_factory=dict)
    since: datetime.date | None = None
    trained: list = field(default_factory=list)

    @property
    def share(self) -> str:
        return percent(_fraction(self.civil, self.members))


def figures() -> Figures:
    from config.cache import per_generation

    today = timezone.localdate()
    return per_generation(f"councils:stats:{get_language()}:{today}", lambda: _computed(today))


def _members_by(key: str, today):
    """Current members of active public councils by `key`: (key, councils, members, civil)."""
    members = (
        Membership.objects.current(today)
        .filter(council__kind=Council.Kind.PUBLIC, council__status=Council.Status.ACTIVE)
        .order_by()
        .values(key)
        .annotate(
            members=Count("pk"),
            civil=Count("pk", filter=Q(affiliation=Membership.Affiliation.CIVIL_SOCIETY)),
        )
    )
    return {row[key]: row for row in members}


def _computed(today: datetime.date) -> Figures:
    from django.utils.translation import gettext as _

    from registry.models import Region, StateBody

    result = Figures()
    councils = Council.objects.active()
    public = councils.public_councils()
    result.public_councils = public.count()
    result.other_venues = councils.exclude(kind=Council.Kind.PUBLIC).count()
    levels = dict(Council.Level.choices)
    venue_counts = (
        councils.exclude(kind=Council.Kind.PUBLIC)
        .order_by()
        .values("level")
        .annotate(n=Count("pk"))
    )
    venue_by_level = {row["level"]: row["n"] for row in venue_counts}
    result.venues_by_level = [
        Row(level, str(label), councils=venue_by_level.get(level, 0))
        for level, label in levels.items()
    ]

    by_level_councils = dict(
        public.order_by().values_list("level").annotate(n=Count("pk")).values_list("level", "n")
    )
    members = _members_by("council__level", today)
    for level, label in levels.items():
        row = Row(level, str(label), councils=by_level_councils.get(level, 0))
        row.members = members.get(level, {}).get("members", 0)
        row.civil = members.get(level, {}).get("civil", 0)
        if row.councils:
            result.by_level.append(row)
    result.members = sum(row.members for row in result.by_level)
    result.civil = sum(row.civil for row in result.by_level)

    by_region_councils = dict(
        public.order_by().values_list("region").annotate(n=Count("pk")).values_list("region", "n")
    )
    members = _members_by("council__region", today)
    regions = Region.objects.in_bulk([pk for pk in by_region_councils if pk])
    for pk, count in by_region_councils.items():
        region = regions.get(pk)
        row = Row(region.kato if region else "", region.name if region else _("Republican level"))
        row.councils = count
        row.members = members.get(pk, {}).get("members", 0)
        row.civil = members.get(pk, {}).get("civil", 0)
        result.by_region.append(row)
    result.by_region.sort(key=lambda row: (row.key != "", row.label))

    result.since = years_from(today, -YEARS_OF_ACTIVITY)
    activity = (
        Activity.objects.filter(held_on__gt=result.since, held_on__lte=today)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    result.activities = {kind: 0 for kind in Activity.Kind.values} | dict(activity)
    trained = (
        Training.participants.through.objects.order_by()
        .values_list("training__held_on__year")
        .annotate(n=Count("person", distinct=True))
        .order_by("-training__held_on__year")
    )
    result.trained = list(trained)

    decisions = (
        Decision.objects.adopted()
        .order_by()
        .values("council__state_body")
        .annotate(
            adopted=Count("pk"),
            answered=Count("response"),
            accepted=Count("response", filter=Q(response__outcome__in=("accepted", "partly"))),
            implemented=Count("pk", filter=Q(item__status=Item.Status.IMPLEMENTED)),
            overdue=Count("pk", filter=Q(response__isnull=True, response_due__lt=today)),
        )
    )
    bodies = StateBody.objects.in_bulk([row["council__state_body"] for row in decisions])
    for row in decisions:
        body = bodies[row.pop("council__state_body")]
        result.by_body.append(BodyRow(body.code, body.name, **row))
    result.by_body.sort(key=lambda row: (-row.adopted, row.label))
    return result


BAR_LEFT, BAR_SPACE, BAR_STEP = 240, 330, 26


def bars(rows, value: str) -> dict:
    """A horizontal bar chart drawn in SVG on the server: each bar's position and length in
    pixels of a 640-wide view box (no script, no inline style)."""
    values = [getattr(row, value) for row in rows]
    top = max(values, default=0) or 1
    drawn = []
    for i, (row, v) in enumerate(zip(rows, values, strict=True)):
        width = round(v * BAR_SPACE / top)
        drawn.append(
            {
                "label": row.label,
                "value": v,
                "width": width,
                "value_x": BAR_LEFT + width + 6,
                "y": i * BAR_STEP,
            }
        )
    return {"bars": drawn, "height": max(len(drawn), 1) * BAR_STEP}
