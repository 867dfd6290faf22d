"""What the councils' demo is made of: the bodies it adds, people's names, topics and
recommendations, and the small helpers that name venues, trainings and activities."""

from ..models import Council

SECRETARY_EMAIL = "secretary@demo.kz"
MARKER = "pc-mci"  # the first council the demo writes: there means loaded

MINISTRIES = [
    ("mfin", "Қаржы министрлігі", "Министерство финансов", "Ministry of Finance"),
    (
        "mnek",
        "Ұлттық экономика министрлігі",
        "Министерство национальной экономики",
        "Ministry of National Economy",
    ),
    ("mju", "Әділет министрлігі", "Министерство юстиции", "Ministry of Justice"),
    (
        "mvd",
        "Ішкі істер министрлігі",
        "Министерство внутренних дел",
        "Ministry of Internal Affairs",
    ),
    (
        "msh",
        "Ауыл шаруашылығы министрлігі",
        "Министерство сельского хозяйства",
        "Ministry of Agriculture",
    ),
    ("mtr", "Көлік министрлігі", "Министерство транспорта", "Ministry of Transport"),
    ("men", "Энергетика министрлігі", "Министерство энергетики", "Ministry of Energy"),
    (
        "mts",
        "Туризм және спорт министрлігі",
        "Министерство туризма и спорта",
        "Ministry of Tourism and Sports",
    ),
    (
        "mnvo",
        "Ғылым және жоғары білім министрлігі",
        "Министерство науки и высшего образования",
        "Ministry of Science and Higher Education",
    ),
    (
        "mcri",
        "Цифрлық даму министрлігі",
        "Министерство цифрового развития",
        "Ministry of Digital Development",
    ),
    (
        "mps",
        "Өнеркәсіп және құрылыс министрлігі",
        "Министерство промышленности и строительства",
        "Ministry of Industry and Construction",
    ),
    (
        "mchs",
        "Төтенше жағдайлар министрлігі",
        "Министерство по чрезвычайным ситуациям",
        "Ministry of Emergency Situations",
    ),
]
QUASI_PUBLIC = [
    ("qp-samruk", "«Самұрық-Қазына» ҰӘҚ АҚ", "АО «ФНБ «Самрук-Казына»", "Samruk-Kazyna"),
    ("qp-baiterek", "«Бәйтерек» ҰБХ АҚ", "АО «НУХ «Байтерек»", "Baiterek Holding"),
    ("qp-ktz", "«ҚТЖ» ҰК АҚ", "АО «НК «КТЖ»", "Kazakhstan Temir Zholy"),
    ("qp-kazpost", "«Қазпошта» АҚ", "АО «Казпочта»", "Kazpost"),
    ("qp-qazaqgaz", "«QazaqGaz» ҰК АҚ", "АО «НК «QazaqGaz»", "QazaqGaz"),
    ("qp-kegoc", "«KEGOC» АҚ", "АО «KEGOC»", "KEGOC"),
]
PRESIDENT = (
    "president",
    "Қазақстан Республикасы Президентінің Әкімшілігі",
    "Администрация Президента Республики Казахстан",
    "Administration of the President of the Republic of Kazakhstan",
)
FIRST = [
    "Айгүл",
    "Ерлан",
    "Дана",
    "Нұрлан",
    "Сәуле",
    "Асқар",
    "Гүлнар",
    "Бауыржан",
    "Жанар",
    "Ержан",
    "Мадина",
    "Серік",
    "Әсел",
    "Дәурен",
    "Ләззат",
    "Тимур",
    "Алия",
    "Марат",
    "Светлана",
    "Олег",
    "Елена",
    "Руслан",
    "Зарина",
    "Қайрат",
]
LAST = [
    "Сейітқали",
    "Ахметов",
    "Омарова",
    "Жұмабаев",
    "Исаева",
    "Тоқтаров",
    "Нұрланова",
    "Бекова",
    "Сағындықов",
    "Қасымова",
    "Ким",
    "Петрова",
    "Әбілов",
    "Мұратова",
    "Есенов",
    "Иванов",
    "Темірбекова",
    "Жақсылықов",
    "Оспанова",
    "Кенжебаев",
]
VENUE_KINDS = [
    Council.Kind.CONSULTATIVE,
    Council.Kind.EXPERT,
    Council.Kind.WORKING,
    Council.Kind.INTERACTION,
    Council.Kind.COORDINATION,
]
TOPICS = [
    ("Жергілікті бюджеттің жобасы", "Проект местного бюджета", "Draft local budget"),
    (
        "Мемлекеттік қызметтердің сапасы",
        "Качество государственных услуг",
        "Quality of public services",
    ),
    ("Қоғамдық көлік", "Общественный транспорт", "Public transport"),
    ("Экология және қалдықтар", "Экология и отходы", "Environment and waste"),
    (
        "Мүгедектігі бар адамдар үшін қолжетімділік",
        "Доступность для людей с инвалидностью",
        "Accessibility for people with disabilities",
    ),
    ("Жастар саясаты", "Молодёжная политика", "Youth policy"),
]
RECOMMENDATIONS = [
    (
        "Бюджет жобасын бір ай бұрын жариялау",
        "Публиковать проект бюджета за месяц",
        "Publish the draft budget a month ahead",
    ),
    (
        "Азаматтардың өтініштерін онлайн қабылдау",
        "Принимать обращения граждан онлайн",
        "Accept citizens' appeals online",
    ),
    (
        "Аялдамаларды пандустармен жабдықтау",
        "Оборудовать остановки пандусами",
        "Fit bus stops with ramps",
    ),
    (
        "Қалдықтарды бөлек жинауды енгізу",
        "Ввести раздельный сбор отходов",
        "Introduce separate waste collection",
    ),
]


def role_of(i, civil, chair_civil):
    if i == 0 and chair_civil:
        return "chair"
    if i == civil and not chair_civil:
        return "chair"
    return {1: "deputy", 2: "secretary"}.get(i, "member")


def organisation_of(affiliation):
    return {"state_body": "Akimat", "business": "«Atameken» NCE", "academia": "University"}.get(
        affiliation, ""
    )


def venue_name(kk, ru, en, i):
    kinds = [
        (
            "Консультативтік-кеңесші орган",
            "Консультативно-совещательный орган",
            "Consultative body",
        ),
        ("Сарапшылар тобы", "Экспертная группа", "Expert group"),
        ("Жұмыс тобы", "Рабочая группа", "Working group"),
        ("Өзара іс-қимыл кеңесі", "Совет по взаимодействию", "Interaction council"),
        ("Үйлестіру кеңесі", "Координационный совет", "Coordination council"),
    ]
    k_kk, k_ru, k_en = kinds[i % 5]
    topic = TOPICS[i % len(TOPICS)]
    return (f"{kk}: {k_kk} — {topic[0]}", f"{k_ru} {ru}: {topic[1]}", f"{k_en} — {en}: {topic[2]}")


def training_topic(i):
    return [
        "Public control and monitoring",
        "Reading a state budget",
        "Hearing officials' reports",
        "Public hearings: how to run them",
    ][i % 4]


def activity_title(kind, i):
    return {
        "report": "Report on the state programme",
        "hearing": "Public hearing on the draft",
        "monitoring": "Monitoring of public services",
    }[kind] + f" № {i + 1}"


def official_name(i):
    return f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}, deputy head"
