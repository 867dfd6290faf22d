"""The one place that names the product's events and fans each out to the audit log and email.

Apps define their events once (at import of their services) and emit them from the service
function that changes the state; views never send mail:

    from registry import events

    APPLICATION_RECEIVED = events.define(
        "tenders.application_received", "tenders/email/application_received"
    )
    events.emit(APPLICATION_RECEIVED, key=application.number, recipients=users,
                actor=user, context={"number": application.number, ...})

`emit` writes one `Notification` per recipient (the audit row: what was said, to whom, when,
on whose action) and queues its delivery when the transaction commits. The same event with the
same key reaches a person once, however often it is emitted; delivery is a Celery task that
retries and never sends twice. A failed mail never fails the request that emitted it.
The templates `<template>_subject.txt` and `<template>.txt` get the context, rendered in the
language the event was emitted in.
"""

import logging
import smtplib
from dataclasses import dataclass

from celery import shared_task
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventType:
    name: str
    template: str


_types: dict[str, EventType] = {}


def define(name: str, template: str) -> EventType:
    event = EventType(name, template)
    if _types.setdefault(name, event) != event:
        raise ValueError(f"Event {name!r} is already defined with another template")
    return event


def get(name: str) -> EventType:
    return _types[name]


def emit(
    event: EventType, *, key: str, recipients, actor=None, context=None, language=None
) -> list:
    """Record the event for each recipient (once per key) and deliver it after the commit.

    The message is in `language`, by default the one the event was emitted in.
    """
    language = language or translation.get_language() or "kk"
    created = []
    for user in {user.pk: user for user in recipients if user.email}.values():
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    event=event.name,
                    key=key,
                    recipient=user,
                    actor=actor,
                    context=context or {},
                    language=language,
                )
        except IntegrityError:
            continue  # already told: emitting again is harmless
        created.append(notification)
        transaction.on_commit(
            lambda pk=notification.pk: deliver_notification.delay(pk), robust=True
        )
    return created


@shared_task(
    name="registry.tasks.deliver_notification", bind=True, max_retries=5, retry_backoff=True
)
def deliver_notification(self, notification_id: int) -> bool:
    """Send one notification by email; a second delivery of the same one sends nothing."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        event = get(notification.event)
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


# The registry's own events.
CLAIM_DECIDED = define("registry.claim_decided", "registry/email/claim_decision")
