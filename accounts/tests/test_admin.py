"""An administrator (staff, not superuser) manages accounts but cannot take over a superuser."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts import roles
from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    user = UserFactory(is_staff=True, role=roles.ADMINISTRATOR)
    client.force_login(user)
    return user


@pytest.fixture
def superuser():
    return UserFactory(email="root@example.kz", is_staff=True, is_superuser=True)


def test_an_administrator_cannot_set_a_superusers_password(client, administrator, superuser):
    url = f"/en/admin/accounts/user/{superuser.pk}/password/"
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {"password1": "Taken-Over-2026", "password2": "Taken-Over-2026", "usable_password": "true"},
    )
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)


def test_an_administrator_cannot_change_a_superusers_account(client, administrator, superuser):
    url = f"/en/admin/accounts/user/{superuser.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and not page.context["has_change_permission"]
    client.post(
        url,
        {
            "email": "mine@example.kz",
            "full_name": "Taken",
            "is_active": "",
            "is_staff": "on",
            "groups": [],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    superuser.refresh_from_db()
    assert (superuser.email, superuser.is_active) == ("root@example.kz", True)


def test_an_administrator_cannot_delete_a_superuser(client, administrator, superuser):
    url = f"/en/admin/accounts/user/{superuser.pk}/delete/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=superuser.pk).exists()


def test_the_bulk_delete_action_spares_superusers(client, administrator, superuser):
    ordinary = UserFactory()
    response = client.post(
        "/en/admin/accounts/user/",
        {
            "action": "delete_selected",
            "_selected_action": [superuser.pk, ordinary.pk],
            "post": "yes",
        },
    )
    assert response.status_code in (200, 302, 403)
    assert User.objects.filter(pk=superuser.pk).exists()


def test_an_administrator_still_manages_ordinary_accounts(client, administrator):
    ordinary = UserFactory()
    url = f"/en/admin/accounts/user/{ordinary.pk}/password/"
    response = client.post(
        url,
        {"password1": "Fresh-Pass-2026", "password2": "Fresh-Pass-2026", "usable_password": "true"},
    )
    assert response.status_code == 302
    ordinary.refresh_from_db()
    assert ordinary.check_password("Fresh-Pass-2026")


def _change(client, user, groups):
    return client.post(
        f"/en/admin/accounts/user/{user.pk}/change/",
        {
            "email": user.email,
            "full_name": user.full_name,
            "email_verified": "on",
            "is_active": "on",
            "is_staff": "on",
            "groups": [g.pk for g in groups],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )


def test_an_administrator_cannot_grant_a_group_carrying_more_than_they_hold(client, administrator):
    mighty = Group.objects.create(name="group managers")
    mighty.permissions.set(Permission.objects.filter(content_type__app_label="auth"))
    response = _change(client, administrator, [*administrator.groups.all(), mighty])
    assert response.status_code == 200
    assert "carries permissions you do not hold" in response.content.decode()
    assert not administrator.groups.filter(pk=mighty.pk).exists()


def test_an_administrator_grants_the_role_groups_they_hold(client, administrator):
    official = UserFactory()
    response = _change(client, official, [Group.objects.get(name=roles.MINISTRY_OFFICIAL)])
    assert response.status_code == 302
    assert official.has_role(roles.MINISTRY_OFFICIAL)
