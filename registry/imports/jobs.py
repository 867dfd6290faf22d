"""Import jobs: stored first, run by a worker (or at once when tasks run eagerly), once."""

from pathlib import Path

from celery import shared_task
from django.db import OperationalError, connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ..import_files import validate_upload
from ..import_report import column_title, message
from ..models import ImportJob, Region
from .base import TabularImport

IMPORT_LOCK = 7301  # the advisory-lock class of imports (the job id is the object)


def importer_of(job: ImportJob) -> TabularImport:
    return TabularImport.kinds[job.kind](job)


def run(job: ImportJob) -> None:
    importer_of(job).run()


@shared_task(
    name="registry.tasks.import_register",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def import_register(job_id: int, language: str | None = None) -> None:
    """Run one import in the uploader's language, once however often it is delivered.

    A session lock on the job keeps a second worker (a redelivery, a re-queue by
    `queue_waiting_work`) out while one runs it; whoever gets the lock next finds the job
    finished and does nothing. A job left running by a lost connection starts again from the
    top, which is safe because its writes are all-or-nothing.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [IMPORT_LOCK, job_id])
        if not cursor.fetchone()[0]:
            return
    try:
        job = (
            ImportJob.objects.filter(pk=job_id)
            .exclude(status__in=[ImportJob.Status.DONE, ImportJob.Status.FAILED])
            .first()
        )
        if job is None:
            return
        with translation.override(language):
            run(job)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [IMPORT_LOCK, job_id])


def queue(job: ImportJob) -> None:
    language = translation.get_language()
    # robust: with the broker down the upload still succeeds; tasks.queue_waiting_work queues it.
    transaction.on_commit(lambda: import_register.delay(job.pk, language), robust=True)


def start(kind: type[TabularImport], file, user, dry_run: bool) -> ImportJob:
    """Store a checked upload as a job of `kind`; its run is queued once the row is committed."""
    validate_upload(file, kind.headers, kind.required)
    job = ImportJob.objects.create(
        kind=kind.kind,
        file=file,
        original_name=Path(file.name).name[:255],
        dry_run=dry_run,
        created_by=user,
    )
    queue(job)
    return job


@transaction.atomic
def start_real_run(dry_run_job: ImportJob, user) -> ImportJob:
    """The real import of a file whose dry run an official has read; once per dry run."""
    ImportJob.objects.select_for_update().get(pk=dry_run_job.pk)
    started = (
        ImportJob.objects.filter(file=dry_run_job.file.name, dry_run=False)
        .exclude(status=ImportJob.Status.FAILED)
        .first()
    )
    if started is not None:
        return started
    job = ImportJob.objects.create(
        kind=dry_run_job.kind,
        file=dry_run_job.file.name,
        original_name=dry_run_job.original_name,
        dry_run=False,
        created_by=user,
    )
    queue(job)
    return job


def refused_rows(job: ImportJob) -> tuple[str | None, list, list]:
    """The refused rows of a job's file as written, each with its reasons in a last column.

    Returns the CSV delimiter (None for a workbook), the header and the rows.
    """
    reasons = dict(job.refusals.values_list("line", "reasons"))
    regions = {region.kato: str(region) for region in Region.objects.all()}
    rows = []
    with job.file.open("rb") as source:
        reader = importer_of(job).read(source)
        for line, cells in reader.records():
            if line in reasons:
                explained = "; ".join(
                    f"{column_title(column)}: {message(code, params, regions)}"
                    for column, code, params in reasons[line]
                )
                rows.append([*cells, explained])
    return reader.delimiter, [*reader.header, _("Reason for refusal")], rows
