"""The registry's own dashboard tiles and workspace menu, registered like any other app's."""

from django.db.models import F
from django.urls import reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import hooks
from ..models import NGO, ImportJob, ParticularsChange, Representation, report_year_due
from ..permissions import is_official, may_import, visible_import_jobs
from .access import scoped_ngos

OLDEST_SHOWN = 5


def waiting_since(moment) -> str:
    return _("waiting %(age)s") % {"age": timesince(moment)} if moment else ""


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def ngos_to_verify(request):
    if not is_official(request.user):
        return None
    queue = scoped_ngos(request).filter(status=NGO.Status.SUBMITTED)
    oldest = queue.order_by(F("submitted_at").asc(nulls_first=True), "pk")[:OLDEST_SHOWN]
    return hooks.Tile(
        key="verification",
        title=_("Organisations to verify"),
        count=queue.count(),
        url=reverse("staff:queue"),
        link_text=_("Open the verification queue"),
        items=tuple(
            hooks.TileItem(
                ngo.name, reverse("staff:review", args=[ngo.bin]), waiting_since(ngo.submitted_at)
            )
            for ngo in oldest
        ),
        empty_text=_("No organisation is waiting for verification."),
        order=10,
    )


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def particulars_to_review(request):
    if not is_official(request.user):
        return None
    changes = ParticularsChange.objects.pending().filter(ngo__in=scoped_ngos(request))
    oldest = changes.select_related("ngo")[:OLDEST_SHOWN]
    return hooks.Tile(
        key="changes",
        title=_("Changes of registered particulars"),
        count=changes.count(),
        url=reverse("staff:changes"),
        link_text=_("Review the changes"),
        items=tuple(
            hooks.TileItem(
                change.ngo.name,
                reverse("staff:change", args=[change.ngo.bin]),
                waiting_since(change.submitted_at),
            )
            for change in oldest
        ),
        empty_text=_("No change is waiting for review."),
        order=20,
    )


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def claims_to_decide(request):
    if not is_official(request.user):
        return None
    claims = Representation.objects.filter(
        status=Representation.Status.PENDING, ngo__in=scoped_ngos(request)
    )
    return hooks.Tile(
        key="claims",
        title=_("Requests to represent an organisation"),
        count=claims.count(),
        url=reverse("staff:claims"),
        link_text=_("Decide the requests"),
        empty_text=_("No request is waiting for a decision."),
        order=30,
    )


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def imports_running(request):
    if not may_import(request.user):
        return None
    running = visible_import_jobs(request.user).filter(
        status__in=[ImportJob.Status.PENDING, ImportJob.Status.RUNNING]
    )
    return hooks.Tile(
        key="imports",
        title=_("Imports running"),
        count=running.count(),
        url=reverse("imports:upload"),
        link_text=_("Open the imports"),
        empty_text=_("No import is running."),
        order=40,
    )


@hooks.register(hooks.STAFF_DASHBOARD_TILES)
def missed_annual_information(request):
    if not is_official(request.user):
        return None
    year = report_year_due()
    missed = scoped_ngos(request).missed_annual_information(year)
    return hooks.Tile(
        key="missed",
        title=_("Missed the annual information for %(year)s") % {"year": year},
        count=missed.count(),
        url=reverse("staff:ngos") + "?missed=on",
        link_text=_("List these organisations"),
        empty_text=_("Every organisation has filed."),
        order=50,
    )


NAV = (
    ("queue", gettext_lazy("Verification"), "staff:queue", is_official, 10),
    ("changes", gettext_lazy("Changes"), "staff:changes", is_official, 20),
    ("claims", gettext_lazy("Claims"), "staff:claims", is_official, 30),
    ("ngos", gettext_lazy("Organisations"), "staff:ngos", is_official, 40),
    ("imports", gettext_lazy("Imports"), "imports:upload", may_import, 50),
)


def _nav_entry(key, text, url_name, may, order):
    def entry(request):
        if not may(request.user):
            return None
        return hooks.NavItem(key, str(text), reverse(url_name), order)

    return entry


for _entry in NAV:
    hooks.register(hooks.STAFF_NAV, _nav_entry(*_entry))
