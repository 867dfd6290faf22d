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
