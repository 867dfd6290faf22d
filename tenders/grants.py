"""The grant operator's stages (domain.md): the ministry's grants plan, the operator's
announcement, applications for 20–30 days, a compliance check within 10 working days of the
close, the commission's evaluation within 15 working days after it, then the award decision.

The figures live here, in one place, so a change of the rules is one edit. Working days skip
Saturdays and Sundays; public holidays are not counted out (verify against the calendar).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

WINDOW_DAYS = (20, 30)
COMPLIANCE_WORKING_DAYS = 10
EVALUATION_WORKING_DAYS = 15


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def window_days(competition) -> float | None:
    """The application window's length in days, to the tenth (19 days 12 hours is 19.5): what
    the announcement check and the short-window flag both measure, so they never disagree."""
    if not (competition.opens_at and competition.closes_at):
        return None
    return round((competition.closes_at - competition.opens_at).total_seconds() / 86400, 1)


def shown_days(days: float) -> str:
    return f"{days:g}"


@dataclass(frozen=True)
class Deadlines:
    compliance_by: datetime.date
    evaluation_by: datetime.date
    compliance_days: int = COMPLIANCE_WORKING_DAYS
    evaluation_days: int = EVALUATION_WORKING_DAYS


def deadlines(competition) -> Deadlines | None:
    """When the compliance check and the commission's evaluation of a grant are due."""
    if competition.mechanism != "grant" or competition.closes_at is None:
        return None
    closed = timezone.localdate(competition.closes_at)
    compliance = add_working_days(closed, COMPLIANCE_WORKING_DAYS)
    return Deadlines(compliance, add_working_days(compliance, EVALUATION_WORKING_DAYS))
