"""The statistics page: each chart as SVG with its table and a CSV with fixed column codes."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.tests.factories import NGOFactory, region
from tenders.tests.factories import organiser, published_round

pytestmark = pytest.mark.django_db


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=","))


def test_ngos_by_region_and_area_with_shares(client):
    NGOFactory.create_batch(3, region=region("750000000"), areas=["youth", "children"])
    NGOFactory(region=region("710000000"), areas=["youth"])
    response = client.get("/en/stats/")
    tables = {table.key: table for table in response.context["tables"]}
    assert tables["ngos-by-region"].rows[:2] == [
        ["750000000", "Almaty", 3, 75.0],
        ["710000000", "Astana", 1, 25.0],
    ]
    by_area = {row[0]: row for row in tables["ngos-by-area"].rows}
    assert by_area["youth"][2:] == [4, 100.0] and by_area["children"][2:] == [3, 75.0]
    page = response.content.decode()
    assert page.count('<svg class="chart" role="img"') == len(tables)
    assert "<table>" in page and "Download “NGOs by region” as CSV" in page


def test_funding_per_year_by_mechanism_and_region(client):
    ngo = NGOFactory()
    published_round(organiser(), 2005, [(ngo, 59_700_000)])
    published_round(organiser(), 2004, [("Old winner", 9_700_000)])
    response = client.get("/en/stats/funding-by-year.csv?sep=,")
    assert csv_rows(response) == [
        ["year", "mechanism", "mechanism_name", "projects", "amount_kzt"],
        ["2005", "social_order", "State social order", "1", "59700000"],
        ["2004", "social_order", "State social order", "1", "9700000"],
    ]
    rows = csv_rows(client.get("/ru/stats/funding-by-region.csv?sep=,"))
    assert rows[0] == ["year", "region_kato", "region", "projects", "amount_kzt"]
    assert rows[1][:2] == ["2005", "000000000"]


def test_column_codes_are_the_same_in_every_language(client):
    headers = {
        tuple(csv_rows(client.get(f"/{lang}/stats/ngos-by-area.csv?sep=,"))[0])
        for lang in ("kk", "ru", "en")
    }
    assert headers == {("area_code", "area", "ngos", "share_percent")}


def test_councils_action_plans_and_integrity_counts_are_there(client):
    keys = [table.key for table in client.get("/kk/stats/").context["tables"]]
    assert {"councils-by-level", "action-plans", "integrity-flags"} <= set(keys)
    assert client.get("/en/stats/unknown.csv").status_code == 404


def test_the_page_costs_the_same_queries_whatever_the_data(client):
    NGOFactory()
    with CaptureQueriesContext(connection) as few:
        client.get("/en/stats/")
    NGOFactory.create_batch(4, areas=["youth"])
    published_round(organiser(), 2005, [(NGOFactory(), 5), ("Someone", 7)])
    with CaptureQueriesContext(connection) as more:
        client.get("/en/stats/")
    assert len(more) == len(few)


def test_the_tables_are_kept_per_generation_of_the_data(client, settings):
    settings.GENERATION_CACHE_SECONDS = 600
    NGOFactory()
    client.get("/en/stats/")
    with CaptureQueriesContext(connection) as kept:
        client.get("/en/stats/")
    assert len(kept) <= 2  # the session-less page: at most the cache's generation lookups
    NGOFactory()  # the data changes: computed afresh
    response = client.get("/en/stats/")
    tables = {table.key: table for table in response.context["tables"]}
    assert sum(row[2] for row in tables["ngos-by-region"].rows) == 2
