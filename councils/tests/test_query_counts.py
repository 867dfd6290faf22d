"""Pages query the database a constant number of times, whatever the number of rows shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from councils.models import Council

from . import factories

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def en(name, *args):
    with translation.override("en"):
        return reverse(f"councils:{name}", args=args)


def test_the_list_queries_are_constant_in_page_size(client):
    for _ in range(3):
        factories.council(kind=Council.Kind.WORKING)
    few = queries(client, en("list"))
    for _ in range(30):
        factories.council(kind=Council.Kind.WORKING)
    full = queries(client, en("list"))
    assert full == few
    assert queries(client, "/api/v1/councils/?page_size=3") == queries(
        client, "/api/v1/councils/?page_size=30"
    )


def test_the_council_page_queries_are_constant_in_members_and_meetings(client):
    council = factories.council()
    secretary = factories.secretary(council)
    members = factories.composed(council, secretary, civil=4, others=1)
    factories.adopted_decision(council, secretary, members)
    small = queries(client, en("detail", council.code))
    members += [factories.member(council, secretary) for _ in range(10)]
    for _ in range(3):
        factories.adopted_decision(council, secretary, members)
    assert queries(client, en("detail", council.code)) == small
    api_small = queries(client, f"/api/v1/councils/{council.code}/meetings/")
    factories.adopted_decision(council, secretary, members)
    assert queries(client, f"/api/v1/councils/{council.code}/meetings/") == api_small


def test_the_statistics_page_queries_are_constant(client):
    council = factories.council(body="akimat-710000000", level=Council.Level.OBLAST)
    secretary = factories.secretary(council)
    factories.composed(council, secretary, civil=4, others=1)
    few = queries(client, en("stats"))
    for body in ("moh", "mop", "akimat-750000000"):
        other = factories.council(body=body)
        other.secretaries.add(secretary)
        factories.composed(other, secretary, civil=4, others=1)
    assert queries(client, en("stats")) == few
