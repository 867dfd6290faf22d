"""What competitions add to the registry's pages, through its hooks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.tests.factories import OfficialFactory
from tenders import services
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    organiser,
    representative,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def _win(user, ngo, official, amount=2_000_000):
    competition, lot = open_competition(official=official)
    application = submitted_application(lot, user, ngo)
    close_window(competition)
    (member,) = commission(competition, "official")
    application.refresh_from_db()
    services.screen_application(application, official, "admit")
    score(application, member, 8, 8, 8)
    services.award_lot(lot, application, amount, official)
    services.publish_results(competition, official)
    return competition


def test_the_ngo_page_shows_what_it_won_with_constant_queries(client):
    official = OfficialFactory()
    user, ngo = representative()
    first = _win(user, ngo, official)
    with CaptureQueriesContext(connection) as one:
        page = client.get(f"/en/ngos/{ngo.bin}/").content.decode()
    assert "State funding won in competitions" in page
    assert first.number in page
    for _ in range(3):
        _win(user, ngo, official, amount=1_000_000)
    with CaptureQueriesContext(connection) as four:
        page = client.get(f"/en/ngos/{ngo.bin}/").content.decode()
    assert len(four) == len(one)
    assert "5,000,000" in page or "5 000 000" in page or "5\xa0000\xa0000" in page


def test_an_ngo_that_won_nothing_has_no_funding_section(client):
    _user, ngo = representative()
    assert "State funding won" not in client.get(f"/en/ngos/{ngo.bin}/").content.decode()


def test_the_dashboard_tile_counts_competitions_of_the_officials_body(client):
    official = OfficialFactory()
    competition, lot = open_competition(official=official)
    submitted_application(lot)
    close_window(competition)
    client.force_login(official)
    response = client.get("/en/staff/")
    assert "Competitions in evaluation" in response.content.decode()
    assert competition.number in response.content.decode()
    other = OfficialFactory(body=organiser("mlsp"))
    client.force_login(other)
    assert competition.number not in client.get("/en/staff/").content.decode()


def test_the_ngo_page_says_from_how_many_bodies_and_links_the_csv(client):
    from tenders.tests.factories import published_round

    user, ngo = representative()
    published_round(organiser("mci"), 2023, [(ngo, 3_000_000)])
    published_round(organiser("mlsp"), 2024, [(ngo, 1_000_000)])
    published_round(organiser("mlsp"), 2024, [(ngo, 500_000)], title="Екінші")
    page = client.get(f"/en/ngos/{ngo.bin}/").content.decode()
    assert "received in all from 2 state bodies" in page
    assert f"/en/tenders/recipients/{ngo.bin}.csv" in page
    assert client.get(f"/en/tenders/recipients/{ngo.bin}.csv").status_code == 200


def test_the_tiles_count_questions_and_appeals_of_the_officials_body_only(client):
    official = OfficialFactory()
    competition, _lot = open_competition(official=official)
    user, ngo = representative()
    services.ask_question(competition, ngo, user, "Сұрақ", "kk")
    client.force_login(official)
    page = client.get("/en/staff/")
    tiles = {tile.key: tile for tile in page.context["tiles"]}
    assert tiles["tenders-questions"].count == 1 and tiles["tenders-appeals"].count == 0
    client.force_login(OfficialFactory(body=organiser("mlsp")))
    tiles = {tile.key: tile for tile in client.get("/en/staff/").context["tiles"]}
    assert tiles["tenders-questions"].count == 0


def test_the_home_page_shows_this_years_funded_projects_and_total(client):
    from django.utils import timezone

    from tenders.tests.factories import published_round

    year = timezone.localdate().year
    published_round(organiser("mlsp"), year - 1, [("Old", 5_000_000)])
    with CaptureQueriesContext(connection) as fewer:
        client.get("/en/")
    published_round(organiser("mci"), year, [(representative()[1], 2_000_000), ("Union", 1_000)])
    with CaptureQueriesContext(connection) as some:
        response = client.get("/en/")
    figures = {
        figure.key: figure.value
        for figure in response.context["figures"]
        if figure.key.startswith("tenders-")
    }
    assert figures == {"tenders-projects": 2, "tenders-awarded": 2_001_000}
    assert len(some) == len(fewer)
