import datetime
import threading

import pytest
from django.db import connection

from registry.tests.factories import NGOFactory, OfficialFactory
from tenders import services
from tenders.models import Award, Competition
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    organiser,
    score,
    submitted_application,
)


def _evaluated(budget=10_000_000, winners=2, scores=((9, 9, 9), (7, 7, 7), (3, 3, 3))):
    """A closed competition whose applications are admitted and scored, best first."""
    competition, lot = open_competition(budget=budget, winners=winners, pass_score=50)
    applications = [submitted_application(lot, amount=4_000_000) for _ in scores]
    close_window(competition)
    (member,) = commission(competition, "official")
    for application, values in zip(applications, scores, strict=True):
        application.refresh_from_db()
        services.screen_application(application, competition.created_by, "admit")
        score(application, member, *values)
    return competition, lot, applications


@pytest.mark.django_db
def test_winners_by_ranking_then_publish_makes_results_final():
    competition, lot, (best, second, _weak) = _evaluated()
    official = competition.created_by
    services.award_lot(lot, best, 4_000_000, official)
    services.award_lot(lot, second, 3_500_000, official)
    services.publish_results(competition, official)
    competition.refresh_from_db()
    assert competition.status == Competition.Status.PUBLISHED
    assert competition.published_at is not None
    assert sorted(lot.awards.values_list("amount", flat=True)) == [3_500_000, 4_000_000]
    with pytest.raises(services.TenderError, match="during evaluation"):
        services.award_lot(lot, _weak, 1_000_000, official)
    with pytest.raises(services.TenderError, match="correction"):
        services.remove_award(lot.awards.first(), official)


@pytest.mark.django_db
def test_awarded_sum_over_the_lot_budget_is_refused():
    competition, lot, (best, second, _weak) = _evaluated(budget=6_000_000)
    official = competition.created_by
    services.award_lot(lot, best, 4_000_000, official)
    with pytest.raises(services.TenderError, match="2,000,000 ₸ left"):
        services.award_lot(lot, second, 2_500_000, official)
    with pytest.raises(services.TenderError, match="exceed the 4,000,000 ₸ requested"):
        services.award_lot(lot, second, 4_500_000, official)
    assert lot.awards.count() == 1


@pytest.mark.django_db
def test_more_winners_than_the_lot_allows_are_refused():
    competition, lot, (best, second, _weak) = _evaluated(winners=1)
    official = competition.created_by
    services.award_lot(lot, best, 1_000_000, official)
    with pytest.raises(services.TenderError, match="1 winner"):
        services.award_lot(lot, second, 1_000_000, official)


@pytest.mark.django_db
def test_no_skipping_a_higher_score_and_no_winner_below_the_pass_mark():
    competition, lot, (best, second, weak) = _evaluated(winners=3)
    official = competition.created_by
    with pytest.raises(services.TenderError, match=f"{best.number} scored higher"):
        services.award_lot(lot, second, 1_000_000, official)
    services.award_lot(lot, best, 1_000_000, official)
    services.award_lot(lot, second, 1_000_000, official)
    with pytest.raises(services.TenderError, match="below the pass mark of 50"):
        services.award_lot(lot, weak, 1_000_000, official)


@pytest.mark.django_db
def test_publishing_without_scores_is_refused():
    competition, lot = open_competition()
    application = submitted_application(lot)
    close_window(competition)
    official = competition.created_by
    with pytest.raises(services.TenderError, match="not been screened"):
        services.publish_results(competition, official)
    application.refresh_from_db()
    services.screen_application(application, official, "admit")
    with pytest.raises(services.TenderError, match="no scores"):
        services.publish_results(competition, official)
    with pytest.raises(services.TenderError, match="not been scored"):
        services.award_lot(lot, application, 1_000_000, official)


@pytest.mark.django_db
def test_an_official_of_another_body_cannot_award_or_publish():
    competition, lot, (best, _second, _weak) = _evaluated()
    other = OfficialFactory(body=organiser("mlsp"))
    with pytest.raises(services.TenderError, match="organising state body"):
        services.award_lot(lot, best, 1_000_000, other)
    with pytest.raises(services.TenderError, match="organising state body"):
        services.publish_results(competition, other)


@pytest.mark.django_db
def test_published_results_change_only_by_a_correction_with_a_reason():
    competition, lot, (best, second, _weak) = _evaluated()
    official = competition.created_by
    award = services.award_lot(lot, best, 4_000_000, official)
    services.publish_results(competition, official)
    with pytest.raises(services.TenderError, match="reason"):
        services.correct_results(competition, official, " ", withdraw=[award])
    correction = services.correct_results(
        competition,
        official,
        "Жеңімпаз келісімшартқа отырудан бас тартты",
        withdraw=[award],
        add=[(second, 3_000_000)],
    )
    assert [change["action"] for change in correction.changes] == ["withdrawn", "added"]
    assert correction.changes[0]["bin"] == best.ngo.bin
    standing = Award.objects.standing().filter(lot=lot)
    assert list(standing.values_list("ngo", "amount")) == [(second.ngo_id, 3_000_000)]
    award.refresh_from_db()
    assert award.withdrawn_at is not None


@pytest.mark.django_db
def test_historical_round_is_entered_from_its_published_results():
    administrator = OfficialFactory(role="administrator")
    winners = [(f"Winner {n}", 535_000) for n in range(20)]
    competition = services.record_historical_round(
        administrator,
        organiser("mci"),
        Competition.Mechanism.SOCIAL_ORDER,
        2003,
        datetime.date(2003, 9, 30),
        lots=[
            {
                "theme_ru": "Пилотный конкурс",
                "theme_kk": "Пилоттық конкурс",
                "activity_area_id": NGOFactory().activity_areas.model.objects.first().pk,
                "budget": 10_700_000,
                "winners_allowed": 20,
                "winners": winners,
            }
        ],
        reported_applications=120,
        reported_applicants=109,
        title_kk="2003 жылғы пилоттық конкурс",
        title_ru="Пилотный конкурс 2003 года",
    )
    assert competition.status == Competition.Status.PUBLISHED
    assert competition.results_only
    assert Award.objects.published().filter(lot__competition=competition).count() == 20
    total = sum(a.amount for a in Award.objects.filter(lot__competition=competition))
    assert total == 10_700_000


@pytest.mark.django_db(transaction=True)
def test_two_officials_awarding_the_last_budget_at_once_do_not_exceed_it():
    competition, lot, (best, second, _weak) = _evaluated(budget=5_000_000, scores=((8, 8, 8),) * 3)
    official = competition.created_by
    results = []
    barrier = threading.Barrier(2)

    def award(application):
        try:
            barrier.wait()
            services.award_lot(lot, application, 4_000_000, official)
            results.append("awarded")
        except services.TenderError as error:
            results.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=award, args=(app,)) for app in (best, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("awarded") == 1, results
    assert len(results) == 2  # the other was refused with the budget left, not awarded
    assert sum(lot.awards.values_list("amount", flat=True)) == 4_000_000
