"""The Civil Forums as their users meet them, in headless Chromium, in Kazakh and Russian.

A representative registers for a full event and lands on the waiting list; a cancellation gives
them the place and their confirmation shows its QR code. A citizen filters a forum's action plan
and opens an item. Each page is looked at on 1280 px and on a 390 px phone, where nothing may
scroll sideways. Screenshots: test-artifacts/forums-<lang>-*.png.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from accountability import services as accountability
from accountability.models import Item
from accounts.tests.factories import PASSWORD
from forums import services
from forums.models import Registration
from forums.tests.factories import event, forum, organiser, representative
from registry.models import StateBody
from registry.tests.factories import OfficialFactory
from tests.browser import browser_page  # noqa: F401

SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def look_at(page, name: str) -> None:
    """Screenshots at 1280 px and 390 px; on the phone nothing may scroll sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{name} is {width} px wide on a phone"


def said(lang: str, message: str) -> str:
    with translation.override(lang):
        return gettext(message)


def log_in(page, base: str, lang: str, user, next_path: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/?next={next_path}")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{base}{next_path}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_full_event_puts_the_representative_on_the_waiting_list_then_confirms(
    live_server,
    browser_page,  # noqa: F811 - the fixture imported above
    lang,
):
    page, base = browser_page, live_server.url
    evt = event(capacity=1)
    holder_user, holder_ngo = representative()
    holder = services.register(evt, holder_user, kind="ngo", ngo=holder_ngo, consent=True)
    user, ngo = representative()
    log_in(page, base, lang, user, f"/{lang}/forums/events/{evt.code}/")
    look_at(page, f"forums-{lang}-event")
    page.get_by_role("link", name=said(lang, "Join the waiting list")).click()
    page.locator("#id_full_name").fill("Айгерим Сейтқали")
    page.locator("#id_consent").check()
    look_at(page, f"forums-{lang}-register")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    registration = Registration.objects.get(user=user)
    assert registration.status == Registration.Status.WAITING and registration.ngo == ngo
    assert page.url.endswith(f"/{lang}/my/registrations/{registration.code}/")
    assert said(lang, "On the waiting list") in page.content()
    look_at(page, f"forums-{lang}-waiting")

    services.cancel(holder, holder_user)
    page.reload()
    assert said(lang, "Your confirmation") in page.content()
    assert page.locator(".qr svg").is_visible()
    look_at(page, f"forums-{lang}-confirmed")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_citizen_filters_the_action_plan_and_opens_an_item(
    live_server,
    browser_page,  # noqa: F811 - the fixture imported above
    lang,
):
    page, base = browser_page, live_server.url
    xii = forum()
    evt = event(forum=xii)
    staff = organiser()
    past, future = datetime.date(2020, 1, 1), datetime.date(2099, 1, 1)
    specs = [
        ("mlsp", future, Item.Status.IMPLEMENTED),
        ("mlsp", past, Item.Status.PLANNED),
        ("moh", past, Item.Status.IN_PROGRESS),
        ("moh", future, Item.Status.PARTLY),
        ("mop", future, Item.Status.PLANNED),
    ]
    codes = []
    for n, (body_code, deadline, status) in enumerate(specs):
        body = StateBody.objects.get(code=body_code)
        rec = services.propose(
            evt,
            title={
                "kk": f"Гранттар бойынша есептілікті жеңілдету {n}",
                "ru": f"Упростить отчётность по грантам {n}",
            },
        )
        services.adopt(rec, responsible_body=body, deadline=deadline, by=staff)
        rec.refresh_from_db()
        codes.append(rec.code)
        if status != Item.Status.PLANNED:
            accountability.record_progress(
                rec.plan_item, by=OfficialFactory(body=body), status=status, note="Есеп"
            )
    page.goto(f"{base}/{lang}/forums/{xii.number}/plan/")
    assert page.locator("svg.plan-chart").is_visible()
    look_at(page, f"forums-{lang}-plan")
    page.locator("#id_body").select_option("mlsp")
    page.locator("#id_overdue").check()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    rows = page.locator("table.responsive tbody tr")
    assert rows.count() == 1 and codes[1] in rows.first.inner_text()
    look_at(page, f"forums-{lang}-plan-filtered")
    rows.first.get_by_role("link", name=codes[1]).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{lang}/accountability/{codes[1]}/")
    look_at(page, f"forums-{lang}-item")
