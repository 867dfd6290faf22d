import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from config.tasks import ping

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# One process for the tests that start workers on a broker (pytest-xdist: tests/test_workers.py).
pytestmark = pytest.mark.xdist_group("broker")


def redis_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def test_without_a_broker_tasks_run_eagerly_in_process(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER
    result = ping.delay("sälem")
    assert result.get(timeout=5) == {"echo": "sälem", "worker": "eager"}


def test_a_task_goes_through_redis_to_a_real_worker():
    if not redis_is_up():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis must be running under CI")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    env = {**os.environ, "CELERY_BROKER_URL": REDIS_URL, "CELERY_RESULT_BACKEND": REDIS_URL}
    celery = shutil.which("celery", path=str(Path(sys.executable).parent))
    worker = subprocess.Popen(
        [
            celery,
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--hostname=test-worker@%h",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sender = (
        "import django, json; django.setup();"
        "from config.tasks import ping;"
        "print(json.dumps(ping.delay('through redis').get(timeout=60)))"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", sender],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr[-2000:]
        value = json.loads(out.stdout.strip().splitlines()[-1])
        assert value["echo"] == "through redis"
        assert value["worker"].startswith("test-worker@")
    finally:
        worker.terminate()
        worker.wait(timeout=20)
