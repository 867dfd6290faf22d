from celery import shared_task
from django.db import OperationalError
from django.utils import translation

from . import importer, services
from .models import ImportJob


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def mark_passive_ngos() -> int:
    """Daily: NGOs that filed no annual information for last year become passive (idempotent)."""
    return services.mark_passive_ngos()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def import_register(job_id: int, language: str | None = None) -> None:
    """Run one register import in the uploader's language.

    A redelivered task finds its job finished and does nothing; a job left running by a lost
    connection starts again from the top, which is safe because its writes are all-or-nothing.
    """
    job = (
        ImportJob.objects.filter(pk=job_id)
        .exclude(status__in=[ImportJob.Status.DONE, ImportJob.Status.FAILED])
        .first()
    )
    if job is None:
        return
    with translation.override(language):
        importer.run_import(job)
