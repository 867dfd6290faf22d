"""The registry's Celery tasks: the daily passive marking and the re-queueing of stored work.

The import job (`import_register`) and the delivery of a notification (`deliver_notification`)
live with their mechanisms (registry.imports.jobs, registry.events) and are named here, where
Celery's autodiscovery finds them.
"""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from . import services
from .events import deliver_notification
from .imports.jobs import IMPORT_LOCK, import_register
from .models import ImportJob, Notification

__all__ = [
    "IMPORT_LOCK",
    "deliver_notification",
    "import_register",
    "mark_passive_ngos",
    "queue_waiting_work",
]


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def mark_passive_ngos() -> int:
    """Daily: NGOs that filed no annual information for last year become passive (idempotent)."""
    return services.mark_passive_ngos()


@shared_task
def queue_waiting_work() -> int:
    """Every minute: queue again what was stored but never reached a worker.

    Uploads and notifications are rows first and tasks second; when the broker was down at the
    moment of queueing, the row waits here and is queued once the broker answers again. Both
    tasks do nothing when the work is already done, so a second message is harmless.
    """
    since = timezone.now() - datetime.timedelta(seconds=settings.REQUEUE_AFTER_SECONDS)
    jobs = ImportJob.objects.filter(status=ImportJob.Status.PENDING, created_at__lt=since)
    notifications = Notification.objects.filter(
        sent_at__isnull=True, attempts=0, created_at__lt=since
    )
    count = 0
    for pk in jobs.values_list("pk", flat=True):
        import_register.delay(pk)
        count += 1
    for pk in notifications.values_list("pk", flat=True):
        deliver_notification.delay(pk)
        count += 1
    return count
