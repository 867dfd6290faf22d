"""The organisers' screens: who may enter, capacity, attendance, badges, merge and adopt."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from accounts import roles
from forums import services
from forums.models import Recommendation, Registration
from forums.tests.factories import event, forum, organiser, representative
from registry.models import StateBody
from registry.tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db


def registered(evt, n):
    out = []
    for _ in range(n):
        user, ngo = representative()
        out.append(services.register(evt, user, kind="ngo", ngo=ngo, consent=True))
    return out


def test_only_organisers_enter_and_only_their_regions_events(client):
    evt = event()
    client.force_login(OfficialFactory())  # a ministry official, not a forum organiser
    assert client.get("/en/staff/forums/").status_code == 403
    local = OfficialFactory(
        role=roles.FORUM_ORGANISER, body=StateBody.objects.get(code="akimat-390000000")
    )
    client.force_login(local)
    assert client.get("/en/staff/forums/").status_code == 200
    assert client.get(f"/en/staff/forums/events/{evt.code}/").status_code == 404
    assert client.get("/en/staff/forums/XII/").status_code == 403
    client.force_login(organiser())
    assert client.get(f"/en/staff/forums/events/{evt.code}/").status_code == 200
    assert client.get("/en/staff/forums/XII/").status_code == 200


def test_raising_the_capacity_on_the_screen_confirms_the_waiting(client):
    evt = event(capacity=1)
    _holder, waiting = registered(evt, 2)
    client.force_login(organiser())
    response = client.post(
        f"/en/staff/forums/events/{evt.code}/", {"action": "capacity", "capacity": "2"}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    refused = client.post(
        f"/en/staff/forums/events/{evt.code}/", {"action": "capacity", "capacity": "1"}
    )
    assert refused.status_code == 400
    assert "2 participants are already confirmed" in refused.content.decode()


def test_attendance_by_list_and_by_scanning_the_confirmation(client):
    evt = event(capacity=5)
    first, second = registered(evt, 2)
    client.force_login(organiser())
    client.post(
        f"/en/staff/forums/events/{evt.code}/attendance/",
        {"registration": first.code, "attended": "1"},
    )
    first.refresh_from_db()
    assert first.attended_at is not None
    page = client.get(f"/en/staff/forums/check-in/{second.token}/")
    assert page.status_code == 200 and second.full_name in page.content.decode()
    client.post(f"/en/staff/forums/check-in/{second.token}/")
    second.refresh_from_db()
    assert second.attended_at is not None
    assert client.get("/en/staff/forums/check-in/forged/").status_code == 404


def test_badge_lists_in_csv_and_xlsx(client):
    evt = event(capacity=1)
    confirmed, _waiting = registered(evt, 2)
    client.force_login(organiser())
    text = b"".join(
        client.get(f"/en/staff/forums/events/{evt.code}/badges.csv").streaming_content
    ).decode("utf-8-sig")
    assert confirmed.code in text and text.count("\n") == 2
    xlsx = client.get(f"/en/staff/forums/events/{evt.code}/badges.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][0] == "Registration number" and rows[1][0] == confirmed.code
    assert len(rows) == 2


def test_merge_and_adopt_on_the_screens(client):
    xii = forum()
    evt = event(forum=xii)
    first = services.propose(evt, title="Simplify grant reports")
    second = services.propose(evt, title="Make grant reports simpler")
    client.force_login(organiser())
    client.post(
        f"/en/staff/forums/{xii.number}/recommendations/",
        {"target": first.code, "duplicates": [second.code]},
    )
    second.refresh_from_db()
    assert second.merged_into == first
    response = client.post(
        f"/en/staff/forums/recommendations/{first.code}/",
        {"action": "adopt", "responsible_body": "mlsp", "deadline": "2026-06-30"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Recommendation.Status.ADOPTED
    assert first.plan_item.deadline == datetime.date(2026, 6, 30)
    client.post(
        f"/en/staff/forums/recommendations/{first.code}/",
        {"action": "measure", "title": "New report form", "deadline": "2026-03-31"},
    )
    assert first.plan_item.children.get().code == f"{first.code}.1"


def test_an_organiser_creates_a_forum_and_its_regional_forum(client):
    client.force_login(organiser())
    response = client.post(
        "/en/staff/forums/new/",
        {
            "number": "XIII",
            "title_kk": "XIII Азаматтық форум",
            "title_ru": "XIII Гражданский форум",
            "starts_on": "2027-11-18",
            "ends_on": "2027-11-19",
            "city_kk": "Астана",
            "city_ru": "Астана",
            "status": "planned",
            "partner_ngos": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        "/en/staff/forums/XIII/events/new/",
        {
            "code": "XIII-390000000",
            "kind": "regional",
            "title_kk": "Қостанай өңірлік форумы",
            "title_ru": "Региональный форум Костанайской области",
            "region": "390000000",
            "starts_at": "2027-09-10T10:00",
            "ends_at": "2027-09-10T17:00",
            "city_kk": "Қостанай",
            "city_ru": "Костанай",
            "capacity": "150",
            "status": "registration_open",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get("/en/staff/forums/events/XIII-390000000/")
    assert page.status_code == 200


def test_a_regional_forum_without_a_region_is_refused_by_field(client):
    client.force_login(organiser())
    forum(number="XIII")
    response = client.post(
        "/en/staff/forums/XIII/events/new/",
        {
            "code": "XIII-x",
            "kind": "regional",
            "title_kk": "Форум",
            "title_ru": "Форум",
            "starts_at": "2027-09-10T10:00",
            "ends_at": "2027-09-10T17:00",
            "city_kk": "Қостанай",
            "city_ru": "Костанай",
            "status": "planned",
        },
    )
    assert response.status_code == 400
    assert "A regional forum needs its region." in response.content.decode()
