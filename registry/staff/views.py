"""The workspace's dashboard; the list and history of the NGOs in an official's scope."""

import datetime
import re

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import hooks, services
from ..models import NGO, LegalForm, Region, report_year_due
from .access import official_view, scoped_ngos, staff_view
from .compare import label
from .forms import NGOListFilterForm

PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 50


def page_of(request, items, size=PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


@staff_view()
def dashboard(request):
    tiles = hooks.collect(hooks.STAFF_DASHBOARD_TILES, request)
    return render(request, "staff/dashboard.html", {"tiles": tiles})


@official_view
def ngo_list(request):
    form = NGOListFilterForm(request.GET, request.user)
    ngos = form.filter(scoped_ngos(request)).select_related("region", "legal_form")
    year = report_year_due()
    if form.is_valid():
        if form.cleaned_data["status"]:
            ngos = ngos.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["missed"]:
            ngos = ngos.missed_annual_information(year)
    context = {"form": form, "page": page_of(request, ngos.order_by_name()), "year": year}
    return render(request, "staff/ngos.html", context)


# Why a version was saved, as the services write it, and as people read it.
REASONS = {
    "created": gettext_lazy("Profile created"),
    "profile edited": gettext_lazy("Profile edited"),
    "submitted for verification": gettext_lazy("Submitted for verification"),
    "verified": gettext_lazy("Verified"),
    "rejected": gettext_lazy("Rejected"),
    "liquidated": gettext_lazy("Liquidation recorded"),
    "registered particulars approved": gettext_lazy("Change of registered particulars approved"),
}
YEAR_REASONS = {
    re.compile(r"^annual report for (\d{4}) filed$"): gettext_lazy(
        "Annual information for %(year)s filed"
    ),
    re.compile(r"^no annual report for (\d{4})$"): gettext_lazy(
        "Marked passive: no annual information for %(year)s"
    ),
}


def reason_text(reason: str | None) -> str:
    if not reason:
        return ""
    if reason in REASONS:
        return str(REASONS[reason])
    for pattern, text in YEAR_REASONS.items():
        if match := pattern.match(reason):
            return str(text) % {"year": match.group(1)}
    return reason


def shown_value(name: str, value, names: dict):
    if name in names:
        return names[name].get(value, value)
    field = NGO._meta.get_field(name)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


HISTORY_FIELDS = (*NGO.PROFILE_FIELDS, "status", "status_reason")


def history_rows(versions: list, older) -> list[dict]:
    """Each saved version (newest first) with who, why and what changed since the one before.

    `older` is the version before the last of `versions` (None at the beginning). Related records
    are named in the page's language; the whole page costs a fixed number of queries.
    """
    names = {
        "region": dict(Region.objects.values_list("pk", "name")),
        "legal_form": dict(LegalForm.objects.values_list("pk", "name")),
    }
    attnames = {name: NGO._meta.get_field(name).attname for name in HISTORY_FIELDS}
    rows = []
    for version, previous in zip(versions, [*versions[1:], older], strict=True):
        changes = []
        for name, attname in attnames.items():
            old = getattr(previous, attname) if previous is not None else None
            new = getattr(version, attname)
            if previous is not None and old != new:
                changes.append(
                    {
                        "label": _("Status") if name == "status" else label(name),
                        "old": shown_value(name, old, names),
                        "new": shown_value(name, new, names),
                    }
                )
        reason = reason_text(version.history_change_reason)
        if previous is None and not reason:
            reason = _("Record created")
        if previous is not None and not (reason or changes):
            continue  # a technical save (e.g. a timestamp) with nothing a reader would see
        rows.append(
            {
                "date": version.history_date,
                "user": version.history_user,
                "reason": reason,
                "changes": changes,
            }
        )
    return rows


@official_view
def ngo_history(request, bin: str):
    ngo = get_object_or_404(scoped_ngos(request).select_related("region", "legal_form"), bin=bin)
    history = ngo.history.select_related("history_user").order_by("-history_date", "-history_id")
    page = page_of(request, history, HISTORY_PAGE_SIZE)
    versions = list(page.object_list)
    older = history[page.end_index()] if page.has_next() else None
    context = {
        "ngo": ngo,
        "page": page,
        "rows": history_rows(versions, older),
        "pending_change": ngo.particulars_changes.pending().first(),
    }
    return render(request, "staff/history.html", context)


@official_view
@require_POST
def ngo_liquidate(request, bin: str):
    ngo = get_object_or_404(scoped_ngos(request), bin=bin)
    try:
        services.liquidate_ngo(ngo, request.user, request.POST.get("reason", ""))
    except services.RegistryError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The liquidation of %(name)s has been recorded.") % {"name": ngo.name}
        )
    return redirect("staff:ngo", bin=ngo.bin)
