"""Headless Chromium for the browser journeys (Debian's /usr/bin/chromium, driven by Playwright)."""

import os
import shutil
from pathlib import Path

import pytest

from registry.models import NGO

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(monkeypatch):
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium must be installed under CI ({CHROMIUM} is missing)")
        pytest.skip(f"{CHROMIUM} is not installed")
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            yield page
        finally:
            browser.close()


# The browser journeys' shared pieces (tests/test_browser_journeys_*.py).
SHOTS = Path("/tmp/shots")
LANGS = ["kk", "ru", "en"]
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


def name_in(ngo: NGO, lang: str) -> str:
    return getattr(ngo, f"name_{lang}")
