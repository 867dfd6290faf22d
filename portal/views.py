"""The public pages that span every app: home, statistics, open data, alerts, feeds."""

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.formats import number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from registry import exports, hooks
from registry.models import ActivityArea, Region
from registry.staff.access import staff_view
from tenders.models import Competition

from . import alerts, charts, figures, integrity, opendata, stats
from .models import Alert

# Figures of other apps' HOME_FIGURES that the home page shows in its own, fuller form (the
# latest funded year by mechanism instead of this year's projects, 0 until results are out).
SHOWN_BY_PORTAL = {"tenders-projects", "tenders-awarded"}


def after_login(request):
    """Where a login without `next` lands: officials at their workspace, others at My NGOs."""
    if request.user.is_staff:
        workspace = f"/{get_language()}/staff/"
        try:
            resolve(workspace)
        except Resolver404:
            return redirect("home")
        return redirect(workspace)
    if request.user.is_authenticated:
        return redirect("registry:my_ngos")
    return redirect("home")


def home(request):
    """What the system is, every app's key figures, the competitions closing soonest, search."""
    kept = figures.register_and_funding()
    funding = kept["funding"]
    figures_of_apps = [
        _latest_year(figure, funding) if figure.key in SHOWN_BY_PORTAL else figure
        for figure in hooks.collect(hooks.HOME_FIGURES, request)
    ]
    closing = list(figures.open_competitions())
    context = {
        "stats": {"public": kept["public"], "active": kept["active"]},
        "funding": funding,
        "figures": figures_of_apps,
        "shown_by_portal": SHOWN_BY_PORTAL if funding.year else (),
        "closing": closing,
        "open_count": figures.open_competition_count() if closing else 0,
    }
    return render(request, "portal/home.html", context)


def _latest_year(figure, funding):
    """Tenders' figure of this year's funding, counted for the latest year that has any."""
    if funding.year is None:
        return figure
    value = funding.projects if figure.key == "tenders-projects" else funding.total
    return dataclasses.replace(figure, value=value)


def statistics(request):
    """Every app's figures as charts with their tables beside them, and a CSV of each."""
    tables = list(stats.tables().values())
    for table in tables:
        title = table.title
        if table.chart == "column" and table.extra.get("totals"):
            rows = [(str(year), total) for year, total in table.extra["totals"]]
            table.svg = charts.column_chart(table.key, title, rows)
        elif table.chart == "column":
            table.svg = charts.column_chart(table.key, title, table.chart_rows())
        elif table.key == "funding-by-region":
            latest = table.rows[0][0] if table.rows else None
            rows = [(str(row[2]), row[4]) for row in table.rows if row[0] == latest]
            table.svg = charts.bar_chart(table.key, f"{title}: {latest}", rows[:20])
        else:
            table.svg = charts.bar_chart(table.key, title, table.chart_rows()[:25])
        table.cells = [_cells(table, row) for row in table.rows]
    return render(request, "portal/stats.html", {"tables": tables})


def _cells(table, row) -> list[tuple[str, bool]]:
    """Each value as shown: numbers grouped in the page's language, years and codes as they are."""
    cells = []
    for column, value in zip(table.columns, row, strict=True):
        if column.numeric and isinstance(value, float):
            cells.append((number_format(value, 1), True))
        elif column.numeric:
            cells.append((number_format(value or 0, force_grouping=True), True))
        else:
            cells.append((str(value), False))
    return cells


def statistics_csv(request, key: str):
    table = stats.tables().get(key)
    if table is None:
        raise Http404
    delimiter = exports.separator(request)
    if delimiter is None:
        return HttpResponseBadRequest("sep")
    return exports.table_response(
        f"{key}.csv", [column.code for column in table.columns], table.rows, delimiter
    )


def open_data(request):
    """What is published, under which licence, each field, and the files of the latest build."""
    document = opendata.manifest()
    files = document["files"] if document else []
    by_dataset: dict[str, list] = {}
    for item in files:
        by_dataset.setdefault(item["dataset"], []).append(item)
    tables = [
        {"dataset": dataset, "files": by_dataset.get(dataset.name, [])}
        for dataset in opendata.datasets.tables()
    ]
    packages = [item for item in files if item["dataset"] in ("ocds", "360giving")]
    return render(
        request,
        "portal/open_data.html",
        {
            "manifest": document,
            "tables": tables,
            "packages": packages,
            "licence": opendata.LICENCE,
            "licence_name": opendata.LICENCE_NAME,
        },
    )


CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
}


def open_data_file(request, name: str):
    """A file of the latest build or of a dated one, as written (never built here)."""
    root = opendata.root().resolve()
    path = (root / name).resolve()
    if root not in path.parents or not path.is_file() or path.name.startswith("."):
        raise Http404
    response = FileResponse(path.open("rb"), content_type=CONTENT_TYPES.get(path.suffix))
    response["Content-Disposition"] = f'attachment; filename="{path.name}"'
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


# Pages a crawler has no business in: personal, staff, account pages and heavy exports.
ROBOTS_DISALLOW = ("/*/staff/", "/*/my/", "/*/accounts/", "/admin/", "/*/admin/", "/*/ngos/export")


def robots(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@staff_view(integrity.may_see)
def integrity_flags(request):
    """The integrity flags in the official's scope, each with its evidence."""
    return render(request, "portal/staff/integrity.html", {"kinds": integrity.flags(request.user)})


@login_required
def alert_list(request):
    """The person's alerts, a form to save a search of competitions or follow a thing."""
    if request.method == "POST":
        data = request.POST
        params = {name: data.get(name, "").strip() for name in alerts.SEARCH_FILTERS}
        try:
            alerts.follow(
                request.user,
                data.get("kind", ""),
                data.get("key", "").strip(),
                params if data.get("kind") == Alert.Kind.SEARCH else None,
                data.get("frequency", Alert.Frequency.DAILY),
            )
        except alerts.AlertError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved: you will be told by email."))
        target = data.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
            return redirect(target)
        return redirect("portal:alerts")
    own = list(request.user.alerts.filter(active=True))
    for alert in own:
        alert.name, alert.url = alerts.describe(alert)
    return render(
        request,
        "portal/alerts.html",
        {
            "alerts": own,
            "frequencies": Alert.Frequency.choices,
            "kinds": [c for c in Alert.Kind.choices if c[0] != Alert.Kind.SEARCH],
            "regions": Region.objects.current().top_level(),
            "areas": ActivityArea.objects.all(),
            "mechanisms": Competition.Mechanism.choices,
            "verified": request.user.email_verified,
        },
    )


def unsubscribe(request, token: str):
    """One click, no login: the alert of the email's link stops."""
    alert = Alert.objects.filter(token=token).first()
    if alert is None:
        raise Http404
    if request.method == "POST":
        alerts.unsubscribe(token)
        alert.active = False
    name, _url = alerts.describe(alert)
    return render(request, "portal/unsubscribe.html", {"alert": alert, "name": name})
