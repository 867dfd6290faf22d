"""Phases follow the clock wherever they are read: no scheduler needs to run (`make run` has
none) for a closed competition to reach evaluation or an announced one to start accepting."""

import datetime

import pytest
from django.utils import timezone

from tenders import services
from tenders.models import Application, Competition
from tenders.tests.factories import open_competition, submitted_application

pytestmark = pytest.mark.django_db


def _past_its_close(competition):
    """Time passes and no task runs: only the dates move."""
    now = timezone.now()
    Competition.objects.filter(pk=competition.pk).update(
        opens_at=now - datetime.timedelta(days=30), closes_at=now - datetime.timedelta(minutes=1)
    )


def test_an_official_finds_a_competition_past_its_close_in_evaluation_without_any_task(client):
    competition, lot = open_competition()
    application = submitted_application(lot)
    _past_its_close(competition)
    assert Competition.objects.get(pk=competition.pk).status == Competition.Status.ACCEPTING
    client.force_login(competition.created_by)
    page = client.get(f"/en/staff/tenders/{competition.number}/").content.decode()
    assert "Evaluating" in page
    assert Competition.objects.get(pk=competition.pk).status == Competition.Status.EVALUATING
    response = client.post(
        f"/en/staff/tenders/{competition.number}/applications/{application.number}/",
        {"action": "screen", "decision": "admit", "reason": ""},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.ADMITTED


def test_the_staff_list_and_its_evaluating_filter_follow_the_clock(client):
    competition, _lot = open_competition()
    _past_its_close(competition)
    client.force_login(competition.created_by)
    page = client.get("/en/staff/tenders/?status=evaluating").content.decode()
    assert competition.number in page


def test_the_public_page_shows_an_announced_competition_accepting_once_its_window_opens(client):
    competition, _lot = open_competition(
        opens_at=timezone.now() + datetime.timedelta(days=2),
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )
    assert competition.status == Competition.Status.ANNOUNCED
    Competition.objects.filter(pk=competition.pk).update(
        opens_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    page = client.get(f"/en/tenders/{competition.number}/").content.decode()
    assert "Accepting applications" in page
    assert Competition.objects.get(pk=competition.pk).status == Competition.Status.ACCEPTING


def test_scoring_services_move_the_phase_themselves():
    competition, lot = open_competition()
    application = submitted_application(lot)
    _past_its_close(competition)

    services.screen_application(application, competition.created_by, "admit")
    application.refresh_from_db()
    assert application.status == Application.Status.ADMITTED
