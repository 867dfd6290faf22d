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

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import translation

from .models import Notification


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


def emit(event: EventType, *, key: str, recipients, actor=None, context=None) -> list:
    """Record the event for each recipient (once per key) and deliver it after the commit."""
    from . import tasks

    language = translation.get_language() or "kk"
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
            lambda pk=notification.pk: tasks.deliver_notification.delay(pk), robust=True
        )
    return created
