"""Integrity flags: computed from the apps' data, shown to officials with their evidence, and
counted on the public statistics page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.tests.factories import council, member, secretary
from portal import integrity
from registry.tests.factories import AnnualReportFactory, NGOFactory, OfficialFactory
from tenders.models import CommissionMember
from tenders.tests.factories import (
    close_window,
    open_competition,
    organiser,
    published_round,
    representative,
    submitted_application,
)

pytestmark = pytest.mark.django_db
FILED = datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)  # the 2023 report, on time


def test_a_commission_member_representing_an_applicant_is_flagged_once_the_window_closed():
    competition, lot = open_competition()
    user, ngo = representative()
    submitted_application(lot, user, ngo)
    CommissionMember.objects.create(competition=competition, user=user, kind="expert")
    assert integrity.counts()["commission_applicant"] == 0  # sealed until the window closes
    close_window(competition)
    found = integrity.flags(None)["commission_applicant"]
    assert found["count"] == 1
    [flag] = found["items"]
    assert (flag.ngo_bin, flag.competition) == (ngo.bin, competition.number)
    assert "sits on the commission" in flag.evidence


def test_an_ngo_funded_without_the_annual_information_due_is_flagged():
    missing, filed = NGOFactory(), NGOFactory()
    AnnualReportFactory(ngo=filed, year=2023, submitted_at=FILED)
    published_round(organiser(), 2024, [(missing, 1_000_000), (filed, 2_000_000)])
    found = integrity.flags(None)["funded_without_report"]
    assert [flag.ngo_bin for flag in found["items"]] == [missing.bin]
    assert "for 2023" in found["items"][0].evidence


def test_a_council_members_ngo_winning_the_bodys_competition_is_flagged():
    ngo = NGOFactory()
    AnnualReportFactory(ngo=ngo, year=2023, submitted_at=FILED)
    seat = council(body="mci")
    member(
        seat,
        secretary(seat),
        name="Aigerim Seitova",
        ngo=ngo,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2026, 1, 1),
    )
    published_round(organiser("mci"), 2024, [(ngo, 3_000_000)])
    found = integrity.flags(None)["council_member_winner"]
    assert found["count"] == 1
    assert "Aigerim Seitova" in found["items"][0].evidence
    assert seat.code in found["items"][0].evidence


def test_officials_see_the_flags_with_evidence_and_the_public_only_counts(client):
    published_round(organiser(), 2024, [(NGOFactory(), 1_000_000)])
    official = OfficialFactory()
    client.force_login(official)
    page = client.get("/en/staff/integrity/").content.decode()
    assert "Funded while its annual information was missing" in page
    assert "had not been filed" in page
    dashboard = client.get("/en/staff/").content.decode()
    assert "Integrity flags" in dashboard
    client.logout()
    assert client.get("/en/staff/integrity/").status_code == 302
    stats = client.get("/en/stats/integrity-flags.csv?sep=,")
    text = b"".join(stats.streaming_content).decode("utf-8-sig")
    assert '"funded_without_report","Funded while its annual information was missing","1"' in text
    assert "had not been filed" not in client.get("/en/stats/").content.decode()


def test_someone_not_working_for_the_state_may_not_see_them(client):
    user, _ngo = representative()
    client.force_login(user)
    assert client.get("/en/staff/integrity/").status_code == 403


def test_the_flags_cost_the_same_queries_whatever_the_data():
    published_round(organiser(), 2024, [(NGOFactory(), 1_000_000)])
    with CaptureQueriesContext(connection) as few:
        integrity.flags(None)
    published_round(organiser(), 2023, [(NGOFactory(), 1), (NGOFactory(), 2)], "Second")
    with CaptureQueriesContext(connection) as more:
        integrity.flags(None)
    assert len(more) == len(few) == 6
