import csv
import io

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
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def _published():
    competition, lot = open_competition(winners=1)
    application = submitted_application(lot)
    loser = submitted_application(lot)
    close_window(competition)
    (member,) = commission(competition, "official")
    official = competition.created_by
    for item, points in ((application, 9), (loser, 5)):
        item.refresh_from_db()
        services.screen_application(item, official, "admit")
        score(item, member, points, points, points)
    services.award_lot(lot, application, 2_500_000, official)
    services.publish_results(competition, official)
    return competition, application, loser


def test_list_filters_by_public_identifiers(client):
    mine, _lot = open_competition()
    other, _lot = open_competition(official=OfficialFactory(body=organiser("mlsp")))
    response = client.get("/en/tenders/", {"organiser": "mlsp"})
    assert response.status_code == 200
    assert other.number in response.text and mine.number not in response.text
    response = client.get("/en/tenders/", {"area": "youth", "mechanism": "social_order"})
    assert mine.number in response.text


def test_an_unknown_filter_value_is_refused_not_ignored(client):
    open_competition()
    response = client.get("/en/tenders/", {"region": "999999999"})
    assert response.status_code == 400
    assert "does not exist" in response.text


def test_drafts_are_not_public(client):
    from tenders.tests.factories import draft_competition

    draft = draft_competition(OfficialFactory())
    assert draft.number not in client.get("/en/tenders/").text
    assert client.get(f"/en/tenders/{draft.number}/").status_code == 404


def test_applications_are_counted_only_after_the_close(client):
    competition, lot = open_competition()
    submitted_application(lot)
    page = client.get(f"/en/tenders/{competition.number}/").text
    assert "sealed until the close" in page
    close_window(competition)
    response = client.get(f"/en/tenders/{competition.number}/")
    assert response.context["lots"][0].application_count == 1


def test_published_results_name_the_winner_and_amount(client):
    competition, application, loser = _published()
    page = client.get(f"/ru/tenders/{competition.number}/").text
    assert application.ngo.name_ru in page
    assert "2 500 000" in page or "2\xa0500\xa0000" in page
    assert loser.ngo.name_ru not in page


def test_statistics_page_and_csv(client):
    competition, _application, _loser = _published()
    response = client.get("/ru/tenders/stats/", {"year": competition.year})
    assert response.status_code == 200
    (year_row,) = response.context["tables"][0][2]
    assert (year_row.applications, year_row.winners, year_row.awarded) == (2, 1, 2_500_000)
    response = client.get("/ru/tenders/stats/mechanism.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = csv.reader(io.StringIO(text), delimiter=";")
    assert header[0] == "Год"
    assert row[-1] == "2500000"
    assert client.get("/ru/tenders/stats/nothing.csv").status_code == 404


def test_list_queries_do_not_grow_with_the_page(client):
    official = OfficialFactory()
    open_competition(official=official)
    with CaptureQueriesContext(connection) as one:
        client.get("/en/tenders/")
    for _ in range(4):
        open_competition(official=official)
    with CaptureQueriesContext(connection) as five:
        client.get("/en/tenders/")
    assert len(five) == len(one)


def test_api_lists_competitions_with_lots_by_public_identifiers(client):
    competition, _application, _loser = _published()
    data = client.get("/api/v1/tenders/", {"organiser": "mci", "year": competition.year}).json()
    (item,) = data["results"]
    assert item["number"] == competition.number
    assert item["organiser"] == "mci"
    lot = item["lots"][0]
    assert lot["activity_area"] == "youth"
    assert lot["code"] == f"{competition.number}-L1"
    assert client.get(f"/api/v1/tenders/{competition.number}/").json()["ocid"] == competition.ocid
    assert client.get("/api/v1/tenders/", {"organiser": "nobody"}).status_code == 400


def test_api_awards_and_published_applications(client):
    competition, application, loser = _published()
    awards = client.get("/api/v1/awards/", {"competition": competition.number}).json()["results"]
    assert [(a["bin"], a["amount"]) for a in awards] == [(application.ngo.bin, 2_500_000)]
    rows = client.get("/api/v1/applications/", {"competition": competition.number}).json()
    by_bin = {row["bin"]: row for row in rows["results"]}
    assert by_bin[application.ngo.bin]["won"] is True
    assert by_bin[loser.ngo.bin]["won"] is False
    assert by_bin[loser.ngo.bin]["mean_score"] == "50.00"


def test_api_shows_no_application_before_publication(client):
    competition, lot = open_competition()
    submitted_application(lot)
    close_window(competition)
    rows = client.get("/api/v1/applications/", {"competition": competition.number}).json()
    assert rows["count"] == 0


def test_the_years_results_csv_names_every_award_by_its_codes(client):
    from registry.models import NGO

    competition, winner, _loser = _published()
    NGO.objects.filter(pk=winner.ngo_id).update(name_ru="=HYPERLINK(1)", name_kk="=HYPERLINK(1)")
    still_open, _lot = open_competition()
    response = client.get(f"/ru/tenders/results/{competition.year}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header[:2] == ["Год", "Конкурс"]
    assert len(rows) == 1  # the winner only; the open competition has no results yet
    row = dict(zip(header, rows[0], strict=True))
    lot = winner.lot
    assert row["Конкурс"] == competition.number
    assert row["Код организатора"] == competition.organiser.code
    assert row["Лот"] == lot.code
    assert row["Код направления деятельности"] == lot.activity_area.code
    assert row["БИН получателя"] == winner.ngo.bin
    assert row["Получатель"] == "'=HYPERLINK(1)"  # a formula is shown as text in Excel
    assert row["Присуждённая сумма, тенге"] == "2500000"
    assert still_open.number not in text
    assert client.get(f"/ru/tenders/results/{competition.year - 1}.csv").status_code == 200


def test_statistics_are_kept_until_the_data_changes(
    client, django_assert_max_num_queries, settings
):
    settings.GENERATION_CACHE_SECONDS = 600
    competition, _application, _loser = _published()
    first = client.get("/ru/tenders/stats/", {"year": competition.year})
    (row,) = first.context["tables"][0][2]
    assert row.winners == 1
    with django_assert_max_num_queries(4):  # the tables come from the cache: no roll-up
        client.get("/ru/tenders/stats/", {"year": competition.year})
    _published()  # another competition publishes its results: the cached tables are stale
    (row,) = client.get("/ru/tenders/stats/", {"year": competition.year}).context["tables"][0][2]
    assert row.winners == 2
