"""With PostgreSQL stopped, pages and the API answer 503 and come back by themselves.

A Django process of its own works against a private embedded PostgreSQL, which the test stops
(as abruptly as a crash) and starts again; the machine's shared server is never touched.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.services import PrivatePostgres

ROOT = Path(__file__).resolve().parent.parent

SCENARIO = """
import json, sys
import django
django.setup()
from django.test import Client
from accounts.tests.factories import PASSWORD, UserFactory
from registry.tests.factories import NGOFactory
from tests.services import PrivatePostgres

pg = PrivatePostgres(sys.argv[1])
seen = {}

def look(name, client, path, data=None, **extra):
    r = client.post(path, data) if data is not None else client.get(path, **extra)
    seen[name] = {"status": r.status_code, "retry": r.get("Retry-After"),
                  "type": r["Content-Type"], "body": r.content.decode()}

ngo = NGOFactory(name_en="Clean Steppe")
user = UserFactory(email="member@example.kz")
anonymous, member = (
    Client(HTTP_HOST="localhost", raise_request_exception=False) for _ in range(2)
)
login = member.post("/en/accounts/login/", {"username": user.email, "password": PASSWORD})
seen["login"] = {"status": login.status_code}
look("before_page", anonymous, f"/en/ngos/{ngo.bin}/")
look("before_mine", member, "/en/my/ngos/")

pg.stop(mode="immediate")  # a crash: only what was committed may come back
look("page", anonymous, f"/en/ngos/{ngo.bin}/")
look("page_ru", anonymous, "/ru/ngos/")
look("page_kk", anonymous, "/kk/")
look("api", anonymous, "/api/v1/ngos/", HTTP_ACCEPT_LANGUAGE="en")
look("healthz", anonymous, "/healthz")
look("mine", member, "/en/my/ngos/")
look("write", member, "/en/my/ngos/new/", data={"name_kk": "Жаңа", "name_ru": "Новое"})

pg.start()
look("after_page", anonymous, f"/en/ngos/{ngo.bin}/")
look("after_api", anonymous, "/api/v1/ngos/")
look("after_healthz", anonymous, "/healthz")
look("after_mine", member, "/en/my/ngos/")
from registry.models import NGO
seen["ngos_after"] = NGO.objects.count()
print(json.dumps(seen))
"""


@pytest.fixture
def private_postgres():
    directory = Path(tempfile.mkdtemp(prefix="ngo-pg-"))
    server = PrivatePostgres.create(directory / "data")
    server.sql("CREATE DATABASE registry")
    env = {**os.environ, "DATABASE_URL": server.uri("registry"), "PUBLIC_CACHE_SECONDS": "0"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    yield server, env
    try:
        server.stop(mode="fast")
    finally:
        subprocess.run(["rm", "-rf", str(directory)], check=False)


def test_pages_api_and_healthz_answer_503_while_the_database_is_gone_and_recover(
    private_postgres,
):
    server, env = private_postgres
    out = subprocess.run(
        [sys.executable, "-c", SCENARIO, str(server.pgdata)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])

    assert seen["login"]["status"] == 302
    assert seen["before_page"]["status"] == seen["before_mine"]["status"] == 200

    for name in ("page", "page_ru", "page_kk", "mine", "write"):
        assert seen[name]["status"] == 503, name
        assert seen[name]["retry"] == "30", name
        assert seen[name]["type"].startswith("text/html"), name
    assert "Temporarily unavailable" in seen["page"]["body"]
    assert "Временно недоступно" in seen["page_ru"]["body"]
    assert "Уақытша қолжетімсіз" in seen["page_kk"]["body"]
    assert seen["api"]["status"] == 503
    assert seen["api"]["retry"] == "30"
    assert json.loads(seen["api"]["body"]) == {
        "detail": "The service is temporarily unavailable.",
        "code": "unavailable",
    }
    assert seen["healthz"]["status"] == 503
    assert json.loads(seen["healthz"]["body"])["database"].startswith("error")

    # Back without a restart of the app; the login (a committed session row) survived the crash.
    assert seen["after_page"]["status"] == 200
    assert "Clean Steppe" in seen["after_page"]["body"]
    assert seen["after_api"]["status"] == 200
    assert seen["after_healthz"]["status"] == 200
    assert seen["after_mine"]["status"] == 200
    assert "Log out" in seen["after_mine"]["body"]
    assert seen["ngos_after"] == 1  # the write refused while the database was gone left nothing
