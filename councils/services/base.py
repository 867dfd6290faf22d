from django.utils.translation import gettext as _

from .. import permissions


class CouncilError(Exception):
    """A refusal the user must read; the message is already translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def save(obj, user, reason: str, **kwargs):
    """Save with the history row's author and reason (django-simple-history)."""
    obj._history_user = user
    obj._change_reason = reason
    obj.save(**kwargs)


def require_secretary(user, council) -> None:
    if not permissions.may_manage(user, council):
        raise CouncilError(_("Only a secretary of this council may do this."))


def require_body_official(user, council) -> None:
    if not permissions.may_respond(user, council):
        raise CouncilError(
            _("Only officials of %(body)s, the body this council is attached to, may respond.")
            % {"body": council.state_body.name}
        )
