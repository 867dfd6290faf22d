"""Run by test_read_replicas.py in a pytest of its own, with DATABASE_REPLICA_URLS set: the
replica alias is then Django's test mirror of the default database."""

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from registry.tests.factories import NGOFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")


def reads(client, url, **extra):
    with (
        CaptureQueriesContext(connections["replica_0"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        response = client.get(url, **extra)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(replica), len(primary), response


@pytest.fixture
def ngo():
    return NGOFactory(name_en="Clean Steppe")


def test_anonymous_public_reads_go_to_the_replica(client, ngo):
    for url in (
        f"/en/ngos/{ngo.bin}/",
        "/en/ngos/?q=Steppe",
        "/en/ngos/export.csv",
        "/api/v1/ngos/",
        f"/api/v1/ngos/{ngo.bin}/",
        "/en/tenders/stats/",
    ):
        replica, primary, _response = reads(client, url)
        assert replica > 0, url
        assert primary == 0, url


def test_logged_in_users_read_the_primary(ngo):
    member = Client()
    member.force_login(UserFactory())
    replica, primary, response = reads(member, f"/en/ngos/{ngo.bin}/")
    assert "Log out" in response.content.decode()
    assert (replica, primary > 0) == (0, True)


def test_a_visitor_reads_the_primary_right_after_their_own_write(client, ngo):
    write = client.post("/en/accounts/login/", {"username": "nobody@example.kz", "password": "x"})
    assert "primary_until" in write.cookies
    replica, primary, _response = reads(client, f"/en/ngos/{ngo.bin}/")
    assert (replica, primary > 0) == (0, True)

    client.cookies["primary_until"] = "1"  # the pin has run out
    replica, primary, _response = reads(client, f"/en/ngos/{ngo.bin}/")
    assert (replica > 0, primary) == (True, 0)


def test_writes_and_staff_pages_use_the_primary_only(client):
    with CaptureQueriesContext(connections["replica_0"]) as replica:
        client.post("/en/accounts/signup/", {"email": "new@example.kz"})
        client.get("/en/staff/")
    assert len(replica) == 0
