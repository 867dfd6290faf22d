"""One contract for the API and the exports, tried as a data journalist would (issue 11)."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from registry.models import NGO, StateBody
from registry.tests.factories import AnnualReportFactory, NGOFactory, region

pytestmark = pytest.mark.django_db


def bins(response) -> list[str]:
    return [n["bin"] for n in response.json()["results"]]


def test_paging_through_a_tied_ordering_sees_each_ngo_exactly_once(client):
    same_day = datetime.date(2019, 4, 1)
    created = {NGOFactory(registered_on=same_day).bin for _ in range(37)}
    seen, url = [], "/api/v1/ngos/?ordering=registered_on&page_size=5"
    while url:
        body = client.get(url).json()
        seen += [n["bin"] for n in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(created)
    descending = client.get("/api/v1/ngos/", {"ordering": "-registered_on", "page_size": 100})
    assert sorted(bins(descending)) == sorted(created)


def test_each_filter_value_taken_from_the_api_narrows_the_result(client):
    ngo = NGOFactory(
        areas=["youth"],
        region=region("390000000"),
        kind=NGO.Kind.SOCIOPOLITICAL,
        status=NGO.Status.PASSIVE,
    )
    NGOFactory(areas=["children"], region=region("750000000"))
    detail = client.get(f"/api/v1/ngos/{ngo.bin}/").json()
    region_kato = client.get(f"/api/v1/regions/{detail['region']}/").json()["kato"]
    area = client.get(f"/api/v1/activity-areas/{detail['activity_areas'][0]}/").json()["code"]
    form = client.get(f"/api/v1/legal-forms/{detail['legal_form']}/").json()["code"]
    for params in (
        {"region": region_kato},
        {"area": area},
        {"legal_form": form, "kind": detail["kind"]},
        {"status": detail["status"]},
    ):
        assert bins(client.get("/api/v1/ngos/", params)) == [ngo.bin], params
        export = client.get("/en/ngos/export.csv", params)
        rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
        assert [r[0] for r in rows[1:]] == [ngo.bin], params


def test_regions_and_state_bodies_name_each_other_by_kato(client):
    south = client.get("/api/v1/regions/510000000/").json()
    assert south["successor"] == "610000000"
    assert "id" not in south
    shymkent = client.get("/api/v1/regions/790000000/").json()
    assert shymkent["split_from"] == "510000000"
    akimat = StateBody.objects.filter(region__isnull=False).select_related("region").first()
    body = client.get(f"/api/v1/state-bodies/{akimat.code}/").json()
    assert body["region"] == akimat.region.kato
    found = client.get("/api/v1/state-bodies/", {"region": akimat.region.kato}).json()
    assert akimat.code in [b["code"] for b in found["results"]]


@pytest.mark.parametrize(
    "params", [{"region": "620000001"}, {"area": "Youth"}, {"status": "draft"}, {"year": "abc"}]
)
def test_pages_exports_and_api_refuse_an_invalid_filter_alike(client, params):
    NGOFactory()
    api = client.get("/api/v1/ngos/", params)
    assert api.status_code == 400
    body = api.json()
    assert body["code"] == "invalid" and set(body["errors"]) == set(params)
    assert client.get("/en/ngos/", params).status_code == 400
    export = client.get("/en/ngos/export.csv", params)
    assert export.status_code == 400
    assert "Select a valid choice" in export.content.decode() or "number" in (
        export.content.decode()
    )


def test_q_and_search_are_one_parameter_everywhere(client):
    ngo = NGOFactory(name_ru="Ассоциация защиты прав потребителей")
    NGOFactory()
    for name in ("q", "search"):
        assert bins(client.get("/api/v1/ngos/", {name: "потребителей"})) == [ngo.bin]
        page = client.get("/ru/ngos/", {name: "потребителей"})
        assert [n.bin for n in page.context["page"].object_list] == [ngo.bin]


def test_updated_since_lists_what_changed(client):
    old = NGOFactory()
    NGO.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=10))
    new = NGOFactory()
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    response = client.get("/api/v1/ngos/", {"updated_since": since})
    assert bins(response) == [new.bin]
    assert response.json()["results"][0]["updated_at"]


def test_a_report_moves_the_ngos_updated_at(client):
    ngo = NGOFactory()
    NGO.objects.filter(pk=ngo.pk).update(updated_at=timezone.now() - datetime.timedelta(days=10))
    report = AnnualReportFactory(ngo=ngo, status="draft", submitted_at=None)
    from registry import services

    services.submit_annual_report(report, None)
    ngo.refresh_from_db()
    assert ngo.updated_at > timezone.now() - datetime.timedelta(minutes=1)


def test_conditional_requests_answer_304(client):
    ngo = NGOFactory()
    first = client.get(f"/api/v1/ngos/{ngo.bin}/")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(f"/api/v1/ngos/{ngo.bin}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(f"/api/v1/ngos/{ngo.bin}/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    listing = client.get("/api/v1/ngos/")
    assert listing["Last-Modified"]
    assert client.get("/api/v1/ngos/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304


@pytest.mark.parametrize("path", ["/api/v1/ngos/000000000000/", "/api/v1/nothing-here/"])
def test_errors_under_the_api_are_json_in_one_shape(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found" and response.json()["detail"]


def test_the_schema_documents_limits_orderings_and_only_accepted_enums(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/ngos/"]["get"]["parameters"]}
    assert params["page_size"]["schema"]["maximum"] == 500
    assert "-registered_on" in params["ordering"]["schema"]["enum"]
    assert set(params["status"]["schema"]["enum"]) == {
        "verified",
        "active",
        "passive",
        "liquidated",
    }
    assert params["search"]["deprecated"] is True
    figures = schema["components"]["schemas"]["AnnualFigures"]["properties"]
    assert "safe integers" in figures["income_grants"]["description"]
    assert "Error" in schema["components"]["schemas"]


# The tenders endpoints: every status code they may answer is in the schema, and schemathesis
# exercises them on a database holding real competitions, applications, awards and a correction.

TENDERS_PATHS = r"^/api/v1/(tenders|applications|awards|ocds)/"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def tender_data(db):
    """A published competition corrected after an upheld appeal, a historical round, and the
    test transaction kept open as Django's test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from registry.tests.factories import OfficialFactory
    from tenders import services
    from tenders.tests.factories import (
        close_window,
        commission,
        open_competition,
        published_round,
        representative,
        score,
        submitted_application,
    )

    official = OfficialFactory()
    competition, lot = open_competition(official=official, winners=1)
    applications = [submitted_application(lot, *representative()) for _ in range(2)]
    open_competition(official=official)  # still accepting: public, sealed
    close_window(competition)
    (member,) = commission(competition, "official")
    for application, points in zip(applications, (9, 6), strict=True):
        application.refresh_from_db()
        services.screen_application(application, official, "admit")
        score(application, member, points, points, points)
    award = services.award_lot(lot, applications[0], 3_000_000, official)
    services.publish_results(competition, official)
    loser = applications[1]
    user = loser.ngo.representatives.first().user
    appeal = services.file_appeal(loser, user, "Негіздер")
    services.answer_appeal(appeal, official, "Жауап")
    services.decide_appeal(
        appeal, official, upheld=True, reason="Қайта", withdraw=[award], add=[(loser, 2_000_000)]
    )
    published_round(StateBody.objects.get(code="mlsp"), 2005, [("Union", 1_000_000)])
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield competition
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _tenders_schema():
    import schemathesis

    from config.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/", application).include(
        path_regex=TENDERS_PATHS
    )


tenders_schema = _tenders_schema()


@tenders_schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_tenders_endpoints_conform_to_their_schema(case, tender_data):
    """No 5xx, no undocumented status code, no response outside the schema — on real data."""
    case.call_and_validate(headers={"Host": "localhost"}, checks=CHECKS)


def test_the_real_records_of_each_tenders_endpoint_conform(tender_data):
    """The records the fuzzer may not guess: each endpoint fetched by real numbers and filters."""
    number, year = tender_data.number, tender_data.year
    calls = [
        ("/api/v1/tenders/", {}, {"year": year}),
        ("/api/v1/tenders/{number}/", {"number": number}, {}),
        ("/api/v1/awards/", {}, {"competition": number}),
        ("/api/v1/applications/", {}, {"competition": number}),
        ("/api/v1/ocds/releases/{number}.json", {"number": number}, {"lang": "ru"}),
        ("/api/v1/ocds/records/{number}.json", {"number": number}, {}),
        ("/api/v1/ocds/{year}/releases.json", {"year": year}, {}),
    ]
    for path, path_parameters, query in calls:
        case = tenders_schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
        response = case.call_and_validate(headers={"Host": "localhost"}, checks=CHECKS)
        assert response.status_code == 200, path
        assert number in response.text or path.endswith("{year}/releases.json")


def test_every_tenders_operation_declares_its_status_codes(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operations = {
        path: item["get"] for path, item in schema["paths"].items() if re.match(TENDERS_PATHS, path)
    }
    assert len(operations) == 7
    for path, operation in operations.items():
        codes = set(operation["responses"])
        assert {"200", "404", "429"} <= codes, path
        if "{" not in path or path.startswith("/api/v1/ocds/"):
            assert "400" in codes, path
        if not path.startswith("/api/v1/ocds/"):
            assert "304" in codes, path
        for code in codes - {"200", "304"}:
            content = operation["responses"][code]["content"]["application/json"]
            assert content["schema"]["$ref"].endswith("/Error"), (path, code)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/tenders/?region=nope",
        "/api/v1/awards/?year=abc",
        "/api/v1/applications/?mechanism=bribe",
        "/api/v1/ocds/releases/X.json?lang=de",
        "/api/v1/ocds/2025/releases.json?part=first",
    ],
)
def test_tenders_endpoints_refuse_a_bad_parameter_with_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_tenders_endpoints_answer_304_to_a_matching_etag(client, tender_data):
    for url in (
        "/api/v1/tenders/",
        f"/api/v1/tenders/{tender_data.number}/",
        "/api/v1/awards/",
        "/api/v1/applications/",
    ):
        first = client.get(url)
        assert first.status_code == 200 and first["ETag"], url
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304, url
