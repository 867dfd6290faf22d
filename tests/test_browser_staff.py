"""An official's day in the staff workspace, in headless Chromium, in Kazakh, Russian and English.

Logs in, opens the dashboard, reviews the oldest submission, tries to reject it without a reason
(and is kept on the page with the error), then verifies it. Each page is also looked at on a
390 px phone, where nothing may scroll sideways. Screenshots: /tmp/shots/staff-<lang>-<step>.png.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.tests.factories import PASSWORD
from registry import services
from registry.models import NGO, Representation
from registry.tests.factories import OfficialFactory, RepresentationFactory
from tests.browser import browser_page  # noqa: F401

SHOTS = Path("/tmp/shots")

T = {
    "kk": {
        "log_out": "Шығу",
        "workspace": "Қызметкердің жұмыс орны",
        "dashboard": "Сіздің шешіміңізді не күтіп тұр",
        "to_verify": "Тексерілетін ұйымдар",
        "reject": "Қабылдамау",
        "problem": "Қате бар",
        "no_reason": "Қабылдамау себебін көрсетіңіз; ұйым оны көреді.",
        "approve": "Растау және жариялау",
        "verified": "{name}: тексеруден өтті, ұйым тізілімде жарияланды.",
        "queue": "Тексеру кезегі",
        "claims": "Ұйымға өкілдік ету туралы өтініштер",
    },
    "ru": {
        "log_out": "Выйти",
        "workspace": "Рабочее место сотрудника",
        "dashboard": "Что ждёт вашего решения",
        "to_verify": "Организации на проверку",
        "reject": "Отклонить",
        "problem": "Есть ошибка",
        "no_reason": "Укажите причину отказа; организация её увидит.",
        "approve": "Подтвердить и опубликовать",
        "verified": "{name}: проверка пройдена, организация опубликована в реестре.",
        "queue": "Очередь проверки",
        "claims": "Заявки на представительство организаций",
    },
    "en": {
        "log_out": "Log out",
        "workspace": "Staff workspace",
        "dashboard": "What waits for you",
        "to_verify": "Organisations to verify",
        "reject": "Reject",
        "problem": "There is a problem",
        "no_reason": "Give the reason for the rejection; the organisation will see it.",
        "approve": "Verify and publish",
        "verified": "{name} has been verified and is now in the public register.",
        "queue": "Verification queue",
        "claims": "Requests to represent an organisation",
    },
}


WIDER_THAN_THE_SCREEN = """[...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > 390 && e.children.length === 0)
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40))"""


def look_at(page, lang: str, step: str) -> None:
    """Screenshots at 1280 px and 390 px; on the phone nothing may scroll sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"staff-{lang}-{step}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"staff-{lang}-{step}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    too_wide = page.evaluate(WIDER_THAN_THE_SCREEN) if width > 390 else []
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{step} is {width} px wide on a phone: {too_wide}"


def submitted(days_ago: int, **kwargs) -> NGO:
    rep = RepresentationFactory(
        ngo__status=NGO.Status.DRAFT, ngo__phone="+7 701 555 0101", **kwargs
    )
    services.submit_for_verification(rep.ngo, rep.user)
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    NGO.objects.filter(pk=rep.ngo.pk).update(submitted_at=moment)
    return rep.ngo


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_official_reviews_and_verifies_the_oldest_submission(live_server, browser_page, lang):  # noqa: F811
    page = browser_page
    official = OfficialFactory(full_name="Дана Нұрланқызы")
    oldest = submitted(9, ngo__email="info@example.kz")
    newer = submitted(2)
    RepresentationFactory(status=Representation.Status.PENDING, position="Төраға")
    name = getattr(oldest, f"name_{lang}")

    page.goto(f"{live_server.url}/{lang}/staff/")
    assert "/accounts/login/" in page.url
    page.locator("#id_username").fill(official.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/{lang}/staff/"
    assert page.locator("nav.main-nav").get_by_role("link", name=T[lang]["workspace"]).is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["dashboard"]
    tile = page.locator("section.tile", has=page.get_by_role("heading", name=T[lang]["to_verify"]))
    assert tile.locator(".tile-count").inner_text() == "2"
    look_at(page, lang, "1-dashboard")

    # The oldest submission is listed first on the tile.
    assert tile.locator(".tile-items a").first.inner_text() == name
    tile.locator(".tile-items a").first.click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/{lang}/staff/verification/{oldest.bin}/"
    assert page.get_by_role("heading", level=1).inner_text() == name
    assert "info@example.kz" in page.locator("main").inner_text()

    page.get_by_role("button", name=T[lang]["reject"], exact=True).click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.locator("h2").inner_text() == T[lang]["problem"]
    assert summary.locator("li").inner_text() == T[lang]["no_reason"]
    assert page.get_by_role("heading", level=1).inner_text() == name
    look_at(page, lang, "2-review-error")
    oldest.refresh_from_db()
    assert oldest.status == NGO.Status.SUBMITTED

    page.get_by_role("button", name=T[lang]["approve"]).click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/{lang}/staff/verification/"
    assert page.locator("ul.messages li").inner_text() == T[lang]["verified"].format(name=name)
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["queue"]
    assert page.locator("table.queue tbody tr").count() == 1
    assert getattr(newer, f"name_{lang}") in page.locator("table.queue").inner_text()
    look_at(page, lang, "3-queue")
    oldest.refresh_from_db()
    assert oldest.status == NGO.Status.VERIFIED
    assert oldest.history.first().history_user == official

    page.goto(f"{live_server.url}/{lang}/staff/ngos/{oldest.bin}/")
    look_at(page, lang, "4-history")
    assert page.locator("table.history tbody tr").count() == 3  # created, submitted, verified

    page.goto(f"{live_server.url}/{lang}/staff/claims/")
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["claims"]
    look_at(page, lang, "5-claims")
    page.locator("table.stack tbody a").first.click()
    page.wait_for_load_state()
    look_at(page, lang, "6-claim")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_changes_and_bulk_confirmation_fit_a_phone(live_server, browser_page, lang):  # noqa: F811
    from registry.models import ParticularsChange

    page = browser_page
    official = OfficialFactory()
    rep = RepresentationFactory(ngo__status=NGO.Status.ACTIVE)
    ParticularsChange.objects.create(
        ngo=rep.ngo,
        values={"name_ru": "Новое длинное наименование общественного объединения"},
        submitted_by=rep.user,
        submitted_at=timezone.now(),
    )
    waiting = [submitted(3), submitted(1)]
    page.goto(f"{live_server.url}/{lang}/accounts/login/?next=/{lang}/staff/changes/")
    page.locator("#id_username").fill(official.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    look_at(page, lang, "7-changes")
    page.locator("table.stack tbody a").first.click()
    page.wait_for_load_state()
    assert page.locator("table.compare tr.changed").count() == 1
    look_at(page, lang, "8-change-review")
    page.goto(f"{live_server.url}/{lang}/staff/verification/")
    for ngo in waiting:
        page.locator(f"#select-{ngo.bin}").check()
    page.locator("button[name=action][value=reject]").click()
    page.wait_for_load_state()
    assert page.locator(".confirm-list li").count() == 2
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    look_at(page, lang, "9-bulk-reject-error")
