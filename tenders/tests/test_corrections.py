"""Corrections of published results obey the rules of an award, and the page says where it went
wrong; an NGO that is no longer eligible is refused at every step to the award."""

import pytest

from registry.models import NGO
from tenders import services
from tenders.models import Award, Correction
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    representative,
    score,
    submitted_application,
)

pytestmark = pytest.mark.django_db

LONG_REASON = (
    "The winner refused to sign the contract within the period; the runner-up takes the lot."
)


@pytest.fixture
def published():
    """Lot 1 (one winner, pass mark 50): best 90 won 3,000,000; runner-up 70, third 60; weak 30."""
    competition, lot = open_competition(winners=1, pass_score=50)
    applications = [submitted_application(lot, amount=4_000_000) for _ in range(4)]
    close_window(competition)
    (member,) = commission(competition, "official")
    official = competition.created_by
    for application, points in zip(applications, (9, 7, 6, 3), strict=True):
        services.screen_application(application, official, "admit")
        score(application, member, points, points, points)
    award = services.award_lot(lot, applications[0], 3_000_000, official)
    services.publish_results(competition, official)
    competition.refresh_from_db()
    best, runner_up, third, weak = applications
    return competition, lot, award, best, runner_up, third, weak


def test_a_correction_with_a_reason_of_normal_length_is_recorded(published):
    competition, _lot, award, *_others = published
    assert len(LONG_REASON) > 80
    correction = services.correct_results(
        competition, competition.created_by, LONG_REASON, withdraw=[award]
    )
    assert correction.reason == LONG_REASON
    award.refresh_from_db()
    assert award.withdrawn_at is not None


def test_the_correction_page_gives_the_lot_to_the_runner_up(client, published):
    competition, lot, award, _best, runner_up, _third, _weak = published
    client.force_login(competition.created_by)
    url = f"/en/staff/tenders/{competition.number}/correct/"
    page = client.get(url).content.decode()
    assert runner_up.number in page
    response = client.post(
        url,
        {
            "reason": LONG_REASON,
            "withdraw": [award.pk],
            "add_application": runner_up.number,
            "add_amount": "3 500 000",
        },
    )
    assert response.status_code == 302
    standing = Award.objects.standing().filter(lot=lot)
    assert list(standing.values_list("application", "amount")) == [(runner_up.pk, 3_500_000)]
    assert Correction.objects.get().reason == LONG_REASON


def test_the_correction_page_changes_an_amount(client, published):
    competition, _lot, award, *_others = published
    client.force_login(competition.created_by)
    response = client.post(
        f"/en/staff/tenders/{competition.number}/correct/",
        {"reason": "Budget line cut by the commission.", f"amount_{award.pk}": "2 000 000"},
    )
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.amount == 2_000_000
    (change,) = Correction.objects.get().changes
    assert (change["action"], change["before"], change["amount"]) == (
        "amount_changed",
        3_000_000,
        2_000_000,
    )


def test_a_refused_correction_shows_its_error_at_the_field_and_keeps_the_input(client, published):
    competition, _lot, award, _best, runner_up, _third, _weak = published
    client.force_login(competition.created_by)
    response = client.post(
        f"/en/staff/tenders/{competition.number}/correct/",
        {
            "reason": LONG_REASON,
            "withdraw": [award.pk],
            "add_application": runner_up.number,
            "add_amount": "9 000 000",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_add_application_errors"' in page
    assert "cannot exceed the 4,000,000 ₸ requested" in page
    assert LONG_REASON in page
    award.refresh_from_db()
    assert award.withdrawn_at is None  # nothing of a refused correction is kept


def test_a_correction_cannot_pass_over_a_better_application_without_saying_why(published):
    competition, _lot, award, _best, runner_up, third, _weak = published
    official = competition.created_by
    with pytest.raises(services.TenderError, match=f"{runner_up.number} scored higher"):
        services.correct_results(
            competition, official, "Swap", withdraw=[award], add=[(third, 1_000_000)]
        )
    assert competition.corrections.count() == 0


def test_a_correction_adding_a_winner_below_the_pass_mark_records_the_rule_and_why(
    client, published
):
    competition, _lot, award, _best, _runner_up, _third, weak = published
    official = competition.created_by
    services.correct_results(competition, official, "The best was disqualified.", withdraw=[award])
    with pytest.raises(services.TenderError, match="below the pass mark"):
        services.correct_results(
            competition, official, "The runner-up declined.", add=[(weak, 1_000_000)]
        )
    correction = services.correct_results(
        competition,
        official,
        "The runner-up declined.",
        add=[(weak, 1_000_000)],
        override="The court ordered the lot to the only remaining applicant.",
    )
    (change,) = correction.changes
    assert set(change["overrides"]) == {"below_pass", "ranking"}
    public = client.get(f"/en/tenders/{competition.number}/").content.decode()
    assert "added although below the pass mark" in public
    assert "The court ordered the lot" in public


def test_an_application_screened_ineligible_is_not_added_as_a_winner():
    competition, lot = open_competition(winners=1, pass_score=50)
    eligible = submitted_application(lot)
    ineligible = submitted_application(lot)
    close_window(competition)
    (member,) = commission(competition, "official")
    official = competition.created_by
    services.screen_application(eligible, official, "admit")
    services.screen_application(ineligible, official, "ineligible", "No charter")
    score(eligible, member, 8, 8, 8)
    first = services.award_lot(lot, eligible, 3_000_000, official)
    services.publish_results(competition, official)
    with pytest.raises(services.TenderError, match="admitted to scoring"):
        services.correct_results(
            competition, official, "Swap", withdraw=[first], add=[(ineligible, 1_000_000)]
        )


def test_an_upheld_appeal_does_not_make_a_lower_score_win_over_a_higher_one(published):
    competition, _lot, award, _best, runner_up, third, _weak = published
    official = competition.created_by
    appeal = services.file_appeal(third, third.ngo.representatives.get().user, "Unfair.")
    services.answer_appeal(appeal, official, "Checked.")
    with pytest.raises(services.TenderError, match=f"{runner_up.number} scored higher"):
        services.decide_appeal(
            appeal,
            official,
            upheld=True,
            reason="Upheld",
            withdraw=[award],
            add=[(third, 1_000_000)],
        )
    award.refresh_from_db()
    assert award.withdrawn_at is None


def test_an_ngo_liquidated_after_submitting_is_not_admitted_nor_awarded():
    competition, lot = open_competition(winners=1, pass_score=50)
    application = submitted_application(lot)
    close_window(competition)
    official = competition.created_by
    (member,) = commission(competition, "official")
    services.screen_application(application, official, "admit")
    score(application, member, 9, 9, 9)
    NGO.objects.filter(pk=application.ngo_id).update(status=NGO.Status.LIQUIDATED)
    with pytest.raises(services.TenderError, match="may not take part.*Liquidated"):
        services.award_lot(lot, application, 3_000_000, official)
    assert not Award.objects.exists()


def test_an_ngo_made_passive_cannot_submit_its_draft_nor_be_admitted():
    competition, lot = open_competition()
    user, ngo = representative()
    draft = services.start_application(ngo, lot, user)
    services.update_application(
        draft,
        user,
        {
            "title": "T",
            "summary": "S",
            "goals": "G",
            "activities": "A",
            "beneficiaries": "B",
            "requested_amount": 1_000_000,
        },
        [{"item": "Item", "amount": 1_000_000}],
    )
    NGO.objects.filter(pk=ngo.pk).update(status=NGO.Status.PASSIVE)
    ngo.refresh_from_db()
    with pytest.raises(services.TenderError, match="may not take part"):
        services.submit_application(draft, user)
    other = submitted_application(lot)
    close_window(competition)
    NGO.objects.filter(pk=other.ngo_id).update(status=NGO.Status.PASSIVE)
    with pytest.raises(services.TenderError, match="may not take part"):
        services.screen_application(other, competition.created_by, "admit")
