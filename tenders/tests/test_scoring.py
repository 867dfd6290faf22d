from decimal import Decimal

import pytest

from registry.tests.factories import RepresentationFactory
from tenders import services
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    points,
    representative,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluating():
    competition, lot = open_competition()
    first = submitted_application(lot)
    second = submitted_application(lot)
    close_window(competition)
    for application in (first, second):
        application.refresh_from_db()
        services.screen_application(application, competition.created_by, "admit")
        application.refresh_from_db()
    return competition, lot, first, second


def test_weighted_score_out_of_100_and_mean_of_members(evaluating):
    competition, lot, first, _second = evaluating
    alice, bob = commission(competition, "official", "official")
    # weights 40/35/25, out of 10 points each
    assert score(first, alice, 10, 10, 10).total == Decimal("100.00")
    assert score(first, bob, 5, 4, 8).total == Decimal("54.00")  # 20 + 14 + 20
    ranked = services.ranking(lot)
    assert ranked[0].application == first
    assert ranked[0].score == Decimal("77.00")
    assert ranked[0].sheets == 2


def test_points_beyond_the_scale_are_refused(evaluating):
    competition, _lot, first, _second = evaluating
    (member,) = commission(competition, "official")
    services.declare_conflict(first, member, has_conflict=False)
    with pytest.raises(services.TenderError, match="between 0 and 10"):
        services.score_application(first, member, points(competition, 11, 5, 5))
    with pytest.raises(services.TenderError, match="every criterion"):
        services.score_application(first, member, {})


def test_a_member_must_declare_before_scoring_and_a_conflict_stops_them(evaluating):
    competition, _lot, first, second = evaluating
    member, other = commission(competition, "official", "official")
    with pytest.raises(services.TenderError, match="Declare first"):
        services.score_application(first, member, points(competition, 5, 5, 5))
    services.declare_conflict(first, member, has_conflict=True)
    with pytest.raises(services.TenderError, match="conflict of interest"):
        services.score_application(first, member, points(competition, 5, 5, 5))
    with pytest.raises(services.TenderError, match="score nothing in that lot"):
        services.declare_conflict(first, member, has_conflict=False)
    assert score(second, other, 5, 5, 5).submitted_at is not None


def test_a_member_who_represents_the_applicant_cannot_score_it(evaluating):
    competition, _lot, first, _second = evaluating
    (member,) = commission(competition, "official")
    RepresentationFactory(user=member, ngo=first.ngo)
    with pytest.raises(services.TenderError, match="you represent it"):
        services.declare_conflict(first, member, has_conflict=False)
    assert not first.sheets.exists()


def test_experts_see_only_assigned_applications(evaluating):
    competition, _lot, first, second = evaluating
    (expert,) = commission(competition, "expert")
    seat = competition.commission.get(user=expert)
    seat.assigned.add(first)
    assert score(first, expert, 6, 6, 6).total == Decimal("60.00")
    with pytest.raises(services.TenderError, match="not assigned to you"):
        services.declare_conflict(second, expert, has_conflict=False)


def test_blind_scoring_until_own_sheet_is_submitted(evaluating):
    competition, _lot, first, _second = evaluating
    alice, bob = commission(competition, "official", "official")
    score(first, alice, 8, 8, 8)
    assert list(services.visible_sheets(first, bob)) == []
    score(first, bob, 6, 6, 6)
    assert services.visible_sheets(first, bob).count() == 2


def test_a_submitted_sheet_is_final(evaluating):
    competition, _lot, first, _second = evaluating
    (member,) = commission(competition, "official")
    score(first, member, 5, 5, 5)
    with pytest.raises(services.TenderError, match="already submitted"):
        services.score_application(first, member, points(competition, 9, 9, 9))


def test_scoring_before_the_close_is_refused():
    competition, lot = open_competition()
    user, ngo = representative()
    application = submitted_application(lot, user, ngo)
    (member,) = commission(competition, "official")
    with pytest.raises(services.TenderError):
        services.declare_conflict(application, member, has_conflict=False)


def test_equal_scores_are_flagged_as_tied(evaluating):
    competition, lot, first, second = evaluating
    (member,) = commission(competition, "official")
    score(first, member, 7, 7, 7)
    score(second, member, 7, 7, 7)
    assert [row.tied for row in services.ranking(lot)] == [True, True]
