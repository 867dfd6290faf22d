"""The accountability tile of the staff dashboard and its entry in the workspace menu."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from registry import hooks

from ..models import Item
from ..permissions import is_official, is_updater_of_all

SHOWN = 5
DAYS = 30


def _works_on_items(user) -> bool:
    return is_official(user) and (is_updater_of_all(user) or user.state_bodies.exists())


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def items_due(request):
    """Items of the official's bodies overdue or due within 30 days, and those NGOs contest."""
    user = request.user
    if not _works_on_items(user):
        return None
    today = timezone.localdate()
    mine = Item.objects.managed_by(user)
    due = mine.open().filter(deadline__lte=today + datetime.timedelta(days=DAYS))
    first = due.order_by("deadline", "code")[:SHOWN]
    contested = mine.filter(contestations__isnull=False).distinct().count()
    url = reverse("accountability_staff:items")
    rows = [
        hooks.TileItem(
            f"{item.code} {item.title}",
            reverse("accountability_staff:item", args=[item.code]),
            (_("overdue since %(date)s") if item.deadline < today else _("due %(date)s"))
            % {"date": date_format(item.deadline, "SHORT_DATE_FORMAT")},
        )
        for item in first
    ]
    if contested:
        rows.append(
            hooks.TileItem(
                _("Contested by NGOs: %(count)s") % {"count": contested},
                f"{url}?contested=on",
            )
        )
    return hooks.Tile(
        key="accountability",
        title=_("Items overdue or due within 30 days"),
        count=due.count(),
        url=f"{url}?due=soon",
        link_text=_("Open your tracked items"),
        items=tuple(rows),
        empty_text=_("No item of your body is overdue or due within 30 days."),
        order=60,
    )


@hooks.register(hooks.STAFF_NAV)
def nav(request):
    if not _works_on_items(request.user):
        return None
    return hooks.NavItem(
        "accountability", _("Tracked items"), reverse("accountability_staff:items"), order=60
    )
