"""What forums add to the registry's pages, through the registry's hooks.

The registry never imports this app: it calls whatever is registered under its hook names.
Each function runs a constant number of queries.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from registry import hooks

from . import permissions
from .models import Event, Forum, Origin, Recommendation, Registration
from .plan import translated

SHOWN = 10


@hooks.register(hooks.NGO_PAGE_SECTIONS)
def forum_participation(request, ngo):
    """The NGO at the forums: the events its people attended or registered for, and the
    recommendations it proposed (with what became of them)."""
    registrations = list(
        Registration.objects.filter(ngo=ngo, status=Registration.Status.CONFIRMED)
        .order_by()
        .values(
            "event__code",
            "event__starts_at",
            event_title=translated("event__title"),
        )
        .annotate(people=Count("pk"), attended=Count("pk", filter=Q(attended_at__isnull=False)))
        .order_by("-event__starts_at")[:SHOWN]
    )
    proposals = list(
        Origin.objects.filter(ngo=ngo)
        .select_related("recommendation__merged_into", "event")
        .order_by("-proposed_at", "-pk")[:SHOWN]
    )
    if not registrations and not proposals:
        return None
    for origin in proposals:
        recommendation = origin.recommendation
        origin.final = recommendation.merged_into or recommendation
    return hooks.Section(
        "forums",
        _("Civil Forums"),
        "forums/_ngo_section.html",
        {"registrations": registrations, "proposals": proposals},
        order=60,
    )


@hooks.register(hooks.PROMISE_PAGE_SECTIONS)
def forum_recommendation(request, item):
    """An item of a forum's action plan (or a measure of one): the recommendation and every
    event, section and NGO it came from, merged duplicates included."""
    root = item if item.parent_id is None else item.parent
    recommendation = (
        Recommendation.objects.filter(plan_item_id=root.pk).select_related("forum").first()
    )
    if recommendation is None:
        return None
    origins = list(
        recommendation.origins.select_related("event", "section", "ngo").order_by(
            "proposed_at", "pk"
        )
    )
    return hooks.Section(
        "forum-recommendation",
        _("Recommendation of the Civil Forum %(number)s") % {"number": recommendation.forum.number},
        "forums/_promise_section.html",
        {"recommendation": recommendation, "origins": origins, "measure": root != item},
        order=30,
    )


@hooks.register(hooks.HOME_FIGURES)
def adopted_recommendations(request):
    latest = (
        Forum.objects.filter(recommendations__status=Recommendation.Status.ADOPTED)
        .order_by("-ordinal")
        .first()
    )
    if latest is None:
        return None
    count = latest.recommendations.adopted().count()
    return hooks.Figure(
        "forum-plan",
        count,
        _("recommendations of the Civil Forum %(number)s in the state's action plan")
        % {"number": latest.number},
        url=reverse("forums:plan", args=[latest.number]),
        order=60,
    )


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def forum_work(request):
    """For organisers: proposals to decide on, and the waiting lists of their coming events."""
    user = request.user
    if not permissions.is_organiser(user):
        return None
    coming = permissions.managed_events(
        user, Event.objects.filter(ends_at__gte=timezone.now())
    ).with_counts()
    waiting = [event for event in coming.order_by("starts_at")[:50] if event.waiting_count][:5]
    proposed = (
        Recommendation.objects.filter(status=Recommendation.Status.PROPOSED).count()
        if permissions.may_manage_forums(user)
        else 0
    )
    return hooks.Tile(
        key="forums",
        title=_("Civil Forums"),
        count=proposed + sum(event.waiting_count for event in waiting),
        url=reverse("forums_staff:list"),
        link_text=_("Open the forums"),
        items=tuple(
            [
                hooks.TileItem(
                    _("%(count)s proposed recommendations to decide on") % {"count": proposed},
                    reverse("forums_staff:list"),
                )
            ]
            if proposed
            else []
        )
        + tuple(
            hooks.TileItem(
                event.title,
                reverse("forums_staff:registrations", args=[event.code]),
                _("%(count)s on the waiting list") % {"count": event.waiting_count},
            )
            for event in waiting
        ),
        empty_text=_("Nothing waits: no proposal to decide on, no waiting list."),
        order=60,
    )


@hooks.register(hooks.STAFF_NAV)
def forums_menu(request):
    if not permissions.is_organiser(request.user):
        return None
    return hooks.NavItem("forums", _("Civil Forums"), reverse("forums_staff:list"), order=60)
