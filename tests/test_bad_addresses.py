"""Addresses nobody should send still get a plain answer: never a server error, and under /api/
always the API's JSON, also on the development server (DEBUG on)."""

import pytest

pytestmark = pytest.mark.django_db

NUL_ADDRESSES = [
    "/en/tenders/%00/",
    "/api/v1/ocds/releases/%00.json",
    "/en/ngos/%00/",
    "/en/ngos/?q=%00",
    "/en/tenders/?competition=%00",
    "/api/v1/ngos/?region=%00",
    "/api/v1/ngos/%00/",
    "/ru/staff/?%00=1",
]


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("address", NUL_ADDRESSES)
def test_a_nul_byte_anywhere_is_a_bad_request(client, settings, address, debug):
    settings.DEBUG = debug
    response = client.get(address)
    assert response.status_code in (400, 404)
    if address.startswith("/api/"):
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["code"] in ("invalid", "not_found")


def test_a_normal_address_is_untouched(client):
    assert client.get("/en/ngos/?q=fund").status_code == 200


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    "address", ["/api/v1/ngos//", "/api/v1/regions//", "/api/v1/nothing-here/", "/api/"]
)
def test_an_unknown_api_path_answers_json_also_with_debug(client, settings, address, debug):
    settings.DEBUG = debug
    response = client.get(address)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_the_api_docs_page_stays_a_page(client, settings):
    settings.DEBUG = True
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
