"""The home page: what the system is, every app's figures, the latest funded year, the
competitions closing soonest, search into the directory; a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry.models import NGO
from registry.tests.factories import NGOFactory
from tenders.models import Competition
from tenders.tests.factories import open_competition, organiser, published_round

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_latest_year_with_funded_projects_not_a_zero(client):
    this_year = timezone.localdate().year
    ngo = NGOFactory()
    published_round(organiser(), this_year - 1, [(ngo, 2_000_000), ("Historical", 1_000_000)])
    page = client.get("/en/").content.decode()
    assert f"projects funded in {this_year - 1}" in page
    assert f"projects funded in {this_year}" not in page
    assert "State social order: 2" in page
    assert "3,000,000 ₸" in page


def test_the_home_page_counts_the_register_and_searches_the_directory(client):
    NGOFactory.create_batch(3)
    NGOFactory(status=NGO.Status.DRAFT)
    NGOFactory(status=NGO.Status.PASSIVE)
    response = client.get("/ru/")
    assert response.context["stats"] == {"public": 4, "active": 3}
    page = response.content.decode()
    assert 'action="/ru/ngos/"' in page and 'name="q"' in page
    assert "<title>" in page and 'name="description"' in page
    assert 'hreflang="kk"' in page and 'hreflang="x-default"' in page


def test_competitions_closing_soonest_come_first(client):
    later, _lot = open_competition(title_en="Later", title_ru="Позже", title_kk="Кейін")
    sooner, _lot = open_competition(title_en="Sooner", title_ru="Раньше", title_kk="Ертерек")
    Competition.objects.filter(pk=sooner.pk).update(
        closes_at=timezone.now() + datetime.timedelta(days=2)
    )
    response = client.get("/en/")
    assert [c.number for c in response.context["closing"]] == [sooner.number, later.number]
    assert response.context["open_count"] == 2
    assert "Competitions closing soonest" in response.content.decode()


def test_the_home_page_costs_the_same_queries_whatever_the_data(client):
    published_round(organiser(), 2024, [(NGOFactory(), 1_000_000)])
    open_competition()
    with CaptureQueriesContext(connection) as few:
        client.get("/en/")
    NGOFactory.create_batch(5)
    published_round(organiser(), 2024, [(NGOFactory(), 1_000_000), (NGOFactory(), 5)], "Second")
    open_competition()
    open_competition()
    with CaptureQueriesContext(connection) as more:
        client.get("/en/")
    assert len(more) == len(few)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_navigation_leads_to_statistics_and_open_data(client, language):
    page = client.get(f"/{language}/").content.decode()
    assert f'href="/{language}/stats/"' in page
    assert f'href="/{language}/open-data/"' in page
    assert f'href="/{language}/forums/"' in page and f'href="/{language}/councils/"' in page
