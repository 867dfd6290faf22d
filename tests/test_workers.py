"""Tasks through real brokers and real workers: an import queued while Redis is down runs once
Redis is back, an import runs through a worker on RabbitMQ, and neither ever runs twice.

Each test has a broker of its own (a private redis-server, a private RabbitMQ vhost) and drives
the site from a Django process of its own, configured by the environment as in production.
"""

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from config.models import ScheduledRun
from registry.bin import make_bin
from registry.models import NGO, ImportJob, Notification
from registry.tests.factories import OfficialFactory, UserFactory
from tests.services import PrivateRedis, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
RABBITMQ_URL = os.environ.get("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672")

# Workers started here read one broker's queues: under pytest-xdist these tests (and
# test_celery's) run in one process, so no worker takes another test's messages.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("broker")]

UPLOAD = """
import json, sys, time
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from accounts.models import User
from registry import events

client = Client(HTTP_HOST="localhost")
client.force_login(User.objects.get(email=sys.argv[1]))
started = time.monotonic()
response = client.post(
    "/en/staff/imports/",
    {"file": SimpleUploadedFile("register.csv", sys.argv[2].encode("cp1251")), "dry_run": ""},
)
seconds = time.monotonic() - started
member = User.objects.filter(email=sys.argv[3])
events.emit(events.CLAIM_DECIDED, key="broker-test", recipients=member)
print(json.dumps({"status": response.status_code, "seconds": seconds}))
"""

QUEUE_WAITING = """
import django
django.setup()
from registry.tasks import queue_waiting_work
print(queue_waiting_work())
"""


def register(count: int) -> str:
    rows = [f"{make_bin(2021, 4, 100 + n)};ОО «Брокер {n}»;ОО;г. Астана;;" for n in range(count)]
    header = "БИН;Наименование;Организационно-правовая форма;Регион;Телефон;Email"
    return "\r\n".join([header, *rows])


def worker_database_url() -> str:
    """The server the app uses (TCP, or the embedded server's socket) with the test database."""
    from urllib.parse import urlsplit, urlunsplit

    from config.dbtools import database_url

    parts = urlsplit(database_url())
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def environment(settings, broker: str, **extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": worker_database_url(),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": "",
        "REQUEUE_AFTER_SECONDS": "0",
        **extra,
    }


def django_process(script: str, env: dict, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.strip().splitlines()[-1]


@contextmanager
def worker(env: dict, name: str):
    celery = shutil.which("celery", path=str(Path(sys.executable).parent))
    process = subprocess.Popen(
        [celery, "-A", "config", "worker", "--pool=solo", f"--hostname={name}@%h"]
        + ["--loglevel=warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until(check, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError("the worker did not finish in time")


def test_an_upload_made_while_redis_is_down_is_imported_once_redis_is_back(settings):
    if not shutil.which("redis-server"):
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server must be installed under CI")
        pytest.skip("redis-server is not installed")
    official = OfficialFactory()
    member = UserFactory(email="member@example.kz")
    redis = PrivateRedis()
    env = environment(settings, redis.url)
    before = NGO.objects.count()

    # Redis is down: the upload is stored and answered at once, its task waits in the database.
    result = json.loads(django_process(UPLOAD, env, official.email, register(3), member.email))
    assert result["status"] == 302
    assert result["seconds"] < 10
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PENDING
    notification = Notification.objects.get(recipient=member)
    assert notification.sent_at is None

    redis.start()
    try:
        # Queued again twice (as two beats would), so two workers could see each job twice.
        assert django_process(QUEUE_WAITING, env) == "2"
        assert django_process(QUEUE_WAITING, env) == "2"
        with worker(env, "first"), worker(env, "second"):
            wait_until(
                lambda: (
                    ImportJob.objects.get().status == ImportJob.Status.DONE
                    and Notification.objects.get().sent_at is not None
                )
            )
            wait_until(lambda: redis_queue_length(redis) == 0, timeout=30)
    finally:
        redis.stop()

    job.refresh_from_db()
    notification.refresh_from_db()
    assert (job.created_count, job.refused_count) == (3, 0)
    assert NGO.objects.count() == before + 3
    assert NGO.objects.filter(name_ru__startswith="ОО «Брокер").count() == 3
    assert notification.attempts == 1  # sent once, although queued three times


def redis_queue_length(redis: PrivateRedis) -> int:
    cli = shutil.which("redis-cli")
    out = subprocess.run(
        [cli, "-p", str(redis.port), "llen", "celery"], capture_output=True, text=True
    )
    return int(out.stdout.strip() or 0)


@pytest.fixture
def rabbitmq_vhost():
    try:
        wait_for_port(5672, up=True, timeout=1)
    except TimeoutError:
        if os.environ.get("CI") == "true":
            pytest.fail("RabbitMQ must be running under CI")
        pytest.skip("RabbitMQ is not running on 127.0.0.1:5672")
    ctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    vhost = f"ngo-test-{uuid.uuid4().hex[:8]}"
    subprocess.run([ctl, "add_vhost", vhost], check=True, capture_output=True)
    subprocess.run(
        [ctl, "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
        check=True,
        capture_output=True,
    )
    yield f"{RABBITMQ_URL}/{vhost}"
    subprocess.run([ctl, "delete_vhost", vhost], check=False, capture_output=True)


RUN_SCHEDULED = """
import django
django.setup()
from registry.tasks import mark_passive_ngos
mark_passive_ngos.delay()
print("queued")
"""


def test_an_import_runs_through_a_worker_on_rabbitmq(settings, rabbitmq_vhost):
    official = OfficialFactory()
    member = UserFactory(email="member@example.kz")
    env = environment(settings, rabbitmq_vhost)
    with worker(env, "rabbit"):
        result = json.loads(django_process(UPLOAD, env, official.email, register(2), member.email))
        django_process(RUN_SCHEDULED, env)
        wait_until(
            lambda: (
                ImportJob.objects.get().status == ImportJob.Status.DONE
                and Notification.objects.get().sent_at is not None
                and ScheduledRun.objects.exists()
            )
        )
    assert result["status"] == 302
    assert ImportJob.objects.get().created_count == 2
    # A task of the beat schedule that a worker finished is on record for /healthz.
    assert ScheduledRun.objects.get().task == "registry.tasks.mark_passive_ngos"
