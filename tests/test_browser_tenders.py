"""Competitions as their users meet them, in headless Chromium, in Kazakh, Russian and English.

An NGO's representative applies to an open competition, withdraws, applies again and, once the
results are published, reads the result with the commission's scores. Each step is also looked at
on a 390 px phone, where nothing may scroll sideways. Screenshots: /tmp/shots/tenders-<lang>-*.png.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.tests.factories import PASSWORD
from registry.tests.factories import OfficialFactory
from tenders import services
from tenders.models import Application, Award, Competition, Contract
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


def pdf(tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    return str(path)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_an_official_runs_a_competition_from_draft_to_published_results(
    live_server,
    browser_page,  # noqa: F811
    lang,
    tmp_path,
):
    page, base = browser_page, live_server.url
    official = OfficialFactory()
    body = official.state_bodies.first()

    log_in(page, base, lang, official, f"/{lang}/staff/tenders/new/")
    now = timezone.localtime()
    page.locator("#id_mechanism").select_option("social_order")
    page.locator("#id_organiser").select_option(str(body.pk))
    page.locator("#id_year").fill(str(now.year))
    page.locator("#id_title_kk").fill("Ауыл жастарын қолдау")
    page.locator("#id_title_ru").fill("Поддержка сельской молодёжи")
    page.locator("#id_description_kk").fill("Ауылдағы жастарға арналған жобалар.")
    page.locator("#id_description_ru").fill("Проекты для сельской молодёжи.")
    page.locator("#id_opens_at").fill(now.strftime("%Y-%m-%dT%H:%M"))
    closes = now + datetime.timedelta(days=25)
    page.locator("#id_closes_at").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_documentation_kk").set_input_files(pdf(tmp_path, "kk.pdf"))
    page.locator("#id_documentation_ru").set_input_files(pdf(tmp_path, "ru.pdf"))
    look_at(page, f"tenders-staff-{lang}-1-new")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    competition = Competition.objects.get(organiser=body)
    assert page.url == f"{base}/{lang}/staff/tenders/{competition.number}/"
    assert competition.status == Competition.Status.DRAFT
    assert page.locator("ul.checklist li.missing").count() >= 2  # a lot and the criteria
    look_at(page, f"tenders-staff-{lang}-2-draft")

    page.locator("section[aria-labelledby=lots] details summary").click()
    page.locator("#id_theme_kk").fill("Ауыл жастарының еріктілігі")
    page.locator("#id_theme_ru").fill("Добровольчество сельской молодёжи")
    page.locator("#id_activity_area").select_option(index=1)
    page.locator("#id_budget").fill("12 000 000")
    page.locator("#id_term_months").fill("10")
    page.locator("#id_winners_allowed").fill("1")
    page.locator("button[name=action][value=lot]").click()
    page.wait_for_load_state()
    (lot,) = competition.lots.all()
    assert lot.budget == 12_000_000

    for row, (kk, ru, weight) in enumerate(
        (("Өзектілігі", "Актуальность", 60), ("Бюджеті", "Бюджет", 40))
    ):
        page.locator(f"#id_criteria-{row}-name_kk").fill(kk)
        page.locator(f"#id_criteria-{row}-name_ru").fill(ru)
        page.locator(f"#id_criteria-{row}-weight").fill(str(weight))
        page.locator(f"#id_criteria-{row}-max_points").fill("10")
    page.locator("button[name=action][value=criteria]").click()
    page.wait_for_load_state()
    assert competition.criteria.count() == 2
    assert page.locator("ul.checklist li.missing").count() == 0
    page.locator("button[name=action][value=announce]").click()
    page.wait_for_load_state()
    competition.refresh_from_db()
    assert competition.status in (Competition.Status.ANNOUNCED, Competition.Status.ACCEPTING)
    look_at(page, f"tenders-staff-{lang}-3-announced")

    # Two NGOs apply while it is open; then the window closes.
    if competition.status == Competition.Status.ANNOUNCED:
        services.advance_phases()
    applications = [submitted_application(lot, amount=amount) for amount in (6_000_000, 7_000_000)]
    close_window(competition)

    page.goto(f"{base}/{lang}/staff/tenders/{competition.number}/")
    page.locator("#id_email").fill(official.email)
    page.locator("#id_kind").select_option("official")
    page.locator("button[name=action][value=member]").click()
    page.wait_for_load_state()
    assert competition.commission.filter(user=official).exists()
    look_at(page, f"tenders-staff-{lang}-4-closed")

    for application, points in zip(applications, ((9, 8), (5, 6)), strict=True):
        page.goto(
            f"{base}/{lang}/staff/tenders/{competition.number}/applications/{application.number}/"
        )
        page.locator("#id_decision").select_option("admit")
        page.locator("button[name=action][value=screen]").click()
        page.wait_for_load_state()
        page.locator("#id_no_conflict").check()
        for criterion, value in zip(competition.criteria.order_by("position"), points, strict=True):
            page.locator(f"#id_c{criterion.pk}").fill(str(value))
        look_at(page, f"tenders-staff-{lang}-5-scoring")
        page.locator("button[name=action][value=score]").click()
        page.wait_for_load_state()
        assert page.locator("section[aria-labelledby=sheets] li").count() == 1

    page.goto(f"{base}/{lang}/staff/tenders/{competition.number}/lots/{lot.number}/")
    best = applications[0]
    ranking = page.locator("table tbody tr")
    assert best.number in ranking.first.inner_text()
    # An amount over the lot's budget is refused, with the reason, and nothing is saved.
    page.locator("#id_application").select_option(best.number)
    page.locator("#id_amount").fill("13 000 000")
    page.locator("button[name=action][value=award]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert not Award.objects.filter(lot=lot).exists()
    look_at(page, f"tenders-staff-{lang}-6-over-budget")
    page.locator("#id_application").select_option(best.number)
    page.locator("#id_amount").fill("6 000 000")
    page.locator("button[name=action][value=award]").click()
    page.wait_for_load_state()
    assert Award.objects.get(lot=lot).amount == 6_000_000

    page.goto(f"{base}/{lang}/staff/tenders/{competition.number}/")
    page.locator("button[name=action][value=publish]").click()
    page.wait_for_load_state()
    competition.refresh_from_db()
    assert competition.status == Competition.Status.PUBLISHED
    look_at(page, f"tenders-staff-{lang}-7-published")

    # The contract with the winner, an instalment paid and a final report scheduled.
    winner = best.ngo
    page.goto(f"{base}/{lang}/staff/tenders/{competition.number}/lots/{lot.number}/")
    page.locator(f"a[href$='/lots/{lot.number}/winners/{winner.bin}/']").click()
    page.wait_for_load_state()
    today = timezone.localdate()
    page.locator("#id_number").fill(f"ГСЗ-{lang}/1")
    page.locator("#id_signed_on").fill(today.isoformat())
    page.locator("#id_starts_on").fill(today.isoformat())
    page.locator("#id_ends_on").fill((today + datetime.timedelta(days=300)).isoformat())
    page.locator("#id_amount").fill("6 000 000")
    page.locator("button[name=action][value=sign]").click()
    page.wait_for_load_state()
    contract = Contract.objects.get(award__lot=lot)
    assert contract.amount == 6_000_000
    page.locator("summary", has_text=said(lang, "Plan an instalment")).click()
    page.locator("#id_instalment-planned_on").fill(today.isoformat())
    page.locator("#id_instalment-amount").fill("2 500 000")
    page.locator("button[name=action][value=instalment]").click()
    page.wait_for_load_state()
    page.locator("button[name=action][value=approve]").click()
    page.wait_for_load_state()
    page.locator("input[name=paid_on]").fill(today.isoformat())
    page.locator("button[name=action][value=paid]").click()
    page.wait_for_load_state()
    assert contract.instalments.get().paid_on == today
    page.locator("summary", has_text=said(lang, "Schedule a report")).click()
    page.locator("#id_kind").select_option("final")
    page.locator("#id_due_on").fill((today + datetime.timedelta(days=30)).isoformat())
    page.locator("button[name=action][value=schedule]").click()
    page.wait_for_load_state()
    look_at(page, f"tenders-staff-{lang}-8-contract")

    # The NGO files the report; the official reads and accepts it.
    report = contract.reports.get()
    services.submit_report(
        report,
        winner.representatives.first().user,
        "Мектеп ашылды, 112 ерікті оқытылды.",
        "Оқытылған еріктілер: 100 / 112",
        2_400_000,
        None,
    )
    page.goto(f"{base}/{lang}/staff/contracts/")
    look_at(page, f"tenders-staff-{lang}-9-contracts")
    page.get_by_role("link", name=contract.number).click()
    page.wait_for_load_state()
    page.locator(f"a[href$='/winners/{winner.bin}/reports/{report.number}/']").first.click()
    page.wait_for_load_state()
    assert "112" in page.locator("main").inner_text()
    look_at(page, f"tenders-staff-{lang}-10-report")
    page.locator("button[name=action][value=accept]").click()
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == report.Status.ACCEPTED
    assert report.reviewed_by == official
