"""A commission member linked to any applicant of a lot reads and scores nothing in that lot."""

from decimal import Decimal

import pytest

from registry.tests.factories import RepresentationFactory
from tenders import services
from tenders.models import ScoreSheet
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    points,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rivals():
    """Lot 1 with rival applicants A and B, both admitted; a neutral member and B's man."""
    competition, lot = open_competition()
    first = submitted_application(lot)
    second = submitted_application(lot)
    close_window(competition)
    for application in (first, second):
        services.screen_application(application, competition.created_by, "admit")
    neutral, partisan = commission(competition, "official", "official")
    RepresentationFactory(user=partisan, ngo=second.ngo)
    return competition, lot, first, second, neutral, partisan


def test_a_member_of_b_cannot_declare_or_score_its_rival_a(rivals):
    competition, _lot, first, _second, _neutral, partisan = rivals
    with pytest.raises(services.TenderError, match="read and score nothing in that lot"):
        services.declare_conflict(first, partisan, has_conflict=False)
    with pytest.raises(services.TenderError, match="read and score nothing in that lot"):
        services.score_application(first, partisan, points(competition, 0, 0, 0))
    assert not ScoreSheet.objects.filter(member__user=partisan).exists()


def test_a_declared_conflict_with_one_applicant_keeps_the_member_out_of_the_whole_lot(rivals):
    competition, _lot, first, second, neutral, _partisan = rivals
    services.declare_conflict(second, neutral, has_conflict=True)
    with pytest.raises(services.TenderError, match="read and score nothing in that lot"):
        services.declare_conflict(first, neutral, has_conflict=False)


def test_b_does_not_win_by_the_zeros_of_a_member_linked_to_it(rivals):
    competition, lot, first, second, neutral, partisan = rivals
    # The partisan's sheets went in before the link was known (the claim approved later).
    partisan.representations.all().delete()
    score(first, partisan, 0, 0, 0)
    score(second, partisan, 10, 10, 10)
    RepresentationFactory(user=partisan, ngo=second.ngo)
    score(first, neutral, 8, 8, 8)
    score(second, neutral, 6, 6, 6)
    ranked = services.ranking(lot)
    assert [row.application for row in ranked] == [first, second]
    assert [row.score for row in ranked] == [Decimal("80.00"), Decimal("60.00")]
    assert [row.sheets for row in ranked] == [1, 1]
    official = competition.created_by
    with pytest.raises(services.TenderError, match="scored higher"):
        services.award_lot(lot, second, 3_000_000, official)
    assert services.award_lot(lot, first, 3_000_000, official).ngo == first.ngo


def test_results_do_not_publish_on_the_sheets_of_a_linked_member_alone(rivals):
    competition, lot, first, second, neutral, partisan = rivals
    partisan.representations.all().delete()
    score(first, partisan, 5, 5, 5)
    score(second, neutral, 6, 6, 6)
    RepresentationFactory(user=partisan, ngo=second.ngo)
    with pytest.raises(services.TenderError, match=f"{first.number} has no scores"):
        services.publish_results(competition, competition.created_by)


def test_the_linked_member_opens_no_application_of_the_lot_over_http(client, rivals):
    competition, _lot, first, second, _neutral, partisan = rivals
    client.force_login(partisan)
    base = f"/en/staff/tenders/{competition.number}/"
    page = client.get(base).content.decode()
    assert first.number not in page and second.number not in page
    assert client.get(f"{base}applications/{first.number}/").status_code == 404
    response = client.post(
        f"{base}applications/{first.number}/",
        {"action": "score", "no_conflict": "on", **_fields(competition, 0)},
    )
    assert response.status_code == 404
    assert not ScoreSheet.objects.filter(member__user=partisan).exists()


def test_the_neutral_member_scores_both_rivals_over_http(client, rivals):
    competition, _lot, first, second, neutral, _partisan = rivals
    client.force_login(neutral)
    base = f"/en/staff/tenders/{competition.number}/"
    page = client.get(base).content.decode()
    assert first.number in page and second.number in page
    response = client.post(
        f"{base}applications/{first.number}/",
        {"action": "score", "no_conflict": "on", **_fields(competition, 7)},
    )
    assert response.status_code == 302
    assert ScoreSheet.objects.get(member__user=neutral).total == Decimal("70.00")


def _fields(competition, value):
    return {f"c{pk}": value for pk in competition.criteria.values_list("pk", flat=True)}
