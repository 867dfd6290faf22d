"""Claiming an NGO: the BIN, then "Is this your organisation?", then the request."""

import re

import pytest

from registry.models import NGO, Representation
from registry.tests.factories import NGOFactory, region

pytestmark = pytest.mark.django_db


def main(response, bin: str) -> str:
    """The page's main content, with the BIN and the CSRF token (random) blanked out."""
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")].replace(bin, "BIN")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.fixture
def claimant(client, ngo_user):
    client.force_login(ngo_user)
    return ngo_user


def test_the_organisation_is_shown_for_confirmation_before_the_request(client, claimant):
    ngo = NGOFactory(name_kk="«Таза өзен» қоғамы", region=region("750000000"))
    spaced = f"{ngo.bin[:4]} {ngo.bin[4:8]} {ngo.bin[8:]}"
    page = client.post("/kk/my/ngos/claim/", {"bin": spaced, "position": "Төраға"})
    html = page.content.decode()
    assert "Бұл сіздің ұйымыңыз ба?" in html
    assert "«Таза өзен» қоғамы" in html and "Алматы" in html
    assert f'name="bin" value="{ngo.bin}"' in html
    assert not Representation.objects.exists()  # nothing is sent before the answer

    response = client.post(
        "/kk/my/ngos/claim/", {"bin": ngo.bin, "position": "Төраға", "confirm": ""}
    )
    assert response.url == "/kk/my/ngos/"
    claim = Representation.objects.get(user=claimant)
    assert (claim.ngo, claim.status, claim.position) == (ngo, "pending", "Төраға")


@pytest.mark.parametrize("status", [NGO.Status.DRAFT, NGO.Status.SUBMITTED, NGO.Status.REJECTED])
def test_an_unpublished_bin_looks_exactly_like_an_unknown_one(client, claimant, status):
    hidden = NGOFactory(status=status, status_reason="x", name_ru="Скрытое объединение")
    unknown = "240440492218"
    pages = {
        bin: main(client.post("/ru/my/ngos/claim/", {"bin": bin, "position": "Директор"}), bin)
        for bin in (hidden.bin, unknown)
    }
    assert pages[hidden.bin] == pages[unknown]
    assert "Скрытое объединение" not in pages[hidden.bin]
    assert "В открытом реестре нет организации с БИН BIN." in pages[unknown]
    assert 'href="/ru/my/ngos/new/?bin=BIN"' in pages[unknown]
    # Even when the answer is forced, an unpublished NGO is not claimed from here.
    client.post("/ru/my/ngos/claim/", {"bin": hidden.bin, "position": "x", "confirm": ""})
    assert not Representation.objects.exists()


def test_the_offer_to_register_carries_the_bin(client, claimant):
    page = client.get("/en/my/ngos/new/?bin=240440492218").content.decode()
    assert 'name="bin" value="240440492218"' in page


def test_a_wrong_bin_is_explained_in_the_error_summary(client, claimant):
    page = client.post("/en/my/ngos/claim/", {"bin": "12345", "position": ""}).content.decode()
    assert '<a href="#id_bin">BIN: ' in page
    assert '<a href="#id_position">Your position in the organisation: ' in page
