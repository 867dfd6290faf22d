"""The forums' endpoints against their OpenAPI schema, on a database holding a real plan.

schemathesis calls each operation with generated parameters: no 5xx, no undocumented status
code, no response outside the schema (as tests/test_api_contract.py does for the tenders)."""

import pytest
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

FORUMS_PATHS = r"^/api/v1/(forums|recommendations)/"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def plan_data(db):
    """An adopted plan with a merged duplicate and a measure, the test transaction kept open
    across the calls as Django's test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from forums import services
    from forums.tests.factories import event, organiser, representative
    from forums.tests.test_public_pages import plan

    xii, recs = plan(3)
    evt = recs[0].origins.first().event
    duplicate = services.propose(evt, title="Same", ngo=representative()[1])
    services.merge(recs[2], [duplicate], None)
    services.add_measure(recs[0], title="A measure", deadline=recs[0].plan_item.deadline, by=None)
    event(code="charity-2027", kind="other", forum=None)
    organiser()
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield xii
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _schema():
    import schemathesis

    from config.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/", application).include(
        path_regex=FORUMS_PATHS
    )


forums_schema = _schema()


@forums_schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_forums_endpoints_conform_to_their_schema(case, plan_data):
    case.call_and_validate(headers={"Host": "localhost"}, checks=CHECKS)


def test_the_real_records_conform(plan_data):
    calls = [
        ("/api/v1/forums/", {}, {"status": "registration_open"}),
        ("/api/v1/forums/{number}/", {"number": "XII"}, {}),
        ("/api/v1/forums/{number}/events/", {"number": "XII"}, {"region": "750000000"}),
        ("/api/v1/recommendations/", {}, {"forum": "XII", "body": "mlsp"}),
        ("/api/v1/recommendations/{code}/", {"code": "XII-0001"}, {}),
    ]
    for path, path_parameters, query in calls:
        case = forums_schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
        response = case.call_and_validate(headers={"Host": "localhost"}, checks=CHECKS)
        assert response.status_code == 200, path
