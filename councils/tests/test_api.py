"""The councils' open-data API: public identifiers, filters (400 on a wrong one), ETag,
updated_since; members without contact data."""

import datetime

import pytest
from django.utils import timezone

from councils import services
from councils.models import Council

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return factories.council(body="akimat-750000000", level=Council.Level.OBLAST)


@pytest.fixture
def secretary(council):
    return factories.secretary(council)


@pytest.fixture
def members(council, secretary):
    return factories.composed(council, secretary)


def test_the_list_filters_by_public_identifiers(client, council, members):
    other = factories.council(kind=Council.Kind.EXPERT)
    answer = client.get("/api/v1/councils/")
    assert answer.status_code == 200 and answer["ETag"]
    assert answer.json()["count"] == 2
    row = next(r for r in answer.json()["results"] if r["code"] == council.code)
    assert row["state_body"] == "akimat-750000000"
    assert row["region"] == "750000000"
    assert (row["members"], row["civil_society_members"]) == (15, 13)
    assert "id" not in row
    assert [r["code"] for r in client.get("/api/v1/councils/?kind=expert").json()["results"]] == [
        other.code
    ]
    assert client.get("/api/v1/councils/?level=oblast").json()["count"] == 1
    assert client.get("/api/v1/councils/?state_body=mci").json()["count"] == 1
    assert client.get("/api/v1/councils/?region=750000000").json()["count"] == 1


@pytest.mark.parametrize(
    "query", ["kind=club", "level=moon", "state_body=nobody", "region=123", "updated_since=x"]
)
def test_a_wrong_filter_is_a_400_in_the_one_error_shape(client, query):
    answer = client.get(f"/api/v1/councils/?{query}")
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "invalid" and body["detail"] and body["errors"]


def test_updated_since(client, council):
    later = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert client.get("/api/v1/councils/", {"updated_since": later}).json()["count"] == 0
    earlier = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    assert client.get("/api/v1/councils/", {"updated_since": earlier}).json()["count"] == 1


def test_an_etag_answers_304(client, council):
    first = client.get(f"/api/v1/councils/{council.code}/")
    again = client.get(f"/api/v1/councils/{council.code}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_one_council_with_members_by_bin(client, council, members):
    body = client.get(f"/api/v1/councils/{council.code}/").json()
    assert len(body["current_members"]) == 15
    chair = next(m for m in body["current_members"] if m["role"] == "chair")
    assert chair["ngo"] == members[0].ngo.bin
    assert set(chair) == {
        "name",
        "role",
        "affiliation",
        "ngo",
        "organisation",
        "term_start",
        "term_end",
        "selection",
    }
    missing = client.get("/api/v1/councils/nothing-here/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_meetings_and_decisions(client, council, secretary, members):
    official = factories.body_official("akimat-750000000")
    decision = factories.adopted_decision(council, secretary, members)
    services.record_response(
        decision, official, outcome="accepted", deadline=datetime.date(2030, 1, 1)
    )
    meetings = client.get(f"/api/v1/councils/{council.code}/meetings/").json()
    assert meetings["count"] == 1
    meeting = meetings["results"][0]
    assert meeting["code"] == f"{council.code}-M1" and meeting["present"] == 15
    assert meeting["agenda"][0]["position"] == 1
    assert client.get("/api/v1/councils/nothing/meetings/").status_code == 404
    decisions = client.get("/api/v1/decisions/", {"council": council.code}).json()
    row = decisions["results"][0]
    assert row["code"] == decision.code
    assert row["response"]["outcome"] == "accepted"
    assert row["item"] == decision.code and row["implementation_status"] == "planned"
    assert client.get("/api/v1/decisions/", {"awaiting_response": "true"}).json()["count"] == 0
    assert client.get("/api/v1/decisions/", {"outcome": "rejected"}).json()["count"] == 0
    assert client.get("/api/v1/decisions/", {"state_body": "nobody"}).status_code == 400


def test_the_schema_lists_the_endpoints(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in (
        "/api/v1/councils/",
        "/api/v1/councils/{code}/",
        "/api/v1/councils/{code}/meetings/",
        "/api/v1/decisions/",
    ):
        answers = schema["paths"][path]["get"]["responses"]
        assert {"200", "400", "404"} <= set(answers), path
