"""Who may do what with a tracked item — the one place views, services and the API ask."""

from registry.models import NGO
from registry.permissions import is_administrator, is_official, represents

__all__ = ["can_contest", "can_see_document", "can_update", "contesting_ngos", "is_official"]


def is_updater_of_all(user) -> bool:
    return is_official(user) and is_administrator(user)


def can_update(user, item) -> bool:
    """Officials of the item's responsible body (administrators too); nobody else.

    The registry's rule: an official (`registry.permissions.is_official`: staff with the
    ministry official's role) acts for the state bodies they are attached to
    (`StateBody.officials`); a national scope over NGOs is no licence over another body's items.
    """
    if not is_official(user):
        return False
    if is_administrator(user):
        return True
    return user.state_bodies.filter(pk=item.responsible_body_id).exists()


def can_contest(user, item, ngo) -> bool:
    """An approved representative of a verified NGO, on an item its body calls implemented."""
    if not (user.is_authenticated and user.is_active) or ngo is None:
        return False
    if ngo.status not in NGO.PUBLIC_STATUSES or ngo.status == NGO.Status.LIQUIDATED:
        return False
    return item.contestable and represents(user, ngo)


def contesting_ngos(user):
    """The NGOs this user may contest for (approved representation, NGO verified)."""
    return (
        NGO.objects.represented_by(user)
        .filter(status__in=NGO.PUBLIC_STATUSES)
        .exclude(status=NGO.Status.LIQUIDATED)
    )


def can_see_document(user, contestation) -> bool:
    """The contesting NGO's representatives and the responsible body's officials."""
    return represents(user, contestation.ngo) or can_update(user, contestation.item)
