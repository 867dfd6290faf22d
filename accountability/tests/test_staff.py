"""The officials' workspace: their items, updates one by one, and nobody else's items."""

import datetime

import pytest
from django.urls import reverse

from registry import hooks
from registry.tests.factories import OfficialFactory

from .. import services
from ..models import Item

pytestmark = pytest.mark.django_db


def item_url(item):
    return reverse("accountability_staff:item", args=[item.code])


def test_the_list_shows_only_the_body_items_with_filters(client, item, other_body, body_official):
    services.create_item(
        code="MOH-1",
        title="Hospital",
        responsible_body=other_body,
        deadline=datetime.date(2030, 1, 1),
    )
    services.create_item(
        code="OLD-1",
        title="Late one",
        responsible_body=item.responsible_body,
        deadline=datetime.date(2020, 1, 1),
    )
    client.force_login(body_official)
    page = client.get(reverse("accountability_staff:items")).content.decode()
    assert "XII-0001" in page and "OLD-1" in page and "MOH-1" not in page
    page = client.get(reverse("accountability_staff:items") + "?due=overdue").content.decode()
    assert "OLD-1" in page and "XII-0001" not in page
    page = client.get(reverse("accountability_staff:items") + "?q=ramp").content.decode()
    assert "XII-0001" in page and "OLD-1" not in page


def test_the_list_is_paged(client, body, body_official):
    services.create_items_bulk(
        {
            "code": f"P-{n:03}",
            "title": "t",
            "responsible_body": body,
            "deadline": datetime.date(2030, 1, 1),
        }
        for n in range(30)
    )
    client.force_login(body_official)
    first = client.get(reverse("accountability_staff:items")).content.decode()
    second = client.get(reverse("accountability_staff:items") + "?page=2").content.decode()
    assert "P-000" in first and "P-029" not in first and "P-029" in second


def test_an_official_records_progress(client, item, body_official):
    client.force_login(body_official)
    response = client.post(
        item_url(item),
        {
            "action": "progress",
            "status": "in_progress",
            "progress": "35",
            "note": "Works begun.",
            "evidence_url": "https://gov.kz/works",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 35)
    assert item.changes.filter(note="Works begun.", evidence_url="https://gov.kz/works").exists()


@pytest.mark.parametrize("progress", ["-5", "101", "abc"])
def test_progress_outside_0_to_100_is_refused_in_the_form(client, item, body_official, progress):
    client.force_login(body_official)
    response = client.post(
        item_url(item), {"action": "progress", "status": "in_progress", "progress": progress}
    )
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    item.refresh_from_db()
    assert item.progress == 0 and item.changes.count() == 1


def test_rejecting_without_a_note_is_refused_in_the_form(client, item, body_official):
    client.force_login(body_official)
    response = client.post(item_url(item), {"action": "progress", "status": "rejected"})
    assert response.status_code == 400
    assert "Say why the item is not implemented or rejected." in response.content.decode()
    item.refresh_from_db()
    assert item.status == "planned"


def test_an_official_moves_a_deadline(client, item, body_official):
    client.force_login(body_official)
    response = client.post(
        item_url(item),
        {
            "action": "deadline",
            "deadline": "2031-03-31",
            "reason": "Budget moved to 2031.",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.deadline == datetime.date(2031, 3, 31)
    response = client.post(item_url(item), {"action": "deadline", "deadline": "2031-04-30"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()


def test_the_official_sees_the_contestations(client, implemented, representation, body_official):
    services.contest(
        implemented,
        ngo=representation.ngo,
        by=representation.user,
        text="Steep ramp.",
        link="https://example.kz",
    )
    client.force_login(body_official)
    page = client.get(item_url(implemented)).content.decode()
    assert "Steep ramp." in page and representation.ngo.name in page


STAFF_URLS = [
    ("get", "accountability_staff:items", False),
    ("get", "accountability_staff:item", True),
    ("post", "accountability_staff:item", True),
]


@pytest.mark.parametrize("method,name,with_code", STAFF_URLS)
def test_nobody_updates_another_body_item(client, item, other_official, method, name, with_code):
    client.force_login(other_official)
    path = reverse(name, args=[item.code] if with_code else [])
    data = {"action": "progress", "status": "implemented", "progress": "100"}
    response = getattr(client, method)(path, data) if method == "post" else client.get(path)
    if with_code:
        assert response.status_code == 404
    else:
        assert response.status_code == 200 and item.code not in response.content.decode()
    response = client.post(
        reverse("accountability_staff:item", args=[item.code]),
        {"action": "deadline", "deadline": "2040-01-01", "reason": "x"},
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == "planned" and item.deadline == datetime.date(2030, 12, 31)


@pytest.mark.parametrize(
    "name,with_code", [("accountability_staff:items", False), ("accountability_staff:item", True)]
)
def test_the_public_and_representatives_are_kept_out(client, item, representation, name, with_code):
    path = reverse(name, args=[item.code] if with_code else [])
    assert client.get(path).status_code == 302  # to log in
    client.force_login(representation.user)
    assert client.get(path).status_code == 403
    assert client.post(path, {"action": "progress", "status": "implemented"}).status_code == 403


def test_the_dashboard_tile_and_menu(client, body, body_official, representation):
    today = datetime.date.today()
    services.create_item(
        code="LATE",
        title="Late",
        responsible_body=body,
        deadline=today - datetime.timedelta(days=3),
    )
    services.create_item(
        code="SOON",
        title="Soon",
        responsible_body=body,
        deadline=today + datetime.timedelta(days=20),
    )
    services.create_item(
        code="FAR", title="Far", responsible_body=body, deadline=today + datetime.timedelta(days=90)
    )
    done = services.create_item(
        code="DONE",
        title="Done",
        responsible_body=body,
        deadline=today + datetime.timedelta(days=90),
        status=Item.Status.IMPLEMENTED,
    )
    services.contest(
        done, ngo=representation.ngo, by=representation.user, text="No.", link="https://example.kz"
    )
    client.force_login(body_official)
    page = client.get(reverse("staff:dashboard")).content.decode()
    assert "Items overdue or due within 30 days" in page
    assert "LATE Late" in page and "SOON Soon" in page and "FAR Far" not in page
    assert "Contested by NGOs: 1" in page
    assert reverse("accountability_staff:items") in page  # the menu entry
    soon = client.get(reverse("accountability_staff:items") + "?due=soon").content.decode()
    assert "LATE" in soon and "SOON" in soon and "FAR" not in soon
    contested = client.get(reverse("accountability_staff:items") + "?contested=on")
    assert "DONE" in contested.content.decode() and "LATE" not in contested.content.decode()


def test_no_tile_for_an_official_of_no_body(rf, db):
    from ..staff.tiles import items_due

    official = OfficialFactory()
    official.state_bodies.clear()
    request = rf.get("/")
    request.user = official
    assert items_due(request) is None
    assert all(
        t.key != "accountability" for t in hooks.collect(hooks.STAFF_DASHBOARD_TILES, request)
    )


def test_the_official_exports_their_items(client, item, other_body, body_official):
    import io

    import openpyxl

    services.create_item(
        code="MOH-1",
        title="Hospital",
        responsible_body=other_body,
        deadline=datetime.date(2030, 1, 1),
    )
    client.force_login(body_official)
    response = client.get(reverse("accountability_staff:export_csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith('"Code","Title","Responsible body","Deadline","Status"')
    assert lines[1] == '"XII-0001","Ramps","mlsp","2030-12-31","planned","0","",""'
    assert len(lines) == 2  # not the other body's item
    response = client.get(reverse("accountability_staff:export_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:6] == (
        "XII-0001",
        "Ramps",
        "mlsp",
        datetime.datetime(2030, 12, 31),
        "planned",
        "0",
    )
    assert len(rows) == 2


def test_the_list_and_tile_cost_a_constant_number_of_queries(client, body, body_official):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    def add(start, n):
        services.create_items_bulk(
            {
                "code": f"Q-{k:03}",
                "title": "t",
                "responsible_body": body,
                "deadline": datetime.date.today() + datetime.timedelta(days=k % 40),
            }
            for k in range(start, start + n)
        )

    client.force_login(body_official)
    add(0, 3)
    before = (count(reverse("accountability_staff:items")), count(reverse("staff:dashboard")))
    add(3, 40)
    after = (count(reverse("accountability_staff:items")), count(reverse("staff:dashboard")))
    assert after == before
