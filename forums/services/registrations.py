"""Registration for events: capacity, regional quotas, the waiting list, attendance.

Every function that confirms somebody first locks the event's row (`select_for_update`), so two
registrations at the same moment are counted one after the other and an event (or a section, or
a region's quota) is never over its capacity, whatever the number of requests.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import events, permissions
from ..models import Event, RegionQuota, Registration, Section
from .base import ForumError, unique_or_error

Status = Registration.Status


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def top_region(region):
    """The oblast or city of republican significance a district belongs to."""
    while region is not None and region.parent_id is not None:
        region = region.parent
    return region


def _fits(event: Event, section: Section | None, region, confirmed) -> bool:
    """Room for one more confirmed participant; `confirmed` is the event's confirmed queryset.
    Called with the event's row locked."""
    if event.capacity is not None and confirmed.count() >= event.capacity:
        return False
    if (
        section is not None
        and section.capacity is not None
        and confirmed.filter(section=section).count() >= section.capacity
    ):
        return False
    if region is not None:
        quota = RegionQuota.objects.filter(event=event, region=region).first()
        if quota is not None and confirmed.filter(region=region).count() >= quota.seats:
            return False
    return True


def _next_code(event: Event) -> str:
    taken = Registration.objects.filter(event=event).count()
    return f"{event.code}-{taken + 1:04d}"


def _check_answers(event: Event, answers: dict) -> dict:
    kept = {}
    for question in event.questions.all():
        answer = str(answers.get(str(question.position), "")).strip()
        if question.required and not answer:
            raise ForumError(
                _("Please answer the question “%(question)s”.") % {"question": question.text}
            )
        if answer:
            kept[str(question.position)] = answer[:2000]
    return kept


def _participant(user, kind, ngo, state_body, affiliation, region):
    """Who the participant stands for and the region they count in; refusals in words."""
    if kind == Registration.Kind.NGO:
        if ngo is None:
            raise ForumError(_("Choose the NGO you represent."))
        if not permissions.may_register_for(user, ngo):
            raise ForumError(
                _(
                    "You may register only for an organisation you represent; "
                    "you are not a representative of %(name)s."
                )
                % {"name": ngo.name}
            )
        return ngo, None, "", top_region(ngo.region)
    if kind == Registration.Kind.OFFICIAL:
        if state_body is None or not permissions.may_register_for_body(user, state_body):
            raise ForumError(_("An official registers for a state body they work for."))
        return None, state_body, "", top_region(state_body.region)
    if kind == Registration.Kind.EXPERT:
        if not affiliation.strip():
            raise ForumError(_("Name the organisation you work for."))
        if region is None:
            raise ForumError(_("Choose the region you come from."))
        return None, None, affiliation.strip(), top_region(region)
    raise ForumError(_("Choose how you take part."))


@transaction.atomic
def register(
    event: Event,
    user,
    *,
    kind: str,
    consent: bool,
    ngo=None,
    state_body=None,
    affiliation: str = "",
    region=None,
    section: Section | None = None,
    answers: dict | None = None,
    full_name: str = "",
    now=None,
) -> Registration:
    """A place at the event if there is room (capacity, section, regional quota), otherwise a
    place on the waiting list; the participant is told which by email."""
    now = now or timezone.now()
    if not user.is_authenticated:
        raise ForumError(_("Log in to register."))
    event = _lock(event)
    if not event.accepts_registrations(now):
        raise ForumError(_("Registration for this event is not open."))
    if section is not None and section.event_id != event.pk:
        raise ForumError(_("This section belongs to another event."))
    if not consent:
        raise ForumError(
            _("Registration needs your consent to the processing of your personal data.")
        )
    ngo, state_body, affiliation, region = _participant(
        user, kind, ngo, state_body, affiliation, region
    )
    existing = Registration.objects.active().filter(event=event, user=user).first()
    if existing is not None:
        raise ForumError(
            _("You are already registered for this event (registration %(code)s).")
            % {"code": existing.code}
        )
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED)
    status = Status.CONFIRMED if _fits(event, section, region, confirmed) else Status.WAITING
    registration = Registration(
        code=_next_code(event),
        event=event,
        section=section,
        user=user,
        full_name=(full_name or user.get_full_name()).strip()[:200],
        kind=kind,
        ngo=ngo,
        state_body=state_body,
        affiliation=affiliation,
        region=region,
        answers=_check_answers(event, answers or {}),
        consent_at=now,
        status=status,
        confirmed_at=now if status == Status.CONFIRMED else None,
    )
    unique_or_error(
        lambda: registration.save(),
        _("You are already registered for this event."),
    )
    announced = (
        events.REGISTRATION_CONFIRMED if status == Status.CONFIRMED else events.REGISTRATION_WAITING
    )
    events.registration_event(announced, registration, user)
    return registration


def promote(event: Event, actor=None, now=None) -> list[Registration]:
    """Confirm people from the waiting list, first come first served, while there is room.

    Someone whose section or regional quota is still full keeps their place in the queue; the
    next one who fits is confirmed. Call with the event's row locked (the services do).
    """
    now = now or timezone.now()
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED)
    promoted = []
    for waiting in (
        Registration.objects.filter(event=event)
        .waiting()
        .select_related("section", "user", "event")
    ):
        if event.capacity is not None and confirmed.count() >= event.capacity:
            break
        if not _fits(event, waiting.section, waiting.region, confirmed):
            continue
        waiting.status = Status.CONFIRMED
        waiting.confirmed_at = now
        waiting.save(update_fields=["status", "confirmed_at"])
        events.registration_event(events.REGISTRATION_CONFIRMED, waiting, actor)
        promoted.append(waiting)
    return promoted


@transaction.atomic
def cancel(registration: Registration, by, now=None) -> list[Registration]:
    """The participant (or an organiser) gives up the place; the first who fits takes it.
    Returns the registrations promoted from the waiting list."""
    now = now or timezone.now()
    event = _lock(registration.event)
    registration = Registration.objects.select_related("event", "user").get(pk=registration.pk)
    if not permissions.may_see_registration(by, registration):
        raise ForumError(_("You may cancel only your own registration."))
    if registration.status == Status.CANCELLED:
        raise ForumError(_("This registration is already cancelled."))
    if registration.attended_at is not None:
        raise ForumError(_("The participant has attended; the registration cannot be cancelled."))
    was_confirmed = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    events.registration_event(events.REGISTRATION_CANCELLED, registration, by)
    return promote(event, by, now) if was_confirmed else []


def _require_manager(user, event) -> None:
    if not permissions.may_manage_event(user, event):
        raise ForumError(_("Only the organisers of this event may do this."))


def _check_capacity(capacity, taken: int) -> None:
    if capacity is not None and capacity < taken:
        raise ForumError(
            _(
                "%(taken)s participants are already confirmed; the capacity cannot be "
                "lower than that. Cancel registrations first."
            )
            % {"taken": taken}
        )


@transaction.atomic
def set_capacity(event: Event, capacity: int | None, by) -> list[Registration]:
    """A new capacity of the event; raised, it lets the waiting list in."""
    _require_manager(by, event)
    event = _lock(event)
    _check_capacity(capacity, event.registrations.confirmed().count())
    event.capacity = capacity
    event.save(update_fields=["capacity", "updated_at"])
    return promote(event, by)


@transaction.atomic
def set_section_capacity(section: Section, capacity: int | None, by) -> list[Registration]:
    _require_manager(by, section.event)
    event = _lock(section.event)
    _check_capacity(capacity, section.registrations.confirmed().count())
    Section.objects.filter(pk=section.pk).update(capacity=capacity)
    return promote(event, by)


@transaction.atomic
def set_quota(event: Event, region, seats: int | None, by) -> list[Registration]:
    """At most `seats` confirmed participants from the region; None removes the quota."""
    _require_manager(by, event)
    event = _lock(event)
    if seats is None:
        RegionQuota.objects.filter(event=event, region=region).delete()
    else:
        _check_capacity(seats, event.registrations.confirmed().filter(region=region).count())
        RegionQuota.objects.update_or_create(event=event, region=region, defaults={"seats": seats})
    return promote(event, by)


@transaction.atomic
def mark_attendance(registration: Registration, by, attended: bool = True, now=None):
    """Attendance from the organisers' list (or a scanned confirmation): confirmed places only."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    _require_manager(by, registration.event)
    if registration.status != Status.CONFIRMED:
        raise ForumError(
            _("Registration %(code)s is not confirmed; only confirmed participants attend.")
            % {"code": registration.code}
        )
    registration.attended_at = (now or timezone.now()) if attended else None
    registration.attendance_by = by if attended else None
    registration.save(update_fields=["attended_at", "attendance_by"])
    return registration


def check_in(token: str, by, now=None) -> Registration:
    """The QR code of a confirmation, scanned at the door: the signed registration number."""
    code = Registration.code_from_token(token)
    registration = Registration.objects.filter(code=code).first() if code else None
    if registration is None:
        raise ForumError(_("This code is not a valid confirmation of a registration."))
    if registration.attended_at is not None:
        raise ForumError(
            _("%(name)s (%(code)s) has already been checked in.")
            % {"name": registration.full_name, "code": registration.code}
        )
    return mark_attendance(registration, by, True, now)
