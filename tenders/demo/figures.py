"""The figures the demo reproduces (domain.md, seeds) and the words it writes with."""

import datetime

from ..models import Competition

Mechanism = Competition.Mechanism
MILLION = 1_000_000

# Year, published on, applications, applying NGOs, winners, total awarded in tenge (domain.md).
HISTORICAL_ROUNDS = [
    (2003, datetime.date(2003, 9, 30), 120, 109, 20, 10_700_000),
    (2004, datetime.date(2004, 5, 31), 142, 119, 20, 9_700_000),
    (2005, datetime.date(2005, 7, 19), 234, 165, 50, 59_700_000),
]
ROUND_TITLES = {
    2003: (
        "Мемлекеттік әлеуметтік тапсырыстың пилоттық конкурсы",
        "Пилотный конкурс государственного социального заказа",
        "Pilot state social order competition",
    ),
    2004: (
        "Мемлекеттік әлеуметтік тапсырыс конкурсы, 2004",
        "Конкурс государственного социального заказа, 2004",
        "State social order competition, 2004",
    ),
    2005: (
        "Мемлекеттік әлеуметтік тапсырыс конкурсы, 2005",
        "Конкурс государственного социального заказа, 2005",
        "State social order competition, 2005",
    ),
}

YEAR = 2025
# Mechanism, number of winners, competitions, title (kk, ru, en).
PLAN_2025 = [
    (
        Mechanism.SOCIAL_ORDER,
        2185,
        250,
        (
            "Мемлекеттік әлеуметтік тапсырыс",
            "Государственный социальный заказ",
            "State social order",
        ),
    ),
    (
        Mechanism.GRANT,
        102,
        6,
        (
            "Үкіметтік емес ұйымдарға арналған мемлекеттік гранттар",
            "Государственные гранты для неправительственных организаций",
            "State grants for NGOs",
        ),
    ),
    (
        Mechanism.STRATEGIC_PARTNERSHIP,
        5,
        1,
        ("Стратегиялық әріптестік", "Стратегическое партнёрство", "Strategic partnership"),
    ),
]
AWARD_NOMINATIONS = 15
AWARD_LAUREATES, AWARD_APPLICATIONS = 73, 208
AWARD_MCI, TANDAU_MCI = 2_000, 1_000  # the NGO award is at least 2,000 MCI (domain.md)
TANDAU_WINNERS, HONORARY_TITLES = 12, 33

THEMES = {
    "youth": (
        "Жастардың еріктілік қозғалысын дамыту",
        "Развитие волонтёрского движения молодёжи",
        "Youth volunteering",
    ),
    "children": (
        "Балалардың бос уақытын ұйымдастыру",
        "Организация досуга детей",
        "Children's leisure",
    ),
    "healthcare": (
        "Салауатты өмір салтын насихаттау",
        "Пропаганда здорового образа жизни",
        "Healthy lifestyles",
    ),
    "environment": (
        "Қалдықтарды бөлек жинауды дамыту",
        "Развитие раздельного сбора отходов",
        "Separate waste collection",
    ),
    "family_women": (
        "Отбасылық құндылықтарды нығайту",
        "Укрепление семейных ценностей",
        "Family values",
    ),
    "education": (
        "Ересектердің қаржылық сауаттылығы",
        "Финансовая грамотность взрослых",
        "Adult financial literacy",
    ),
    "disability": (
        "Мүгедектігі бар адамдарды оңалту",
        "Реабилитация людей с инвалидностью",
        "Rehabilitation of people with disabilities",
    ),
    "human_rights": ("Тегін заң көмегі", "Бесплатная юридическая помощь", "Free legal aid"),
    "culture": (
        "Ұлттық мәдени мұраны сақтау",
        "Сохранение национального культурного наследия",
        "National cultural heritage",
    ),
    "social_services": (
        "Қарттарға әлеуметтік қызмет көрсету",
        "Социальное обслуживание пожилых",
        "Social care for the elderly",
    ),
    "analytics": (
        "Азаматтық қоғамды зерттеу",
        "Исследование гражданского общества",
        "Research on civil society",
    ),
    "gender": (
        "Әйелдердің кәсіпкерлігін қолдау",
        "Поддержка женского предпринимательства",
        "Women's entrepreneurship",
    ),
    "veterans": (
        "Ардагерлерді әлеуметтік қолдау",
        "Социальная поддержка ветеранов",
        "Support for veterans",
    ),
    "consumer_rights": (
        "Тұтынушылардың құқықтарын қорғау",
        "Защита прав потребителей",
        "Consumer protection",
    ),
}
CRITERIA = [
    ("Жобаның өзектілігі", "Актуальность проекта", "Relevance of the project", 30),
    ("Күтілетін нәтижелер", "Ожидаемые результаты", "Expected results", 30),
    ("Ұйымның тәжірибесі", "Опыт организации", "Experience of the organisation", 20),
    ("Бюджеттің негізділігі", "Обоснованность бюджета", "Soundness of the budget", 20),
]
EXPERTS = ["expert1@demo.kz", "expert2@demo.kz", "expert3@demo.kz"]
