"""No public or self-service page scrolls sideways on a 320 px phone (kk, ru, en).

Each page is loaded at 320 px with long real-world content (long Kazakh names, e-mails, web
addresses, nine-digit amounts) and document.documentElement.scrollWidth must stay within 320.
Screenshots go to /tmp/shots/phone-<lang>-<page>.png.
"""

import datetime
from pathlib import Path

import pytest

from accounts.tests.factories import PASSWORD
from registry.models import AnnualReport, report_year_due
from registry.tests.factories import AnnualReportFactory, RepresentationFactory
from tests.browser import browser_page  # noqa: F401

SHOTS = Path("/tmp/shots")
WIDTH = 320


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_no_page_scrolls_sideways_at_320_px(live_server, browser_page, lang):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 720})
    year = report_year_due()
    rep = RepresentationFactory(
        ngo__name_kk="«Қазақстанның экологиялық-ағартушылық жастар қозғалысы» қоғамдық бірлестігі",
        ngo__name_ru="Общественное объединение «Экологическо-просветительское молодёжное движение»",
        ngo__email="international.cooperation.department@ecological-movement.kz",
        ngo__website="https://www.ecological-enlightenment-youth-movement-of-kazakhstan.kz/about",
        ngo__phone="+7 701 123 45 67",
        ngo__address="Алматы қаласы, Бостандық ауданы, Әл-Фараби даңғылы, 77/8, 12-кеңсе",
    )
    ngo = rep.ngo
    for offset in range(4):
        AnnualReportFactory(
            ngo=ngo,
            year=year - offset,
            submitted_at=datetime.datetime(year - offset + 1, 3, 1, tzinfo=datetime.UTC),
            income_state_order=987_654_321,
            income_grants=123_456_789,
            income_foreign=55_000_000,
        )
    draft = AnnualReportFactory(
        ngo=ngo, year=year + 1, status=AnnualReport.Status.DRAFT, submitted_at=None
    )
    base = f"{live_server.url}/{lang}"
    public = {
        "home": "/",
        "directory": f"/ngos/?q={ngo.bin[:6]}",
        "ngo": f"/ngos/{ngo.bin}/",
        "signup": "/accounts/signup/",
        "login": "/accounts/login/",
    }
    own = {
        "my-ngos": "/my/ngos/",
        "manage": f"/my/ngos/{ngo.bin}/",
        "edit": f"/my/ngos/{ngo.bin}/edit/",
        "report": f"/my/ngos/{ngo.bin}/reports/{draft.pk}/",
        "claim": "/my/ngos/claim/",
    }
    too_wide = {}

    def measure(name, path):
        page.goto(base + path)
        page.wait_for_load_state()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"phone-{lang}-{name}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide[name] = width

    for name, path in public.items():
        measure(name, path)
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(rep.user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    for name, path in own.items():
        measure(name, path)
    # An error summary and a claim confirmation must fit too.
    page.goto(f"{base}/my/ngos/claim/")
    page.locator("#id_bin").fill(ngo.bin)
    page.locator("#id_position").fill("Төраға")
    page.locator("main form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    measure_current = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(SHOTS / f"phone-{lang}-claim-confirm.png"), full_page=True)
    if measure_current > WIDTH:
        too_wide["claim-confirm"] = measure_current
    assert too_wide == {}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_directory_filters_fold_away_on_phones(live_server, browser_page, lang, width):  # noqa: F811
    from registry.tests.factories import NGOFactory, region

    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    NGOFactory.create_batch(3, region=region("750000000"))
    page.goto(f"{live_server.url}/{lang}/ngos/?region=750000000&kind=social&page_size=20")
    page.wait_for_load_state()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"directory-{lang}-{width}.png"), full_page=True)
    first_result = page.locator("ul.results li").first.bounding_box()
    if width < 800:
        summary = page.locator("details.filters-toggle > summary")
        assert summary.inner_text().endswith("(2)")  # "Filters (2)": region and kind
        assert not page.locator("#id_region").is_visible()
        assert first_result["y"] < 800  # the results come first, on the first screen
        summary.click()
        assert page.locator("#id_region").is_visible()
    else:
        assert page.locator("#id_region").is_visible()
        assert not page.locator("details.filters-toggle > summary").is_visible()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_error_summary_takes_the_focus_and_links_to_the_field(
    live_server,
    browser_page,  # noqa: F811
    lang,
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/{lang}/accounts/signup/")
    page.locator("#id_email").fill("not-an-email")
    page.locator("main form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / f"error-summary-{lang}-390.png"), full_page=True)
    assert page.evaluate("document.activeElement.className") == "error-summary"
    page.locator(".error-summary a[href='#id_full_name']").click()
    assert page.evaluate("document.activeElement.id") == "id_full_name"


def test_pagination_links_are_big_enough_to_tap(live_server, browser_page):  # noqa: F811
    from registry.tests.factories import NGOFactory

    page = browser_page
    page.set_viewport_size({"width": 390, "height": 800})
    NGOFactory.create_batch(21)
    page.goto(f"{live_server.url}/kk/ngos/")
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / "pagination-kk-390.png"), full_page=True)
    links = page.locator("nav.pagination a")
    assert links.count() == 4  # next, and the three page sizes
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, links.nth(i).inner_text()
