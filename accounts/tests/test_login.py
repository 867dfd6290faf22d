import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_role_groups_exist_with_their_permissions():
    names = set(Group.objects.values_list("name", flat=True))
    assert names >= {
        roles.MINISTRY_OFFICIAL,
        roles.NGO_REPRESENTATIVE,
        roles.COUNCIL_SECRETARY,
        roles.FORUM_ORGANISER,
        roles.ADMINISTRATOR,
    }
    official = Group.objects.get(name=roles.MINISTRY_OFFICIAL)
    codenames = set(official.permissions.values_list("codename", flat=True))
    assert {"change_ngo", "view_annualreport"} <= codenames
    assert "delete_ngo" not in codenames
    assert not Group.objects.get(name=roles.NGO_REPRESENTATIVE).permissions.exists()


def test_login_with_email_in_any_case(client):
    user = UserFactory(email="dana@example.kz")
    response = client.post(
        "/en/accounts/login/", {"username": "DANA@example.kz", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_repeated_failures_lock_the_login_even_with_the_right_password(client, settings):
    UserFactory(email="target@example.kz")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/en/accounts/login/", {"username": "target@example.kz", "password": "wrong"}
        )
    assert response.status_code == 429
    response = client.post(
        "/en/accounts/login/", {"username": "target@example.kz", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_behind_a_proxy_the_lockout_counts_the_client_not_the_proxy(client, settings):
    settings.NUM_PROXIES = 1
    UserFactory(email="official@example.kz")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/en/accounts/login/",
            {"username": "official@example.kz", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    response = client.post(
        "/en/accounts/login/",
        {"username": "official@example.kz", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302


def test_an_administrator_cannot_make_anyone_superuser(client):
    admin_user = UserFactory(is_staff=True, role="administrator")
    other = UserFactory()
    client.force_login(admin_user)
    form = client.get(f"/en/admin/accounts/user/{other.pk}/change/").context["adminform"].form
    assert "is_superuser" not in form.fields and "user_permissions" not in form.fields


def test_the_lockout_holds_whatever_the_case_of_the_address(client, settings):
    UserFactory(email="someone@example.kz")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": "someone@example.kz", "password": "wrong"})
    for spelling in ("SOMEONE@example.kz", "Someone@Example.KZ", " someone@example.kz "):
        response = client.post("/en/accounts/login/", {"username": spelling, "password": PASSWORD})
        assert response.status_code == 429, spelling
    assert "_auth_user_id" not in client.session


def test_failures_in_mixed_case_add_up_to_one_lockout(client, settings):
    UserFactory(email="someone@example.kz")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        address = "someone@example.kz" if attempt % 2 else "SomeOne@EXAMPLE.kz"
        client.post("/en/accounts/login/", {"username": address, "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"username": "someone@example.kz", "password": PASSWORD}
    )
    assert response.status_code == 429
