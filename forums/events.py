"""The named events of forums, told to the people concerned through the registry's hub."""

from django.urls import reverse

from registry import events

REGISTRATION_CONFIRMED = events.define(
    "forums.registration_confirmed", "forums/email/registration_confirmed"
)
REGISTRATION_WAITING = events.define(
    "forums.registration_waiting", "forums/email/registration_waiting"
)
REGISTRATION_CANCELLED = events.define(
    "forums.registration_cancelled", "forums/email/registration_cancelled"
)
RECOMMENDATION_ADOPTED = events.define(
    "forums.recommendation_adopted", "forums/email/recommendation_adopted"
)


def registration_context(registration) -> dict:
    event = registration.event
    return {
        "code": registration.code,
        "event": event.title,
        "event_code": event.code,
        "starts_at": event.starts_at.isoformat(),
        "city": event.city,
        "venue": event.venue,
        "section": registration.section.title if registration.section_id else "",
        "url": reverse("forums:registration", args=[registration.code]),
    }


def registration_event(event_type, registration, actor, key_suffix: str = "") -> None:
    """Told once per registration and state: a second promotion of the same one says nothing."""
    events.emit(
        event_type,
        key=f"{registration.code}{key_suffix}",
        recipients=[registration.user],
        actor=actor,
        context=registration_context(registration),
    )


def recommendation_adopted(recommendation, actor) -> None:
    """The officials of the responsible body learn that the forum's plan names them."""
    body = recommendation.responsible_body
    events.emit(
        RECOMMENDATION_ADOPTED,
        key=recommendation.code,
        recipients=list(body.officials.filter(is_active=True)),
        actor=actor,
        context={
            "code": recommendation.code,
            "title": recommendation.title,
            "forum": recommendation.forum.number,
            "body": body.name,
            "deadline": recommendation.plan_item.deadline.isoformat(),
        },
    )
