"""Registration as a participant meets it: a place, the waiting list, the refusals."""

import pytest

from forums import services
from forums.models import Registration, Section
from forums.tests.factories import event, organiser, representative
from registry.models import Notification, StateBody
from registry.tests.factories import NGOFactory, OfficialFactory, UserFactory, region

pytestmark = pytest.mark.django_db
Status = Registration.Status


def register(evt, user=None, ngo=None, **kwargs):
    if user is None:
        user, ngo = representative()
    return services.register(evt, user, kind="ngo", ngo=ngo, consent=True, **kwargs)


def test_places_are_confirmed_until_full_then_the_waiting_list_takes_over():
    evt = event(capacity=2)
    first, second, third = (register(evt) for _ in range(3))
    assert [r.status for r in (first, second, third)] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITING,
    ]
    assert evt.registrations.confirmed().count() == 2
    events = Notification.objects.filter(recipient=third.user).values_list("event", flat=True)
    assert list(events) == ["forums.registration_waiting"]
    assert Notification.objects.filter(
        recipient=first.user, event="forums.registration_confirmed", key=first.code
    ).exists()


def test_a_cancellation_promotes_the_first_in_the_queue():
    evt = event(capacity=1)
    holder, first_waiting, second_waiting = (register(evt) for _ in range(3))
    promoted = services.cancel(holder, holder.user)
    assert promoted == [first_waiting]
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Status.CONFIRMED
    assert second_waiting.status == Status.WAITING
    assert Notification.objects.filter(
        recipient=first_waiting.user, event="forums.registration_confirmed"
    ).exists()


def test_raising_the_capacity_lets_the_waiting_list_in_in_order():
    evt = event(capacity=1)
    registrations = [register(evt) for _ in range(4)]
    services.set_capacity(evt, 3, organiser())
    statuses = [Registration.objects.get(pk=r.pk).status for r in registrations]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITING]


def test_the_capacity_cannot_drop_below_the_confirmed_places():
    evt = event(capacity=3)
    register(evt), register(evt)
    with pytest.raises(services.ForumError, match="2 participants are already confirmed"):
        services.set_capacity(evt, 1, organiser())


def test_a_section_and_a_regional_quota_are_capacities_too():
    evt = event(capacity=10)
    section = Section.objects.create(event=evt, position=1, title="Youth", capacity=1)
    assert register(evt, section=section).status == Status.CONFIRMED
    assert register(evt, section=section).status == Status.WAITING
    assert register(evt).status == Status.CONFIRMED  # no section: the event has room
    services.set_quota(evt, region("390000000"), 1, organiser())
    user, ngo = representative(region=region("390000000"))
    assert register(evt, user, ngo).status == Status.CONFIRMED
    user, ngo = representative(region=region("390000000"))
    late = register(evt, user, ngo)
    assert late.status == Status.WAITING and late.region.kato == "390000000"
    services.set_quota(evt, region("390000000"), 2, organiser())
    late.refresh_from_db()
    assert late.status == Status.CONFIRMED


def test_a_duplicate_registration_is_refused():
    evt = event(capacity=5)
    user, ngo = representative()
    first = register(evt, user, ngo)
    with pytest.raises(services.ForumError) as refused:
        register(evt, user, ngo)
    assert refused.value.message == (
        f"You are already registered for this event (registration {first.code})."
    )
    assert evt.registrations.count() == 1


def test_after_a_cancellation_one_may_register_again():
    evt = event(capacity=5)
    user, ngo = representative()
    services.cancel(register(evt, user, ngo), user)
    assert register(evt, user, ngo).status == Status.CONFIRMED


def test_a_representative_cannot_register_for_another_ngo():
    evt = event(capacity=5)
    user, _own = representative()
    other = NGOFactory(name_en="Other NGO")
    with pytest.raises(services.ForumError) as refused:
        register(evt, user, other)
    assert "you are not a representative of" in refused.value.message
    assert not evt.registrations.exists()


def test_an_official_registers_for_their_own_body_and_an_expert_with_a_region():
    evt = event(capacity=5)
    official = OfficialFactory()
    mine = official.state_bodies.first()
    registration = services.register(evt, official, kind="official", state_body=mine, consent=True)
    assert registration.state_body == mine and registration.region is None
    other = StateBody.objects.get(code="moh")
    with pytest.raises(services.ForumError, match="state body they work for"):
        services.register(evt, OfficialFactory(), kind="official", state_body=other, consent=True)
    expert = services.register(
        evt,
        UserFactory(),
        kind="expert",
        affiliation="Nazarbayev University",
        region=region("710000000"),
        consent=True,
    )
    assert expert.region.kato == "710000000"


def test_consent_and_required_answers_are_asked_for():
    evt = event(capacity=5)
    evt.questions.create(position=1, text="What will you propose?", required=True)
    user, ngo = representative()
    with pytest.raises(services.ForumError, match="consent"):
        services.register(evt, user, kind="ngo", ngo=ngo, consent=False)
    with pytest.raises(services.ForumError, match="What will you propose"):
        register(evt, user, ngo)
    done = register(evt, user, ngo, answers={"1": "Grants for rural NGOs"})
    assert done.answers == {"1": "Grants for rural NGOs"}


def test_attendance_by_list_and_by_the_signed_code_of_the_confirmation():
    evt = event(capacity=1)
    confirmed, waiting = register(evt), register(evt)
    staff = organiser()
    services.check_in(confirmed.token, staff)
    confirmed.refresh_from_db()
    assert confirmed.attended_at is not None and confirmed.attendance_by == staff
    with pytest.raises(services.ForumError, match="already been checked in"):
        services.check_in(confirmed.token, staff)
    with pytest.raises(services.ForumError, match="not a valid confirmation"):
        services.check_in(confirmed.token[:-2] + "xx", staff)
    with pytest.raises(services.ForumError, match="not confirmed"):
        services.mark_attendance(waiting, staff)
    with pytest.raises(services.ForumError, match="Only the organisers"):
        services.mark_attendance(confirmed, OfficialFactory())


def test_a_local_organiser_runs_only_their_regions_events():
    from accounts import roles

    almaty = event(capacity=1)
    local = OfficialFactory(
        role=roles.FORUM_ORGANISER, body=StateBody.objects.get(code="akimat-390000000")
    )
    with pytest.raises(services.ForumError, match="Only the organisers"):
        services.set_capacity(almaty, 5, local)


def test_messages_are_translated():
    from django.utils import translation

    evt = event(capacity=5)
    user, ngo = representative()
    register(evt, user, ngo)
    with translation.override("ru"), pytest.raises(services.ForumError) as refused:
        register(evt, user, ngo)
    assert "уже зарегистрированы" in refused.value.message
