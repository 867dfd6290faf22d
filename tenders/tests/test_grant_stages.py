"""Grants follow the operator's stages: a 20–30 day window, then deadlines in working days."""

import datetime

import pytest
from django.utils import timezone

from registry.models import StateBody
from registry.tests.factories import OfficialFactory
from tenders import grants, services
from tenders.models import Competition
from tenders.tests.factories import CRITERIA, add_lot, draft_competition

pytestmark = pytest.mark.django_db


def _grant(days: int, operator=True):
    official = OfficialFactory()
    now = timezone.now()
    competition = draft_competition(
        official,
        mechanism=Competition.Mechanism.GRANT,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now - datetime.timedelta(hours=1) + datetime.timedelta(days=days),
        operator=StateBody.objects.get(code="csci") if operator else None,
    )
    add_lot(competition, official)
    services.set_criteria(competition, official, CRITERIA)
    return competition, official


def test_a_grant_window_outside_20_to_30_days_is_refused(client):
    competition, official = _grant(days=14)
    client.force_login(official)
    page = client.post(
        f"/en/staff/tenders/{competition.number}/", {"action": "announce"}, follow=True
    ).content.decode()
    assert "applications open 20 to 30 days, not 14" in page
    competition.refresh_from_db()
    assert competition.status == Competition.Status.DRAFT


def test_a_grant_needs_its_operator():
    competition, official = _grant(days=25, operator=False)
    with pytest.raises(services.TenderError, match="the grant operator"):
        services.announce_competition(competition, official)


def test_a_grant_of_25_days_is_announced_and_shows_its_deadlines(client):
    competition, official = _grant(days=25)
    services.announce_competition(competition, official)
    client.force_login(official)
    page = client.get(f"/en/staff/tenders/{competition.number}/").content.decode()
    due = grants.deadlines(competition)
    assert f"by {due.compliance_by:%d.%m.%Y} (10 working days after the close)" in page
    assert "15 working days after the compliance check" in page


def test_working_days_skip_the_weekend():
    friday = datetime.date(2026, 11, 27)
    assert grants.add_working_days(friday, 1) == datetime.date(2026, 11, 30)
    assert grants.add_working_days(friday, 10) == datetime.date(2026, 12, 11)
