"""Councils as their users meet them, in headless Chromium at 1280 and 390 px.

A council's secretary adds members, schedules a meeting, marks who attended and records a
decision; an official of the body the council is attached to records the response; the public
page then shows the response and how far the accepted recommendation got. The public pages are
also looked at in Kazakh, Russian and English. Screenshots: test-artifacts/councils-*.png.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.tests.factories import PASSWORD
from councils.models import Decision
from councils.tests import factories
from tests.browser import browser_page  # noqa: F401

SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"councils-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{name} is {width} px wide in a {viewport} px window"


def said(lang: str, message: str) -> str:
    with translation.override(lang):
        return gettext(message)


def log_in(page, base: str, user, next_path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/en/accounts/login/?next={next_path}")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{base}{next_path}"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_secretarys_path_and_the_bodys_response(live_server, browser_page, width):  # noqa: F811
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    council = factories.council(name_en="Public council of the Ministry of Culture")
    secretary = factories.secretary(council)
    official = factories.body_official("mci")
    staff = f"/en/staff/councils/{council.code}/"
    log_in(page, base, secretary, staff)

    start = datetime.date.today() - datetime.timedelta(days=60)
    for i, (name, role) in enumerate(
        [("Aigerim Sadykova", "chair"), ("Dana Bekova", "member"), ("Erlan Omarov", "member")]
    ):
        page.goto(f"{base}{staff}members/add/")
        page.locator("#id_name").fill(name)
        page.locator("#id_email").fill(f"member{i}@example.kz")
        page.locator("#id_affiliation").select_option("academia")
        page.locator("#id_role").select_option(role)
        page.locator("#id_term_start").fill(start.isoformat())
        page.locator("#id_term_end").fill(start.replace(year=start.year + 3).isoformat())
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.url == f"{base}{staff}"
    assert page.locator("table tbody tr").count() == 3
    shot(page, f"staff-members-{width}")

    page.locator(f"a[href='{staff}meetings/add/']").click()
    when = timezone.localtime() - datetime.timedelta(hours=3)
    page.locator("#id_starts_at").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_place").fill("Astana, House of Ministries, hall 3")
    page.locator("#id_agenda").fill("Draft budget for 2027\nAccessible bus stops")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{base}{staff}meetings/1/"

    for checkbox in page.locator("input[name=present]").all()[:2]:
        checkbox.check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state()
    assert "2 of 3 members present; 2 make a quorum." in page.locator("#quorum").inner_text()

    page.locator("#decision-form summary").click()
    page.locator("#decision-form #id_text").fill("Publish the draft budget a month ahead")
    page.locator("#decision-form #id_votes_for").fill("2")
    page.locator("#decision-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "The decision has been recorded." in page.content()
    shot(page, f"staff-meeting-{width}")
    decision = Decision.objects.get(council=council)
    assert decision.adopted

    respond = f"{staff}decisions/{decision.number}/respond/"
    log_in(page, base, official, respond)
    page.locator("input[name=outcome][value=accepted]").check()
    page.locator("#id_deadline").fill("2027-06-30")
    shot(page, f"staff-respond-{width}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{base}{staff}"
    decision.refresh_from_db()
    assert decision.response.outcome == "accepted" and decision.item is not None

    page.goto(f"{base}/en/councils/{council.code}/")
    text = page.locator("main").inner_text()
    assert "Publish the draft budget a month ahead" in text
    assert "Implementation: Planned, 0%" in text
    assert "member0@example.kz" not in page.content()
    shot(page, f"public-council-{width}")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_public_pages_in_every_language(live_server, browser_page, lang):  # noqa: F811
    page, base = browser_page, live_server.url
    council = factories.council(
        name_kk="Мәдениет министрлігі жанындағы қоғамдық кеңес",
        name_ru="Общественный совет при Министерстве культуры",
        name_en="Public council of the Ministry of Culture",
    )
    secretary = factories.secretary(council)
    members = factories.composed(council, secretary, civil=9, others=6)  # out of rule
    factories.adopted_decision(council, secretary, members)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in (
            ("list", f"/{lang}/councils/"),
            ("council", f"/{lang}/councils/{council.code}/"),
            ("stats", f"/{lang}/councils/stats/"),
        ):
            page.goto(f"{base}{path}")
            assert page.locator("h1").count() == 1
            shot(page, f"{name}-{lang}-{width}")
    page.goto(f"{base}/{lang}/councils/{council.code}/")
    assert (
        said(lang, "Civil-society share below the minimum")
        in page.locator("#rule-flags").inner_text()
    )
