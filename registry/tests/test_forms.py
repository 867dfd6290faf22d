"""Forms that say what is wrong (GOV.UK patterns), in every form of the site."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from registry.models import NGO, Document
from registry.tests.factories import RepresentationFactory

pytestmark = pytest.mark.django_db


def summary_links(html: str) -> list[tuple[str, str]]:
    summary = re.search(r'<div class="error-summary"[^>]*tabindex="-1".*?</div>', html, re.S)
    assert summary, "no error summary"
    return re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', summary.group(0))


def test_the_error_summary_links_each_message_to_its_named_field(client, ngo_user):
    client.force_login(ngo_user)
    response = client.post("/en/my/ngos/new/", {"bin": "123", "phone": "12345"})
    html = response.content.decode()
    links = dict(summary_links(html))
    assert links["id_bin"].startswith("BIN: ")
    assert links["id_region"] == "Region: This field is required."
    assert links["id_phone"].startswith("Phone: Enter the phone number as +7 and 10 digits")
    for field_id in links:
        assert f'id="{field_id}"' in html
    assert html.index("error-summary") < html.index('name="bin"')
    assert not NGO.objects.exists()


def test_the_login_form_has_a_summary_too(client):
    html = client.post("/ru/accounts/login/", {"username": "x@example.kz", "password": "no"})
    assert 'class="error-summary"' in html.content.decode()


def test_the_page_script_is_a_static_file_not_inline(client):
    html = client.get("/kk/ngos/").content.decode()
    assert re.search(r'<script src="/static/js/site[^"]*\.js" defer></script>', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son\w+=", html)
    assert "style=" not in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("8 701 123 45 67", "+7 701 123 45 67"),
        ("+77011234567", "+7 701 123 45 67"),
        ("8 (727) 250-00-00", "+7 727 250 00 00"),
        ("701 123 4567", "+7 701 123 45 67"),
        ("+7 701 123 45 67", "+7 701 123 45 67"),
    ],
)
def test_phone_numbers_are_read_as_typed_and_stored_formatted(client, ngo_user, typed, stored):
    rep = RepresentationFactory(user=ngo_user)
    client.force_login(ngo_user)
    page = client.get(f"/en/my/ngos/{rep.ngo.bin}/edit/")
    data = {
        k: v
        for k, v in page.context["form"].initial.items()
        if v is not None and k != "activity_areas"
    }
    data["phone"] = typed
    response = client.post(f"/en/my/ngos/{rep.ngo.bin}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    rep.ngo.refresh_from_db()
    assert rep.ngo.phone == stored


@pytest.mark.parametrize("typed", ["12345", "+7 701 123 45", "+1 202 555 0101", "телефон"])
def test_a_wrong_phone_number_is_refused_with_an_example(client, ngo_user, typed):
    rep = RepresentationFactory(user=ngo_user)
    client.force_login(ngo_user)
    response = client.post(f"/ru/my/ngos/{rep.ngo.bin}/edit/", {"phone": typed})
    assert "+7 701 123 45 67" in response.context["form"].errors["phone"][0]


def test_the_chosen_document_type_is_kept_after_an_error(client, ngo_user):
    rep = RepresentationFactory(user=ngo_user)
    client.force_login(ngo_user)
    fake = SimpleUploadedFile("charter.pdf", b"MZ not a pdf", "application/pdf")
    response = client.post(
        f"/kk/my/ngos/{rep.ngo.bin}/documents/", {"kind": "registration", "file": fake}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<option value="registration" selected>', html)
    assert '<a href="#id_file">' in html
    assert not Document.objects.exists()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_attach_is_not_the_word_for_register(lang):
    with translation.override(lang):
        attach = translation.gettext("Attach")
        register = {translation.gettext(w) for w in ("Register", "Register a new NGO")}
    assert attach not in register
    if lang == "kk":
        assert "тірке" not in attach.lower()
