"""Who may do what with councils — the one place the services, views and API ask.

A council's secretary (a user of the council-secretary role named among the council's
secretaries) runs its workspace: members and terms, meetings, attendance, minutes, decisions; and
no other council's. Officials of the state body a council is attached to (the registry's
membership of officials in state bodies) record the body's responses to its recommendations.
Administrators do both everywhere.
"""

from registry import permissions as registry_permissions


def is_councils_administrator(user) -> bool:
    return registry_permissions.is_administrator(user)


def is_secretary(user) -> bool:
    """A council secretary (by role), whatever the council."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("councils.change_meeting")
    )


def may_manage(user, council) -> bool:
    if is_councils_administrator(user):
        return True
    return is_secretary(user) and council.secretaries.filter(pk=user.pk).exists()


def is_body_official(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff


def may_respond(user, council) -> bool:
    """Officials of the state body the council is attached to, and administrators."""
    if is_councils_administrator(user):
        return True
    return is_body_official(user) and council.state_body.officials.filter(pk=user.pk).exists()


def may_enter_workspace(user) -> bool:
    """Secretaries and officials of bodies with councils see the councils' part of the workspace."""
    return (
        is_councils_administrator(user)
        or is_secretary(user)
        or (is_body_official(user) and user.state_bodies.filter(councils__isnull=False).exists())
    )
