"""The councils' staff screens: a secretary runs their own council, the body's officials
respond; nobody works on another council — on every staff URL."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from councils.models import Decision, Meeting
from councils.models.rules import years_from

from . import factories

pytestmark = pytest.mark.django_db


def staff_url(name, *args):
    with translation.override("en"):
        return reverse(f"councils_staff:{name}", args=args)


@pytest.fixture
def council():
    return factories.council()


@pytest.fixture
def secretary(council):
    return factories.secretary(council)


@pytest.fixture
def members(council, secretary):
    return factories.composed(council, secretary)


@pytest.fixture
def official():
    return factories.body_official("mci")


def every_url(council, meeting, decision, membership):
    code = council.code
    n = meeting.number
    return [
        ("get", staff_url("council", code), {}),
        ("get", staff_url("member_add", code), {}),
        ("post", staff_url("member_add", code), {"name": "X"}),
        ("get", staff_url("member_end", code, membership.pk), {}),
        ("post", staff_url("member_end", code, membership.pk), {"on": "2026-01-01"}),
        ("get", staff_url("activity_add", code), {}),
        ("post", staff_url("activity_add", code), {"kind": "hearing", "title": "x"}),
        ("get", staff_url("meeting_add", code), {}),
        ("post", staff_url("meeting_add", code), {"place": "x"}),
        ("get", staff_url("meeting", code, n), {}),
        ("post", staff_url("agenda", code, n), {"title": "x"}),
        ("post", staff_url("document", code, n), {"title": "x", "url": "https://e.kz"}),
        ("post", staff_url("minutes", code, n), {"minutes": "x"}),
        ("post", staff_url("announce", code, n), {}),
        ("post", staff_url("attendance", code, n), {"present": []}),
        ("post", staff_url("decision", code, n), {"text": "x", "votes_for": 1}),
        ("get", staff_url("respond", code, decision.number), {}),
        ("post", staff_url("respond", code, decision.number), {"outcome": "rejected"}),
    ]


def test_nobody_works_on_another_council(client, council, secretary, members, official):
    decision = factories.adopted_decision(council, secretary, members)
    meeting = decision.agenda_item.meeting
    other_secretary = factories.secretary(factories.council(body="moh"))
    other_official = factories.body_official("moh")
    before = (Meeting.objects.count(), Decision.objects.count(), council.memberships.count())
    for user in (other_secretary, other_official):
        client.force_login(user)
        for method, url, data in every_url(council, meeting, decision, members[0]):
            answer = getattr(client, method)(url, data)
            assert answer.status_code == 403, (user, url)
    assert (
        Meeting.objects.count(),
        Decision.objects.count(),
        council.memberships.count(),
    ) == before
    meeting.refresh_from_db()
    assert meeting.minutes == "" and not hasattr(decision, "response")


def test_the_bodys_official_responds_but_does_not_edit(
    client, council, secretary, members, official
):
    decision = factories.adopted_decision(council, secretary, members)
    meeting = decision.agenda_item.meeting
    client.force_login(official)
    assert client.get(staff_url("council", council.code)).status_code == 200
    assert (
        client.post(
            staff_url("minutes", council.code, meeting.number), {"minutes": "x"}
        ).status_code
        == 403
    )
    assert client.get(staff_url("member_add", council.code)).status_code == 403
    answer = client.post(
        staff_url("respond", council.code, decision.number),
        {"outcome": "partly", "reason": "Budget allows half.", "deadline": "2027-12-31"},
    )
    assert answer.status_code == 302
    decision.refresh_from_db()
    assert decision.response.outcome == "partly"
    assert decision.item.deadline == datetime.date(2027, 12, 31)


def test_the_secretary_cannot_respond(client, council, secretary, members):
    decision = factories.adopted_decision(council, secretary, members)
    client.force_login(secretary)
    assert client.get(staff_url("respond", council.code, decision.number)).status_code == 403


def test_a_refused_response_shows_why(client, council, secretary, members, official):
    decision = factories.adopted_decision(council, secretary, members)
    client.force_login(official)
    page = client.post(staff_url("respond", council.code, decision.number), {"outcome": "rejected"})
    assert page.status_code == 200
    assert "Give the reason for not accepting the recommendation in full." in page.content.decode()


def test_a_secretarys_path_members_meeting_attendance_decision(client, council, secretary):
    client.force_login(secretary)
    start = datetime.date.today() - datetime.timedelta(days=30)
    for i in range(3):
        answer = client.post(
            staff_url("member_add", council.code),
            {
                "name": f"Member {i}",
                "email": f"m{i}@example.kz",
                "phone": "+7 701 000 00 00",
                "affiliation": "academia",
                "role": "chair" if i == 0 else "member",
                "term_start": start.isoformat(),
                "term_end": years_from(start, 3).isoformat(),
                "selection": "open_competition",
            },
        )
        assert answer.status_code == 302, answer.content.decode()[:2000]
    workspace = client.get(staff_url("council", council.code)).content.decode()
    assert "m0@example.kz" in workspace  # the secretary sees contact data
    when = timezone.localtime() - datetime.timedelta(hours=2)
    answer = client.post(
        staff_url("meeting_add", council.code),
        {
            "starts_at": when.strftime("%Y-%m-%dT%H:%M"),
            "place": "Akimat, hall 1",
            "agenda": "Budget\nParks",
        },
    )
    assert answer.status_code == 302
    meeting = council.meetings.get()
    present = list(council.memberships.values_list("pk", flat=True)[:2])
    client.post(staff_url("attendance", council.code, meeting.number), {"present": present})
    page = client.get(staff_url("meeting", council.code, meeting.number)).content.decode()
    assert "2 of 3 members present; 2 make a quorum." in page
    item = meeting.agenda.get(position=1)
    answer = client.post(
        staff_url("decision", council.code, meeting.number),
        {
            "agenda_item": item.pk,
            "text": "Publish the budget",
            "votes_for": 2,
            "votes_against": 0,
            "votes_abstained": 0,
        },
        follow=True,
    )
    assert "The decision has been recorded." in answer.content.decode()
    decision = Decision.objects.get()
    assert decision.adopted and decision.code == f"{council.code}-R1"
    refused = client.post(
        staff_url("decision", council.code, meeting.number),
        {
            "agenda_item": item.pk,
            "text": "More",
            "votes_for": 3,
            "votes_against": 0,
            "votes_abstained": 0,
        },
        follow=True,
    )
    assert "3 votes were cast but only 2 members were present." in refused.content.decode()


def test_the_dashboard_tile_and_menu(client, council, secretary, members):
    factories.adopted_decision(council, secretary, members)
    client.force_login(secretary)
    with translation.override("en"):
        page = client.get(reverse("staff:dashboard")).content.decode()
    assert "Councils: 1 meetings this month" in page or "Councils: 0 meetings this month" in page
    assert "1 recommendations awaiting the body&#x27;s response" in page
    assert staff_url("list") in page


def test_a_secretary_records_a_hearing(client, council, secretary):
    client.force_login(secretary)
    answer = client.post(
        staff_url("activity_add", council.code),
        {"kind": "hearing", "held_on": "2026-11-20", "title": "Draft city budget"},
    )
    assert answer.status_code == 302
    refused = client.post(
        staff_url("activity_add", council.code),
        {"kind": "report", "held_on": "2026-11-20", "title": "Budget report"},
    )
    assert "Name the official whose report was heard." in refused.content.decode()
    assert list(council.activities.values_list("kind", "title")) == [
        ("hearing", "Draft city budget")
    ]


def test_administrators_name_a_councils_secretaries_in_the_admin(client, council, secretary):
    from registry.tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    with translation.override("en"):
        change = reverse("admin:councils_council_change", args=[council.pk])
    page = client.get(change)
    assert page.status_code == 200 and "secretaries" in page.content.decode()
    client.force_login(secretary)
    assert client.get(change).status_code in (302, 403)
