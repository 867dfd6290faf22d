"""A tracked item in headless Chromium, in Kazakh and Russian, at 1280 and 390 px.

The public page (timeline with a lowered progress and a moved deadline, parts, the NGO's
counter-evidence beside the body's claim); the official's update in the staff workspace (a
rejection without a note is kept with the error, then progress is recorded and shows on the public
page); a verified NGO representative contests the item through the form. Screenshots:
test-artifacts/accountability-<lang>-<step>-<width>.png.
"""

import datetime
from pathlib import Path

import pytest

from accountability import services
from accountability.models import Contestation, Item
from accounts.tests.factories import PASSWORD
from registry.models import StateBody
from registry.tests.factories import OfficialFactory, RepresentationFactory
from tests.browser import browser_page  # noqa: F401

SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts"

T = {
    "kk": {
        "timeline": "Хронология",
        "lowered": "орындалуы төмендеді",
        "moved": "мерзімі кейінге шегерілді",
        "claims": "Органның мәлімдемесі және ҮЕҰ дәлелдері",
        "problem": "Қате бар",
        "no_note": "Тармақтың неге орындалмағанын немесе қабылданбағанын көрсетіңіз.",
        "record": "Жазу",
        "recorded": "Жазылды; тармақтың жария хронологиясы мұны көрсетеді.",
        "publish": "Қарсы дәлелді жариялау",
        "check_file": "Файлды тексеру",
        "apply": "Өзгерістерді енгізу",
        "other_body": "басқа мемлекеттік органға тиесілі",
        "published": "Қарсы дәлеліңіз мәлімдеменің жанында жарияланды.",
    },
    "ru": {
        "timeline": "Хронология",
        "lowered": "выполнение снижено",
        "moved": "срок перенесён на позже",
        "claims": "Заявление органа и доказательства НПО",
        "problem": "Есть ошибка",
        "no_note": "Укажите, почему пункт не выполнен или отклонён.",
        "record": "Записать",
        "recorded": "Записано; это видно в публичной хронологии пункта.",
        "publish": "Опубликовать контрдоказательство",
        "check_file": "Проверить файл",
        "apply": "Внести изменения",
        "other_body": "относится к другому государственному органу",
        "published": "Ваше контрдоказательство опубликовано рядом с заявлением.",
    },
}

WIDER_THAN_THE_SCREEN = """[...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > 390 && e.children.length === 0)
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40))"""


def look_at(page, lang: str, step: str) -> None:
    """Screenshots at 1280 px and 390 px; on the phone nothing may scroll sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"accountability-{lang}-{step}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"accountability-{lang}-{step}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    too_wide = page.evaluate(WIDER_THAN_THE_SCREEN) if width > 390 else []
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{step} is {width} px wide on a phone: {too_wide}"


def log_in(page, base: str, lang: str, user) -> None:
    page.goto(f"{base}/{lang}/accounts/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def log_out(page) -> None:
    page.locator("form.inline button.link").click()
    page.wait_for_load_state()


def promise():
    body = StateBody.objects.get(code="mlsp")
    official = OfficialFactory(body=body)
    item = services.create_item(
        code="XII-0042",
        title={
            "kk": "Әлеуметтік мекемелерге пандустар орнату",
            "ru": "Установить пандусы в социальных учреждениях",
            "en": "Ramps in social institutions",
        },
        description={
            "kk": "Әр облыс орталығындағы әлеуметтік мекемелерде.",
            "ru": "В социальных учреждениях каждого областного центра.",
        },
        responsible_body=body,
        deadline=datetime.date(2026, 6, 30),
        source="forum",
    )
    for n, weight in ((1, 2), (2, 1)):
        services.create_item(
            code=f"XII-0042.{n}",
            title={"kk": f"{n}-кезең", "ru": f"Этап {n}"},
            responsible_body=body,
            deadline=datetime.date(2026, 3, 31) + datetime.timedelta(days=90 * n),
            parent=item,
            weight=weight,
        )
    first = Item.objects.get(code="XII-0042.1")
    services.record_progress(
        first, by=official, progress=80, evidence_url="https://enbek.gov.kz/report"
    )
    services.record_progress(first, by=official, progress=50, note="Қайта есептелді / Пересчитано.")
    services.record_progress(
        first,
        by=official,
        status=Item.Status.IMPLEMENTED,
        note="Пандустар орнатылды / Пандусы установлены.",
    )
    services.move_deadline(
        Item.objects.get(code="XII-0042.2"),
        deadline=datetime.date(2027, 6, 30),
        reason="Бюджет 2027 / Бюджет перенесён на 2027 год.",
        by=official,
    )
    representation = RepresentationFactory()
    services.contest(
        Item.objects.get(code="XII-0042.1"),
        ngo=representation.ngo,
        by=representation.user,
        text="№3 емханада пандус жоқ / В поликлинике №3 пандуса нет.",
        link="https://example.kz/photo-3",
    )
    return official, representation


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_item_page_official_update_and_contest(live_server, browser_page, lang):  # noqa: F811
    page = browser_page
    official, representation = promise()
    base = live_server.url

    # The public page of the parent: parts with their progress, the timeline.
    page.goto(f"{base}/{lang}/accountability/XII-0042/")
    main = page.locator("main")
    assert page.locator("html").get_attribute("lang") == lang
    assert "XII-0042" in page.get_by_role("heading", level=1).inner_text()
    assert page.locator("progress.acc-bar").get_attribute("value") == "67"  # (2×100 + 0) / 3
    assert page.locator("table.acc-items tbody tr").count() == 2
    assert T[lang]["timeline"] in main.inner_text()
    look_at(page, lang, "1-parent")

    # A part: its lowered progress, the body's claim and the NGO's evidence side by side.
    page.goto(f"{base}/{lang}/accountability/XII-0042.1/")
    text = main.inner_text()
    assert T[lang]["lowered"] in text and T[lang]["claims"] in text
    assert "пандуса нет" in text and getattr(representation.ngo, f"name_{lang}") in text
    assert official.email not in page.content()
    look_at(page, lang, "2-part-contested")

    page.goto(f"{base}/{lang}/accountability/XII-0042.2/")
    assert T[lang]["moved"] in main.inner_text()

    # The official: a rejection without a note is refused, then progress is recorded.
    log_in(page, base, lang, official)
    page.goto(f"{base}/{lang}/staff/accountability/XII-0042.2/")
    page.locator("#id_status").select_option("rejected")
    page.get_by_role("button", name=T[lang]["record"], exact=True).click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.locator("h2").inner_text() == T[lang]["problem"]
    assert T[lang]["no_note"] in summary.inner_text()
    look_at(page, lang, "3-staff-error")
    page.locator("#id_status").select_option("in_progress")
    page.locator("#id_progress").fill("40")
    page.locator("#id_note").fill("Мердігер таңдалды / Подрядчик выбран.")
    page.get_by_role("button", name=T[lang]["record"], exact=True).click()
    page.wait_for_load_state()
    assert page.locator("ul.messages li").inner_text() == T[lang]["recorded"]
    look_at(page, lang, "4-staff-recorded")
    assert Item.objects.get(code="XII-0042.2").progress == 40
    page.goto(f"{base}/{lang}/staff/accountability/")
    look_at(page, lang, "5-staff-list")
    log_out(page)

    # The NGO contests a part the body calls implemented, through the form.
    services.record_progress(
        Item.objects.get(code="XII-0042.2"),
        by=official,
        status=Item.Status.IMPLEMENTED,
        note="Аяқталды / Завершено.",
    )
    log_in(page, base, lang, representation.user)
    page.goto(f"{base}/{lang}/accountability/XII-0042.2/")
    page.locator("#id_text").fill("Пандус тым тік / Пандус слишком крутой.")
    page.locator("#id_link").fill("https://example.kz/steep")
    page.get_by_role("button", name=T[lang]["publish"]).click()
    page.wait_for_load_state()
    assert page.locator("ul.messages li").inner_text() == T[lang]["published"]
    assert "слишком крутой" in page.locator("#contestations").locator("..").inner_text()
    look_at(page, lang, "6-contested")
    assert Contestation.objects.filter(item__code="XII-0042.2").count() == 1


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_official_reimports_their_items(live_server, browser_page, lang, tmp_path):  # noqa: F811
    page = browser_page
    official, _representation = promise()
    services.create_item(
        code="MOH-7",
        title="Емхана / Поликлиника",
        responsible_body=StateBody.objects.get(code="moh"),
        deadline=datetime.date(2027, 1, 1),
    )
    base = live_server.url
    log_in(page, base, lang, official)
    page.goto(f"{base}/{lang}/staff/accountability/")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert exported[0].split(";")[0] == ('"Коды"' if lang == "kk" else '"Код"')
    filled = [exported[0]]
    for line in exported[1:]:
        cells = line.split(";")
        if cells[0] == '"XII-0042.2"':
            cells[4:8] = ['"in_progress"', '"55"', '"Жұмыс / Работы идут"', '""']
        filled.append(";".join(cells))
    filled.append('"MOH-7";"x";"moh";"2027-01-01";"implemented";"100";"";""')
    upload = tmp_path / "items.csv"
    upload.write_text("\n".join(filled), encoding="utf-8-sig")

    page.goto(f"{base}/{lang}/staff/accountability/import/")
    page.locator("#id_file").set_input_files(str(upload))
    page.get_by_role("button", name=T[lang]["check_file"]).click()
    page.wait_for_load_state()
    report = page.locator("main").inner_text()
    assert T[lang]["other_body"] in report and "MOH-7" in report
    assert Item.objects.get(code="XII-0042.2").progress == 0  # a dry run saves nothing
    look_at(page, lang, "7-reimport-check")
    page.get_by_role("button", name=T[lang]["apply"]).click()
    page.wait_for_load_state()
    look_at(page, lang, "8-reimport-applied")
    assert Item.objects.get(code="XII-0042.2").progress == 55
    assert Item.objects.get(code="MOH-7").status == Item.Status.PLANNED
