"""An NGO's annual information, filed by its representative: start, fill in, check, file and
correct a report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import (
    AnnualReportForm,
    NewAnnualReportForm,
)
from ..models import (
    AnnualReport,
)
from ..permissions import ngo_for_representative
from .representative import run_service


@login_required
@require_POST
def report_start(request, bin: str):
    ngo = ngo_for_representative(request.user, bin)
    form = NewAnnualReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the year of the report."))
        return redirect("registry:ngo_manage", bin=ngo.bin)
    year = form.cleaned_data["year"]
    report = run_service(
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
        done = run_service(
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
        done = run_service(
            request, lambda: services.submit_annual_report(report, request.user), None
        )
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
    correction = run_service(
        request,
        lambda: services.correct_annual_report(report, request.user),
        _("A correction has been started as a new version; the submitted report is kept."),
    )
    if correction is None:
        return redirect("registry:ngo_manage", bin=report.ngo.bin)
    return redirect("registry:report_edit", bin=report.ngo.bin, pk=correction.pk)
