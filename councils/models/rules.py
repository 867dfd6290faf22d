"""The composition rules of a council, shown and checked, never silently accepted.

The law on public councils (2 November 2015 No. 383-V) sets what a composition must be; the
figures are settings, read here with the defaults we believe right (domain.md: *verify*):

- COUNCILS_CIVIL_SHARE_MIN: the civil-society share of current members of a public council
  (a qualified majority, two thirds by default);
- COUNCILS_CIVIL_CHAIR: a public council is chaired by a civil-society member (True);
- COUNCILS_SIZE_RANGES: the number of members of a public council by the council's level, with
  COUNCILS_SIZE_RANGE_DEFAULT for the levels not named (15–30; quasi-public companies 10–15);
- COUNCILS_RENEWAL_MONTHS: forming the new composition starts this many months before the term
  ends (2);
- COUNCILS_QUORUM_SHARE: a meeting has a quorum with more than this share of members present (½).

What a database constraint can hold (one NGO per council, no overlapping terms of a person) is
one (models.councils); the rest is computed here from the current members, for one council on
its page and for all councils at once (`refresh_flags`) so that lists can filter the flagged.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .councils import Council, Membership

CIVIL_SHARE = "civil_share"
CHAIR = "chair"
NGO_TWICE = "ngo_twice"
SIZE = "size"
RENEWAL = "renewal"

FLAG_LABELS = {
    CIVIL_SHARE: gettext_lazy("Civil-society share below the minimum"),
    CHAIR: gettext_lazy("Chair not from civil society"),
    NGO_TWICE: gettext_lazy("More than one member from one NGO"),
    SIZE: gettext_lazy("Size outside the legal range"),
    RENEWAL: gettext_lazy("New composition overdue"),
}


def civil_share_min() -> Fraction:
    return Fraction(getattr(settings, "COUNCILS_CIVIL_SHARE_MIN", Fraction(2, 3)))


def civil_chair_required() -> bool:
    return getattr(settings, "COUNCILS_CIVIL_CHAIR", True)


def size_range(level: str) -> tuple[int, int]:
    ranges = getattr(settings, "COUNCILS_SIZE_RANGES", {Council.Level.QUASI_PUBLIC: (10, 15)})
    return ranges.get(level, getattr(settings, "COUNCILS_SIZE_RANGE_DEFAULT", (15, 30)))


def renewal_months() -> int:
    return getattr(settings, "COUNCILS_RENEWAL_MONTHS", 2)


def quorum_needed(members: int) -> int:
    """The fewest members present that make a quorum: more than the share of all members."""
    share = Fraction(getattr(settings, "COUNCILS_QUORUM_SHARE", Fraction(1, 2)))
    return math.floor(members * share) + 1


def months_before(day: datetime.date, months: int) -> datetime.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def years_from(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (or earlier); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def percent(share: Fraction | None) -> str:
    return "—" if share is None else f"{round(float(share) * 100)}%"


@dataclass(frozen=True)
class Flag:
    code: str
    message: str

    @property
    def label(self) -> str:
        return str(FLAG_LABELS[self.code])


@dataclass
class Composition:
    """A council's current composition and the rules it breaks."""

    members: int = 0
    civil: int = 0
    by_affiliation: dict = field(default_factory=dict)
    chair_affiliation: str | None = None
    ngos_twice: int = 0
    term_ends: datetime.date | None = None
    renewal_due: datetime.date | None = None
    renewal_started: bool = False
    flags: list[Flag] = field(default_factory=list)

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.civil, self.members) if self.members else None

    @property
    def share_percent(self) -> str:
        return percent(self.share)

    @property
    def out_of_rule(self) -> bool:
        return bool(self.flags)

    @property
    def codes(self) -> list[str]:
        return [flag.code for flag in self.flags]


def _compose(council: Council, rows, renewal_started: bool, today: datetime.date) -> Composition:
    """`rows`: (affiliation, role, ngo_id, term_end) of the current members."""
    comp = Composition(renewal_started=renewal_started)
    ngos = defaultdict(int)
    by_affiliation = defaultdict(int)
    for affiliation, role, ngo_id, term_end in rows:
        comp.members += 1
        by_affiliation[affiliation] += 1
        if affiliation == Membership.Affiliation.CIVIL_SOCIETY:
            comp.civil += 1
        if role == Membership.Role.CHAIR:
            comp.chair_affiliation = affiliation
        if ngo_id:
            ngos[ngo_id] += 1
        comp.term_ends = max(comp.term_ends or term_end, term_end)
    comp.by_affiliation = dict(by_affiliation)
    comp.ngos_twice = sum(1 for count in ngos.values() if count > 1)
    if council.status != Council.Status.ACTIVE:
        return comp
    if comp.ngos_twice:
        comp.flags.append(
            Flag(
                NGO_TWICE,
                _("%(count)s NGOs have more than one member; at most one member per NGO.")
                % {"count": comp.ngos_twice},
            )
        )
    if council.kind == Council.Kind.PUBLIC:
        low, high = size_range(council.level)
        if not low <= comp.members <= high:
            comp.flags.append(
                Flag(
                    SIZE,
                    _("%(members)s members; the law sets %(low)s to %(high)s.")
                    % {"members": comp.members, "low": low, "high": high},
                )
            )
        minimum = civil_share_min()
        if comp.members and comp.share < minimum:
            comp.flags.append(
                Flag(
                    CIVIL_SHARE,
                    _("Civil society holds %(share)s of the seats; at least %(min)s are required.")
                    % {"share": percent(comp.share), "min": percent(minimum)},
                )
            )
        civil_chair = comp.chair_affiliation == Membership.Affiliation.CIVIL_SOCIETY
        if civil_chair_required() and not civil_chair:
            comp.flags.append(
                Flag(
                    CHAIR,
                    _("The council has no chair.")
                    if comp.chair_affiliation is None
                    else _(
                        "The chair is not from civil society; a public council is chaired by a "
                        "civil-society member."
                    ),
                )
            )
    if comp.term_ends:
        comp.renewal_due = months_before(comp.term_ends, renewal_months())
        if today >= comp.renewal_due and not renewal_started:
            comp.flags.append(
                Flag(
                    RENEWAL,
                    _(
                        "The term ends on %(end)s; forming the new composition was due to start "
                        "on %(due)s and no new member has been appointed."
                    )
                    % {
                        "end": date_format(comp.term_ends, "SHORT_DATE_FORMAT"),
                        "due": date_format(comp.renewal_due, "SHORT_DATE_FORMAT"),
                    },
                )
            )
    return comp


def _rows_by_council(council_ids, today):
    rows = defaultdict(list)
    current = (
        Membership.objects.filter(council_id__in=council_ids)
        .current(today)
        .order_by()
        .values_list("council_id", "affiliation", "role", "ngo_id", "term_end")
    )
    for council_id, *row in current:
        rows[council_id].append(row)
    started = set(
        Membership.objects.filter(council_id__in=council_ids, term_start__gt=today)
        .order_by()
        .values_list("council_id", flat=True)
        .distinct()
    )
    return rows, started


def composition_of(council: Council, today: datetime.date | None = None) -> Composition:
    """The composition of one council today (two queries)."""
    today = today or timezone.localdate()
    rows, started = _rows_by_council([council.pk], today)
    return _compose(council, rows[council.pk], council.pk in started, today)


def refresh_flags(councils=None, today: datetime.date | None = None) -> list[Council]:
    """Store the flags of every given council (all by default); returns those that changed.

    Four queries whatever the number of councils, and writes only the councils whose flags
    changed; run after each change of members (services) and daily (tasks), since the dates move.
    """
    today = today or timezone.localdate()
    councils = list(
        (councils if councils is not None else Council.objects.all()).only(
            "pk", "kind", "level", "status", "rule_flags"
        )
    )
    rows, started = _rows_by_council([c.pk for c in councils], today)
    changed = []
    for council in councils:
        codes = _compose(council, rows[council.pk], council.pk in started, today).codes
        if codes != council.rule_flags:
            council.rule_flags = codes
            changed.append(council)
    Council.objects.bulk_update(changed, ["rule_flags"], batch_size=500)
    if changed:
        from config.cache import public_data_changed

        public_data_changed()
    return changed
