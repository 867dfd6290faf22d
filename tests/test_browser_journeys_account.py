"""The account journeys in headless Chromium, each in Kazakh, Russian and English: a person
signing up and confirming the email address, a user claiming an NGO already in the register, and
a representative filing the annual report. The expected texts are written out per language in
tests/browser.py (not taken from the catalogs), so an untranslated string fails. Full-page
screenshots go to /tmp/shots/<journey>-<lang>-<step>.png for humans.
"""

import datetime
import re
import time

import pytest
from django.utils import timezone

from accounts.tests.factories import PASSWORD, UserFactory
from registry.bin import make_bin
from registry.models import NGO, AnnualReport, Representation, report_year_due
from registry.tests.factories import NGOFactory, RepresentationFactory
from tests.browser import (
    LANGS,
    T,
    browser_page,  # noqa: F401
    money,
    name_in,
    shot,
    texts,
)


def messages(page) -> list[str]:
    return texts(page.locator("ul.messages li"))


def log_in(page, lang: str, email: str) -> None:
    """Fill the real login form the page is on and submit it."""
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["log_in"]
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name=T[lang]["log_out"]).is_visible()


def filed_in_time_text(lang: str, submitted_on: datetime.date, year: int) -> str:
    return T[lang]["on_time"] if submitted_on <= datetime.date(year + 1, 3, 31) else T[lang]["late"]


@pytest.mark.parametrize("lang", LANGS)
def test_signup_then_verification_link_then_log_in(live_server, browser_page, mailoutbox, lang):  # noqa: F811
    from accounts.models import User

    page = browser_page
    email = f"aigerim.{lang}@example.kz"
    name = T[lang]["full_name"]

    page.goto(f"{live_server.url}/{lang}/accounts/signup/")
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["signup_h1"]
    assert texts(page.locator("form.stacked label")) == T[lang]["signup_labels"]
    page.locator("#id_email").fill(email)
    page.locator("#id_full_name").fill(name)
    page.locator("#id_password1").fill("Steppe-Eagle-1991")
    page.locator("#id_password2").fill("Steppe-Eagle-1991")
    shot(page, "signup", lang, "1-form")
    page.locator("main form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    shot(page, "signup", lang, "2-check-email")

    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["check_email"]
    assert T[lang]["sent_link"].format(email=email) in page.locator("main").inner_text()
    user = User.objects.get(email=email)
    assert not user.email_verified

    deadline = time.monotonic() + 5  # sent on commit, in the server's thread
    while not mailoutbox and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [email]
    assert message.subject == T[lang]["mail_subject"]
    assert T[lang]["mail_greeting"].format(name=name) in message.body
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1
    assert links[0].startswith(f"{live_server.url}/{lang}/accounts/verify/")

    page.goto(links[0])
    page.wait_for_load_state()
    shot(page, "signup", lang, "3-verified")
    # Sign-up logs nobody in (it answers the same for a known address); the link confirms, then
    # the person logs in and lands on My NGOs.
    assert messages(page) == [T[lang]["email_confirmed"]]
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["log_in"]
    page.locator("#id_username").fill(email.upper())
    page.locator("#id_password").fill("Steppe-Eagle-1991")
    page.locator("main form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/{lang}/my/ngos/"
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["my_ngos"]
    assert page.get_by_role("button", name=T[lang]["log_out"]).is_visible()
    assert T[lang]["no_representation"] in page.locator(".empty").inner_text()
    user.refresh_from_db()
    assert user.email_verified


@pytest.mark.parametrize("lang", LANGS)
def test_claim_an_ngo_by_bin(live_server, browser_page, lang):  # noqa: F811
    page = browser_page
    user = UserFactory()
    ngo = NGOFactory(bin=make_bin(2012, 5, 4321))
    digit = int(ngo.bin[-1])
    wrong_bin = ngo.bin[:-1] + str((digit + 1) % 10)

    page.goto(f"{live_server.url}/{lang}/my/ngos/claim/")
    assert page.url.startswith(f"{live_server.url}/{lang}/accounts/login/?next=")
    shot(page, "claim", lang, "1-login")
    log_in(page, lang, user.email)
    assert page.url == f"{live_server.url}/{lang}/my/ngos/claim/"
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["claim_h1"]

    page.locator("#id_bin").fill(wrong_bin)
    page.locator("#id_position").fill(T[lang]["position"])
    page.locator("main form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    shot(page, "claim", lang, "2-wrong-bin")
    errors = page.locator("form.stacked .errorlist p")
    assert texts(errors) == [T[lang]["bad_check_digit"].format(digit=digit)]
    # Shown next to the BIN field: below its input, above the next field's label.
    error_y = errors.first.bounding_box()["y"]
    bin_box = page.locator("#id_bin").bounding_box()
    assert bin_box["y"] + bin_box["height"] <= error_y
    assert error_y < page.locator("label[for=id_position]").bounding_box()["y"]
    assert page.locator("#id_position").input_value() == T[lang]["position"]
    assert not Representation.objects.filter(user=user).exists()

    # People copy the BIN with spaces; the form takes it, and asks to confirm the organisation.
    page.locator("#id_bin").fill(f"{ngo.bin[:4]} {ngo.bin[4:8]} {ngo.bin[8:]}")
    page.locator("main form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    shot(page, "claim", lang, "3-confirm")
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["confirm_h1"]
    assert page.locator("main .card h2").inner_text() == name_in(ngo, lang)
    assert not Representation.objects.filter(user=user).exists()
    page.get_by_role("button", name=T[lang]["confirm_yes"]).click()
    page.wait_for_load_state()
    shot(page, "claim", lang, "4-my-ngos")
    assert page.url == f"{live_server.url}/{lang}/my/ngos/"
    assert messages(page) == [T[lang]["claim_sent"]]
    cards = page.locator("main ul.ngo-list > li")
    assert cards.count() == 1
    assert cards.first.locator("h2").inner_text() == name_in(ngo, lang)
    assert ngo.bin in cards.first.locator(".meta").inner_text()
    assert texts(cards.first.locator(".badge")) == [T[lang]["request_sent"]]
    assert cards.first.locator("a").count() == 0  # nothing to manage before the approval
    claim = Representation.objects.get(user=user)
    assert (claim.ngo, claim.status, claim.position) == (
        ngo,
        Representation.Status.PENDING,
        T[lang]["position"],
    )


@pytest.mark.parametrize("lang", LANGS)
def test_representative_files_the_annual_report(live_server, browser_page, lang):  # noqa: F811
    page = browser_page
    year = report_year_due()
    rep = RepresentationFactory(ngo__status=NGO.Status.VERIFIED)
    ngo = rep.ngo
    name = name_in(ngo, lang)

    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    log_in(page, lang, rep.user.email)
    page.locator("nav.main-nav").get_by_role("link", name=T[lang]["my_ngos"]).click()
    page.get_by_role("link", name=name).click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/{lang}/my/ngos/{ngo.bin}/"
    assert page.get_by_role("heading", level=1).inner_text() == name
    assert T[lang]["no_report"] in page.locator("main").inner_text()
    # Prefilled with the year that is due.
    assert page.locator("#id_year").input_value() == str(year)
    shot(page, "report", lang, "1-manage")

    page.get_by_role("button", name=T[lang]["start_report"]).click()
    page.wait_for_load_state()
    assert messages(page) == [T[lang]["report_started"].format(year=year)]
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["report_h1"].format(
        year=year
    )
    amounts = [7_250_000, 1_234_567, 89_000]
    for label, amount in zip(T[lang]["income_labels"], amounts, strict=True):
        page.get_by_label(label).fill(str(amount))
    # The figures start empty: each is entered, 0 where there was none.
    assert page.locator("#id_staff_count").input_value() == ""
    for field, value in [
        ("income_grants", "0"),
        ("income_foreign", "0"),
        ("staff_count", "5"),
        ("volunteer_count", "0"),
        ("beneficiary_count", "1200"),
        ("project_count", "0"),
        ("expense_programmes", "5000000"),
        ("expense_salaries", "2000000"),
        ("expense_administration", "0"),
        ("expense_assets", "0"),
        ("expense_other", "0"),
    ]:
        page.locator(f"#id_{field}").fill(value)
    shot(page, "report", lang, "2-form")
    page.get_by_role("button", name=T[lang]["continue"]).click()
    page.wait_for_load_state()
    shot(page, "report", lang, "3-check")
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["check_h1"]
    assert AnnualReport.objects.get(ngo=ngo).status == AnnualReport.Status.DRAFT
    page.get_by_role("button", name=T[lang]["submit_report"]).click()
    page.wait_for_load_state()
    shot(page, "report", lang, "4-done")
    assert page.get_by_role("heading", level=1).inner_text() == T[lang]["done_h1"]
    assert page.locator(".reference").inner_text() == f"{ngo.bin}-{year}-v1"
    page.get_by_role("link", name=name).click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/{lang}/my/ngos/{ngo.bin}/"
    today = timezone.localdate()
    assert texts(page.locator("main table tbody tr td")) == [
        str(year),
        "1",
        T[lang]["submitted"],
        today.strftime("%d.%m.%Y"),
        T[lang]["view"],
    ]
    report = AnnualReport.objects.get(ngo=ngo)
    assert report.status == AnnualReport.Status.SUBMITTED
    assert (report.income_state_order, report.income_donations, report.income_own) == (
        7_250_000,
        1_234_567,
        89_000,
    )

    page.get_by_role("link", name=T[lang]["public_page"]).click()
    page.wait_for_load_state()
    shot(page, "report", lang, "5-public-page")
    assert page.url == f"{live_server.url}/{lang}/ngos/{ngo.bin}/"
    assert page.locator("main .badge").first.inner_text() == T[lang]["active"]
    transparency = page.locator("section[aria-labelledby=transparency]")
    assert texts(transparency.locator("dd"))[1] == filed_in_time_text(lang, today, year)
    m = lambda amount: money(amount, lang)  # noqa: E731
    assert texts(page.locator("section[aria-labelledby=figures] thead th"))[1] == str(year)
    figures = page.locator("section[aria-labelledby=figures]")
    shown = dict(
        zip(texts(figures.locator("tbody th")), texts(figures.locator("tbody td")), strict=True)
    )
    expected = [m(7_250_000), "0", m(1_234_567), "0", m(89_000), "5", "0", m(1_200), "0"]
    assert [shown.get(row) for row in T[lang]["figure_rows"]] == expected
