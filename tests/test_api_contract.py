"""One contract for the API and the exports, tried as a data journalist would (issue 11)."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

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
