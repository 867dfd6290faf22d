import datetime
import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import OperationalError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import importer, services
from .models import ImportJob, Notification

IMPORT_LOCK = 7301  # the advisory-lock class of register imports (the job id is the object)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def mark_passive_ngos() -> int:
    """Daily: NGOs that filed no annual information for last year become passive (idempotent)."""
    return services.mark_passive_ngos()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def import_register(job_id: int, language: str | None = None) -> None:
    """Run one register import in the uploader's language, once however often it is delivered.

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
            importer.run_import(job)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [IMPORT_LOCK, job_id])


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


logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, retry_backoff=True)
def deliver_notification(self, notification_id: int) -> bool:
    """Send one notification by email; a second delivery of the same one sends nothing."""
    from . import events

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        event = events.get(notification.event)
        with translation.override(notification.language):
            context = {**notification.context, "recipient": notification.recipient}
            subject = render_to_string(f"{event.template}_subject.txt", context).strip()
            body = render_to_string(f"{event.template}.txt", context)
        notification.attempts += 1
        try:
            send_mail(subject, body, None, [notification.recipient.email])
        except (OSError, smtplib.SMTPException) as error:
            notification.last_error = str(error)[:1000]
            notification.save(update_fields=["attempts", "last_error"])
            logger.warning("notification %s not sent: %s", notification_id, error)
            failed = error
        else:
            notification.sent_at = timezone.now()
            notification.last_error = ""
            notification.save(update_fields=["attempts", "last_error", "sent_at"])
            return True
    raise self.retry(exc=failed)
