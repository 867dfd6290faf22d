import datetime

import pytest
from django.utils import timezone

from registry.tests.factories import OfficialFactory
from tenders import services
from tenders.models import Competition
from tenders.tests.factories import (
    CRITERIA,
    add_lot,
    draft_competition,
    open_competition,
    organiser,
)

pytestmark = pytest.mark.django_db


def test_numbers_run_per_year_and_mechanism():
    official = OfficialFactory()
    first = draft_competition(official)
    second = draft_competition(official)
    grant = draft_competition(official, mechanism=Competition.Mechanism.GRANT)
    year = timezone.now().year
    assert [first.number, second.number, grant.number] == [
        f"{year}-SSO-0001",
        f"{year}-SSO-0002",
        f"{year}-GR-0001",
    ]
    assert first.ocid.endswith(f"-{year}-SSO-0001")


def test_an_official_of_another_body_can_neither_create_nor_act():
    mine = OfficialFactory()
    other = OfficialFactory(body=organiser("mlsp"))
    with pytest.raises(services.TenderError, match="your own state body"):
        services.create_competition(other, organiser("mci"), "social_order", 2026, title_kk="x")
    competition = draft_competition(mine)
    with pytest.raises(services.TenderError, match="organising state body"):
        add_lot(competition, other)
    with pytest.raises(services.TenderError, match="organising state body"):
        services.cancel_competition(competition, other, "no")


def test_announcement_names_what_is_missing():
    official = OfficialFactory()
    competition = draft_competition(official, title_kk="", description_ru="")
    with pytest.raises(services.TenderError) as error:
        services.announce_competition(competition, official)
    message = error.value.message
    assert "title in Kazakh" in message
    assert "description in Russian" in message
    assert "at least one lot" in message
    assert "100%" in message
    competition.refresh_from_db()
    assert competition.status == Competition.Status.DRAFT


def test_criteria_weights_must_add_up_to_100():
    official = OfficialFactory()
    competition = draft_competition(official)
    with pytest.raises(services.TenderError, match="add up to 90%"):
        services.set_criteria(competition, official, [{**CRITERIA[0], "weight": 90}])
    assert not competition.criteria.exists()


def test_announced_competition_opens_and_closes_on_time():
    official = OfficialFactory()
    now = timezone.now()
    competition = draft_competition(
        official,
        opens_at=now + datetime.timedelta(days=2),
        closes_at=now + datetime.timedelta(days=22),
    )
    add_lot(competition, official)
    services.set_criteria(competition, official, CRITERIA)
    services.announce_competition(competition, official)
    competition.refresh_from_db()
    assert competition.status == Competition.Status.ANNOUNCED
    assert not competition.is_accepting()

    assert services.advance_phases(now + datetime.timedelta(days=3)) == 1
    assert services.advance_phases(now + datetime.timedelta(days=3)) == 0  # idempotent
    competition.refresh_from_db()
    assert competition.status == Competition.Status.ACCEPTING
    services.advance_phases(now + datetime.timedelta(days=23))
    competition.refresh_from_db()
    assert competition.status == Competition.Status.EVALUATING
    reasons = list(competition.history.values_list("history_change_reason", flat=True))
    assert "announced" in reasons and "phase: evaluating" in reasons


def test_lots_and_criteria_are_frozen_once_announced():
    competition, _lot = open_competition()
    official = competition.created_by
    with pytest.raises(services.TenderError, match="only while the competition is a draft"):
        add_lot(competition, official)


def test_cancellation_needs_a_reason_and_is_refused_after_results():
    competition, _lot = open_competition()
    official = competition.created_by
    with pytest.raises(services.TenderError, match="reason"):
        services.cancel_competition(competition, official, "  ")
    services.cancel_competition(competition, official, "Бюджет қысқартылды")
    competition.refresh_from_db()
    assert competition.status == Competition.Status.CANCELLED
    assert competition.cancel_reason == "Бюджет қысқартылды"

    published, _lot = open_competition(official)
    Competition.objects.filter(pk=published.pk).update(status=Competition.Status.PUBLISHED)
    with pytest.raises(services.TenderError, match="correction"):
        services.cancel_competition(published, official, "late")
