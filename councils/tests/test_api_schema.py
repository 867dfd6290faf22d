"""The councils' endpoints against their OpenAPI schema (schemathesis), on real records: no 5xx,
no undocumented status code, no answer outside the schema."""

import datetime

import pytest
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from councils import services

from . import factories

COUNCILS_PATHS = r"^/api/v1/(councils|decisions)/"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def council_data(db):
    """A council with members, a meeting, an answered and an awaited recommendation; the test
    transaction kept open as Django's test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    council = factories.council()
    secretary = factories.secretary(council)
    members = factories.composed(council, secretary)
    official = factories.body_official("mci")
    answered = factories.adopted_decision(council, secretary, members)
    services.record_response(
        answered, official, outcome="accepted", deadline=datetime.date(2030, 1, 1)
    )
    factories.adopted_decision(council, secretary, members)
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield council
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _schema():
    import schemathesis

    from config.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/", application).include(
        path_regex=COUNCILS_PATHS
    )


schema = _schema()


@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_councils_endpoints_conform_to_their_schema(case, council_data):
    case.call_and_validate(headers={"Host": "localhost"}, checks=CHECKS)


def test_the_real_records_of_each_councils_endpoint_conform(council_data):
    code = council_data.code
    calls = [
        ("/api/v1/councils/", {}, {"state_body": "mci"}),
        ("/api/v1/councils/{code}/", {"code": code}, {}),
        ("/api/v1/councils/{code}/meetings/", {"code": code}, {}),
        ("/api/v1/decisions/", {}, {"council": code}),
    ]
    for path, path_parameters, query in calls:
        case = schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
        response = case.call_and_validate(headers={"Host": "localhost"}, checks=CHECKS)
        assert response.status_code == 200, path
        assert code in response.text
