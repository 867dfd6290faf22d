"""The words of the forums' demo, in Kazakh, Russian and English."""

import datetime

from ..models import Event, Forum


def tri(field: str, kk: str, ru: str, en: str) -> dict:
    return {f"{field}_kk": kk, f"{field}_ru": ru, f"{field}_en": en}


ASTANA = tri("city", "Астана", "Астана", "Astana")
VENUE = tri("venue", "Тәуелсіздік сарайы", "Дворец Независимости", "Palace of Independence")

FORUMS = [
    (
        "I",
        datetime.date(2003, 10, 14),
        datetime.date(2003, 10, 15),
        False,
        tri("title", "I Азаматтық форум", "I Гражданский форум", "1st Civil Forum"),
        tri(
            "theme",
            "Мемлекет пен үкіметтік емес ұйымдардың әріптестігі",
            "Партнёрство государства и неправительственных организаций",
            "Partnership of the state and non-governmental organisations",
        ),
        ASTANA,
        Forum.Status.REPORT_PUBLISHED,
    ),
    (
        "II",
        datetime.date(2005, 9, 11),
        datetime.date(2005, 9, 12),
        False,
        tri("title", "II Азаматтық форум", "II Гражданский форум", "2nd Civil Forum"),
        tri(
            "theme",
            "Мемлекеттік әлеуметтік тапсырыс: заңнан тәжірибеге",
            "Государственный социальный заказ: от закона к практике",
            "State social order: from the law to practice",
        ),
        ASTANA,
        Forum.Status.REPORT_PUBLISHED,
    ),
    (
        "V",
        datetime.date(2011, 10, 1),
        datetime.date(2011, 10, 1),
        True,
        tri("title", "V Азаматтық форум", "V Гражданский форум", "5th Civil Forum"),
        tri(
            "theme",
            "Азаматтық қоғам және жаңғыру",
            "Гражданское общество и модернизация",
            "Civil society and modernisation",
        ),
        ASTANA,
        Forum.Status.REPORT_PUBLISHED,
    ),
    (
        "XII",
        datetime.date(2025, 11, 20),
        datetime.date(2025, 11, 21),
        False,
        tri("title", "XII Азаматтық форум", "XII Гражданский форум", "12th Civil Forum"),
        tri(
            "theme",
            "Әділетті Қазақстан: азаматтық қоғам мен мемлекеттің серіктестігі",
            "Справедливый Казахстан: партнёрство гражданского общества и государства",
            "A Just Kazakhstan: partnership of civil society and the state",
        ),
        ASTANA,
        Forum.Status.HELD,
    ),
]


def plenary_title(number: str) -> dict:
    return tri(
        "title",
        f"{number} Азаматтық форумның пленарлық отырысы",
        f"Пленарное заседание {number} Гражданского форума",
        f"Plenary session of the Civil Forum {number}",
    )


def regional_title(region) -> dict:
    return tri(
        "title",
        f"{region.name_kk}: өңірлік азаматтық форум",
        f"Региональный гражданский форум: {region.name_ru}",
        f"Regional Civil Forum: {region.name_en}",
    )


CENTRES = {
    "100000000": ("Семей", "Семей", "Semey"),
    "110000000": ("Көкшетау", "Кокшетау", "Kokshetau"),
    "150000000": ("Ақтөбе", "Актобе", "Aktobe"),
    "190000000": ("Қонаев", "Конаев", "Konaev"),
    "230000000": ("Атырау", "Атырау", "Atyrau"),
    "270000000": ("Орал", "Уральск", "Oral"),
    "310000000": ("Тараз", "Тараз", "Taraz"),
    "330000000": ("Талдықорған", "Талдыкорган", "Taldykorgan"),
    "350000000": ("Қарағанды", "Караганда", "Karaganda"),
    "390000000": ("Қостанай", "Костанай", "Kostanay"),
    "430000000": ("Қызылорда", "Кызылорда", "Kyzylorda"),
    "470000000": ("Ақтау", "Актау", "Aktau"),
    "550000000": ("Павлодар", "Павлодар", "Pavlodar"),
    "590000000": ("Петропавл", "Петропавловск", "Petropavl"),
    "610000000": ("Түркістан", "Туркестан", "Turkistan"),
    "620000000": ("Жезқазған", "Жезказган", "Zhezkazgan"),
    "630000000": ("Өскемен", "Усть-Каменогорск", "Oskemen"),
    "710000000": ("Астана", "Астана", "Astana"),
    "750000000": ("Алматы", "Алматы", "Almaty"),
    "790000000": ("Шымкент", "Шымкент", "Shymkent"),
}


def regional_city(region) -> dict:
    kk, ru, en = CENTRES.get(region.kato, (region.name_kk, region.name_ru, region.name_en))
    return tri("city", kk, ru, en)


_MEETINGS = [
    ("mci", "ҮЕҰ-ны мемлекеттік қолдау", "Государственная поддержка НПО", "State support of NGOs"),
    ("mlsp", "Әлеуметтік қызметтер", "Социальные услуги", "Social services"),
    ("moh", "Қоғамдық денсаулық", "Общественное здоровье", "Public health"),
    ("mop", "Балалар мен жастар", "Дети и молодёжь", "Children and youth"),
    ("meco", "Экология және қоршаған орта", "Экология и окружающая среда", "Environment"),
    ("government", "Қоғамдық бақылау", "Общественный контроль", "Public oversight"),
    ("csci", "Гранттық қаржыландыру", "Грантовое финансирование", "Grant funding"),
    ("mci", "Медиа және ақпарат", "Медиа и информация", "Media and information"),
    ("mlsp", "Мүгедектігі бар адамдар", "Люди с инвалидностью", "People with disabilities"),
    ("moh", "Паллиативтік көмек", "Паллиативная помощь", "Palliative care"),
    ("mop", "Инклюзивті білім", "Инклюзивное образование", "Inclusive education"),
    ("meco", "Су ресурстары", "Водные ресурсы", "Water resources"),
    ("government", "Қайырымдылық", "Благотворительность", "Charity"),
    ("csci", "Стратегиялық әріптестік", "Стратегическое партнёрство", "Strategic partnership"),
]
SECTORAL = [
    (
        code,
        tri(
            "title",
            f"Салалық кездесу: {kk}",
            f"Отраслевая встреча НПО с министерством: {ru}",
            f"Sectoral meeting of NGOs with the ministry: {en}",
        ),
    )
    for code, kk, ru, en in _MEETINGS
]

OTHER_EVENTS = [
    (
        "majilis-2026",
        tri(
            "title",
            "Қоғамдық кеңестердің республикалық мәжілісі",
            "Республиканский меджлис общественных советов",
            "Republican Majilis of public councils",
        ),
        -120,
        300,
        Event.Status.HELD,
    ),
    (
        "ingo-conference-2027",
        tri(
            "title",
            "Халықаралық ҮЕҰ конференциясы",
            "Международная конференция НПО",
            "International NGO Conference",
        ),
        90,
        400,
        Event.Status.ANNOUNCED,
    ),
    (
        "charity-forum-2027",
        tri(
            "title",
            "Қайырымдылық форумы",
            "Благотворительный форум",
            "Charity Forum",
        ),
        45,
        12,
        Event.Status.REGISTRATION_OPEN,
    ),
]

SECTIONS = [
    (
        tri("title", "Жастар саясаты", "Молодёжная политика", "Youth policy"),
        "Айгерим Сейтқали (Жастар ресурстық орталығы)\nДанияр Омаров (ҚР Оқу-ағарту министрлігі)",
        ["youth", "education"],
    ),
    (
        tri("title", "Әлеуметтік қызметтер", "Социальные услуги", "Social services"),
        "Гүлнар Ахметова (Азаматтық альянс)\nСерік Жұмабаев (Еңбек министрлігі)",
        ["social_services", "disability"],
    ),
    (
        tri("title", "Экология", "Экология", "Environment"),
        "Әсел Нұрланова (Жасыл әлем)",
        ["environment"],
    ),
    (
        tri("title", "Адам құқықтары", "Права человека", "Human rights"),
        "Марат Бекмұхамбетов (ҮЕҰ конфедерациясы)",
        ["human_rights", "gender"],
    ),
    (
        tri(
            "title",
            "Қайырымдылық және еріктілік",
            "Благотворительность и волонтёрство",
            "Charity and volunteering",
        ),
        "Жанар Төлеуова (Қайырымдылық ұйымдарының қауымдастығы)",
        ["social_services", "children"],
    ),
    (
        tri("title", "Денсаулық сақтау", "Здравоохранение", "Healthcare"),
        "Ерлан Сәрсенов (Пациенттер қауымдастығы)",
        ["healthcare"],
    ),
]

QUESTION_PROJECT = tri(
    "text",
    "Форумда қандай жобаңызды таныстырасыз?",
    "Какой проект вы представите на форуме?",
    "Which project will you present at the forum?",
)
QUESTION_ACCESS = tri(
    "text",
    "Қолжетімділік бойынша қажеттіліктеріңіз (пандус, ым тілі)",
    "Потребности в доступности (пандус, жестовый язык)",
    "Accessibility needs (ramp, sign language)",
)

DOCUMENTS = [
    (
        tri("title", "Форум бағдарламасы", "Программа форума", "Programme of the forum"),
        "https://example.kz/forum-xii/programme.pdf",
    ),
    (
        tri("title", "Форум қарары", "Резолюция форума", "Resolution of the forum"),
        "https://example.kz/forum-xii/resolution.pdf",
    ),
]

_FIRST = [
    "Айгерим",
    "Ерлан",
    "Дана",
    "Нұрлан",
    "Гүлнар",
    "Асхат",
    "Мадина",
    "Бауыржан",
    "Жанар",
    "Серік",
    "Ольга",
    "Дмитрий",
    "Сәуле",
    "Тимур",
    "Әсел",
    "Ринат",
]
_LAST = [
    "Сейтқали",
    "Нұрланов",
    "Әлиева",
    "Омаров",
    "Ахметова",
    "Жұмабаев",
    "Ким",
    "Бекова",
    "Исаев",
    "Петрова",
    "Сәрсенов",
    "Төлеуова",
    "Қасымов",
    "Иванов",
]


def person(n: int) -> str:
    return f"{_FIRST[n % len(_FIRST)]} {_LAST[(n * 7) % len(_LAST)]}"


EXPERT_AFFILIATION = "Назарбаев Университеті"

_ACTIONS = [
    (
        "{kk} саласындағы ҮЕҰ-ға мемлекеттік гранттардың көлемін ұлғайту",
        "Увеличить объём государственных грантов НПО в сфере «{ru}»",
        "Increase state grants to NGOs working on {en}",
    ),
    (
        "{kk} бойынша мемлекеттік әлеуметтік тапсырыс есептілігін жеңілдету",
        "Упростить отчётность по государственному социальному заказу в сфере «{ru}»",
        "Simplify reporting on state social order for {en}",
    ),
    (
        "{kk} мәселелері бойынша қоғамдық кеңестерге ҮЕҰ өкілдерін енгізу",
        "Включить представителей НПО по вопросам «{ru}» в общественные советы",
        "Bring NGO representatives on {en} into the public councils",
    ),
    (
        "{kk} саласындағы бюджеттік шығыстар туралы ашық деректерді жариялау",
        "Публиковать открытые данные о бюджетных расходах в сфере «{ru}»",
        "Publish open data on budget spending on {en}",
    ),
    (
        "{kk} бойынша ауылдық ҮЕҰ-ға арналған ресурстық орталықтар ашу",
        "Открыть ресурсные центры для сельских НПО по направлению «{ru}»",
        "Open resource centres for rural NGOs working on {en}",
    ),
    (
        "{kk} саласындағы көпжылдық стратегиялық әріптестік жобаларын енгізу",
        "Ввести многолетние проекты стратегического партнёрства в сфере «{ru}»",
        "Introduce multi-year strategic partnership projects on {en}",
    ),
    (
        "{kk} бойынша заң жобаларын ҮЕҰ-мен міндетті түрде талқылау",
        "Обязательно обсуждать с НПО законопроекты по вопросам «{ru}»",
        "Discuss draft laws on {en} with NGOs as a rule",
    ),
    (
        "{kk} саласындағы ҮЕҰ қызметкерлерін оқыту бағдарламасын қабылдау",
        "Принять программу обучения сотрудников НПО в сфере «{ru}»",
        "Adopt a training programme for NGO staff working on {en}",
    ),
    (
        "{kk} бойынша жобалардың әсерін тәуелсіз бағалауды енгізу",
        "Ввести независимую оценку воздействия проектов в сфере «{ru}»",
        "Introduce independent impact evaluation of projects on {en}",
    ),
    (
        "{kk} саласындағы мемлекеттік қызметтердің бір бөлігін ҮЕҰ-ға беру",
        "Передать НПО часть государственных услуг в сфере «{ru}»",
        "Outsource part of the state services on {en} to NGOs",
    ),
]


def recommendation_title(n: int, area) -> dict:
    kk, ru, en = _ACTIONS[n % len(_ACTIONS)]
    wave = (n // len(_ACTIONS)) % 4
    suffix = ["", " (2026–2027)", " (өңірлерде / в регионах / in the regions)", ""][wave]
    title = tri(
        "title",
        kk.format(kk=area.name_kk) + (suffix if wave != 2 else " (өңірлерде)"),
        ru.format(ru=area.name_ru) + (suffix if wave != 2 else " (в регионах)"),
        en.format(en=area.name_en.lower()) + (suffix if wave != 2 else " (in the regions)"),
    )
    return title


def measure_title(m: int) -> dict:
    return [
        {
            "kk": "Нормативтік актіге өзгерістер дайындау",
            "ru": "Подготовить изменения в НПА",
            "en": "Draft the amendments to the regulation",
        },
        {
            "kk": "Қаржыландыруды бюджетке енгізу",
            "ru": "Заложить финансирование в бюджет",
            "en": "Put the funding in the budget",
        },
        {
            "kk": "ҮЕҰ-мен бірге іске асыруды бақылау",
            "ru": "Проконтролировать исполнение вместе с НПО",
            "en": "Monitor the implementation with NGOs",
        },
    ][(m - 1) % 3]


PLAN_STATUSES = [
    "planned",
    "in_progress",
    "implemented",
    "in_progress",
    "partly",
    "implemented",
    "not_implemented",
    "planned",
    "rejected",
    "implemented",
]

STATUS_NOTES = {
    "in_progress": {"ru": "Рабочая группа создана, проект документа на согласовании."},
    "implemented": {"ru": "Приказ утверждён и опубликован."},
    "partly": {"ru": "Выполнено в части регионов; остальные — в следующем году."},
    "not_implemented": {"ru": "Не выполнено: финансирование не предусмотрено бюджетом."},
    "rejected": {"ru": "Отклонено: противоречит действующему законодательству."},
}

CONTEST_TEXT = (
    "Мониторинг НПО в трёх районах показал, что мера не применяется: заявки не принимаются, "
    "разъяснений нет."
)
