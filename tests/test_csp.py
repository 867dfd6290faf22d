"""A Content-Security-Policy on every response: scripts and styles only from this site, none
inline; the Swagger docs and the Django admin work under it."""

import re

import pytest

from accounts.tests.factories import PASSWORD
from registry.models import NGO
from registry.tests.factories import NGOFactory, OfficialFactory
from tests.browser import browser_page  # noqa: F401

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize(
    "url", ["/kk/", "/ru/ngos/", "/en/accounts/login/", "/api/v1/regions/", "/api/v1/docs/"]
)
def test_every_page_forbids_inline_and_foreign_code(client, url):
    response = client.get(url)
    assert response.status_code == 200
    rules = policy(response)
    assert rules["default-src"] == "'self'"
    assert rules["script-src"] == "'self'" and rules["style-src"] == "'self'"
    assert rules["frame-ancestors"] == "'none'" and rules["object-src"] == "'none'"


@pytest.mark.parametrize("url", ["/kk/", "/ru/ngos/", "/en/accounts/login/", "/api/v1/docs/"])
def test_our_pages_have_no_inline_scripts_or_styles(client, url):
    html = client.get(url).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)  # no onclick= and the like


def violations(page) -> list[str]:
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_the_swagger_docs_render_their_operations_under_the_policy(live_server, browser_page):  # noqa: F811
    page = browser_page
    refused = violations(page)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.locator(".opblock").first.wait_for(timeout=15000)
    assert page.locator(".opblock").count() >= 5
    assert "/api/v1/ngos/" in page.locator("#swagger-ui").inner_text()
    assert refused == []


def test_the_admin_works_under_the_policy(live_server, browser_page):  # noqa: F811
    page = browser_page
    refused = violations(page)
    official = OfficialFactory(role="administrator")
    ngo = NGOFactory(status=NGO.Status.ACTIVE)
    page.goto(f"{live_server.url}/en/admin/login/")
    page.locator("#id_username").fill(official.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/en/admin/registry/ngo/{ngo.pk}/change/")
    # The activity areas' two-list chooser is built by the admin's JavaScript.
    page.locator(".selector-available").first.wait_for(timeout=10000)
    page.goto(f"{live_server.url}/en/")
    assert refused == []
