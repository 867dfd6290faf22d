"""Staff screens for importing NGO registers: upload a file, follow its job, confirm a dry run.

Officials who may add or change NGOs use them; everyone else is sent to log in or refused.
"""

import csv
import tempfile
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from . import importer
from .exports import cell
from .imports.report import describe
from .models import ImportJob
from .permissions import may_import, visible_import_jobs

REPORT_PAGE_SIZE = 200


class RegisterUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Register file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: check the file and show what would change, save nothing"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV (UTF-8 or Windows-1251, “;” or “,”) or XLSX, at most %(limit)s. The first row "
            "is the header, in Kazakh, Russian or English."
        ) % {"limit": filesizeformat(settings.MAX_UPLOAD_BYTES)}


def importer_required(view):
    """Anonymous users are sent to log in; signed-in users without the right get 403."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_import(request.user):
            raise PermissionDenied(_("Only ministry officials may import registers."))
        return view(request, *args, **kwargs)

    return guarded


@importer_required
def upload(request):
    posted = request.method == "POST"
    form = RegisterUploadForm(request.POST, request.FILES) if posted else RegisterUploadForm()
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            job = importer.start_import(data["file"], request.user, data["dry_run"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("imports:job", pk=job.pk)
    jobs = visible_import_jobs(request.user).select_related("created_by")[:20]
    return render(request, "registry/import/upload.html", {"form": form, "jobs": jobs})


@importer_required
def job_detail(request, pk):
    """The job and one page of its report, read from the database page by page."""
    jobs = visible_import_jobs(request.user).select_related("created_by")
    job = get_object_or_404(jobs, pk=pk)
    running = job.status in (ImportJob.Status.PENDING, ImportJob.Status.RUNNING)
    finished_rows = job.created_count + job.updated_count + job.refused_count
    report = Paginator(job.issues.all(), REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    report.object_list = describe(report.object_list)
    context = {
        "job": job,
        "running": running,
        "unchanged_count": max(job.total_rows - finished_rows, 0),
        "report": report,
        "listed_per_kind": settings.IMPORT_REPORT_FAULTS_PER_KIND,
        "unlisted_faults": job.unlisted_faults if job.status == ImportJob.Status.DONE else 0,
        "may_run_for_real": job.dry_run and job.status == ImportJob.Status.DONE,
    }
    return render(request, "registry/import/job.html", context)


@importer_required
def refused_rows(request, pk):
    """The refused rows as a file like the one uploaded, with the reasons in a last column."""
    job = get_object_or_404(
        visible_import_jobs(request.user), pk=pk, status=ImportJob.Status.DONE, refused_count__gt=0
    )
    delimiter, header, rows = importer.refused_rows(job)
    filename = f"refused-{job.original_name}"
    if delimiter is not None:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=delimiter, quoting=csv.QUOTE_ALL)
        writer.writerow([cell(value) for value in header])
        writer.writerows([cell(value) for value in row] for row in rows)
        return response
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for values in [header, *rows]:
        sheet.append([_text_cell(sheet, value) for value in values])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename)


def _text_cell(sheet, value):
    """Text stays text in the workbook: a value starting with = is never made a formula."""
    if not isinstance(value, str):
        return value
    written = WriteOnlyCell(sheet, value=value)
    written.data_type = "s"
    return written


@importer_required
@require_POST
def run_for_real(request, pk):
    dry_run = get_object_or_404(
        visible_import_jobs(request.user), pk=pk, dry_run=True, status=ImportJob.Status.DONE
    )
    job = importer.start_real_run(dry_run, request.user)
    messages.success(request, _("The import of “%(name)s” has started.") % {"name": job})
    return redirect("imports:job", pk=job.pk)
