import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from registry.models import NGO
from registry.tests.factories import AnnualReportFactory, NGOFactory, region

pytestmark = pytest.mark.django_db


def test_list_shows_public_ngos_only_with_filters_and_pagination(client):
    public = NGOFactory(areas=["youth"], region=region("390000000"))
    NGOFactory(status=NGO.Status.DRAFT, region=region("390000000"))
    NGOFactory(areas=["children"])
    response = client.get("/api/v1/ngos/", {"area": "youth", "page_size": 1})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 1
    assert body["results"][0]["bin"] == public.bin
    assert body["results"][0]["region"] == "390000000"
    assert body["results"][0]["activity_areas"] == ["youth"]
    kostanay = client.get("/api/v1/ngos/", {"region": "390000000"}).json()
    assert [n["bin"] for n in kostanay["results"]] == [public.bin]


def test_search_parameter_and_detail_with_annual_figures(client):
    ngo = NGOFactory(name_ru="Ассоциация защиты прав потребителей")
    AnnualReportFactory(ngo=ngo, year=2024, income_grants=7_500_000)
    found = client.get("/api/v1/ngos/", {"search": "потребителей"}).json()
    assert [n["bin"] for n in found["results"]] == [ngo.bin]
    detail = client.get(f"/api/v1/ngos/{ngo.bin}/").json()
    assert detail["annual_reports"][0]["income_grants"] == 7_500_000
    assert detail["name_ru"] == "Ассоциация защиты прав потребителей"


def test_drafts_are_not_found_and_bad_filters_are_400(client):
    draft = NGOFactory(status=NGO.Status.DRAFT)
    assert client.get(f"/api/v1/ngos/{draft.bin}/").status_code == 404
    assert client.get("/api/v1/ngos/", {"region": "nope"}).status_code == 400


def test_reference_lists(client):
    regions = client.get("/api/v1/regions/", {"page_size": 100}).json()
    assert {r["kato"] for r in regions["results"]} >= {"510000000", "610000000", "790000000"}
    assert client.get("/api/v1/activity-areas/youth/").json()["name_en"] == "Youth"
    assert client.get("/api/v1/legal-forms/public_foundation/").json()["name_ru"] == (
        "Общественный фонд"
    )
    bodies = client.get("/api/v1/state-bodies/", {"kind": "ministry"}).json()
    assert bodies["count"] >= 5


def test_the_api_is_read_only(client, official):
    client.force_login(official)
    ngo = NGOFactory()
    response = client.patch(
        f"/api/v1/ngos/{ngo.bin}/", {"name_ru": "x"}, content_type="application/json"
    )
    assert response.status_code == 405


@pytest.fixture
def some_ngos(db):
    """Data to find, and the test transaction kept open as Django's test client does."""
    NGOFactory.create_batch(3, areas=["youth"])
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _load_schema():
    from config.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


schema = _load_schema()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, some_ngos):
    """No 5xx, no undocumented status code, no response outside the schema."""
    case.call_and_validate(headers={"Host": "localhost"}, checks=CHECKS)
