from tests.browser import browser_page  # noqa: F401


def test_home_page_switches_to_kazakh_and_keeps_the_page(live_server, browser_page):  # noqa: F811
    page = browser_page
    page.goto(f"{live_server.url}/en/ngos/?q=youth")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "NGO directory"

    page.get_by_role("link", name="Қазақша").click()
    page.wait_for_load_state()

    assert page.url == f"{live_server.url}/kk/ngos/?q=youth"
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.get_by_role("heading", level=1).inner_text() == "ҮЕҰ анықтамалығы"
    page.goto(f"{live_server.url}/kk/")
    assert "Азаматтық қоғам" in page.get_by_role("heading", level=1).inner_text()
