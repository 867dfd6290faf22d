"""User journeys in headless Chromium, each in Kazakh, Russian and English.

A citizen searching the directory, a person signing up and confirming the email address, a user
claiming an NGO already in the register, and a representative filing the annual report. The
expected texts are written out per language (not taken from the catalogs), so an untranslated
string fails. Full-page screenshots go to /tmp/shots/<journey>-<lang>-<step>.png for humans.
"""

import datetime
import re
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import timezone

from accounts.tests.factories import PASSWORD, UserFactory
from registry.bin import make_bin
from registry.models import NGO, AnnualReport, Representation, report_year_due
from registry.tests.factories import (
    AnnualReportFactory,
    NGOFactory,
    RepresentationFactory,
    region,
)
from tests.browser import browser_page  # noqa: F401

SHOTS = Path("/tmp/shots")
LANGS = ["kk", "ru", "en"]
ASTANA, ALMATY = "710000000", "750000000"
NBSP = "\xa0"

# The visible texts, as a reader of each language must see them.
T = {
    "kk": {
        "directory": "ҮЕҰ анықтамалығы",
        "search_word": "Жасыл",
        "region": "Астана қаласы",
        "area": "Экология",
        "found_one": "1 ұйым табылды",
        "transparency": "Ашықтық",
        "annual_info": "{year} жылғы жылдық мәліметтер",
        "on_time": "уақытында берілді (31 наурызға дейін)",
        "late": "кешігіп берілді",
        "figures": "Жылдық көрсеткіштер",
        "year": "Жыл",
        "figure_rows": [
            "Мемлекеттік әлеуметтік тапсырыс, ₸",
            "Гранттар, ₸",
            "Қайырмалдықтар, ₸",
            "Шетелдік көздер, ₸",
            "Меншікті табыс, ₸",
            "Қызметкерлер",
            "Еріктілер",
            "Пайда алушылар",
            "Жобалар",
        ],
        "thousands": NBSP,
        "signup_h1": "ҮЕҰ-ңыз үшін есептік жазба ашыңыз",
        "signup_labels": [
            "Электрондық пошта мекенжайы *",
            "Толық аты-жөні *",
            "Құпиясөз *",
            "Құпиясөзді растау *",
        ],
        "full_name": "Айгерім Сейітқызы",
        "check_email": "Электрондық поштаңызды тексеріңіз",
        "sent_link": "{email} мекенжайына хат жібердік.",
        "mail_subject": "Электрондық пошта мекенжайыңызды растаңыз",
        "mail_greeting": "Сәлеметсіз бе, {name}!",
        "my_ngos": "Менің ҮЕҰ-ларым",
        "email_confirmed": "Электрондық пошта мекенжайыңыз расталды.",
        "no_representation": "Сіз әлі ешбір ұйымның өкілі емессіз.",
        "log_in": "Кіру",
        "log_out": "Шығу",
        "claim_h1": "Тізілімдегі ҮЕҰ-ға өкілдік сұрау",
        "position": "Төраға",
        "bad_check_digit": "Бұл БСН-нің бақылау цифры қате (соңғы цифр {digit} болуы керек).",
        "confirm_h1": "Бұл сіздің ұйымыңыз ба?",
        "confirm_yes": "Иә, өтінішті жіберу",
        "request_sent": "Өтініш жіберілді",
        "continue": "Жалғастыру",
        "check_h1": "Жібермес бұрын жауаптарыңызды тексеріңіз",
        "done_h1": "Жылдық есеп жіберілді",
        "claim_sent": "Өтінішіңіз министрлікке мақұлдауға жіберілді.",
        "active": "Белсенді",
        "awaiting": "Мақұлдауды күтуде",
        "no_report": "Жылдық есеп әлі жоқ.",
        "start_report": "Жылдық есепті бастау",
        "report_started": "{year} жылғы есептің қараламасы басталды.",
        "report_h1": "{year} жылғы жылдық есеп, 1-нұсқа",
        "income_labels": [
            "Мемлекеттік әлеуметтік тапсырыс, ₸",
            "Қайырмалдықтар, ₸",
            "Меншікті табыс, ₸",
        ],
        "submit_report": "Есепті жіберу",
        "submitted": "Жіберілді",
        "view": "Қарау",
        "public_page": "Ашық бет",
    },
    "ru": {
        "directory": "Справочник НПО",
        "search_word": "Зелёная",
        "region": "город Астана",
        "area": "Экология",
        "found_one": "Найдена 1 организация",
        "transparency": "Прозрачность",
        "annual_info": "Годовые сведения за {year} год",
        "on_time": "представлены вовремя (до 31 марта)",
        "late": "представлены с опозданием",
        "figures": "Годовые показатели",
        "year": "Год",
        "figure_rows": [
            "Государственный социальный заказ, ₸",
            "Гранты, ₸",
            "Пожертвования, ₸",
            "Иностранные источники, ₸",
            "Собственные доходы, ₸",
            "Штатные сотрудники",
            "Волонтёры",
            "Благополучатели",
            "Проекты",
        ],
        "thousands": NBSP,
        "signup_h1": "Создайте учётную запись для вашего НПО",
        "signup_labels": [
            "Адрес электронной почты *",
            "ФИО *",
            "Пароль *",
            "Подтверждение пароля *",
        ],
        "full_name": "Айгерим Сеитова",
        "check_email": "Проверьте электронную почту",
        "sent_link": "Мы отправили письмо на {email}.",
        "mail_subject": "Подтвердите адрес электронной почты",
        "mail_greeting": "Здравствуйте, {name}!",
        "my_ngos": "Мои НПО",
        "email_confirmed": "Ваш адрес электронной почты подтверждён.",
        "no_representation": "Вы пока не представляете ни одну организацию.",
        "log_in": "Войти",
        "log_out": "Выйти",
        "claim_h1": "Заявить права на НПО из реестра",
        "position": "Председатель",
        "bad_check_digit": (
            "Контрольная цифра этого БИН неверна (последняя цифра должна быть {digit})."
        ),
        "confirm_h1": "Это ваша организация?",
        "confirm_yes": "Да, отправить заявку",
        "request_sent": "Заявка отправлена",
        "continue": "Продолжить",
        "check_h1": "Проверьте ответы перед отправкой",
        "done_h1": "Годовой отчёт отправлен",
        "claim_sent": "Ваша заявка отправлена в министерство на одобрение.",
        "active": "Активное",
        "awaiting": "Ожидает одобрения",
        "no_report": "Годовых отчётов пока нет.",
        "start_report": "Начать годовой отчёт",
        "report_started": "Начат черновик отчёта за {year} год.",
        "report_h1": "Годовой отчёт за {year} год, версия 1",
        "income_labels": [
            "Государственный социальный заказ, ₸",
            "Пожертвования, ₸",
            "Собственные доходы, ₸",
        ],
        "submit_report": "Отправить отчёт",
        "submitted": "Отправлено",
        "view": "Просмотр",
        "public_page": "Публичная страница",
    },
    "en": {
        "directory": "NGO directory",
        "search_word": "Green",
        "region": "Astana",
        "area": "Environment",
        "found_one": "1 organisation found",
        "transparency": "Transparency",
        "annual_info": "Annual information for {year}",
        "on_time": "filed on time (by 31 March)",
        "late": "filed late",
        "figures": "Annual figures",
        "year": "Year",
        "figure_rows": [
            "State social order, ₸",
            "Grants, ₸",
            "Donations, ₸",
            "Foreign sources, ₸",
            "Own income, ₸",
            "Staff",
            "Volunteers",
            "Beneficiaries",
            "Projects",
        ],
        "thousands": ",",
        "signup_h1": "Create an account for your NGO",
        "signup_labels": [
            "Email address *",
            "Full name *",
            "Password *",
            "Password confirmation *",
        ],
        "full_name": "Aigerim Seitova",
        "check_email": "Check your email",
        "sent_link": "We have sent a message to {email}.",
        "mail_subject": "Confirm your email address",
        "mail_greeting": "Hello, {name}!",
        "my_ngos": "My NGOs",
        "email_confirmed": "Your email address is confirmed.",
        "no_representation": "You do not represent any organisation yet.",
        "log_in": "Log in",
        "log_out": "Log out",
        "claim_h1": "Claim an NGO already in the register",
        "position": "Chair",
        "bad_check_digit": (
            "The check digit of this BIN is wrong (the last digit should be {digit})."
        ),
        "confirm_h1": "Is this your organisation?",
        "confirm_yes": "Yes, send the request",
        "request_sent": "Request sent",
        "continue": "Continue",
        "check_h1": "Check your answers before submitting",
        "done_h1": "Annual report submitted",
        "claim_sent": "Your request has been sent to the ministry for approval.",
        "active": "Active",
        "awaiting": "Awaiting approval",
        "no_report": "No annual report yet.",
        "start_report": "Start an annual report",
        "report_started": "A draft report for {year} has been started.",
        "report_h1": "Annual report {year}, version 1",
        "income_labels": ["State social order, ₸", "Donations, ₸", "Own income, ₸"],
        "submit_report": "Submit the report",
        "submitted": "Submitted",
        "view": "View",
        "public_page": "Public page",
    },
}


def shot(page, journey: str, lang: str, step: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{journey}-{lang}-{step}.png"), full_page=True)


def money(amount: int, lang: str) -> str:
    return f"{amount:,}".replace(",", T[lang]["thousands"])


def texts(locator) -> list[str]:
    return [t.strip() for t in locator.all_inner_texts()]


def messages(page) -> list[str]:
    return texts(page.locator("ul.messages li"))


def name_in(ngo: NGO, lang: str) -> str:
    return getattr(ngo, f"name_{lang}")


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
    assert texts(page.locator("ul.results h2")) == [name_in(wanted, lang)]
    content = page.locator("main").inner_text()
    for other in others:
        assert name_in(other, lang) not in content
    # The filters keep what was chosen.
    assert page.locator("#id_q").input_value() == T[lang]["search_word"]
    assert page.locator("#id_region option:checked").inner_text() == T[lang]["region"]
    assert page.locator("#id_area option:checked").inner_text() == T[lang]["area"]

    filtered_url = page.url
    page.get_by_role("link", name=name_in(wanted, lang)).click()
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
    assert texts(page.locator("ul.results h2")) == [name_in(wanted, lang)]


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
