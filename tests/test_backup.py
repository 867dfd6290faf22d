"""`make backup` and `make restore FILE=…` round-trip the register; `make stop` stops the server.

Everything happens on a private embedded PostgreSQL of the test's own.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.services import PrivatePostgres

ROOT = Path(__file__).resolve().parent.parent

FILL = """
import django
django.setup()
from registry.tests.factories import NGOFactory
from registry.models import NGO
for n in range(30):
    NGOFactory(status=NGO.Status.PASSIVE if n % 3 else NGO.Status.ACTIVE)
"""
# The public register as a checksum: every public NGO's particulars, in BIN order.
CHECKSUM = (
    "SELECT count(*) || ':' || md5(string_agg(concat_ws('|', bin, name_kk, name_ru, name_en, "
    "status, region_id, legal_form_id, registered_on), ',' ORDER BY bin)) FROM registry_ngo"
)


@pytest.fixture
def private_postgres():
    directory = Path(tempfile.mkdtemp(prefix="ngo-pg-"))
    server = PrivatePostgres.create(directory / "data")
    yield server, directory
    try:
        server.stop(mode="fast")
    finally:
        subprocess.run(["rm", "-rf", str(directory)], check=False)


def make(target: str, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", target, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def table_counts(server, database) -> str:
    """Rows in every table, e.g. "registry_ngo=30 …"."""
    tables = server.sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", database
    ).split()
    union = " UNION ALL ".join(f"SELECT '{t}=' || count(*) FROM {t}" for t in tables)
    return " ".join(server.sql(union, database).split())


def test_a_backup_restored_into_an_empty_database_has_the_same_register(private_postgres):
    server, directory = private_postgres
    server.sql("CREATE DATABASE registry")
    env = {**os.environ, "DATABASE_URL": server.uri("registry")}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "-c", FILL], cwd=ROOT, env=env, check=True)

    backup = make("backup", {**env, "BACKUP_DIR": str(directory / "backups")})
    assert backup.returncode == 0, backup.stderr
    [dump] = (directory / "backups").iterdir()
    assert dump.name.startswith("registry-") and dump.suffix == ".dump"
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format

    server.sql("CREATE DATABASE restored")
    restored_env = {**os.environ, "DATABASE_URL": server.uri("restored")}
    restore = make("restore", restored_env, f"FILE={dump}")
    assert restore.returncode == 0, restore.stderr

    assert server.sql(CHECKSUM, "restored") == server.sql(CHECKSUM, "registry")
    assert server.sql(CHECKSUM, "restored").startswith("30:")
    assert table_counts(server, "restored") == table_counts(server, "registry")

    again = make("restore", restored_env, f"FILE={dump}")
    assert again.returncode != 0
    assert "not empty" in again.stderr


def test_restore_needs_a_file():
    result = make("restore", dict(os.environ))
    assert result.returncode != 0
    assert "usage: make restore FILE=" in result.stdout


def test_make_stop_stops_the_embedded_server_cleanly(private_postgres):
    server, _directory = private_postgres
    env = {**os.environ, "EMBEDDED_PGDATA": str(server.pgdata)}
    env.pop("DATABASE_URL", None)
    stop = make("stop", env)
    assert stop.returncode == 0, stop.stderr
    assert not (server.pgdata / "postmaster.pid").exists()
    assert "shut down" in (server.pgdata / "log").read_text().splitlines()[-1]
    assert "no embedded PostgreSQL is running" in make("stop", env).stdout
