"""The demo register: NGOs drawn at the real scale of the sector, with their reports, umbrella
memberships and resource centres (sizes and shares: /work/shared/domain.md, registry.reference)."""

import datetime
import random
from collections import Counter

from django.db import connection, transaction
from django.utils import timezone, translation

from .. import reference
from ..bin import make_bin
from ..models import (
    NGO,
    ActivityArea,
    AnnualReport,
    LegalForm,
    Membership,
    Region,
    ResourceCentre,
    report_year_due,
    today,
)
from . import vocabulary as words
from .activity import Activity
from .bulk import copy_into, copy_ngos, search_indexes_built_afterwards
from .naming import Naming
from .shares import (
    ACTIVE_SHARE,
    BATCH,
    DAY,
    EARLY_FILING_SHARE,
    FIRST_YEAR,
    GROWTH_FROM,
    IN_VERIFICATION,
    LEGAL_FORM_WEIGHTS,
    LIQUIDATED_SHARE_OF_INACTIVE,
    NEW_STATUS_SHARES,
    REGISTER_OPENED,
    SURVEYED_AREAS,
    YEARLY_BEFORE_GROWTH,
    YEARLY_SINCE_GROWTH,
    Plan,
    Status,
    quoted,
    region_genitive,
)


class DemoRegister(Naming, Activity):
    """Draws NGOs, their reports, umbrella memberships and resource centres."""

    def __init__(self, seed: int, taken_bins: set[str], taken_names: set[str], on=None):
        """`on` is the day the register is drawn for (today unless a test fixes it)."""
        self.rng = random.Random(seed)
        self.zone = timezone.get_default_timezone()
        self.today = on or today()
        self.now = (
            timezone.now()
            if on is None
            else datetime.datetime.combine(on, datetime.time(18), tzinfo=self.zone)
        )
        self.last_year = self.today.year - 1
        self.due = report_year_due(self.today)
        self.bins, self.names = taken_bins, taken_names
        regions = list(Region.objects.current().top_level())
        self.regions = {r.kato: r for r in regions}
        self.genitive = {r.kato: region_genitive(r) for r in regions}
        # A region formed later is named, for an NGO registered before, as its territory was then.
        self.genitive_before = {
            r.kato: (r.valid_from, region_genitive(r.as_of(r.valid_from - DAY)))
            for r in regions
            if r.valid_from
        }
        unlisted = [r.kato for r in regions if r.kato not in reference.REGION_SHARES]
        rest = (100 - sum(reference.REGION_SHARES.values())) / len(unlisted)
        self.region_weights = [reference.REGION_SHARES.get(r.kato, rest) for r in regions]
        self.areas = {a.code: a for a in ActivityArea.objects.all()}
        self.area_shares = {code: share for code, *_names, share in reference.ACTIVITY_AREAS}
        self.other_areas = [c for c in self.area_shares if c not in SURVEYED_AREAS]
        self.forms = {f.code: f for f in LegalForm.objects.all()}
        self.years = list(range(FIRST_YEAR, self.today.year + 1))
        self.year_weights = [self.yearly_registrations(y) for y in self.years]

    # Dates and moments

    def yearly_registrations(self, year: int) -> float:
        per_year = YEARLY_SINCE_GROWTH if year >= GROWTH_FROM else YEARLY_BEFORE_GROWTH
        if year == self.today.year:
            return per_year * self.today.timetuple().tm_yday / 365
        return per_year

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + DAY * self.rng.randint(0, max(0, (last - first).days))

    def moment(self, day: datetime.date) -> datetime.datetime:
        """A time in office hours of `day`, never in the future."""
        at = datetime.time(self.rng.randint(9, 18), self.rng.randint(0, 59), tzinfo=self.zone)
        return min(datetime.datetime.combine(day, at), self.now)

    def registration_date(self, this_year: bool) -> datetime.date:
        """This year's NGOs are still in verification; the others are drawn by yearly growth."""
        if this_year:
            return self.day_between(self.today.replace(month=1, day=1), self.today)
        year = self.rng.choices(self.years[:-1], weights=self.year_weights[:-1])[0]
        return self.day_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def new_bin(self, registered_on: datetime.date) -> str:
        """A valid BIN that starts with the registration year and month and is not yet taken."""
        while True:
            bin_ = make_bin(registered_on.year, registered_on.month, self.rng.randrange(100_000))
            if bin_ not in self.bins:
                self.bins.add(bin_)
                return bin_

    # Statuses

    def statuses(self, count: int, umbrellas: int) -> list[str]:
        """Exact counts, so that a small register has the national mix too: this year's share
        of NGOs is in verification, the national share active, the rest passive or liquidated."""
        new = round(count * self.year_weights[-1] / sum(self.year_weights))
        active = max(umbrellas, min(count - new, round(count * ACTIVE_SHARE)))
        liquidated = round((count - new - active) * LIQUIDATED_SHARE_OF_INACTIVE)
        few = new > len(NEW_STATUS_SHARES)  # then each of these statuses occurs at least once
        counts = [(status, max(few, round(new * share))) for status, share in NEW_STATUS_SHARES]
        new_counts = counts + [(Status.VERIFIED, new - sum(c for _s, c in counts))]
        others = [(Status.ACTIVE, active - umbrellas), (Status.LIQUIDATED, liquidated)]
        others.append((Status.PASSIVE, count - new - active - liquidated))
        drawn = [status for status, c in new_counts + others for _ in range(c)]
        self.rng.shuffle(drawn)
        return [Status.ACTIVE] * umbrellas + drawn

    # Profiles

    def plans(self, count: int, umbrellas: list[tuple]) -> list[Plan]:
        umbrellas = umbrellas[:count]
        statuses = self.statuses(count, len(umbrellas))
        dates = [datetime.date(*u[4]) for u in umbrellas]
        dates += [self.registration_date(s in IN_VERIFICATION) for s in statuses[len(umbrellas) :]]
        padded = umbrellas + [None] * (count - len(umbrellas))
        return [self.plan(*args) for args in zip(dates, statuses, padded, strict=True)]

    def plan(self, registered_on, status, umbrella) -> Plan:
        if umbrella:
            region, form = self.regions[umbrella[3]], self.forms["association"]
            areas = [self.areas["analytics"], self.areas["human_rights"]]
            names = self.name(form.code, quoted(*umbrella[:3]), ("", "", ""))
        else:
            region = self.rng.choices(list(self.regions.values()), self.region_weights)[0]
            areas = self.pick_areas()
            code = self.rng.choices(list(LEGAL_FORM_WEIGHTS), list(LEGAL_FORM_WEIGHTS.values()))[0]
            form = self.forms[code]
            names = self.unique_name(form.code, areas, region, registered_on)
        descriptions = self.description(areas, region)
        ngo = NGO(
            bin=self.new_bin(registered_on),
            registered_on=registered_on,
            legal_form=form,
            name=names[0],
            name_kk=names[0],
            name_ru=names[1],
            name_en=names[2],
            description=descriptions[0],
            description_kk=descriptions[0],
            description_ru=descriptions[1],
            description_en=descriptions[2],
            kind=self.kind(areas, umbrella),
            region=region,
            address=self.address(region),
            head_name=self.head_name(),
            **self.contacts(names[2]),
        )
        plan = Plan(ngo, areas, umbrella=umbrella)
        self.live(plan, status)
        self.headcount(plan)
        return plan

    def pick_areas(self) -> list[ActivityArea]:
        """Each area with its national share, so one NGO usually works in several; one that drew
        none gets an area domain.md gives no share for, keeping the surveyed shares exact."""
        return [self.areas[code] for code in self.area_codes()]

    def area_codes(self) -> list[str]:
        codes = [
            code for code, share in self.area_shares.items() if self.rng.random() * 100 < share
        ]
        if not codes:
            weights = [self.area_shares[c] for c in self.other_areas]
            codes = self.rng.choices(self.other_areas, weights)
        return codes

    def kind(self, areas, umbrella) -> str:
        codes = {a.code for a in areas}
        if umbrella or codes & {"human_rights", "analytics", "gender"}:
            return NGO.Kind.SOCIOPOLITICAL
        roll = self.rng.random()
        if roll < 0.03:
            return NGO.Kind.REFORMER
        if roll < 0.2 and codes & {"youth", "environment"}:
            return NGO.Kind.SOCIOPOLITICAL
        return NGO.Kind.SOCIALLY_SIGNIFICANT

    # Names and descriptions

    def live(self, plan: Plan, status: str) -> None:
        """Give the NGO the status and the dates and reports that its status implies."""
        ngo = plan.ngo
        ngo.status = status
        if status == Status.DRAFT:
            return
        start = max(ngo.registered_on, REGISTER_OPENED)
        ngo.submitted_at = self.moment(start + DAY * self.rng.randint(3, 60))
        decided = self.moment(ngo.submitted_at.date() + DAY * self.rng.randint(1, 20))
        founded_after_due = ngo.registered_on.year > self.due
        if status == Status.PASSIVE and founded_after_due:
            status = ngo.status = Status.VERIFIED  # nothing was due yet, so it cannot be passive
        if status == Status.ACTIVE:
            early = founded_after_due or self.rng.random() < EARLY_FILING_SHARE
            plan.reports = self.reports(
                ngo, lambda year: 1 if year == self.due or (year > self.due and early) else 0.85
            )
            ngo.status_changed_at = ngo.data_confirmed_at = max(
                r.submitted_at for r in plan.reports if r.year >= self.due
            )
        elif status == Status.PASSIVE:
            plan.reports = self.reports(ngo, lambda year: 0 if year >= self.due else 0.5)
            if self.rng.random() < 0.1:
                plan.reports.append(self.report(ngo, self.due, 1, None))
            ngo.status_changed_at = self.moment(self.deadline(self.due) + DAY)
        elif status == Status.LIQUIDATED:
            self.liquidate(plan)
        elif status == Status.VERIFIED:
            ngo.status_changed_at = ngo.data_confirmed_at = decided
        elif status == Status.REJECTED:
            ngo.status_changed_at = decided
            ngo.status_reason = self.rng.choice(words.REJECTION_REASONS)

    def liquidate(self, plan: Plan) -> None:
        ngo = plan.ngo
        first = max(ngo.registered_on + 180 * DAY, ngo.submitted_at.date() + 30 * DAY)
        day = self.day_between(first, self.today - 30 * DAY)
        plan.liquidated_on = day
        plan.reports = self.reports(ngo, lambda year: 0.6 if year < day.year else 0)
        plan.reports = [r for r in plan.reports if r.submitted_at.date() <= day]
        ngo.status_changed_at = self.moment(day)
        ngo.status_reason = self.rng.choice(words.LIQUIDATION_REASONS)


@transaction.atomic
def create_register(count: int, seed: int, on: datetime.date | None = None) -> Counter:
    """Add `count` NGOs beside those already registered, with BINs and names not yet taken."""
    taken = {
        bin_: (kk, ru) for bin_, kk, ru in NGO.objects.values_list("bin", "name_kk", "name_ru")
    }
    umbrellas = [u for u in words.UMBRELLAS if not any(u[1] in ru for _kk, ru in taken.values())]
    names = {name for pair in taken.values() for name in pair if name}
    register = DemoRegister(seed, set(taken), names, on)
    with translation.override("kk"):
        plans = register.plans(count, umbrellas)
    with search_indexes_built_afterwards(rebuild=count >= len(taken)):
        copy_ngos([p.ngo for p in plans])
    for plan in plans:
        for report in plan.reports:
            report.ngo_id = plan.ngo.pk
    through = NGO.activity_areas.through
    copy_into(
        through, [through(ngo_id=p.ngo.pk, activityarea_id=a.pk) for p in plans for a in p.areas]
    )
    reports = [r for p in plans for r in p.reports]
    copy_into(AnnualReport, reports)
    links = Membership.objects.bulk_create(register.memberships(plans), batch_size=BATCH)
    centres = ResourceCentre.objects.bulk_create(register.resource_centres(plans))
    created = Counter(p.ngo.status for p in plans)
    created.update(reports=len(reports), memberships=len(links), resource_centres=len(centres))
    return created


def analyze(*models) -> None:
    """Fresh planner statistics: without them the first searches after a bulk load are slow.
    The NGO table is vacuumed too (outside a transaction), so that a search's capped count reads
    its index alone: the visibility map tells which table pages it need not visit."""
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
        if not connection.in_atomic_block:
            cursor.execute(f"VACUUM {connection.ops.quote_name(NGO._meta.db_table)}")
