"""Fill the register with a demo register at the real scale of Kazakhstan's NGO sector.

Sizes and shares follow /work/shared/domain.md ("Scale") and registry.reference, so that the
directory, its filters and the reports behave in a demo as they will with the real register.
Every draw comes from one seeded generator: the same seed on the same day gives the same register.

Demo logins, all with the password demo-Pass-2026: official@demo.kz (ministry official of the
Ministry of Culture and Information), ngo@demo.kz (representative of one active NGO) and
admin@demo.kz (administrator). A second run only resets these accounts.
"""

import datetime
import math
import os
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone, translation

from accounts import roles
from accounts.models import User
from registry import reference
from registry.bin import make_bin
from registry.management import demo_vocabulary as words
from registry.management.bulk import copy_into, copy_ngos, search_indexes_built_afterwards
from registry.models import (
    NGO,
    ActivityArea,
    AnnualReport,
    LegalForm,
    Membership,
    Region,
    Representation,
    ResourceCentre,
    StateBody,
    report_year_due,
    today,
)

PASSWORD = "demo-Pass-2026"
OFFICIAL_EMAIL, NGO_EMAIL, ADMIN_EMAIL = "official@demo.kz", "ngo@demo.kz", "admin@demo.kz"

Status = NGO.Status
DAY = datetime.timedelta(days=1)
FIRST_YEAR = 1995
GROWTH_FROM = 2006  # since then about 1,000 NGOs are registered a year
YEARLY_BEFORE_GROWTH, YEARLY_SINCE_GROWTH = 180, 1000
REGISTER_OPENED = datetime.date(2016, 1, 1)  # NGOs registered earlier joined the register later
ACTIVE_SHARE = 18_000 / 23_000
LIQUIDATED_SHARE_OF_INACTIVE = 0.3
IN_VERIFICATION = {Status.DRAFT, Status.SUBMITTED, Status.REJECTED, Status.VERIFIED}
NEW_STATUS_SHARES = [(Status.REJECTED, 0.03), (Status.DRAFT, 0.06), (Status.SUBMITTED, 0.07)]
LEGAL_FORM_WEIGHTS = {
    "public_association": 52,
    "public_foundation": 33,
    "private_institution": 9,
    "association": 4,
    "other": 2,
}
FIRST_REPORT_YEAR = 2016  # the register's first full year
RECENT_YEARS, OLDER_REPORT_SHARE = 3, 0.35
EARLY_FILING_SHARE = 0.3  # between 1 January and 31 March, of active NGOs, for the year just ended
ON_TIME_SHARE = 0.75
CORRECTION_SHARE = 0.04
# How the money was spent: field and its usual share of expenses.
EXPENSE_SHARES = [
    ("expense_programmes", 0.55),
    ("expense_salaries", 0.25),
    ("expense_administration", 0.12),
    ("expense_assets", 0.05),
    ("expense_other", 0.03),
]
OVERSPENDING_SHARE = 0.08  # reports whose expenses exceed the year's income (reserves spent)
# Areas whose national share domain.md gives; an NGO that drew none of them gets another area.
SURVEYED_AREAS = {
    "youth",
    "children",
    "healthcare",
    "environment",
    "family_women",
    "education",
    "disability",
}
# Source field, share of reports with income from it, typical amount in tenge.
INCOME_SOURCES = [
    ("income_state_order", 0.14, 8_000_000),
    ("income_grants", 0.05, 12_000_000),
    ("income_donations", 0.6, 700_000),
    ("income_foreign", 0.08, 9_000_000),
    ("income_own", 0.45, 1_500_000),
]
NATIONAL_MEMBER_SHARE, REGIONAL_MEMBER_SHARE = 0.015, 0.1
EXTRA_RESOURCE_CENTRES = (
    [ResourceCentre.Level.CITY] * 6
    + [ResourceCentre.Level.DISTRICT] * 10
    + [ResourceCentre.Level.VILLAGE] * 6
)
MOBILE_CODES = ["701", "702", "705", "707", "747", "771", "775", "777", "778"]
MAIL_DOMAINS = ["mail.kz", "gmail.com", "inbox.kz", "mail.ru"]
BATCH = 2000


@dataclass
class Plan:
    """One NGO to create, and the rows that can only be created once it has a primary key."""

    ngo: NGO
    areas: list[ActivityArea]
    reports: list[AnnualReport] = field(default_factory=list)
    umbrella: tuple | None = None
    liquidated_on: datetime.date | None = None


def region_genitive(region: Region) -> tuple[str, str, str]:
    """'Of the region' in kk, ru, en: the forms the region's akimat is named with."""
    kk, ru, en = reference.akimat_names(region.name_kk, region.name_ru, region.name_en)
    return kk.removesuffix(" әкімдігі"), ru.removeprefix("Акимат "), en.removeprefix("Akimat of ")


def quoted(kk: str, ru: str, en: str) -> tuple[str, str, str]:
    return f"«{kk}»", f"«{ru}»", f'"{en}"'


def slug(en_name: str) -> str:
    """The quoted part of an English name as a domain label: 'childrens-world'."""
    inner = en_name.split('"')[1].replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", inner.lower()).strip("-")


REPORT_COLUMNS = [f.attname for f in AnnualReport._meta.concrete_fields]


def new_report(**values) -> AnnualReport:
    """A report built from positional values, which Django does several times faster than from
    keywords (a demo register has some 140,000); its NGO is linked once the NGO has a key."""
    return AnnualReport(*[values.get(name) for name in REPORT_COLUMNS])


class DemoRegister:
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

    def unique_name(self, form: str, areas, region, registered_on) -> tuple[str, str, str]:
        """A name no other NGO has (in Kazakh or Russian): a few draws, then two brands joined."""
        for attempt in range(1000):
            stem = self.stem(areas) if attempt < 30 else self.double_brand()
            names = self.name(form, stem, self.place(region, registered_on))
            if names[0] not in self.names and names[1] not in self.names:
                break
        self.names.update(names[:2])
        return names

    def double_brand(self) -> tuple[str, str, str]:
        (a_kk, a_ru, a_en), (b_kk, b_ru, b_en) = self.rng.sample(words.BRANDS, 2)
        return quoted(f"{a_kk}-{b_kk}", f"{a_ru}-{b_ru}", f"{a_en}-{b_en}")

    def name(self, form: str, stem, place) -> tuple[str, str, str]:
        templates = words.NAME_TEMPLATES[form]
        return tuple(
            t.format(stem=s, place=p) for t, s, p in zip(templates, stem, place, strict=True)
        )

    def stem(self, areas) -> tuple[str, str, str]:
        """A brand («Мейірім»), a brand with a kind of centre, or a motto of the NGO's area."""
        area, roll = self.rng.choice(areas).code, self.rng.random()
        if roll < 0.45:
            return quoted(*self.rng.choice(words.BRANDS))
        if roll < 0.8:
            (b_kk, b_ru, b_en), (c_kk, c_ru, c_en) = (
                self.rng.choice(words.BRANDS),
                self.rng.choice(words.CENTRES[area]),
            )
            return f"«{b_kk} {c_kk}»", f"«{c_ru} «{b_ru}»»", f'"{b_en} {c_en}"'
        return quoted(*self.rng.choice(words.MOTTOS[area]))

    def place(self, region, registered_on) -> tuple[str, str, str]:
        """Where the NGO works, as its name says it, or nothing: in Kazakh before the name.

        The region is named as it was at registration: no "Jetisu Region" NGO from 2009."""
        roll = self.rng.random()
        if roll < 0.45:
            return "", "", ""
        formed, before = self.genitive_before.get(region.kato, (None, None))
        if formed and registered_on < formed:
            kk, ru, en = before
        elif roll < 0.75 or region.level == Region.Level.CITY:
            kk, ru, en = self.genitive[region.kato]
        else:
            town_kk, town_ru, en = self.rng.choice(words.TOWNS[region.kato])
            kk, ru = f"{town_kk} қаласының", f"города {town_ru}"
        return f"{kk} ", f" {ru}", f" of {en}"

    def description(self, areas, region) -> tuple[str, str, str]:
        work = [words.WORK[a.code] for a in areas[:2]]
        kk, ru, en = self.genitive[region.kato]
        return (
            " ".join(f"{w[0]}." for w in work) + f" {kk} аумағында жұмыс істейді.",
            " ".join(f"{w[1]}." for w in work) + f" Работает на территории {ru}.",
            " ".join(f"{w[2]}." for w in work) + f" Works in {en}.",
        )

    def address(self, region) -> str:
        towns = words.TOWNS[region.kato]
        town = towns[0] if self.rng.random() < 0.6 else self.rng.choice(towns)
        street = f"ул. {self.rng.choice(words.STREETS)}, {self.rng.randint(1, 180)}"
        if self.rng.random() < 0.5:
            street += f", оф. {self.rng.randint(1, 320)}"
        if region.level == Region.Level.CITY:
            return f"г. {town[1]}, {street}"
        return f"{region.name_ru}, г. {town[1]}, {street}"

    def head_name(self) -> str:
        sex = self.rng.randint(0, 1)
        surname = self.rng.choice(words.SURNAMES)[sex]
        first = self.rng.choice(words.FIRST_NAMES[sex])
        return f"{surname} {first} {self.rng.choice(words.PATRONYMICS)[sex]}"

    def contacts(self, en_name: str) -> dict:
        """Email, phone and website, each missing for some NGOs as in the real register."""
        label, rng = slug(en_name), self.rng
        email = f"{label.replace('-', '.')}{rng.randint(1, 999)}@{rng.choice(MAIL_DOMAINS)}"
        phone = (
            f"+7 {rng.choice(MOBILE_CODES)} {rng.randint(100, 999)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
        )
        return {
            "email": email if rng.random() < 0.85 else "",
            "phone": phone if rng.random() < 0.92 else "",
            "website": f"https://{label}-{rng.randint(1, 99)}.kz" if rng.random() < 0.35 else "",
        }

    # Life in the register: status dates and annual reports

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


def demo_user(email: str, full_name: str, role: str, **flags) -> User:
    """The account with its role and the documented password, whatever was changed since."""
    user, _created = User.objects.get_or_create(email=email)
    user.full_name, user.email_verified, user.is_active = full_name, True, True
    for flag, value in flags.items():
        setattr(user, flag, value)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


def ensure_demo_accounts() -> NGO | None:
    """The three demo logins; returns the NGO the representative acts for."""
    official = demo_user(OFFICIAL_EMAIL, "Айгерим Сейткали", roles.MINISTRY_OFFICIAL, is_staff=True)
    StateBody.objects.get(code="mci").officials.add(official)
    demo_user(
        ADMIN_EMAIL, "Администратор реестра", roles.ADMINISTRATOR, is_staff=True, is_superuser=True
    )
    representative = demo_user(NGO_EMAIL, "Ерлан Нурланов", roles.NGO_REPRESENTATIVE)
    approved = representative.representations.filter(status=Representation.Status.APPROVED)
    if approved.exists():
        return approved.first().ngo
    ngo = (
        NGO.objects.filter(status=Status.ACTIVE, member_links__isnull=True)
        .exclude(legal_form__code="association")
        .order_by("pk")
        .first()
    )
    if ngo:
        Representation.objects.update_or_create(
            user=representative,
            ngo=ngo,
            defaults={
                "status": Representation.Status.APPROVED,
                "decided_at": timezone.now(),
                "position": words.POSITIONS[0],
            },
        )
    return ngo


class Command(BaseCommand):
    help = (
        "Fill the register with realistic demo NGOs (skipped when it holds enough) and ensure the "
        f"demo logins official@demo.kz, ngo@demo.kz and admin@demo.kz (password {PASSWORD})."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ngos", type=int, default=23_000, help="NGOs the register should hold"
        )
        parser.add_argument("--seed", type=int, default=2026, help="seed of the random generator")

    def handle(self, *args, ngos, seed, **options):
        started = time.monotonic()
        existing = NGO.objects.count()
        if existing >= ngos:
            self.stdout.write(f"The register already holds {existing} NGOs; no demo data added.")
        else:
            created = create_register(ngos - existing, seed)
            analyze(NGO, NGO.activity_areas.through, AnnualReport, Membership, ResourceCentre)
            self.report(created, time.monotonic() - started)
        ngo = ensure_demo_accounts()
        self.logins(ngo)

    def report(self, created: Counter, seconds: float) -> None:
        ngos = sum(created[s] for s in Status.values)
        by_status = ", ".join(f"{s} {created[s]}" for s in Status.values if created[s])
        self.stdout.write(
            f"Created {ngos} NGOs ({by_status}), {created['reports']} annual reports, "
            f"{created['memberships']} association memberships, "
            f"{created['resource_centres']} resource centres in {seconds:.1f} s."
        )

    def logins(self, ngo: NGO | None) -> None:
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(
                f"Open http://127.0.0.1:{port}/ — logins: {OFFICIAL_EMAIL} / {PASSWORD} "
                f"(ministry official), {NGO_EMAIL} / {PASSWORD} (NGO representative"
                + (f" of {ngo.name_ru}, BIN {ngo.bin}" if ngo else "")
                + f"), {ADMIN_EMAIL} / {PASSWORD} (administrator)"
            )
        )
