"""Dates and defaults every model of the register shares.

Models call `common.today()` (not a copy of the name), so a test can move the date of all of
them at once with `monkeypatch.setattr(registry.models.common, "today", ...)`.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def current_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def today() -> datetime.date:
    return timezone.localdate()


def report_year_due(on: datetime.date | None = None) -> int:
    """The year whose annual information an NGO must have filed to count as active.

    Last year once its deadline (31 March) has passed, the year before until then. The one notion
    that filing, verification, passive marking and the NGO page all use.
    """
    on = on or today()
    return on.year - 1 if on > datetime.date(on.year, 3, 31) else on.year - 2


def last_ended_year(on: datetime.date | None = None) -> int:
    """The latest year a report can be filed for: an unfinished year has no annual figures."""
    return (on or today()).year - 1


def not_in_future(day: datetime.date) -> None:
    if day and day > today():
        raise ValidationError(
            _("The date %(date)s is in the future."),
            code="future_date",
            params={"date": day.strftime("%d.%m.%Y")},
        )
