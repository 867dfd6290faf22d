import re

import pytest
from django.core import mail

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_forgotten_password_is_replaced_through_an_emailed_link(client):
    user = UserFactory(email="aruzhan@example.kz")
    response = client.post("/ru/accounts/password/reset/", {"email": "aruzhan@example.kz"})
    assert response.url == "/ru/accounts/password/reset/sent/"
    assert mail.outbox[0].to == ["aruzhan@example.kz"]
    link = re.search(r"http://testserver(/ru/accounts/password/reset/\S+)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    assert "Задайте новый пароль" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Another-Long-Pass-9", "new_password2": "Another-Long-Pass-9"},
    )
    assert done.url == "/ru/accounts/password/reset/complete/"
    user.refresh_from_db()
    assert user.check_password("Another-Long-Pass-9")


def test_an_unknown_address_reveals_nothing(client):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.kz"})
    assert response.url == "/en/accounts/password/reset/sent/"
    assert not mail.outbox


def test_the_address_finds_its_account_whatever_its_case(client):
    UserFactory(email="aruzhan@example.kz")
    client.post("/en/accounts/password/reset/", {"email": "ARUZHAN@Example.KZ"})
    assert mail.outbox[0].to == ["aruzhan@example.kz"]
