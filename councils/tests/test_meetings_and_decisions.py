"""Meetings, quorum and votes; the body's response; an accepted recommendation followed."""

import datetime

import pytest
from django.utils import timezone

from accountability.models import Item
from councils import services
from councils.models import Decision, Response
from registry.models import Notification

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return factories.council()


@pytest.fixture
def secretary(council):
    return factories.secretary(council)


@pytest.fixture
def members(council, secretary):
    return factories.composed(council, secretary)


def test_quorum_is_computed_from_attendance(council, secretary, members):
    meeting = factories.held_meeting(council, secretary)
    services.record_attendance(meeting, secretary, present=[m.pk for m in members[:8]])
    quorum = meeting.quorum()
    assert (quorum.members, quorum.present, quorum.needed, quorum.reached) == (15, 8, 8, True)


def test_no_decision_without_quorum(council, secretary, members):
    meeting = factories.held_meeting(council, secretary)
    services.record_attendance(meeting, secretary, present=[m.pk for m in members[:7]])
    with pytest.raises(services.CouncilError) as refused:
        services.record_decision(meeting.agenda.first(), secretary, text="Do it", votes_for=7)
    assert str(refused.value) == (
        "No quorum: 7 of 15 members were present, 8 are needed. No decision can be adopted."
    )
    assert not Decision.objects.exists()


def test_more_votes_than_members_present_are_refused(council, secretary, members):
    meeting = factories.held_meeting(council, secretary)
    services.record_attendance(meeting, secretary, present=[m.pk for m in members[:10]])
    with pytest.raises(services.CouncilError) as refused:
        services.record_decision(
            meeting.agenda.first(), secretary, text="Do it", votes_for=9, votes_against=2
        )
    assert str(refused.value) == "11 votes were cast but only 10 members were present."


def test_negative_votes_are_refused(council, secretary, members):
    meeting = factories.held_meeting(council, secretary)
    services.record_attendance(meeting, secretary, present=[m.pk for m in members])
    with pytest.raises(services.CouncilError, match="cannot be negative"):
        services.record_decision(
            meeting.agenda.first(), secretary, text="Do it", votes_for=9, votes_against=-1
        )


def test_a_majority_of_those_present_adopts(council, secretary, members):
    meeting = factories.held_meeting(council, secretary)
    services.record_attendance(meeting, secretary, present=[m.pk for m in members[:10]])
    item = meeting.agenda.first()
    rejected = services.record_decision(item, secretary, text="A", votes_for=5, votes_against=5)
    adopted = services.record_decision(item, secretary, text="B", votes_for=6, votes_against=4)
    assert (rejected.adopted, adopted.adopted) == (False, True)
    assert adopted.code == f"{council.code}-R2"
    assert adopted.response_due == meeting.date + datetime.timedelta(days=30)


def test_attendance_only_of_members_of_the_day(council, secretary, members):
    other = factories.council()
    other.secretaries.add(secretary)
    stranger = factories.member(other, secretary)
    meeting = factories.held_meeting(council, secretary)
    with pytest.raises(services.CouncilError, match="Only members of the council"):
        services.record_attendance(meeting, secretary, present=[stranger.pk])


def test_a_meeting_needs_a_place_or_a_link(council, secretary):
    with pytest.raises(services.CouncilError, match="place of the meeting or its online link"):
        services.schedule_meeting(council, secretary, starts_at=timezone.now())


def test_announcing_needs_an_agenda_and_a_future_date(council, secretary):
    meeting = services.schedule_meeting(
        council,
        secretary,
        starts_at=timezone.now() + datetime.timedelta(days=10),
        online_url="https://meet.example.kz/pc",
    )
    with pytest.raises(services.CouncilError, match="Add the agenda"):
        services.announce_meeting(meeting, secretary)
    services.add_agenda_item(meeting, secretary, title="Budget 2027")
    services.announce_meeting(meeting, secretary)
    meeting.refresh_from_db()
    assert meeting.is_announced


def test_a_secretary_of_another_council_is_refused(council, secretary, members):
    other_secretary = factories.secretary(factories.council())
    meeting = factories.held_meeting(council, secretary)
    for action in (
        lambda: services.schedule_meeting(
            council, other_secretary, starts_at=timezone.now(), place="x"
        ),
        lambda: services.record_attendance(meeting, other_secretary, present=[]),
        lambda: services.record_minutes(meeting, other_secretary, minutes="x"),
        lambda: factories.member(council, other_secretary),
    ):
        with pytest.raises(services.CouncilError) as refused:
            action()
        assert str(refused.value) == "Only a secretary of this council may do this."


def test_adoption_tells_the_bodys_officials(council, secretary, members):
    official = factories.body_official("mci")
    decision = factories.adopted_decision(council, secretary, members)
    assert Notification.objects.filter(
        event="councils.decision_adopted", recipient=official, key=decision.code
    ).exists()


def test_accepted_recommendation_is_followed_to_implementation(council, secretary, members):
    official = factories.body_official("mci")
    decision = factories.adopted_decision(council, secretary, members)
    deadline = datetime.date.today() + datetime.timedelta(days=90)
    response = services.record_response(
        decision, official, outcome=Response.Outcome.ACCEPTED, deadline=deadline
    )
    decision.refresh_from_db()
    item = decision.item
    assert (item.code, item.responsible_body, item.deadline, item.source) == (
        decision.code,
        council.state_body,
        deadline,
        "council",
    )
    assert item.title_en == "Publish the draft budget a month ahead."
    assert item.status == Item.Status.PLANNED
    assert response.responded_by == official
    assert Notification.objects.filter(
        event="councils.response_recorded", recipient=secretary
    ).exists()


def test_a_rejection_needs_a_reason_and_creates_no_item(council, secretary, members):
    official = factories.body_official("mci")
    decision = factories.adopted_decision(council, secretary, members)
    with pytest.raises(services.CouncilError, match="Give the reason"):
        services.record_response(decision, official, outcome="rejected")
    services.record_response(decision, official, outcome="rejected", reason="No budget.")
    decision.refresh_from_db()
    assert decision.item is None
    assert decision.response.outcome == "rejected"


def test_a_response_by_someone_outside_the_body_is_refused(council, secretary, members):
    decision = factories.adopted_decision(council, secretary, members)
    outsider = factories.body_official("moh")
    with pytest.raises(services.CouncilError) as refused:
        services.record_response(
            decision, outsider, outcome="accepted", deadline=datetime.date(2027, 6, 1)
        )
    assert str(refused.value) == (
        f"Only officials of {council.state_body.name}, the body this council is attached to, "
        "may respond."
    )
    with pytest.raises(services.CouncilError):
        services.record_response(
            decision, secretary, outcome="accepted", deadline=datetime.date(2027, 6, 1)
        )
    assert not Response.objects.exists()


def test_a_second_response_is_refused(council, secretary, members):
    official = factories.body_official("mci")
    decision = factories.adopted_decision(council, secretary, members)
    services.record_response(decision, official, outcome="rejected", reason="No.")
    with pytest.raises(services.CouncilError, match="already responded"):
        services.record_response(decision, official, outcome="rejected", reason="Still no.")


def test_an_unanswered_recommendation_past_its_date_is_overdue(council, secretary, members):
    decision = factories.adopted_decision(council, secretary, members)
    later = decision.response_due + datetime.timedelta(days=1)
    assert decision.response_overdue(later)
    assert list(Decision.objects.response_overdue(later)) == [decision]
    assert not decision.response_overdue(decision.response_due)


def test_a_report_heard_names_the_official(council, secretary):
    with pytest.raises(services.CouncilError, match="Name the official"):
        services.record_activity(
            council, secretary, kind="report", held_on=datetime.date.today(), title="Budget"
        )
