"""The public pages of councils: list with filters, council page, calendar file, statistics."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from councils import services
from councils.models import Activity, Council

from . import factories

pytestmark = pytest.mark.django_db


def url(name, *args, lang="en", **query):
    with translation.override(lang):
        path = reverse(f"councils:{name}", args=args)
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def council():
    return factories.council(name_en="Public council of the Ministry of Culture")


@pytest.fixture
def secretary(council):
    return factories.secretary(council)


@pytest.fixture
def members(council, secretary):
    return factories.composed(council, secretary)


def test_the_list_filters_by_kind_level_region_body_and_rule(client, council, secretary, members):
    akimat = factories.council(
        body="akimat-750000000", level=Council.Level.OBLAST, name_en="Almaty city council"
    )
    expert = factories.council(kind=Council.Kind.EXPERT, name_en="Expert group on media")
    page = client.get(url("list"))
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 3
    assert [c.pk for c in client.get(url("list", kind="expert")).context["page"]] == [expert.pk]
    assert [c.pk for c in client.get(url("list", level="oblast")).context["page"]] == [akimat.pk]
    by_region = client.get(url("list", region="750000000")).context["page"]
    assert [c.pk for c in by_region] == [akimat.pk]
    by_body = client.get(url("list", state_body="mci")).context["page"]
    assert {c.pk for c in by_body} == {council.pk, expert.pk}
    flagged = client.get(url("list", out_of_rule="true")).context["page"]
    assert {c.pk for c in flagged} == set()  # a consultative body without members breaks none
    assert [c.pk for c in client.get(url("list", out_of_rule="false")).context["page"]]


def test_an_unknown_filter_value_is_a_400(client):
    assert client.get(url("list", region="999999999")).status_code == 400
    assert client.get(url("list", kind="club")).status_code == 400


def test_the_list_pages(client, settings):
    for _ in range(25):
        factories.council(kind=Council.Kind.WORKING)
    first = client.get(url("list"))
    second = client.get(url("list", page=2))
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5


def test_the_council_page_shows_members_share_and_flags(client, council, secretary, members):
    factories.member(council, secretary, affiliation="state_body", name="Official Nurlanov")
    page = client.get(url("detail", council.code))
    body = page.content.decode()
    assert "Public council of the Ministry of Culture" in body
    assert members[0].person.name in body and "Chair" in body
    assert members[0].ngo.name in body
    assert 'id="civil-share">81%<' in body
    assert page.context["composition"].members == 16
    assert 'data-flag="' not in body  # 13 of 16 is above two thirds
    members[1].council.memberships.filter(affiliation="civil_society").exclude(role="chair").update(
        affiliation="business", ngo=None
    )
    body = client.get(url("detail", council.code)).content.decode()
    assert 'data-flag="civil_share"' in body
    assert "Civil society holds 6% of the seats; at least 67% are required." in body


def test_the_council_page_shows_decisions_responses_and_progress(
    client, council, secretary, members
):
    official = factories.body_official("mci")
    accepted = factories.adopted_decision(council, secretary, members, text="Open data on grants")
    services.record_response(
        accepted, official, outcome="accepted", deadline=datetime.date(2030, 6, 30)
    )
    waiting = factories.adopted_decision(council, secretary, members, text="Hear the minister")
    body = client.get(url("detail", council.code)).content.decode()
    assert "Open data on grants" in body
    assert "Accepted" in body
    with translation.override("en"):
        item_url = reverse("accountability:item", args=[accepted.code])
    assert item_url in body
    assert "Implementation: Planned, 0%" in body
    assert "awaited by" in body and waiting.code in body


def test_an_overdue_response_is_shown(client, council, secretary, members):
    decision = factories.adopted_decision(council, secretary, members)
    decision.response_due = datetime.date.today() - datetime.timedelta(days=3)
    decision.save()
    body = client.get(url("detail", council.code)).content.decode()
    assert "overdue since" in body


def test_a_meeting_is_a_calendar_file_once_announced(client, council, secretary):
    meeting = services.schedule_meeting(
        council,
        secretary,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Astana, Mangilik El 8; hall 2",
        agenda=["Draft law on volunteering"],
    )
    assert client.get(url("meeting_ical", council.code, meeting.number)).status_code == 404
    services.announce_meeting(meeting, secretary)
    answer = client.get(url("meeting_ical", council.code, meeting.number))
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    text = answer.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert f"UID:{council.code}-M1@councils" in text
    assert "LOCATION:Astana\\, Mangilik El 8\\; hall 2" in text
    assert "1. Draft law on volunteering" in text


def test_statistics_show_shares_activities_and_bodies(client, council, secretary, members):
    Activity.objects.create(
        council=council, kind="hearing", held_on=datetime.date.today(), title="Hearing"
    )
    factories.adopted_decision(council, secretary, members)
    page = client.get(url("stats"))
    body = page.content.decode()
    assert 'id="stat-councils">1<' in body
    assert 'id="stat-members">15<' in body
    assert 'id="stat-share">87%<' in body
    assert 'id="stat-hearings">1<' in body
    assert "<svg" in body and "<table" in body
    csv = b"".join(client.get(url("stats_csv", "bodies")).streaming_content).decode("utf-8-sig")
    assert '"mci"' in csv and '"1"' in csv
    level = b"".join(client.get(url("stats_csv", "level")).streaming_content).decode("utf-8-sig")
    assert '"ministry";' in level and '"15";"13"' in level
    assert client.get(url("stats_csv", "nothing")).status_code == 404


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pages_answer_in_every_language(client, council, secretary, members, lang):
    for name, args in (("list", ()), ("detail", (council.code,)), ("stats", ())):
        assert client.get(url(name, *args, lang=lang)).status_code == 200
