"""What the portal adds to the staff workspace through the registry's hooks: integrity flags."""

from django.urls import reverse
from django.utils.translation import gettext as _

from registry import hooks

from . import integrity
from .models import Alert


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def integrity_flags(request):
    if not integrity.may_see(request.user):
        return None
    found = integrity.counts(request.user)
    page = reverse("portal:integrity")
    return hooks.Tile(
        key="portal-integrity",
        title=_("Integrity flags"),
        count=sum(found.values()),
        url=page,
        link_text=_("See the flags and their evidence"),
        items=tuple(
            hooks.TileItem(
                str(integrity.KINDS[kind]), reverse("portal:integrity") + f"#{kind}", str(count)
            )
            for kind, count in found.items()
            if count
        ),
        empty_text=_("No integrity flag in your scope."),
        order=90,
    )


@hooks.register(hooks.STAFF_NAV)
def integrity_menu(request):
    if not integrity.may_see(request.user):
        return None
    return hooks.NavItem("portal-integrity", _("Integrity flags"), reverse("portal:integrity"), 90)


def _follow_section(request, kind: str, key: str):
    """A button to follow the thing (a link to log in for visitors: the public page keeps no
    form, so it stays in the public cache)."""
    following = None
    if request.user.is_authenticated:
        following = Alert.objects.filter(user=request.user, kind=kind, key=key, active=True).first()
    return hooks.Section(
        "follow",
        _("Alerts"),
        "portal/_follow_section.html",
        {
            "kind": kind,
            "key": key,
            "frequencies": Alert.Frequency.choices,
            "following": following,
        },
        order=200,
    )


@hooks.register(hooks.NGO_PAGE_SECTIONS)
def follow_ngo(request, ngo):
    return _follow_section(request, Alert.Kind.NGO, ngo.bin)


@hooks.register(hooks.PROMISE_PAGE_SECTIONS)
def follow_item(request, item):
    return _follow_section(request, Alert.Kind.PLAN_ITEM, item.code)
