"""Who may do what in forums — the one place the services, views and API ask.

Forum organisers (the role group with the forums' permissions) run the events of their scope:
an organiser of a republican body (or an administrator) runs every event and the national forums;
one of an akimat runs the events of their region. Anybody signed in registers for themselves:
an NGO representative for an NGO they represent, an official for a state body they work for.
"""

from registry import permissions as registry_permissions
from registry.models import NGO, scope_regions


def is_organiser(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("forums.change_event")
    )


def may_manage_forums(user) -> bool:
    """National forums, their plenary and their recommendations: organisers of national scope."""
    return is_organiser(user) and scope_regions(user) is None


def may_manage_event(user, event) -> bool:
    if not is_organiser(user):
        return False
    regions = scope_regions(user)
    if regions is None:
        return True
    return event.region_id is not None and event.region_id in regions


def managed_events(user, events):
    """The events of `events` (a queryset) this user runs."""
    if not is_organiser(user):
        return events.none()
    regions = scope_regions(user)
    return events if regions is None else events.filter(region__in=regions)


def may_register_for(user, ngo: NGO) -> bool:
    """A representative registers only for an NGO they are an approved representative of."""
    return user.is_authenticated and registry_permissions.represents(user, ngo)


def may_register_for_body(user, state_body) -> bool:
    return user.is_authenticated and user.state_bodies.filter(pk=state_body.pk).exists()


def may_see_registration(user, registration) -> bool:
    return user.is_authenticated and (
        registration.user_id == user.pk or may_manage_event(user, registration.event)
    )
