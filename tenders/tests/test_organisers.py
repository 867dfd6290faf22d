"""Who funds whom: each organising state body's page, the list of them, and their CSVs."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.tests.factories import NGOFactory, OfficialFactory
from tenders.tests.factories import open_competition, organiser, published_round

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_an_organisers_page_shows_its_competitions_years_and_recipients(client):
    mci = organiser("mci")
    big, small = NGOFactory(), NGOFactory()
    first = published_round(mci, 2023, [(big, 3_000_000), (small, 1_000_000)])
    published_round(mci, 2024, [(big, 2_000_000), ("Old Union", 500_000)])
    published_round(organiser("mlsp"), 2024, [(small, 9_000_000)])
    page = client.get(f"/en/tenders/organisers/{mci.code}/")
    assert page.status_code == 200
    by_year = {row["year"]: row for row in page.context["by_year"]}
    assert by_year[2023]["total"] == 4_000_000 and by_year[2024]["total"] == 2_500_000
    assert by_year[2024]["recipients"] == 2
    recipients = [(r.bin, r.name, r.total) for r in page.context["recipients"]]
    assert recipients == [
        (big.bin, big.name, 5_000_000),
        (small.bin, small.name, 1_000_000),
        (None, "Old Union", 500_000),
    ]
    html = page.content.decode()
    assert first.number in html and f"/en/ngos/{big.bin}/" in html
    assert f"/en/tenders/organisers/{mci.code}/recipients.csv" in html

    rows = _csv(client.get(f"/en/tenders/organisers/{mci.code}/recipients.csv"))
    assert rows[0][0] == "BIN"
    assert rows[1:] == [
        [big.bin, big.name, "2", "5000000"],
        [small.bin, small.name, "1", "1000000"],
        ["", "Old Union", "1", "500000"],
    ]


def test_a_recipient_named_like_a_formula_is_text_in_the_csv(client):
    mci = organiser("mci")
    published_round(mci, 2024, [('=HYPERLINK("http://x.kz","pay")', 500_000)])
    rows = _csv(client.get(f"/en/tenders/organisers/{mci.code}/recipients.csv"))
    assert rows[1][1] == '\'=HYPERLINK("http://x.kz","pay")'


def test_the_organisers_page_runs_a_constant_number_of_queries(client):
    mci = organiser("mci")
    published_round(mci, 2023, [(NGOFactory(), 1_000_000)])
    with CaptureQueriesContext(connection) as one:
        client.get(f"/en/tenders/organisers/{mci.code}/")
    for year in (2022, 2024, 2025):
        published_round(mci, year, [(NGOFactory(), 1_000_000), (NGOFactory(), 2_000_000)])
    with CaptureQueriesContext(connection) as more:
        client.get(f"/en/tenders/organisers/{mci.code}/")
    assert len(more) == len(one)
    with CaptureQueriesContext(connection) as listing:
        client.get("/en/tenders/organisers/")
    published_round(organiser("mlsp"), 2024, [(NGOFactory(), 1_000_000)])
    with CaptureQueriesContext(connection) as listing_more:
        client.get("/en/tenders/organisers/")
    assert len(listing_more) == len(listing)


def test_the_list_of_organisers_links_each_with_its_total(client):
    published_round(organiser("mci"), 2024, [(NGOFactory(), 7_000_000)])
    page = client.get("/en/tenders/organisers/")
    bodies = {body.code: body for body in page.context["organisers"]}
    assert bodies["mci"].total_awarded == 7_000_000 and bodies["mci"].competition_count == 1
    assert "mlsp" not in bodies
    assert "/en/tenders/organisers/mci/" in page.content.decode()
    assert "/en/tenders/organisers/" in client.get("/en/tenders/").content.decode()


def test_competition_pages_link_their_organiser(client):
    competition, _lot = open_competition()
    page = client.get(f"/en/tenders/{competition.number}/").content.decode()
    assert f"/en/tenders/organisers/{competition.organiser.code}/" in page


def test_drafts_and_unknown_bodies_are_not_shown(client):
    official = OfficialFactory()
    from tenders.tests.factories import draft_competition

    draft = draft_competition(official)
    page = client.get(f"/en/tenders/organisers/{draft.organiser.code}/").content.decode()
    assert draft.number not in page
    assert client.get("/en/tenders/organisers/no-such-body/").status_code == 404
    assert client.get("/en/tenders/organisers/no-such-body/recipients.csv").status_code == 404


def test_a_recipients_csv_lists_what_an_ngo_received(client):
    ngo = NGOFactory()
    first = published_round(organiser("mci"), 2023, [(ngo, 3_000_000)])
    published_round(organiser("mlsp"), 2024, [(ngo, 1_000_000)])
    rows = _csv(client.get(f"/ru/tenders/recipients/{ngo.bin}.csv"))
    header, records = rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert header == next(iter(_csv(client.get("/ru/tenders/results/2023.csv"))))  # one layout
    assert [r["Год"] for r in records] == ["2024", "2023"]
    older = records[1]
    assert older["Конкурс"] == first.number and older["Код организатора"] == "mci"
    assert older["БИН получателя"] == ngo.bin and older["Присуждённая сумма, тенге"] == "3000000"
    assert client.get("/ru/tenders/recipients/000000000000.csv").status_code == 404
