"""Demo competitions at the real scale and with the published figures (domain.md, seeds).

- The 2003, 2004 and 2005 rounds from their published results only: counts and winners, so the
  statistics page reproduces 120/109/20/10.7 million, 142/119/20/9.7 million and
  234/165/50/59.7 million tenge.
- 2025 at the seeds' scale: 2,185 state social order projects, 102 grants, 5 strategic
  partnership projects, 73 NGO award laureates, 12 "Таңдау" winners and 33 honorary titles, with
  applications, a commission and scores over the demo register's NGOs.
- Competitions of this year open now, so the demo NGO login can apply.
- Contracts of part of the 2025 winners, with instalments and reports (accepted, awaiting
  review, overdue); the strategic partnership projects run now, and the demo NGO login holds one
  of them with an interim report due, so it can file it.
- Grant lots state their budget in MCI, and award amounts are MCI multiples: the MCI value of the
  year comes from the reference data (`MCIValue`, seeded by a migration).

Rows are written with bulk inserts (history rows are not made for demo data); a second run adds
nothing. One seeded generator: the same seed gives the same competitions.
"""

from django.db import transaction

from .. import ocds
from ..models import Competition
from .base import BuilderBase, analyze_tenders, demo_experts
from .contracts import ContractsDemo
from .figures import PLAN_2025, Mechanism
from .funded import FundedDemo
from .history import HistoryDemo
from .open_now import OpenNowDemo

__all__ = ["analyze_tenders", "load", "load_decade"]


class Builder(HistoryDemo, FundedDemo, ContractsDemo, OpenNowDemo, BuilderBase):
    """The whole demo: each concern a mixin over the shared state of `BuilderBase`."""


@transaction.atomic
def load(seed: int = 2025) -> dict:
    builder = Builder(seed)
    experts = demo_experts()
    builder.historical_rounds()
    builder.year_2025(experts)
    builder.contracts_2025()
    builder.open_now(experts)
    ocds.backfill()  # the OCDS releases of the rows inserted above, dated as they happened
    return builder.counts


def load_decade(first_year: int, years: int, competitions: int, lots: int, seed: int = 7) -> dict:
    """The benchmark's register of competitions: `years` years of state social order."""
    builder = Builder(seed)
    experts = demo_experts()
    title = PLAN_2025[0][3]
    for year in range(first_year, first_year + years):
        if Competition.objects.filter(year=year).exists():
            continue
        with transaction.atomic():
            for index in range(1, competitions + 1):
                builder.funded_competition(
                    f"{year}-SSO-{index:04d}",
                    Mechanism.SOCIAL_ORDER,
                    builder.organiser(Mechanism.SOCIAL_ORDER, index),
                    title,
                    lots,
                    experts,
                    year=year,
                )
    ocds.backfill()
    analyze_tenders()
    return builder.counts
