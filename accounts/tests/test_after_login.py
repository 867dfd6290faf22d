"""Where people land after logging in."""

import pytest

from registry.tests.factories import PASSWORD, OfficialFactory, RepresentationFactory, UserFactory

pytestmark = pytest.mark.django_db


def log_in(client, user, lang="ru"):
    return client.post(
        f"/{lang}/accounts/login/", {"username": user.email, "password": PASSWORD}, follow=True
    )


def test_a_representative_lands_on_my_ngos_with_what_is_due(client):
    rep = RepresentationFactory(ngo__status="passive")
    response = log_in(client, rep.user, "en")
    assert response.redirect_chain[-1][0] == "/en/my/ngos/"
    assert "File the annual report for" in response.content.decode()


def test_an_official_lands_on_the_staff_workspace_or_the_home_page(client):
    response = log_in(client, OfficialFactory(), "kk")
    assert response.redirect_chain[-1][0] in ("/kk/staff/", "/kk/")
    assert response.status_code == 200


def test_next_is_still_honoured(client):
    user = UserFactory()
    response = client.post(
        "/ru/accounts/login/?next=/ru/ngos/",
        {"username": user.email, "password": PASSWORD},
    )
    assert response.url == "/ru/ngos/"
