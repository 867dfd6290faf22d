import logging
import smtplib

from celery import shared_task
from django.core.mail import send_mail
from django.db import OperationalError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

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


logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, retry_backoff=True)
def deliver_notification(self, notification_id: int) -> bool:
    """Send one notification by email; a second delivery of the same one sends nothing."""
    from . import events
    from .models import Notification

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
