"""What demo NGOs did: annual reports with their versions, headcounts, umbrella memberships
and resource centres."""

import datetime
import math
from collections import defaultdict

from ..models import (
    NGO,
    AnnualReport,
    Membership,
    Region,
    ResourceCentre,
)
from . import vocabulary as words
from .shares import (
    CORRECTION_SHARE,
    DAY,
    EXPENSE_SHARES,
    EXTRA_RESOURCE_CENTRES,
    FIRST_REPORT_YEAR,
    INCOME_SOURCES,
    NATIONAL_MEMBER_SHARE,
    OLDER_REPORT_SHARE,
    ON_TIME_SHARE,
    OVERSPENDING_SHARE,
    RECENT_YEARS,
    REGIONAL_MEMBER_SHARE,
    REGISTER_OPENED,
    Plan,
    Status,
    new_report,
)


class Activity:
    """The yearly life of demo NGOs (a part of DemoRegister)."""

    def deadline(self, year: int) -> datetime.date:
        return datetime.date(year + 1, *AnnualReport.DEADLINE_MONTH_DAY)

    def reports(self, ngo: NGO, chance) -> list[AnnualReport]:
        """Submitted reports since the register's start, each year filed with the given chance."""
        filed = []
        first = max(FIRST_REPORT_YEAR, ngo.registered_on.year)
        for year in range(first, self.last_year + 1):
            older = year < self.due - RECENT_YEARS  # fewer reports kept online from long ago
            if self.rng.random() < chance(year) * (OLDER_REPORT_SHARE if older else 1):
                filed += self.versions(ngo, year)
        return filed

    def versions(self, ngo: NGO, year: int) -> list[AnnualReport]:
        """The report, and for a few NGOs a corrected second version filed weeks later; all
        after the year ended and before today."""
        deadline = self.deadline(year)
        if self.rng.random() < ON_TIME_SHARE:
            day = deadline - DAY * self.rng.randint(0, 85)
        else:
            day = deadline + DAY * self.rng.randint(1, 150)
        if day > self.today:
            day = self.day_between(datetime.date(year + 1, 1, 1), self.today)
        first = self.report(ngo, year, 1, self.moment(day))
        later = day + DAY * self.rng.randint(5, 60)
        if self.rng.random() >= CORRECTION_SHARE or later > self.today:
            return [first]
        return [first, self.report(ngo, year, 2, self.moment(later))]

    def report(self, ngo: NGO, year: int, version: int, submitted_at) -> AnnualReport:
        rng = self.rng
        income = {
            source: int(round(rng.lognormvariate(math.log(typical), 0.9), -3))
            if rng.random() < share
            else 0
            for source, share, typical in INCOME_SOURCES
        }
        received = sum(income.values())
        ratio = rng.uniform(1.05, 1.4) if rng.random() < OVERSPENDING_SHARE else rng.uniform(0.7, 1)
        spent = received * ratio
        expenses = {field: int(round(spent * share, -3)) for field, share in EXPENSE_SHARES}
        return new_report(
            year=year,
            version=version,
            submitted_at=submitted_at,
            status=AnnualReport.Status.SUBMITTED if submitted_at else AnnualReport.Status.DRAFT,
            staff_count=int(rng.expovariate(1 / 5)),
            volunteer_count=int(rng.expovariate(1 / 20)),
            beneficiary_count=int(rng.expovariate(1 / 500)),
            project_count=rng.randint(0, 3) + (income["income_state_order"] > 0),
            member_count=rng.randint(3, 40),
            founders=ngo.head_name,
            property_value=int(round(rng.lognormvariate(math.log(800_000), 1.2), -3)),
            property_description=rng.choice(words.PROPERTY),
            **income,
            **expenses,
        )

    def headcount(self, plan: Plan) -> None:
        """The profile repeats the last submitted report's figures, when the NGO keeps it up."""
        submitted = [r for r in plan.reports if r.submitted_at]
        if not submitted or self.rng.random() < 0.2:
            return
        last = max(submitted, key=lambda r: (r.year, r.version))
        plan.ngo.staff_count = last.staff_count
        plan.ngo.volunteer_count = last.volunteer_count
        plan.ngo.beneficiary_count = last.beneficiary_count

    # Umbrella associations and resource centres

    def memberships(self, plans: list[Plan]) -> list[Membership]:
        candidates = [p for p in plans if not p.umbrella and p.ngo.status in NGO.PUBLIC_STATUSES]
        links = []
        for umbrella in (p for p in plans if p.umbrella):
            scope = umbrella.umbrella[5]
            pool = [p for p in candidates if scope in (None, p.ngo.region.kato)]
            share = REGIONAL_MEMBER_SHARE if scope else NATIONAL_MEMBER_SHARE
            count = min(len(pool), max(3, round(len(pool) * share)))
            links += [self.membership(umbrella, m) for m in self.rng.sample(pool, count)]
        return [link for link in links if link]

    def membership(self, umbrella: Plan, member: Plan) -> Membership | None:
        """Members join after both exist; they leave when liquidated, and a few leave earlier.
        None when there was no time for it: nobody joins in the future."""
        first = max(umbrella.ngo.registered_on, member.ngo.registered_on) + 30 * DAY
        if first > (member.liquidated_on or self.today):
            return None
        joined = self.day_between(first, member.liquidated_on or self.today)
        left = member.liquidated_on
        if left is None and self.rng.random() < 0.07:
            left = self.day_between(joined, self.today)
        left = max(left, joined) if left else None
        return Membership(
            association=umbrella.ngo, member=member.ngo, joined_on=joined, left_on=left
        )

    def resource_centres(self, plans: list[Plan]) -> list[ResourceCentre]:
        """One per region at oblast or city level, the rest in towns, districts and villages."""
        pools = defaultdict(list)
        for plan in plans:
            if plan.ngo.status == Status.ACTIVE and not plan.umbrella:
                pools[plan.ngo.region.kato].append(plan.ngo)
        centres = []
        for kato, region in self.regions.items():
            level = (
                ResourceCentre.Level.CITY
                if region.level == Region.Level.CITY
                else ResourceCentre.Level.OBLAST
            )
            centres.append(self.resource_centre(pools[kato], region, level))
        oblasts = [r for r in self.regions.values() if r.level == Region.Level.OBLAST]
        for level in EXTRA_RESOURCE_CENTRES:
            region = self.rng.choice(oblasts)
            centres.append(self.resource_centre(pools[region.kato], region, level))
        return [c for c in centres if c]

    def resource_centre(self, pool: list[NGO], region, level) -> ResourceCentre | None:
        if not pool:
            return None
        ngo = pool.pop(self.rng.randrange(len(pool)))
        since = self.day_between(
            max(ngo.registered_on, REGISTER_OPENED), datetime.date(self.last_year, 6, 30)
        )
        return ResourceCentre(ngo=ngo, region=region, level=level, since=since)
