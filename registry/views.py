"""Public pages of the register (read-only) and the self-service pages of NGO representatives."""

import hashlib
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Prefetch
from django.http import FileResponse, Http404, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.cache import per_generation

from . import exports, hooks, services
from .filters import NGOApiFilter, NGOFilter
from .forms import (
    AnnualReportForm,
    ClaimForm,
    DocumentForm,
    NewAnnualReportForm,
    NewNGOForm,
    NGOProfileForm,
)
from .models import (
    NGO,
    ActivityArea,
    AnnualReport,
    Document,
    Membership,
    ParticularsChange,
    ResourceCentre,
    report_year_due,
)
from .permissions import may_see_documents, ngo_for_representative
from .search import SearchPaginator
from .staff.compare import label

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
    ngos = filterset.qs if valid else NGO.objects.none()
    ngos = ngos.prefetch_related(
        Prefetch("activity_areas", queryset=ActivityArea.objects.order_by("position"))
    )
    page = SearchPaginator(ngos, _page_size(request)).get_page(request.GET.get("page"))
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


@login_required
def my_ngos(request):
    """One line per NGO: where it stands and what to do next."""
    representations = list(
        request.user.representations.select_related("ngo", "ngo__region").order_by("-created_at")
    )
    filed: dict[int, set[int]] = {}
    for ngo_id, year in (
        AnnualReport.objects.submitted()
        .filter(ngo__in=[rep.ngo_id for rep in representations], year__gte=report_year_due())
        .values_list("ngo_id", "year")
    ):
        filed.setdefault(ngo_id, set()).add(year)
    rows = []
    for rep in representations:
        situation = rep.situation(filed.get(rep.ngo_id, set()))
        year = rep.ngo.report_year_open(filed.get(rep.ngo_id, set()))
        rows.append({"rep": rep, "ngo": rep.ngo, "situation": situation, "year": year})
    return render(request, "registry/my_ngos.html", {"rows": rows})


def verified_email_required(view):
    """Acting for an organisation needs a confirmed email: it is how the ministry answers."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.email_verified:
            messages.error(request, _("Confirm your email address first."))
            return redirect("registry:my_ngos")
        return view(request, *args, **kwargs)

    return login_required(guarded)


@verified_email_required
def ngo_create(request):
    # A BIN not found by the claim page comes along, so it need not be typed again.
    form = NewNGOForm(request.POST or None, initial={"bin": request.GET.get("bin", "")[:20]})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_ngo(form, request.user)
        except services.RegistryError as exc:
            form.add_error("bin", exc.message)
        else:
            if isinstance(created, NGO):
                messages.success(request, _("The profile has been saved as a draft."))
                return redirect("registry:ngo_manage", bin=created.bin)
            messages.success(
                request,
                _(
                    "Your request has been sent to the ministry: an official will check who "
                    "represents the organisation with this BIN and write to you."
                ),
            )
            return redirect("registry:my_ngos")
    return render(request, "registry/ngo_form.html", {"form": form, "creating": True})


@verified_email_required
def ngo_claim(request):
    """BIN first; then "Is this your organisation?" with its public name; then the request.

    Only the public register is looked up: whether an unpublished NGO holds a BIN is never shown.
    """
    form = ClaimForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        bin = form.cleaned_data["bin"]
        ngo = NGO.objects.public().select_related("region").filter(bin=bin).first()
        if ngo is None:
            context["not_found"] = bin
        elif "confirm" not in request.POST:
            context["ngo"] = ngo
        else:
            try:
                services.claim_ngo(request.user, bin, form.cleaned_data["position"])
            except services.RegistryError as exc:
                form.add_error("bin", exc.message)
            else:
                messages.success(
                    request, _("Your request has been sent to the ministry for approval.")
                )
                return redirect("registry:my_ngos")
    return render(request, "registry/claim.html", context)


def _manage_page(request, ngo: NGO, document_form=None):
    change = ngo.particulars_changes.order_by("-pk").first()
    if change and change.status not in (
        ParticularsChange.Status.PENDING,
        ParticularsChange.Status.REJECTED,
    ):
        change = None
    context = {
        "ngo": ngo,
        "change": change,
        "change_fields": [label(name) for name in change.values] if change else [],
        "reports": ngo.annual_reports.all(),
        "documents": ngo.documents.all(),
        # The year due now (not the oldest one missing), else last year's.
        "new_report_form": NewAnnualReportForm(
            initial={"year": ngo.report_year_open() or timezone.localdate().year - 1}
        ),
        "document_form": document_form or DocumentForm(),
    }
    return render(request, "registry/manage.html", context)


@login_required
def ngo_manage(request, bin: str):
    return _manage_page(request, ngo_for_representative(request.user, bin))


@login_required
def ngo_edit(request, bin: str):
    ngo = ngo_for_representative(request.user, bin)
    if not ngo.is_editable:
        messages.error(request, _("The profile cannot be edited while it is being verified."))
        return redirect("registry:ngo_manage", bin=ngo.bin)
    pending = ngo.particulars_changes.pending().first()
    initial = pending.values if pending else None
    form = NGOProfileForm(request.POST or None, instance=ngo, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_profile(form, request.user)
        if ngo.particulars_changes.pending().exists():
            messages.success(
                request,
                _(
                    "The profile has been saved. The change of the registered particulars will "
                    "be public once the ministry approves it; until then the register shows the "
                    "verified ones."
                ),
            )
        else:
            messages.success(request, _("The profile has been saved."))
        return redirect("registry:ngo_manage", bin=ngo.bin)
    return render(request, "registry/ngo_form.html", {"form": form, "ngo": ngo, "pending": pending})


def _run(request, action, success: str | None):
    try:
        result = action()
    except services.RegistryError as exc:
        messages.error(request, exc.message)
        return None
    if success:
        messages.success(request, success)
    return result


@login_required
@require_POST
def ngo_submit(request, bin: str):
    ngo = ngo_for_representative(request.user, bin)
    _run(
        request,
        lambda: services.submit_for_verification(ngo, request.user),
        _("The profile has been submitted to the ministry for verification."),
    )
    return redirect("registry:ngo_manage", bin=ngo.bin)


@login_required
@require_POST
def ngo_confirm(request, bin: str):
    ngo = ngo_for_representative(request.user, bin)
    _run(
        request,
        lambda: services.confirm_particulars(ngo, request.user),
        _("You have confirmed that the organisation's data is correct."),
    )
    return redirect("registry:ngo_manage", bin=ngo.bin)


@login_required
@require_POST
def report_start(request, bin: str):
    ngo = ngo_for_representative(request.user, bin)
    form = NewAnnualReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the year of the report."))
        return redirect("registry:ngo_manage", bin=ngo.bin)
    year = form.cleaned_data["year"]
    report = _run(
        request,
        lambda: services.start_annual_report(ngo, year, request.user),
        _("A draft report for %(year)s has been started.") % {"year": year},
    )
    if report is None:
        return redirect("registry:ngo_manage", bin=ngo.bin)
    return redirect("registry:report_edit", bin=ngo.bin, pk=report.pk)


def _report(request, bin: str, pk: int) -> AnnualReport:
    ngo = ngo_for_representative(request.user, bin)
    return get_object_or_404(AnnualReport.objects.select_related("ngo"), ngo=ngo, pk=pk)


def _answers(report: AnnualReport) -> list[dict]:
    """Every answer of the report, as the check page and a submitted report list them."""
    return [
        {
            "name": name,
            "label": AnnualReport._meta.get_field(name).verbose_name,
            "value": getattr(report, name),
            "number": not isinstance(getattr(report, name), str),
        }
        for name in AnnualReport.REPORT_FIELDS
    ]


@login_required
def report_edit(request, bin: str, pk: int):
    """Fill in the figures; "Continue" saves them and leads to the check-your-answers page."""
    report = _report(request, bin, pk)
    if report.status != AnnualReport.Status.DRAFT:
        return render(
            request,
            "registry/report.html",
            {"report": report, "ngo": report.ngo, "answers": _answers(report)},
        )
    # A new report starts empty: a 0 nobody typed would read as a real figure.
    initial = dict.fromkeys(AnnualReport.FIGURE_FIELDS) if report.is_blank else None
    form = AnnualReportForm(request.POST or None, instance=report, initial=initial)
    if request.method == "POST" and form.is_valid():
        check = "continue" in request.POST
        done = _run(
            request,
            lambda: services.save_annual_report(report, form.cleaned_data, request.user, False),
            None if check else _("The draft has been saved."),
        )
        if done is None:
            return redirect("registry:ngo_manage", bin=report.ngo.bin)
        target = "registry:report_check" if check else "registry:report_edit"
        return redirect(target, bin=report.ngo.bin, pk=report.pk)
    return render(
        request, "registry/report.html", {"report": report, "ngo": report.ngo, "form": form}
    )


@login_required
def report_check(request, bin: str, pk: int):
    """Check your answers, then submit: a submitted report can only be corrected by a new one."""
    report = _report(request, bin, pk)
    if report.status != AnnualReport.Status.DRAFT:
        return redirect("registry:report_edit", bin=report.ngo.bin, pk=report.pk)
    if request.method == "POST":
        done = _run(request, lambda: services.submit_annual_report(report, request.user), None)
        if done is None:
            return redirect("registry:ngo_manage", bin=report.ngo.bin)
        return redirect("registry:report_done", bin=report.ngo.bin, pk=report.pk)
    return render(
        request,
        "registry/report_check.html",
        {"report": report, "ngo": report.ngo, "answers": _answers(report)},
    )


@login_required
def report_done(request, bin: str, pk: int):
    report = _report(request, bin, pk)
    if report.status != AnnualReport.Status.SUBMITTED:
        return redirect("registry:report_edit", bin=report.ngo.bin, pk=report.pk)
    return render(request, "registry/report_done.html", {"report": report, "ngo": report.ngo})


@login_required
@require_POST
def report_correct(request, bin: str, pk: int):
    report = _report(request, bin, pk)
    correction = _run(
        request,
        lambda: services.correct_annual_report(report, request.user),
        _("A correction has been started as a new version; the submitted report is kept."),
    )
    if correction is None:
        return redirect("registry:ngo_manage", bin=report.ngo.bin)
    return redirect("registry:report_edit", bin=report.ngo.bin, pk=correction.pk)


@login_required
def document_download(request, pk: int):
    document = get_object_or_404(Document.objects.select_related("ngo"), pk=pk)
    if not may_see_documents(request.user, document.ngo):
        # The same answer as for an id that does not exist: ids must not tell which exist.
        raise Http404
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )


@login_required
@require_POST
def document_upload(request, bin: str):
    ngo = ngo_for_representative(request.user, bin)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        # The page again, with the errors beside the fields and the chosen type kept.
        return _manage_page(request, ngo, document_form=form)
    services.attach_document(
        ngo, form.cleaned_data["kind"], form.cleaned_data["file"], request.user
    )
    messages.success(request, _("The document has been attached."))
    return redirect("registry:ngo_manage", bin=ngo.bin)
