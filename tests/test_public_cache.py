"""Anonymous public pages and API answers come from the cache until the data they show changes."""

import pytest
from django.test import Client

from registry.tests.factories import NGOFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 60


@pytest.fixture
def ngo():
    return NGOFactory(name_en="Clean Steppe")


def test_a_second_anonymous_visit_of_an_ngo_page_is_served_from_the_cache(client, ngo):
    url = f"/en/ngos/{ngo.bin}/"
    first = client.get(url)
    second = client.get(url)
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert "Clean Steppe" in second.content.decode()
    assert second["X-Request-ID"] != first["X-Request-ID"]  # each answer still gets its own id


def test_the_cache_keeps_each_language_and_each_query_apart(client, ngo):
    client.get("/api/v1/ngos/?search=Steppe", HTTP_ACCEPT_LANGUAGE="en")
    other_language = client.get("/api/v1/ngos/?search=Steppe", HTTP_ACCEPT_LANGUAGE="ru")
    other_query = client.get("/api/v1/ngos/?search=Clean", HTTP_ACCEPT_LANGUAGE="en")
    again = client.get("/api/v1/ngos/?search=Steppe", HTTP_ACCEPT_LANGUAGE="en")
    assert other_language["X-Cache"] == "miss"
    assert other_query["X-Cache"] == "miss"
    assert again["X-Cache"] == "hit"
    assert again.json()["count"] == 1


def test_a_change_of_the_data_shown_makes_the_next_visitor_see_it(
    client, ngo, django_capture_on_commit_callbacks
):
    url = f"/en/ngos/{ngo.bin}/"
    client.get(url)
    client.get("/en/ngos/")
    with django_capture_on_commit_callbacks() as on_commit:
        ngo.name_en = "Green Steppe"
        ngo.save()
    assert len(on_commit) == 1  # moved on again once the change is committed
    page = client.get(url)
    directory = client.get("/en/ngos/")
    assert page["X-Cache"] == "miss"
    assert "Green Steppe" in page.content.decode()
    assert "Green Steppe" in directory.content.decode()


def test_an_unchanged_api_answer_from_the_cache_is_a_304_for_its_etag(client, ngo):
    first = client.get(f"/api/v1/ngos/{ngo.bin}/")
    again = client.get(f"/api/v1/ngos/{ngo.bin}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again["X-Cache"] == "hit"
    assert again.status_code == 304


def test_a_logged_in_user_never_gets_a_cached_page_nor_fills_the_cache(client, ngo):
    url = f"/en/ngos/{ngo.bin}/"
    client.get(url)
    user = UserFactory()
    member = Client()
    member.force_login(user)
    page = member.get(url)
    assert "X-Cache" not in page
    assert "Log out" in page.content.decode()
    anonymous = client.get(url)
    assert anonymous["X-Cache"] == "hit"
    assert "Log out" not in anonymous.content.decode()


def test_personal_and_failed_answers_are_never_cached(client, ngo):
    for url in ("/en/accounts/login/", "/healthz", "/en/ngos/000000000000/"):
        client.get(url)
        assert "X-Cache" not in client.get(url), url


def test_with_caching_off_nothing_is_cached(client, ngo, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    client.get(f"/en/ngos/{ngo.bin}/")
    assert "X-Cache" not in client.get(f"/en/ngos/{ngo.bin}/")


def test_api_answers_from_the_cache_still_count_against_the_rate_limit(client, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"}
    )
    answers = [client.get("/api/v1/regions/") for _ in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert answers[2]["X-Cache"] == "hit"
    assert answers[3].json()["code"] == "throttled"
    assert int(answers[3]["Retry-After"]) > 0


def test_with_the_cache_server_gone_pages_are_built_and_saves_go_through(
    client, ngo, settings, django_capture_on_commit_callbacks
):
    from tests.services import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache_backend.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nobody listens there
        }
    }
    page = client.get(f"/en/ngos/{ngo.bin}/")
    assert page.status_code == 200
    assert "X-Cache" not in page
    with django_capture_on_commit_callbacks(execute=True):
        ngo.name_en = "Green Steppe"
        ngo.save()
    assert "Green Steppe" in client.get(f"/en/ngos/{ngo.bin}/").content.decode()


def test_on_redis_a_hit_is_one_round_trip_and_a_change_is_seen_at_once(client, ngo, settings):
    """Production's cache (REDIS_URL): the generation and the entry are read together, and the
    backend keeps one client per pool instead of building one per operation."""
    import os

    from django.core.cache import cache

    from tests.test_celery import redis_is_up

    if not redis_is_up():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis must be running under CI")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache_backend.RedisCache",
            "LOCATION": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14"),
            "KEY_PREFIX": f"test-{ngo.bin}",
        }
    }
    assert cache._cache.get_client() is cache._cache.get_client()
    calls = []
    client_class = type(cache._cache.get_client())
    original = client_class.execute_command

    def counted(self, *args, **kwargs):
        calls.append(args[0])
        return original(self, *args, **kwargs)

    url = f"/en/ngos/{ngo.bin}/"
    assert client.get(url)["X-Cache"] == "miss"
    client_class.execute_command = counted
    try:
        hit = client.get(url)
    finally:
        client_class.execute_command = original
    assert hit["X-Cache"] == "hit" and "Clean Steppe" in hit.content.decode()
    assert calls == ["MGET"]
    ngo.name_en = "Green Steppe"
    ngo.save()
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss" and "Green Steppe" in fresh.content.decode()
