"""The directory's search box on a 390 px phone: with JavaScript it offers the name words as one
types («Ынтым» → «ынтымақ»); without it, the results page offers the same words as links.
Screenshots go to test-artifacts/suggest-*.png."""

from pathlib import Path

import pytest

from registry.models import LegalForm
from registry.tests.factories import NGOFactory
from tests.browser import browser_page  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PHONE = {"width": 390, "height": 800}


@pytest.fixture
def register():
    foundation = LegalForm.objects.get(code="public_foundation")
    for kk, ru in (
        ("«Ынтымақ» қоғамдық қоры", "Общественный фонд «Ынтымақ»"),
        ("«Ынтымақтастық» қоғамдық қоры", "Общественный фонд «Ынтымақтастық»"),
        ("«Болашақ» қоғамдық қоры", "Общественный фонд «Болашақ»"),
    ):
        NGOFactory(name_kk=kk, name_ru=ru, name_en=kk, legal_form=foundation)


def own_names(page) -> list[str]:
    return page.locator("ul.results h2 a").all_inner_texts()


def type_in_search_box(page, url: str, text: str) -> None:
    page.goto(url)
    page.locator("details.filters-toggle > summary").click()  # folded away on phones
    page.locator("#id_q").press_sequentially(text, delay=40)


def test_the_search_box_suggests_name_words_as_one_types(live_server, browser_page, register):  # noqa: F811
    page = browser_page
    page.set_viewport_size(PHONE)
    type_in_search_box(page, f"{live_server.url}/kk/ngos/", "Ынтым")
    options = page.locator("datalist#id_q-suggestions option")
    options.first.wait_for(state="attached", timeout=5000)
    assert [o.get_attribute("value") for o in options.all()] == ["ынтымақ", "ынтымақтастық"]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "suggest-js-390.png"), full_page=True)
    # The box is tied to the list the browser shows; choosing a word and applying finds it.
    assert page.locator("#id_q").get_attribute("list") == "id_q-suggestions"
    page.locator("#id_q").fill(options.first.get_attribute("value"))
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**/kk/ngos/?q=*")
    assert own_names(page) == ["Ынтымақ", "Ынтымақтастық"]  # a word also begins longer ones
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_without_javascript_the_results_offer_the_words_as_links(
    live_server,
    browser_page,  # noqa: F811
    register,
):
    context = browser_page.context.browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        type_in_search_box(page, f"{live_server.url}/ru/ngos/", "фонд Ынтым")
        page.locator("#id_q").press("Enter")
        page.wait_for_url("**/ru/ngos/?q=*")
        # What was typed finds both names already; the words that complete it are links.
        assert own_names(page) == ["Ынтымақ", "Ынтымақтастық"]
        links = page.locator("p.suggestions a")
        assert links.all_inner_texts() == ["ынтымақ", "ынтымақтастық"]
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "suggest-nojs-390.png"), full_page=True)
        links.last.click()
        page.wait_for_load_state()
        assert page.locator("#id_q").input_value() == "фонд ынтымақтастық"
        assert own_names(page) == ["Ынтымақтастық"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
