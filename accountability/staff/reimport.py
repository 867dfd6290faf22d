"""Re-import of the exported items: upload (always a dry run first), read the report, apply."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from registry import exports
from registry.imports import jobs
from registry.imports.report import describe
from registry.models import ImportJob

from .imports import ItemProgressImport, visible_jobs
from .views import official_view

REPORT_PAGE_SIZE = 200


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("The filled-in file of your items"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "The CSV or XLSX downloaded from this list, at most %(limit)s. It is checked first: "
            "nothing is saved until you have read the report."
        ) % {"limit": filesizeformat(settings.MAX_UPLOAD_BYTES)}


def start_check(file, user) -> ImportJob:
    """The dry run of an uploaded file, stored and queued by the registry's one import job."""
    return jobs.start(ItemProgressImport, file, user, dry_run=True)


@official_view
def upload(request):
    posted = request.method == "POST"
    form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
    if posted and form.is_valid():
        try:
            job = start_check(form.cleaned_data["file"], request.user)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("accountability_staff:import_job", pk=job.pk)
    recent = visible_jobs(request.user)[:20]
    return render(
        request,
        "accountability/staff/import.html",
        {"form": form, "jobs": recent},
        status=400 if posted else 200,
    )


@official_view
def job_detail(request, pk: int):
    job = get_object_or_404(visible_jobs(request.user).select_related("created_by"), pk=pk)
    running = job.status in (ImportJob.Status.PENDING, ImportJob.Status.RUNNING)
    report = Paginator(job.issues.all(), REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    report.object_list = describe(report.object_list)
    finished = job.updated_count + job.refused_count
    context = {
        "job": job,
        "running": running,
        "report": report,
        "unchanged_count": max(job.total_rows - finished, 0),
        "may_apply": job.dry_run and job.status == ImportJob.Status.DONE and job.updated_count,
    }
    return render(request, "accountability/staff/import_job.html", context)


@official_view
@require_POST
def apply(request, pk: int):
    dry_run = get_object_or_404(
        visible_jobs(request.user), pk=pk, dry_run=True, status=ImportJob.Status.DONE
    )
    job = jobs.start_real_run(dry_run, request.user)
    messages.success(request, _("The changes of “%(name)s” are being recorded.") % {"name": job})
    return redirect("accountability_staff:import_job", pk=job.pk)


@official_view
def refused(request, pk: int):
    """The refused rows as a CSV like the export, each with its reasons in a last column."""
    job = get_object_or_404(
        visible_jobs(request.user), pk=pk, status=ImportJob.Status.DONE, refused_count__gt=0
    )
    delimiter, header, rows = jobs.refused_rows(job)
    name = f"refused-{Path(job.original_name).stem}.csv"
    return exports.table_response(name, header, rows, delimiter or ";")
