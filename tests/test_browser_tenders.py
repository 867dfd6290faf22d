"""Competitions as their users meet them, in headless Chromium, in Kazakh, Russian and English.

An NGO's representative applies to an open competition, withdraws, applies again and, once the
results are published, reads the result with the commission's scores. Each step is also looked at
on a 390 px phone, where nothing may scroll sideways. Screenshots: /tmp/shots/tenders-<lang>-*.png.
"""

from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from accounts.tests.factories import PASSWORD
from tenders import services
from tenders.models import Application
from tenders.tests.factories import (
    close_window,
    commission,
    open_competition,
    representative,
    score,
    submitted_application,
)
from tests.browser import browser_page  # noqa: F401

SHOTS = Path("/tmp/shots")


def look_at(page, name: str) -> None:
    """Screenshots at 1280 px and 390 px; on the phone nothing may scroll sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{name} is {width} px wide on a phone"


def said(lang: str, message: str, **values) -> str:
    """A message as the catalogue of `lang` words it (the pages must show exactly that)."""
    with translation.override(lang):
        return gettext(message) % values if values else gettext(message)


def log_in(page, base: str, lang: str, user, next_path: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/?next={next_path}")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{base}{next_path}"


def fill_and_submit(page, amount: int) -> None:
    page.locator("#id_summary").fill("Жастарға арналған еріктілер мектебі.")
    page.locator("#id_goals").fill("100 еріктіні оқыту.")
    page.locator("#id_activities").fill("Семинарлар, тренингтер.")
    page.locator("#id_beneficiaries").fill("16–29 жастағы жастар.")
    page.locator("#id_beneficiary_count").fill("120")
    page.locator("#id_requested_amount").fill(str(amount))
    page.locator("#id_budget-0-item").fill("Семинарлар")
    page.locator("#id_budget-0-amount").fill(str(amount))
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_an_ngo_applies_withdraws_applies_again_and_reads_its_result(
    live_server,
    browser_page,  # noqa: F811
    lang,
):
    page, base = browser_page, live_server.url
    competition, lot = open_competition(budget=10_000_000, winners=1)
    user, ngo = representative()
    rival_user, rival = representative()

    log_in(page, base, lang, user, f"/{lang}/tenders/{competition.number}/")
    assert page.locator("html").get_attribute("lang") == lang
    look_at(page, f"tenders-{lang}-1-competition")
    page.locator(f"a[href='/{lang}/tenders/{competition.number}/apply/']").click()
    page.wait_for_load_state()
    page.locator("#id_ngo").select_option(ngo.bin)
    page.locator("#id_lot").select_option(str(lot.number))
    look_at(page, f"tenders-{lang}-2-apply")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    application = Application.objects.get(ngo=ngo, lot=lot)
    assert page.url == f"{base}/{lang}/my/applications/{application.number}/"
    assert page.locator("ul.messages li").inner_text() == said(
        lang, "Your application has been started as a draft."
    )
    # Prefilled from the register: the project is titled after the lot, the count is the NGO's.
    with translation.override(lang):
        assert page.locator("#id_title").input_value() == lot.theme
    look_at(page, f"tenders-{lang}-3-draft")

    # Asking for more than the lot's budget keeps the draft and says why, at the top.
    fill_and_submit(page, 12_000_000)
    assert page.locator(".error-summary").is_visible()
    summary = page.locator(".error-summary").inner_text().replace("\u00a0", " ")
    assert ("10,000,000" if lang == "en" else "10 000 000") in summary
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    look_at(page, f"tenders-{lang}-4-over-budget")

    fill_and_submit(page, 4_000_000)
    assert page.locator("ul.messages li").inner_text() == said(
        lang, "Your application %(number)s has been submitted.", number=application.number
    )
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.requested_amount == 4_000_000

    page.locator(f"form[action$='/my/applications/{application.number}/withdraw/'] button").click()
    page.wait_for_load_state()
    assert page.locator("ul.messages li").inner_text() == said(
        lang,
        "Application %(number)s has been withdrawn; you may apply again before the close.",
        number=application.number,
    )
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    look_at(page, f"tenders-{lang}-5-withdrawn")

    # Applying again reopens the same application (one per NGO and lot), with its answers kept.
    page.goto(f"{base}/{lang}/tenders/{competition.number}/apply/")
    page.locator("#id_ngo").select_option(ngo.bin)
    page.locator("#id_lot").select_option(str(lot.number))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{base}/{lang}/my/applications/{application.number}/"
    kept = page.locator("#id_requested_amount").input_value()
    assert "".join(ch for ch in kept if ch.isdigit()) == "4000000"
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert Application.objects.filter(ngo=ngo, lot=lot).count() == 1

    # The window closes, the commission scores, the organiser publishes.
    other = submitted_application(lot, user=rival_user, ngo=rival, amount=5_000_000)
    close_window(competition)
    official = competition.created_by
    (member,) = commission(competition, "official")
    for each, values in ((application, (6, 6, 6)), (other, (9, 9, 8))):
        each.refresh_from_db()
        services.screen_application(each, official, "admit")
        score(each, member, *values)
    other.refresh_from_db()
    services.award_lot(lot, other, 5_000_000, official)
    services.publish_results(competition, official)

    page.goto(f"{base}/{lang}/my/applications/")
    look_at(page, f"tenders-{lang}-6-my-applications")
    page.locator(f"a[href='/{lang}/my/applications/{application.number}/']").first.click()
    page.wait_for_load_state()
    result = page.locator("section[aria-labelledby=result]")
    assert result.locator("h2").inner_text() == said(lang, "Result")
    assert said(lang, "Your application did not win.") in result.inner_text()
    assert result.locator("tbody tr").count() == 3  # the mean points for each criterion
    with translation.override(lang):
        first = competition.criteria.order_by("position").first().name
    assert result.locator("tbody tr td").first.inner_text() == first
    assert "60" in result.inner_text()  # 6 of 10 points on every criterion: 60 of 100
    look_at(page, f"tenders-{lang}-7-result")

    # The public page names the winner and its amount.
    page.goto(f"{base}/{lang}/tenders/{competition.number}/")
    with translation.override(lang):
        assert rival.name in page.locator("main").inner_text()
    look_at(page, f"tenders-{lang}-8-published")
