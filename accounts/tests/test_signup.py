"""Sign-up answers the same whether or not an address has an account; links in mails expire."""

import re

import pytest
from django.core import mail
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory
from accounts.views import email_verification_token

pytestmark = pytest.mark.django_db


def sign_up(client, email, capture, lang="en"):
    with capture(execute=True):
        return client.post(
            f"/{lang}/accounts/signup/",
            {
                "email": email,
                "full_name": "Aigerim Seitova",
                "password1": "Steppe-Eagle-1991",
                "password2": "Steppe-Eagle-1991",
            },
        )


def visible(response, email):
    """The page as the person sees it, with the address typed (the one difference) taken out."""
    return response.content.decode().replace(email, "EMAIL")


def test_a_known_address_gets_the_same_answer_as_a_new_one(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="taken@example.kz", full_name="Dana Owner")
    taken = sign_up(client, "Taken@Example.kz", django_capture_on_commit_callbacks)
    client.cookies.clear()
    fresh = sign_up(client, "Fresh@Example.kz", django_capture_on_commit_callbacks)

    assert taken.status_code == fresh.status_code == 200
    page_taken = re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", visible(taken, "taken@example.kz")
    )
    page_fresh = re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", visible(fresh, "fresh@example.kz")
    )
    assert page_taken == page_fresh
    assert "sessionid" not in taken.cookies and "sessionid" not in fresh.cookies
    assert User.objects.filter(email__iexact="taken@example.kz").count() == 1


def test_the_owner_of_a_known_address_is_told_by_email_in_the_page_language(
    client, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="taken@example.kz", full_name="Дана")
    sign_up(client, "taken@example.kz", django_capture_on_commit_callbacks, lang="ru")

    [message] = mail.outbox
    assert message.to == ["taken@example.kz"]
    assert (
        "Дана" in message.body and "http://testserver/ru/accounts/password/reset/" in message.body
    )
    assert "/verify/" not in message.body
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD) and owner.full_name == "Дана"


def test_an_unconfirmed_owner_signing_up_again_gets_a_new_link(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="again@example.kz", email_verified=False)
    sign_up(client, "again@example.kz", django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "/en/accounts/verify/" in message.body


def test_a_new_account_confirms_its_address_and_then_logs_in(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, "new@example.kz", django_capture_on_commit_callbacks)
    user = User.objects.get(email="new@example.kz")
    link = re.search(r"http://testserver(/en/accounts/verify/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link)
    assert response.url == "/en/accounts/login/?next=/en/my/ngos/"
    user.refresh_from_db()
    assert user.email_verified


def verify_url(user, token):
    return f"/en/accounts/verify/{urlsafe_base64_encode(str(user.pk).encode())}/{token}/"


def test_a_confirmation_link_expires(client, settings):
    settings.PASSWORD_RESET_TIMEOUT = 365 * 24 * 3600  # its own timeout, not the reset one
    settings.EMAIL_VERIFICATION_TIMEOUT = 3600
    user = UserFactory(email_verified=False)
    now = email_verification_token._num_seconds(email_verification_token._now())
    old = email_verification_token._make_token_with_timestamp(
        user, now - 3601, email_verification_token.secret
    )
    assert client.get(verify_url(user, old)).status_code == 400
    user.refresh_from_db()
    assert not user.email_verified

    fresh = email_verification_token.make_token(user)
    assert client.get(verify_url(user, fresh)).status_code == 302
    user.refresh_from_db()
    assert user.email_verified


def test_a_link_signed_with_another_key_is_refused(client, settings):
    user = UserFactory(email_verified=False)
    forged = email_verification_token._make_token_with_timestamp(
        user,
        email_verification_token._num_seconds(email_verification_token._now()),
        "django-insecure-development-key-only-for-local-use",
    )
    assert client.get(verify_url(user, forged)).status_code == 400
