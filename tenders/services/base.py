from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .. import permissions


class TenderError(Exception):
    """A refusal the user must read; the message is already translated.

    `field` names the input the refusal is about, when there is one, so a form shows it there.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def tenge(amount: int) -> str:
    """An amount as the reader's language groups it: 10 000 000 in kk and ru, 10,000,000 in en."""
    return number_format(amount, force_grouping=True)


# django-simple-history keeps a change's reason in a varchar(100).
HISTORY_REASON_LENGTH = 100


def save(obj, user, reason: str, **kwargs):
    """Save with the history row's author and reason (django-simple-history), cut to fit."""
    obj._history_user = user
    if len(reason) > HISTORY_REASON_LENGTH:
        reason = reason[: HISTORY_REASON_LENGTH - 1] + "…"
    obj._change_reason = reason
    obj.save(**kwargs)


# The first state social order competitions were held in 2003 (domain.md).
FIRST_YEAR = 2003


def competition_years() -> range:
    """Years a competition may have: from the first rounds to the next budget year."""
    return range(FIRST_YEAR, timezone.localdate().year + 2)


def require_date_between(day, first, last, message: str, field: str | None = None) -> None:
    """A date outside its sensible range is refused with a message that names the range."""
    if not first <= day <= last:
        raise TenderError(
            message
            % {
                "first": date_format(first, "SHORT_DATE_FORMAT"),
                "last": date_format(last, "SHORT_DATE_FORMAT"),
            },
            field=field,
        )


def require_eligible(ngo) -> None:
    """Only NGOs in the register's database take part: checked at every step, to the award."""
    if ngo.status not in permissions.APPLYING_STATUSES:
        raise TenderError(
            _(
                "%(name)s may not take part: only an organisation verified in the NGO register "
                "may (today it is “%(status)s”)."
            )
            % {"name": ngo.name, "status": ngo.get_status_display()}
        )


def require_organiser(user, competition) -> None:
    if not permissions.may_organise(user, competition):
        raise TenderError(_("Only officials of the organising state body may do this."))
