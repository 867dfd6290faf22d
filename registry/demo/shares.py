"""The sizes and shares the demo register is drawn with, and the small helpers its parts share."""

import datetime
import re
from dataclasses import dataclass, field

from .. import reference
from ..models import (
    NGO,
    ActivityArea,
    AnnualReport,
    Region,
    ResourceCentre,
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
