"""The citizen's journey through the portal in a real browser, at 390 and 1280 px: home in
Kazakh, a search with a typo, filters by region and area, the NGO page with its state funding,
a switch to Russian that stays on the page, the filtered CSV matching the page's count; the
statistics and open-data pages. Screenshots: test-artifacts/portal-<step>-<width>.png."""

import csv
import io
import re
from pathlib import Path

import pytest

from portal import opendata
from registry.tests.factories import NGOFactory, region
from tenders.tests.factories import organiser, published_round
from tests.browser import browser_page  # noqa: F401

SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts"
WIDTHS = (390, 1280)
CSV_LINK = "a[href*='export.csv'][href*='sep=%2C'], a[href*='export.csv'][href*='sep=,']"


def shot(page, step: str, width: int) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"portal-{step}-{width}.png"), full_page=True)


def assert_no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture
def register(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    NGOFactory.create_batch(6, region=region("710000000"), areas=["youth"])
    wanted = NGOFactory(
        name_kk="«Қамқор» қоғамдық қоры",
        name_ru="Общественный фонд «Камкор»",
        region=region("750000000"),
        areas=["children", "youth"],
    )
    NGOFactory(
        name_kk="«Қамқор ана» бірлестігі",
        name_ru="Объединение «Камкор ана»",
        region=region("710000000"),
        areas=["youth"],
    )
    published_round(organiser(), 2024, [(wanted, 4_500_000)])
    opendata.build()
    return wanted


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citizen_finds_an_ngo_and_its_funding(live_server, browser_page, register, width):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/kk/")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert "Азаматтық қоғам" in page.get_by_role("heading", level=1).inner_text()
    assert "2024" in page.locator("#figure-funded").inner_text()
    shot(page, "home-kk", width)
    assert_no_sideways_scroll(page, width)

    page.fill("#home-q", "Камкр")  # a letter left out
    page.locator("form.search-row button[type=submit]").click()
    page.wait_for_load_state()
    assert "/kk/ngos/?q=" in page.url
    link = page.locator(f".results a[href*='/ngos/{register.bin}/']")
    assert link.count() == 1

    if not page.locator("form.filters").is_visible():
        page.locator("details.filters-toggle summary").click()
    page.select_option("select[name=region]", "750000000")
    page.select_option("select[name=area]", "children")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "region=750000000" in page.url and "area=children" in page.url
    count_text = page.locator(".result-bar strong").inner_text()
    shown = int(re.sub(r"\D", "", count_text))
    assert shown == 1
    shot(page, "directory-filtered-kk", width)

    with page.expect_download() as download:
        page.locator(
            "a[href*='export.csv'][href*='sep=%2C'], a[href*='export.csv'][href*='sep=,']"
        ).first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) - 1 == shown

    page.locator(f".results a[href*='/ngos/{register.bin}/']").click()
    page.wait_for_load_state()
    assert f"/kk/ngos/{register.bin}/" in page.url
    funding = page.locator("section[aria-labelledby='section-state-funding']").inner_text()
    assert "4 500 000" in funding.replace("\xa0", " ")
    shot(page, "ngo-kk", width)
    assert_no_sideways_scroll(page, width)

    page.get_by_role("link", name="Русский").click()
    page.wait_for_load_state()
    assert f"/ru/ngos/{register.bin}/" in page.url
    assert "Камкор" in page.get_by_role("heading", level=1).inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_statistics_and_open_data_read_without_javascript(
    live_server,
    browser_page,  # noqa: F811
    register,
    width,
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/ru/stats/")
    assert page.get_by_role("heading", level=1).inner_text() == "Статистика"
    assert page.locator("svg.chart").count() >= 5
    region_table = page.locator("#ngos-by-region table")
    assert "Алматы" in region_table.inner_text()
    shot(page, "stats-ru", width)
    assert_no_sideways_scroll(page, width)

    page.goto(f"{live_server.url}/en/open-data/")
    assert "CC BY 4.0" in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="ngos.csv", exact=True).first.click()
    rows = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith('"bin",') and len(rows) == 9
    shot(page, "open-data-en", width)
    assert_no_sideways_scroll(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citizen_follows_an_action_plan_item(live_server, browser_page, width):  # noqa: F811
    import datetime

    from django.conf import settings
    from django.test import Client

    from accounts.tests.factories import UserFactory
    from forums import services as forum_services
    from forums.tests.factories import event, forum
    from forums.tests.factories import organiser as forum_organiser
    from portal.models import Alert
    from registry.models import StateBody

    rec = forum_services.propose(event(forum=forum()), title={"kk": "Ұсыныс", "ru": "Рекомендация"})
    forum_services.adopt(
        rec,
        responsible_body=StateBody.objects.get(code="mlsp"),
        deadline=datetime.date(2099, 1, 1),
        by=forum_organiser(),
    )
    rec.refresh_from_db()
    citizen = UserFactory(email_verified=True)
    client = Client()
    client.force_login(citizen)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page = browser_page
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/ru/accountability/{rec.plan_item.code}/")
    page.select_option("#follow-frequency", "weekly")
    page.get_by_role("button", name="Следить").click()
    page.wait_for_load_state()
    assert f"/ru/accountability/{rec.plan_item.code}/" in page.url
    assert "Сохранено" in page.content() and "Вы следите" in page.content()
    shot(page, "follow-item-ru", width)
    alert = Alert.objects.get(user=citizen)
    assert (alert.kind, alert.key, alert.frequency) == ("plan_item", rec.plan_item.code, "weekly")
