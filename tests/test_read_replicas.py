"""With DATABASE_REPLICA_URLS set, anonymous public reads go to a replica, the rest to the primary.

The cases are in replica_cases.py and run in a pytest of their own, because the replica must be
configured when Django starts: its alias is then Django's test mirror of the default database.
"""

import os
import subprocess
import sys
from pathlib import Path

from config.settings import database_url

ROOT = Path(__file__).resolve().parent.parent


def test_the_router_sends_public_reads_to_the_replica_and_the_rest_to_the_primary():
    url = database_url()  # the primary; the nested run makes (or reuses) its test database
    env = {**os.environ, "DATABASE_URL": url, "DATABASE_REPLICA_URLS": url}
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/replica_cases.py", "-rA"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout[-4000:]
    assert out.stdout.count("PASSED tests/replica_cases.py") == 4, out.stdout[-4000:]


def test_without_replicas_everything_reads_the_primary():
    from config.routers import ReplicaRouter, public_read

    token = public_read.set("replica_0")  # a replica that is not configured
    try:
        assert ReplicaRouter().db_for_read(None) == "default"
    finally:
        public_read.reset(token)
