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
