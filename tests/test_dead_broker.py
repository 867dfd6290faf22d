"""A broker that does not answer never holds the person whose action sends mail: emitting an
event returns within 3 s whatever way the broker is dead, and the mail goes out once it is back.

The site runs in a Django process of its own, configured by the environment as in production
(CELERY_BROKER_URL set, CELERY_RESULT_BACKEND unset), against a fake broker on a local port.
"""

import json
import shutil
import socket
from contextlib import contextmanager

import pytest

from registry.models import Notification
from registry.tests.factories import UserFactory
from tests.services import PrivateRedis, free_port
from tests.test_workers import QUEUE_WAITING, django_process, environment, wait_until, worker

pytestmark = pytest.mark.django_db(transaction=True)

EMIT = """
import json, time
import django
django.setup()
from django.db import transaction
from accounts.models import User
from registry import events

recipients = list(User.objects.filter(email__endswith="@dead-broker.kz"))
started = time.monotonic()
with transaction.atomic():
    events.emit(events.CLAIM_DECIDED, key="dead-broker", recipients=recipients)
print(json.dumps({"seconds": time.monotonic() - started}))
"""


@contextmanager
def dead_broker(kind: str, port: int):
    """A port where a Redis should be: nothing listens, or it accepts and never answers, or its
    queue of connections is full so a connection is never even accepted (a host gone dark)."""
    if kind == "nothing listens":
        yield
        return
    server = socket.socket()
    server.bind(("127.0.0.1", port))
    server.listen(0 if kind == "full" else 100)
    waiting = []
    if kind == "full":
        for _ in range(3):
            client = socket.socket()
            client.setblocking(False)
            client.connect_ex(("127.0.0.1", port))
            waiting.append(client)
    try:
        yield
    finally:
        for client in [*waiting, server]:
            client.close()


def emit_seconds(settings, port: int) -> float:
    env = environment(settings, f"redis://127.0.0.1:{port}/0")
    env.pop("CELERY_RESULT_BACKEND")
    return json.loads(django_process(EMIT, env))["seconds"]


@pytest.mark.parametrize("kind", ["nothing listens", "silent", "full"])
def test_emitting_to_several_people_returns_within_3_seconds_while_the_broker_is_dead(
    settings, kind
):
    for n in range(5):
        UserFactory(email=f"member{n}@dead-broker.kz")
    port = free_port()
    with dead_broker(kind, port):
        seconds = emit_seconds(settings, port)
    assert seconds < 3
    # Each person's notification is on record, waiting for the broker.
    assert Notification.objects.filter(sent_at__isnull=True, attempts=0).count() == 5


def test_the_mail_goes_out_once_the_broker_is_back(settings):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    UserFactory(email="member@dead-broker.kz")
    redis = PrivateRedis()
    with dead_broker("silent", redis.port):
        assert emit_seconds(settings, redis.port) < 3
    notification = Notification.objects.get()
    assert notification.sent_at is None

    redis.start()
    try:
        env = environment(settings, redis.url)
        assert django_process(QUEUE_WAITING, env) == "1"
        with worker(env, "after-the-outage"):
            wait_until(lambda: Notification.objects.get().sent_at is not None)
    finally:
        redis.stop()
    notification.refresh_from_db()
    assert notification.attempts == 1
    assert notification.last_error == ""
