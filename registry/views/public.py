"""The public register: the directory with its filters and exports, and an NGO's page."""

import hashlib

from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from config.cache import per_generation

from .. import exports, hooks
from ..filters import NGOApiFilter, NGOFilter
from ..models import (
    NGO,
    ActivityArea,
    AnnualReport,
    Membership,
    ResourceCentre,
    report_year_due,
)
from ..names import OwnName, name_in
from ..search import SearchPaginator, suggestions

PAGE_SIZES = (20, 50, 100)
MEMBERS_SHOWN = 50  # an umbrella association may have hundreds; the page names the first ones
NAME_FIELDS = ("name", "name_kk", "name_ru", "name_en")


def directory_queryset(params, filterset_class=NGOFilter):
    ngos = (
        NGO.objects.public()
        .select_related("region", "legal_form")
        .defer("search_document", "name_document")
    )
    return filterset_class(params, queryset=ngos)


def with_own_names(ngos):
    """Each NGO with `own_name`, the name people call it by, in the page's language."""
    return ngos.annotate(own_name=OwnName(name_in(get_language())))


def _page_size(request) -> int:
    try:
        size = int(request.GET.get("page_size", PAGE_SIZES[0]))
    except ValueError:
        return PAGE_SIZES[0]
    return size if size in PAGE_SIZES else PAGE_SIZES[0]


# What a link back to the directory may carry: its filters and place, nothing else.
DIRECTORY_PARAMS = ("q", *(n for n in NGOFilter.base_filters if n != "q"), "page", "page_size")


def directory_query(params) -> str:
    """The directory's own parameters from `params` (a QueryDict or a query string), encoded."""
    if isinstance(params, str):
        params = QueryDict(params[:2000])
    kept = QueryDict(mutable=True)
    for name in DIRECTORY_PARAMS:
        value = params.get(name, "")[:200]
        if value:
            kept[name] = value
    return kept.urlencode()


def filter_fields(filterset) -> str:
    """The directory's filter lists (region, area, legal form, kind, status, year, funding, sort)
    as HTML. Rendering them cost a third of a directory page, and with the same values chosen
    they are the same for every visitor: kept per language and generation of the public data."""
    form = filterset.form

    def render() -> str:
        return render_to_string("registry/_directory_filters.html", {"f": form})

    if form.errors:
        return render()
    chosen = repr(sorted((name, form.data.get(name, "")) for name in form.fields if name != "q"))
    digest = hashlib.sha256(chosen.encode()).hexdigest()
    return mark_safe(per_generation(f"directory-filters:{get_language()}:{digest}", render))


def directory(request):
    """An invalid filter is refused (400, the reason beside the field), as in the API."""
    filterset = directory_queryset(request.GET)
    valid = filterset.is_valid()
    ngos = with_own_names(filterset.qs if valid else NGO.objects.none())
    ngos = ngos.prefetch_related(
        Prefetch("activity_areas", queryset=ActivityArea.objects.order_by("position"))
    )
    page = SearchPaginator(ngos, _page_size(request)).get_page(request.GET.get("page"))
    typed = request.GET.get("q", "") if valid else ""
    head = typed.rstrip()[: -len(typed.split()[-1])] if typed.split() else ""
    filters_used = sum(
        1 for name in filterset.form.fields if name not in ("q", "sort") and request.GET.get(name)
    )
    return render(
        request,
        "registry/directory.html",
        {
            "filter": filterset,
            "filter_fields": filter_fields(filterset),
            "page": page,
            "page_sizes": PAGE_SIZES,
            "approximate": "approximate" in ngos.query.annotations,
            "filters_used": filters_used,
            "back": directory_query(request.GET),
            # The words the search box would offer as one types, as links (no script needed).
            "suggested": [
                (word, head + word)
                for word in suggestions(typed)
                if word != typed.split()[-1].lower()
            ],
        },
        status=200 if valid else 400,
    )


def filter_errors(filterset) -> str:
    return "\n".join(
        f"{filterset.form.fields[name].label}: {' '.join(errors)}"
        if name in filterset.form.fields
        else " ".join(errors)
        for name, errors in filterset.errors.items()
    )


def directory_export(request, fmt: str):
    """The current filtered result as CSV or XLSX, written row by row."""
    if exports.over_limit(request):
        return HttpResponse(
            _("Too many downloads from your address; try again in a minute."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    filterset = directory_queryset(request.GET, NGOApiFilter)
    if not filterset.is_valid():
        return HttpResponse(
            filter_errors(filterset), status=400, content_type="text/plain; charset=utf-8"
        )
    ngos = filterset.qs
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        delimiter = exports.separator(request)
        if delimiter is None:
            return HttpResponse(
                _("Choose “;” or “,” as the separator."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        response = StreamingHttpResponse(
            exports.csv_rows(ngos, delimiter), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="ngos-{stamp}.csv"'
        return response
    return exports.xlsx_response(ngos, f"ngos-{stamp}.xlsx")


def report_figures(reports) -> list[tuple[str, list]]:
    """Rows of the public figures table: income, its total, expenses, their total, people."""

    def row(name):
        field = AnnualReport._meta.get_field(name)
        return field.verbose_name, [getattr(r, name) for r in reports]

    return [
        *map(row, AnnualReport.INCOME_FIELDS),
        (_("total income, ₸"), [r.total_income for r in reports]),
        *map(row, AnnualReport.EXPENSE_FIELDS),
        (_("total expenses, ₸"), [r.total_expenses for r in reports]),
        *map(row, AnnualReport.COUNT_FIELDS),
        row("member_count"),
        row("property_value"),
    ]


def spending(reports) -> dict | None:
    """Where the money went in the latest year that says so, each category with its share."""
    report = next((r for r in reports if r.total_expenses), None)
    if report is None:
        return None
    total = report.total_expenses
    return {
        "report": report,
        "total": total,
        "lines": [
            (
                AnnualReport._meta.get_field(name).verbose_name,
                getattr(report, name) or 0,
                round(100 * (getattr(report, name) or 0) / total),
            )
            for name in AnnualReport.EXPENSE_FIELDS
        ],
    }


def ngo_detail(request, bin: str):
    """The public page of an NGO: a constant number of queries, whatever its history."""
    ngo = get_object_or_404(
        NGO.objects.public()
        .select_related("region", "legal_form")
        .defer("search_document", "name_document")
        .prefetch_related(
            Prefetch("activity_areas", queryset=ActivityArea.objects.order_by("position"))
        )
        .annotate(  # most NGOs have no network: its three lists are then not asked for
            in_associations=Exists(Membership.objects.filter(member=OuterRef("pk"))),
            has_members=Exists(Membership.objects.filter(association=OuterRef("pk"))),
            is_resource_centre=Exists(ResourceCentre.objects.filter(ngo=OuterRef("pk"))),
        ),
        bin=bin,
    )
    back = directory_query(request.GET.get("back", ""))
    # Every submitted version at once: the latest of each year, and the first (on-time) ones.
    latest, first_versions = {}, {}
    for report in ngo.annual_reports.submitted().order_by("-year", "-version"):
        latest.setdefault(report.year, report)
        if report.version == 1:
            first_versions[report.year] = report
    reports = list(latest.values())
    last_year = report_year_due()
    last_report = latest.get(last_year)
    members = Membership.objects.filter(
        association=ngo, member__status__in=NGO.PUBLIC_STATUSES, left_on__isnull=True
    )
    members_shown = (
        list(
            members.select_related("member")
            .only("joined_on", "member__bin", *(f"member__{n}" for n in NAME_FIELDS))
            .order_by("-joined_on", "-id")[:MEMBERS_SHOWN]
        )
        if ngo.has_members
        else []
    )
    completeness = ngo.completeness(reports)
    context = {
        "ngo": ngo,
        "status_explanation": ngo.public_status_explanation(years=set(latest)),
        "directory_url": reverse("registry:directory") + (f"?{back}" if back else ""),
        "areas": ngo.activity_areas.all(),
        "reports": reports,
        "figures": report_figures(reports),
        "overspent": [r for r in reports if r.spent_more_than_received],
        "spending": spending(reports),
        "last_year": last_year,
        "last_report": last_report,
        "filed_on_time": first_versions.get(last_year) and first_versions[last_year].filed_on_time,
        "completeness": completeness,
        "completeness_level": ngo.completeness_level(score=completeness),
        "memberships": (
            Membership.objects.filter(
                member=ngo, association__status__in=NGO.PUBLIC_STATUSES
            ).select_related("association")
            if ngo.in_associations
            else []
        ),
        "members": members_shown,
        "members_count": (
            len(members_shown)
            if len(members_shown) < MEMBERS_SHOWN
            else per_generation(f"members-count:{ngo.pk}", members.count)
        ),
        "resource_centres": (
            ngo.resource_centres.select_related("region") if ngo.is_resource_centre else []
        ),
        "registered_region": ngo.region.name_on(ngo.registered_on),
        "sections": hooks.collect(hooks.NGO_PAGE_SECTIONS, request, ngo),
    }
    return render(request, "registry/ngo_detail.html", context)
