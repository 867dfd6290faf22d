"""The visitor's journey in headless Chromium, in Kazakh, Russian and English: a citizen
searching the directory with filters, then opening the NGO's page. The expected texts are written
out per language in tests/browser.py (not taken from the catalogs), so an untranslated string
fails. Full-page screenshots go to /tmp/shots/<journey>-<lang>-<step>.png for humans.
"""

import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest

from registry.models import NGO, report_year_due
from registry.tests.factories import AnnualReportFactory, NGOFactory, region
from tests.browser import (
    LANGS,
    T,
    browser_page,  # noqa: F401
    money,
    name_in,
    shot,
    texts,
)

ASTANA, ALMATY = "710000000", "750000000"
# The directory shows each NGO by its own name (without legal form and place), first.
OWN_NAME = {"kk": "Жасыл Астана", "ru": "Зелёная Астана", "en": "Green Astana environmental"}


@pytest.mark.parametrize("lang", LANGS)
def test_directory_search_with_filters_then_ngo_page(live_server, browser_page, lang):  # noqa: F811
    page = browser_page
    year = report_year_due()
    environment = ["environment"]
    wanted = NGOFactory(
        name_kk="«Жасыл Астана» экологиялық қоғамдық бірлестігі",
        name_ru="Экологическое общественное объединение «Зелёная Астана»",
        name_en="Green Astana environmental association",
        region=region(ASTANA),
        areas=environment,
    )
    AnnualReportFactory(
        ngo=wanted,
        year=year,
        submitted_at=datetime.datetime(year + 1, 3, 1, 10, tzinfo=datetime.UTC),
        income_state_order=5_000_000,
        income_grants=750_000,
        income_donations=1_200_000,
        income_own=48_500,
        staff_count=12,
        volunteer_count=40,
        beneficiary_count=2_500,
    )
    # Each of these fails exactly one criterion: the word, the region, the area, publicity.
    others = [
        NGOFactory(region=region(ASTANA), areas=environment),
        NGOFactory(
            name_kk="«Жасыл дала» қоры",
            name_ru="Фонд «Зелёная степь»",
            name_en="Green Steppe foundation",
            region=region(ALMATY),
            areas=environment,
        ),
        NGOFactory(
            name_kk="«Жасыл жастар» бірлестігі",
            name_ru="Объединение «Зелёная молодёжь»",
            name_en="Green Youth union",
            region=region(ASTANA),
            areas=["youth"],
        ),
        NGOFactory(
            name_kk="«Жасыл көше» бірлестігі",
            name_ru="Объединение «Зелёная улица»",
            name_en="Green Street association",
            region=region(ASTANA),
            areas=environment,
            status=NGO.Status.DRAFT,
        ),
    ]

    page.goto(f"{live_server.url}/{lang}/ngos/")
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["directory"]
    shot(page, "directory", lang, "1-all")
    page.locator("#id_q").fill(T[lang]["search_word"])
    page.locator("#id_region").select_option(label=T[lang]["region"])
    page.locator("#id_area").select_option(label=T[lang]["area"])
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    shot(page, "directory", lang, "2-filtered")

    assert page.locator(".result-bar strong").inner_text() == T[lang]["found_one"]
    assert texts(page.locator("ul.results h2")) == [OWN_NAME[lang]]
    content = page.locator("main").inner_text()
    for other in others:
        assert name_in(other, lang) not in content
        assert page.locator(f".results a[href*='/ngos/{other.bin}/']").count() == 0
    # The filters keep what was chosen.
    assert page.locator("#id_q").input_value() == T[lang]["search_word"]
    assert page.locator("#id_region option:checked").inner_text() == T[lang]["region"]
    assert page.locator("#id_area option:checked").inner_text() == T[lang]["area"]

    filtered_url = page.url
    page.get_by_role("link", name=OWN_NAME[lang], exact=True).click()
    page.wait_for_load_state()
    shot(page, "ngo", lang, "1-detail")
    assert page.url.startswith(f"{live_server.url}/{lang}/ngos/{wanted.bin}/?back=")
    assert page.get_by_role("heading", level=1).inner_text() == name_in(wanted, lang)

    transparency = page.locator("section[aria-labelledby=transparency]")
    assert transparency.locator("h2").inner_text() == T[lang]["transparency"]
    assert texts(transparency.locator("dt"))[1] == T[lang]["annual_info"].format(year=year)
    assert texts(transparency.locator("dd"))[1] == T[lang]["on_time"]

    figures = page.locator("section[aria-labelledby=figures]")
    assert figures.locator("h2").inner_text() == T[lang]["figures"]
    assert texts(figures.locator("thead th")) == [T[lang]["year"], str(year)]
    m = lambda amount: money(amount, lang)  # noqa: E731
    shown = dict(
        zip(texts(figures.locator("tbody th")), texts(figures.locator("tbody td")), strict=True)
    )
    expected = [m(5_000_000), m(750_000), m(1_200_000), "0", m(48_500), "12", "40", m(2_500), "0"]
    assert [shown.get(row) for row in T[lang]["figure_rows"]] == expected
    # "← NGO directory" returns to the same search and filters.
    page.locator("main p a").first.click()
    page.wait_for_load_state()
    assert parse_qsl(urlsplit(page.url).query) == parse_qsl(urlsplit(filtered_url).query)
    assert texts(page.locator("ul.results h2")) == [OWN_NAME[lang]]
