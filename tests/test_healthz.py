import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_healthz_reports_a_working_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_answers_503_when_the_database_is_unreachable():
    """A real Django process pointed at a port where no PostgreSQL listens."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client(HTTP_HOST='localhost').get('/healthz');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["status"] == 503
    assert result["body"]["database"].startswith("error")


def test_healthz_reports_the_age_of_each_scheduled_task_and_which_is_overdue(client, db, settings):
    from django.utils import timezone

    from config.models import ScheduledRun

    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker, so a beat is expected
    now = timezone.now()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        ScheduledRun.objects.create(task=entry["task"], finished_at=now)
    ScheduledRun.objects.filter(task="registry.tasks.mark_passive_ngos").update(
        finished_at=now - datetime.timedelta(days=3)
    )

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200  # stale is a warning: the load balancer keeps the app
    assert body["beat"]["tenders.tasks.advance_phases"] < 60
    assert body["beat"]["registry.tasks.mark_passive_ngos"] >= 3 * 24 * 60 * 60
    assert body["stale"] == ["registry.tasks.mark_passive_ngos"]
    assert body["warning"] == "stale: registry.tasks.mark_passive_ngos"


def test_healthz_calls_a_beat_that_never_ran_stale(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    body = client.get("/healthz").json()
    assert body["beat"]["registry.tasks.queue_waiting_work"] is None
    assert "registry.tasks.queue_waiting_work" in body["stale"]


def test_without_a_broker_no_beat_is_expected(client, db, settings):
    body = client.get("/healthz").json()
    assert body["beat"] == {}
    assert body["stale"] == []
    assert "warning" not in body


def test_healthz_reports_the_age_of_each_open_data_file(client, db, settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    settings.OPEN_DATA_ROOT.mkdir()
    fresh = settings.OPEN_DATA_ROOT / "ngos.csv"
    old = settings.OPEN_DATA_ROOT / "tenders-2025.json"
    fresh.write_text("bin\n")
    old.write_text("{}")
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(old, (two_days_ago, two_days_ago))

    body = client.get("/healthz").json()

    assert body["open_data"]["ngos.csv"] < 60
    assert body["open_data"]["tenders-2025.json"] >= 2 * 24 * 60 * 60
    assert body["stale"] == ["tenders-2025.json"]
