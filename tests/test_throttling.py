"""API rate limits count the real client: a forged X-Forwarded-For resets nothing."""

import pytest
from rest_framework.throttling import SimpleRateThrottle

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/regions/"


@pytest.fixture
def rates(monkeypatch):
    # DRF reads the rates once, when the throttle classes are imported.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"}
    )


def test_without_proxies_a_forged_forwarded_for_does_not_reset_the_limit(client, rates, settings):
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0
    codes = [client.get(URL, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_behind_one_proxy_clients_are_told_apart_by_the_proxys_header(client, rates, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for _ in range(3):
        client.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert client.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    assert client.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 200


def test_logged_in_api_users_have_a_limit_too(client, rates):
    client.force_login(UserFactory())
    codes = [client.get(URL).status_code for _ in range(7)]
    assert codes == [200] * 5 + [429] * 2
