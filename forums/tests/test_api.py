"""The forums' open-data API: public identifiers, filters, 400, ETag, the error shape."""

import datetime

import pytest
from django.utils import timezone

from forums import services
from forums.models import Event, Recommendation
from forums.tests.factories import event, forum, organiser, representative
from forums.tests.test_public_pages import plan
from registry.models import StateBody

pytestmark = pytest.mark.django_db


def codes(response):
    return [r["code"] for r in response.json()["results"]]


def test_forums_and_their_events_by_number(client):
    xii = forum()
    almaty = event(forum=xii)
    event(code="charity-2025", kind=Event.Kind.OTHER, forum=None)
    listing = client.get("/api/v1/forums/").json()
    assert [f["number"] for f in listing["results"]] == ["XII"]
    detail = client.get("/api/v1/forums/XII/").json()
    assert detail["title_ru"] == xii.title_ru and "id" not in detail
    events = client.get("/api/v1/forums/XII/events/").json()
    assert codes(client.get("/api/v1/forums/XII/events/")) == [almaty.code]
    assert events["results"][0]["region"] == "750000000"
    assert codes(client.get("/api/v1/forums/XII/events/", {"region": "390000000"})) == []
    assert client.get("/api/v1/forums/XI/events/").status_code == 404


def test_recommendations_filter_by_public_identifiers(client):
    xii, recs = plan(3)
    evt = Event.objects.get(code="XII-750000000")
    ngo = representative()[1]
    services.propose(evt, title="Proposed only", ngo=ngo)
    adopted = client.get("/api/v1/recommendations/", {"forum": "XII", "status": "adopted"})
    assert codes(adopted) == [r.code for r in recs]
    first = adopted.json()["results"][0]
    assert first["plan_item"]["responsible_body"] == "mlsp"
    assert first["origins"][0]["event"] == evt.code
    for params, expected in (
        ({"body": "mlsp"}, [r.code for r in recs]),
        ({"region": "750000000", "status": "proposed"}, ["XII-0004"]),
        ({"plan_status": "implemented"}, [recs[0].code]),
        ({"overdue": "true"}, [recs[1].code]),
    ):
        assert codes(client.get("/api/v1/recommendations/", params)) == expected, params
    proposal = client.get("/api/v1/recommendations/XII-0004/").json()
    assert proposal["origins"][0]["ngo"] == ngo.bin and proposal["plan_item"] is None


def test_updated_since_sees_a_change_of_the_plan_item(client):
    from accountability.models import Item

    _xii, recs = plan(2)
    past = timezone.now() - datetime.timedelta(days=10)
    Recommendation.objects.update(updated_at=past)
    Item.objects.update(updated_at=past)
    Item.objects.filter(code=recs[1].code).update(updated_at=timezone.now())
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert codes(client.get("/api/v1/recommendations/", {"updated_since": since})) == [recs[1].code]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/recommendations/?forum=XIV",
        "/api/v1/recommendations/?body=nobody",
        "/api/v1/recommendations/?region=123",
        "/api/v1/recommendations/?status=done",
        "/api/v1/recommendations/?updated_since=yesterday",
        "/api/v1/forums/?updated_since=0001-01-01T00:00:00%2B05:00",
        "/api/v1/forums/?status=over",
        "/api/v1/forums/XII/events/?kind=party",
    ],
)
def test_a_wrong_filter_is_a_400_in_the_one_error_shape(client, url):
    forum()
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["detail"] and body["errors"]


def test_etag_and_304(client):
    forum()
    for url in ("/api/v1/forums/", "/api/v1/forums/XII/", "/api/v1/recommendations/"):
        first = client.get(url)
        assert first["ETag"], url
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304, url


def test_unknown_numbers_are_404_json(client):
    response = client.get("/api/v1/recommendations/XII-9999/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_every_forums_operation_declares_its_status_codes(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operations = {
        path: item["get"]
        for path, item in schema["paths"].items()
        if path.startswith(("/api/v1/forums/", "/api/v1/recommendations/"))
    }
    assert len(operations) == 5
    for path, operation in operations.items():
        assert {"200", "304", "400", "404", "429"} <= set(operation["responses"]), path


def test_merged_recommendations_point_to_the_one_kept(client):
    xii = forum()
    evt = event(forum=xii)
    kept = services.propose(evt, title="One")
    duplicate = services.propose(evt, title="Same one")
    services.merge(kept, [duplicate], organiser())
    body = client.get(f"/api/v1/recommendations/{duplicate.code}/").json()
    assert body["merged_into"] == kept.code and body["origins"] == []
    assert len(client.get(f"/api/v1/recommendations/{kept.code}/").json()["origins"]) == 2
    assert StateBody.objects.exists()


def test_an_offset_postgresql_cannot_take_is_read_in_utc(client):
    forum()
    response = client.get("/api/v1/forums/", {"updated_since": "0966-09-23T15:36:21+23:40"})
    assert response.status_code == 200 and response.json()["count"] == 1
