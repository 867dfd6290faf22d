"""Rules that held only at the start now hold to the end: one window rule for the check and its
flag, and a cancellation after applications tells every applicant."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from registry.tests.factories import OfficialFactory
from tenders import services
from tenders.flags import red_flags
from tenders.models import Competition
from tenders.tests.factories import (
    CRITERIA,
    add_lot,
    close_window,
    commission,
    draft_competition,
    open_competition,
    organiser,
    representative,
    score,
    submitted_application,
)


@pytest.mark.django_db
def test_a_grant_window_of_19_days_12_hours_is_refused_and_flagged_alike():
    official = OfficialFactory()
    now = timezone.now()
    competition = draft_competition(
        official,
        Competition.Mechanism.GRANT,
        operator=organiser("csci"),
        opens_at=now + datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=20, hours=12),
    )
    add_lot(competition, official)
    services.set_criteria(competition, official, CRITERIA)
    with pytest.raises(services.TenderError, match="not 19.5"):
        services.announce_competition(competition, official)
    assert [flag.code for flag in red_flags(competition)] == ["short_window"]
    assert "for 19.5 days" in red_flags(competition)[0].message


@pytest.mark.django_db(transaction=True)
def test_a_cancellation_after_applications_tells_every_applicant():
    competition, lot = open_competition()
    user, ngo = representative()
    submitted_application(lot, user, ngo)
    drafter, other = representative()
    services.start_application(other, lot, drafter)
    mail.outbox.clear()
    services.cancel_competition(competition, competition.created_by, "Бюджет қысқартылды")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([user.email, drafter.email])
    assert "Бюджет қысқартылды" in mail.outbox[0].body


def _returned():
    competition, lot = open_competition()
    user, ngo = representative()
    application = submitted_application(lot, user, ngo, amount=1_000_000)
    close_window(competition)
    services.screen_application(application, competition.created_by, "return", "Clarify goals")
    application.refresh_from_db()
    return competition, application, user


PROJECT = {
    "title": "Еріктілер мектебі",
    "summary": "Жаңартылған сипаттама.",
    "goals": "Нақтыланған мақсаттар.",
    "activities": "Семинарлар.",
    "beneficiaries": "Жастар.",
}


@pytest.mark.django_db
def test_a_returned_application_answers_the_commission_but_cannot_raise_its_price():
    _competition, application, user = _returned()
    with pytest.raises(services.TenderError, match="cannot rise above the 1,000,000 ₸"):
        services.update_application(
            application,
            user,
            {**PROJECT, "requested_amount": 9_000_000},
            [{"item": "Семинарлар", "amount": 9_000_000}],
        )
    services.update_application(
        application,
        user,
        {**PROJECT, "requested_amount": 1_000_000},
        [{"item": "Семинарлар", "amount": 1_000_000}],
    )
    services.submit_application(application, user)
    application.refresh_from_db()
    assert application.requested_amount == 1_000_000
    assert application.goals == "Нақтыланған мақсаттар."


@pytest.mark.django_db
def test_results_do_not_publish_while_an_application_is_returned():
    competition, application, _user = _returned()
    with pytest.raises(services.TenderError, match=f"{application.number} was returned"):
        services.publish_results(competition, competition.created_by)


@pytest.mark.django_db
@pytest.mark.parametrize("year", [1990, 2099, 32767])
def test_a_competition_of_an_impossible_year_is_refused(year):
    official = OfficialFactory()
    with pytest.raises(services.TenderError, match="year of a competition is between 2003"):
        services.create_competition(
            official, official.state_bodies.first(), Competition.Mechanism.SOCIAL_ORDER, year
        )
    assert not Competition.objects.exists()


def _round(published_on, year=2010, applications=10, applicants=5, winners=1, allowed=1):
    from registry.models import ActivityArea

    return services.record_historical_round(
        OfficialFactory(role="administrator"),
        organiser("mci"),
        Competition.Mechanism.SOCIAL_ORDER,
        year,
        published_on,
        lots=[
            {
                "theme_ru": "Тема",
                "theme_kk": "Тақырып",
                "activity_area": ActivityArea.objects.get(code="youth"),
                "budget": 1_000_000 * winners,
                "winners_allowed": allowed,
                "winners": [(f"НПО {n}", 1_000_000) for n in range(winners)],
            }
        ],
        reported_applications=applications,
        reported_applicants=applicants,
        title_kk="Конкурс",
        title_ru="Конкурс",
    )


@pytest.mark.django_db
def test_a_historical_round_keeps_its_figures_and_dates_plausible():
    future = timezone.localdate() + datetime.timedelta(days=365 * 4)
    with pytest.raises(services.TenderError, match="published between"):
        _round(future)
    with pytest.raises(services.TenderError, match="published between"):
        _round(datetime.date(2004, 6, 1), year=2010)
    with pytest.raises(services.TenderError, match="3 winners but allows 1"):
        _round(datetime.date(2010, 9, 1), winners=3)
    with pytest.raises(services.TenderError, match="More applying NGOs"):
        _round(datetime.date(2010, 9, 1), applications=10, applicants=50)
    assert _round(datetime.date(2010, 9, 1)).published_at.year == 2010


def _published_award():
    competition, lot = open_competition(pass_score=10)
    application = submitted_application(lot)
    close_window(competition)
    (member,) = commission(competition, "official")
    official = competition.created_by
    services.screen_application(application, official, "admit")
    score(application, member, 9, 9, 9)
    award = services.award_lot(lot, application, 3_000_000, official)
    services.publish_results(competition, official)
    return award, official


@pytest.mark.django_db
def test_a_contract_dated_before_the_results_or_in_the_future_is_refused():
    award, official = _published_award()
    today = timezone.localdate()
    for signed_on in (datetime.date(2001, 1, 1), datetime.date(2035, 1, 1)):
        with pytest.raises(services.TenderError, match="signed between the publication"):
            services.sign_contract(
                award,
                official,
                number="ГСЗ-1",
                signed_on=signed_on,
                starts_on=today,
                ends_on=today + datetime.timedelta(days=200),
                amount=3_000_000,
            )
    contract = services.sign_contract(
        award,
        official,
        number="ГСЗ-1",
        signed_on=today,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=200),
        amount=3_000_000,
    )
    instalment = services.add_instalment(contract, official, today, 1_000_000)
    services.approve_instalment(instalment, official)
    with pytest.raises(services.TenderError, match="paid between the contract's signature"):
        services.mark_instalment_paid(instalment, official, datetime.date(1999, 1, 1))
