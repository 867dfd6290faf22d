from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .. import permissions


class TenderError(Exception):
    """A refusal the user must read; the message is already translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def tenge(amount: int) -> str:
    """An amount as the reader's language groups it: 10 000 000 in kk and ru, 10,000,000 in en."""
    return number_format(amount, force_grouping=True)


def save(obj, user, reason: str, **kwargs):
    """Save with the history row's author and reason (django-simple-history)."""
    obj._history_user = user
    obj._change_reason = reason
    obj.save(**kwargs)


def require_organiser(user, competition) -> None:
    if not permissions.may_organise(user, competition):
        raise TenderError(_("Only officials of the organising state body may do this."))
