"""Atom feeds, sitemap.xml with hreflang alternates, robots.txt."""

import pytest
from django.urls import include, path

from config.urls import urlpatterns as site_urls
from registry.models import NGO
from registry.tests.factories import NGOFactory
from tenders.tests.factories import open_competition, organiser, published_round

pytestmark = pytest.mark.django_db

# config/urls.py includes portal.root_urls at the root; these tests do not depend on it.
urlpatterns = [path("", include("portal.root_urls")), *site_urls]


def test_feeds_of_competitions_results_and_new_ngos(client):
    competition, _lot = open_competition()
    published = published_round(organiser(), 2024, [(NGOFactory(), 5)], "Results")
    ngo = NGOFactory(name_ru="Новая организация")
    NGOFactory(status=NGO.Status.DRAFT, name_ru="Черновик")
    feed = client.get("/ru/feeds/competitions.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert f"/ru/tenders/{competition.number}/" in feed.content.decode()
    results = client.get("/ru/feeds/results.atom").content.decode()
    assert f"/ru/tenders/{published.number}/" in results
    assert competition.number not in results
    ngos = client.get("/ru/feeds/ngos.atom").content.decode()
    assert "Новая организация" in ngos and f"/ru/ngos/{ngo.bin}/" in ngos
    assert "Черновик" not in ngos


@pytest.mark.urls(__name__)
def test_the_sitemap_lists_public_pages_with_hreflang_alternates(client):
    ngo = NGOFactory()
    hidden = NGOFactory(status=NGO.Status.DRAFT)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-ngos.xml" in index and "sitemap-competitions.xml" in index
    ngos = client.get("/sitemap-ngos.xml").content.decode()
    assert f"/kk/ngos/{ngo.bin}/" in ngos and f"/en/ngos/{ngo.bin}/" in ngos
    assert f'hreflang="ru" href="http://testserver/ru/ngos/{ngo.bin}/"' in ngos
    assert 'hreflang="x-default"' in ngos
    assert hidden.bin not in ngos
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "/kk/stats/" in pages and "/en/open-data/" in pages


@pytest.mark.urls(__name__)
def test_robots_keeps_crawlers_out_of_personal_and_staff_pages(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /*/staff/" in body and "Disallow: /*/my/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
