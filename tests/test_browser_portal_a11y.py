"""axe-core (vendored in tests/vendor/axe-core, MPL-2.0) on the public pages the issue names:
no serious or critical violation at 390 and 1280 px. Screenshots: test-artifacts/a11y-*.png."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from councils.tests.factories import council
from forums import services as forum_services
from forums.tests.factories import event, forum
from forums.tests.factories import organiser as forum_organiser
from portal import opendata
from registry.models import StateBody
from registry.tests.factories import NGOFactory, OfficialFactory
from tenders.tests.factories import open_competition, organiser, published_round
from tests.browser import browser_page  # noqa: F401

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))
            }));
        }"""
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


@pytest.fixture
def site(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    ngo = NGOFactory(areas=["youth"])
    published_round(organiser(), 2024, [(ngo, 1_000_000)])
    competition, _lot = open_competition()
    xii = forum()
    rec = forum_services.propose(event(forum=xii), title={"kk": "Ұсыныс", "ru": "Рекомендация"})
    forum_services.adopt(
        rec,
        responsible_body=StateBody.objects.get(code="mlsp"),
        deadline=datetime.date(2099, 1, 1),
        by=forum_organiser(),
    )
    rec.refresh_from_db()
    opendata.build()
    return {
        "ngo": ngo,
        "competition": competition,
        "forum": xii,
        "item": rec.plan_item,
        "council": council(body="mci"),
    }


def check(live_server, browser_page, width, pages, user=None) -> dict:  # noqa: F811
    # The site's Content-Security-Policy forbids injected scripts; axe is the test's own.
    context = browser_page.context.browser.new_context(
        bypass_csp=True, viewport={"width": width, "height": 900}
    )
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    problems = {}
    SHOTS.mkdir(exist_ok=True)
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.screenshot(path=str(SHOTS / f"a11y-{name}-{width}.png"), full_page=True)
        found = violations(page)
        if found:
            problems[name] = found
    context.close()
    return problems


@pytest.mark.parametrize("width", [390, 1280])
def test_public_pages_have_no_serious_accessibility_violation(
    live_server,
    browser_page,  # noqa: F811
    site,
    width,
):
    pages = {
        "home": "/kk/",
        "directory": "/kk/ngos/?q=Bright",
        "competition": f"/ru/tenders/{site['competition'].number}/",
        "statistics": "/kk/stats/",
        "open-data": "/en/open-data/",
        "forums": "/kk/forums/",
        "action-plan": f"/kk/forums/{site['forum'].number}/plan/",
        "plan-item": f"/ru/accountability/{site['item'].code}/",
        "councils": "/ru/councils/",
        "council": f"/kk/councils/{site['council'].code}/",
    }
    assert not check(live_server, browser_page, width, pages)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_staff_pages_have_no_serious_accessibility_violation(
    live_server,
    browser_page,  # noqa: F811
    site,
    width,
):
    pages = {"staff-dashboard": "/ru/staff/", "integrity": "/kk/staff/integrity/"}
    official = OfficialFactory()
    assert not check(live_server, browser_page, width, pages, user=official)


@pytest.mark.parametrize(
    "width",
    [
        390,
        1280,
    ],
)
def test_the_ngo_page_has_no_serious_accessibility_violation(
    live_server,
    browser_page,  # noqa: F811
    site,
    width,
):
    pages = {"ngo": f"/ru/ngos/{site['ngo'].bin}/"}
    assert not check(live_server, browser_page, width, pages)
