"""Without a broker (`make run`) the beat schedule still runs: `manage.py run_schedule` runs each
task of CELERY_BEAT_SCHEDULE in-process when its interval has passed."""

import datetime
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from config import schedule
from config.models import ScheduledRun
from registry.models import NGO, report_year_due
from registry.tests.factories import AnnualReportFactory, NGOFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_without_a_broker_every_scheduled_task_runs_once_per_interval(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER  # no CELERY_BROKER_URL, as under make run
    silent = NGOFactory(status=NGO.Status.ACTIVE)
    AnnualReportFactory(ngo=silent, year=report_year_due() - 1)

    outcome = schedule.run_due()

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert outcome == dict.fromkeys(scheduled, True)
    assert set(ScheduledRun.objects.values_list("task", flat=True)) == scheduled
    silent.refresh_from_db()
    assert silent.status == NGO.Status.PASSIVE  # the daily passive marking ran
    assert schedule.run_due() == {}  # nothing is due again at once


def test_a_task_runs_again_when_its_interval_has_passed(settings):
    schedule.run_due()
    later = timezone.now() + datetime.timedelta(seconds=61)
    assert schedule.due(later) == ["registry.tasks.queue_waiting_work"]
    a_week_on = timezone.now() + datetime.timedelta(days=7, seconds=1)
    assert set(schedule.due(a_week_on)) == {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }


def test_a_failing_task_is_reported_and_the_others_still_run(settings):
    settings.CELERY_BEAT_SCHEDULE = {
        **settings.CELERY_BEAT_SCHEDULE,
        "nothing": {"task": "registry.tasks.no_such_task", "schedule": 60},
    }
    outcome = schedule.run_due()
    assert outcome.pop("registry.tasks.no_such_task") is False
    assert all(outcome.values()) and outcome
    assert not ScheduledRun.objects.filter(task="registry.tasks.no_such_task").exists()


def test_the_command_runs_what_is_due_once():
    out = io.StringIO()
    call_command("run_schedule", once=True, stdout=out)
    assert "registry.tasks.mark_passive_ngos: done" in out.getvalue()
    assert ScheduledRun.objects.filter(task="registry.tasks.mark_passive_ngos").exists()


def test_make_run_starts_the_schedule_beside_the_server():
    recipe = subprocess.run(
        ["make", "-n", "run", "PY=" + sys.executable],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "manage.py run_schedule &" in recipe
    assert recipe.index("run_schedule") < recipe.index("runserver")
