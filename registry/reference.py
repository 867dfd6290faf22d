"""Reference data of the register, kept in one place so that a correction is one edit.

Regions: 9-digit KATO codes (first two digits = ISO 3166-2:KZ numeric) and the 2018/2022 reforms:
South Kazakhstan oblast was renamed Turkistan on 19 June 2018 (Shymkent became a city of republican
significance); Abai, Jetisu and Ulytau oblasts were formed on 8 June 2022. 510000000 for South
Kazakhstan is the code commonly seen in old registers (to verify).
"""

import datetime

REFORM_2018 = datetime.date(2018, 6, 19)
REFORM_2022 = datetime.date(2022, 6, 8)

# kato, level, kk, ru, en, valid_from, valid_to, successor kato, split_from kato
REGIONS = [
    (
        "510000000",
        "oblast",
        "Оңтүстік Қазақстан облысы",
        "Южно-Казахстанская область",
        "South Kazakhstan Region",
        None,
        REFORM_2018,
        "610000000",
        None,
    ),
    (
        "100000000",
        "oblast",
        "Абай облысы",
        "область Абай",
        "Abai Region",
        REFORM_2022,
        None,
        None,
        "630000000",
    ),
    (
        "110000000",
        "oblast",
        "Ақмола облысы",
        "Акмолинская область",
        "Akmola Region",
        None,
        None,
        None,
        None,
    ),
    (
        "150000000",
        "oblast",
        "Ақтөбе облысы",
        "Актюбинская область",
        "Aktobe Region",
        None,
        None,
        None,
        None,
    ),
    (
        "190000000",
        "oblast",
        "Алматы облысы",
        "Алматинская область",
        "Almaty Region",
        None,
        None,
        None,
        None,
    ),
    (
        "230000000",
        "oblast",
        "Атырау облысы",
        "Атырауская область",
        "Atyrau Region",
        None,
        None,
        None,
        None,
    ),
    (
        "270000000",
        "oblast",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
        None,
        None,
        None,
        None,
    ),
    (
        "310000000",
        "oblast",
        "Жамбыл облысы",
        "Жамбылская область",
        "Zhambyl Region",
        None,
        None,
        None,
        None,
    ),
    (
        "330000000",
        "oblast",
        "Жетісу облысы",
        "область Жетісу",
        "Jetisu Region",
        REFORM_2022,
        None,
        None,
        "190000000",
    ),
    (
        "350000000",
        "oblast",
        "Қарағанды облысы",
        "Карагандинская область",
        "Karaganda Region",
        None,
        None,
        None,
        None,
    ),
    (
        "390000000",
        "oblast",
        "Қостанай облысы",
        "Костанайская область",
        "Kostanay Region",
        None,
        None,
        None,
        None,
    ),
    (
        "430000000",
        "oblast",
        "Қызылорда облысы",
        "Кызылординская область",
        "Kyzylorda Region",
        None,
        None,
        None,
        None,
    ),
    (
        "470000000",
        "oblast",
        "Маңғыстау облысы",
        "Мангистауская область",
        "Mangystau Region",
        None,
        None,
        None,
        None,
    ),
    (
        "550000000",
        "oblast",
        "Павлодар облысы",
        "Павлодарская область",
        "Pavlodar Region",
        None,
        None,
        None,
        None,
    ),
    (
        "590000000",
        "oblast",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
        None,
        None,
        None,
        None,
    ),
    (
        "610000000",
        "oblast",
        "Түркістан облысы",
        "Туркестанская область",
        "Turkistan Region",
        REFORM_2018,
        None,
        None,
        None,
    ),
    (
        "620000000",
        "oblast",
        "Ұлытау облысы",
        "область Ұлытау",
        "Ulytau Region",
        REFORM_2022,
        None,
        None,
        "350000000",
    ),
    (
        "630000000",
        "oblast",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
        None,
        None,
        None,
        None,
    ),
    ("710000000", "city", "Астана қаласы", "город Астана", "Astana", None, None, None, None),
    ("750000000", "city", "Алматы қаласы", "город Алматы", "Almaty", None, None, None, None),
    (
        "790000000",
        "city",
        "Шымкент қаласы",
        "город Шымкент",
        "Shymkent",
        REFORM_2018,
        None,
        None,
        "510000000",
    ),
]

# Shares of NGOs by region (seed 003; the rest spread evenly), used by the demo generator.
REGION_SHARES = {
    "750000000": 17.9,
    "610000000": 7.25,
    "790000000": 4.0,
    "350000000": 9.01,
    "310000000": 6.73,
    "390000000": 6.46,
    "630000000": 6.19,
    "710000000": 9.0,
}

# code, kk, ru, en, share of NGOs working in the area (seed 003), percent
ACTIVITY_AREAS = [
    ("youth", "Жастар", "Молодёжь", "Youth", 43.9),
    ("children", "Балалар", "Дети", "Children", 24.5),
    ("healthcare", "Денсаулық сақтау", "Здравоохранение", "Medical care", 21.2),
    ("environment", "Экология", "Экология", "Environment", 20.4),
    ("family_women", "Отбасы және әйелдер", "Семья и женщины", "Families and women", 20.4),
    ("education", "Білім беру", "Образование", "Education", 20.4),
    (
        "disability",
        "Мүгедектігі бар адамдардың құқықтары",
        "Права людей с инвалидностью",
        "Rights of people with disabilities",
        16.0,
    ),
    ("human_rights", "Адам құқықтары", "Права человека", "Human rights", 6.0),
    ("culture", "Мәдениет", "Культура", "Culture", 8.0),
    ("social_services", "Әлеуметтік қызметтер", "Социальные услуги", "Social services", 10.0),
    ("analytics", "Талдау және зерттеу", "Аналитика", "Analytics and research", 3.0),
    ("gender", "Гендерлік саясат", "Гендерная политика", "Gender policy", 3.0),
    ("veterans", "Ардагерлер", "Ветераны", "Veterans", 3.0),
    (
        "consumer_rights",
        "Тұтынушылар құқықтары",
        "Защита прав потребителей",
        "Consumers' rights",
        2.0,
    ),
]

# code, kk, ru, en, abbreviations kk/ru/en
LEGAL_FORMS = [
    (
        "public_association",
        "Қоғамдық бірлестік",
        "Общественное объединение",
        "Public association",
        ("ҚБ", "ОО", "PA"),
    ),
    (
        "public_foundation",
        "Қоғамдық қор",
        "Общественный фонд",
        "Public foundation",
        ("ҚҚ", "ОФ", "PF"),
    ),
    (
        "association",
        "Заңды тұлғалар бірлестігі (қауымдастық, одақ)",
        "Объединение юридических лиц в форме ассоциации (союза)",
        "Association (union) of legal entities",
        ("ЗТБ", "ОЮЛ", "ALE"),
    ),
    (
        "private_institution",
        "Жеке мекеме",
        "Частное учреждение",
        "Private institution",
        ("ЖМ", "ЧУ", "PI"),
    ),
    (
        "other",
        "Өзге ұйымдық-құқықтық нысан",
        "Иная организационно-правовая форма",
        "Other legal form",
        ("", "", ""),
    ),
]

# code, level, kind, kk, ru, en
REPUBLICAN_BODIES = [
    (
        "government",
        "republican",
        "government",
        "Қазақстан Республикасының Үкіметі",
        "Правительство Республики Казахстан",
        "Government of the Republic of Kazakhstan",
    ),
    (
        "mci",
        "republican",
        "ministry",
        "Қазақстан Республикасы Мәдениет және ақпарат министрлігі",
        "Министерство культуры и информации Республики Казахстан",
        "Ministry of Culture and Information of the Republic of Kazakhstan",
    ),
    (
        "mlsp",
        "republican",
        "ministry",
        "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі",
        "Министерство труда и социальной защиты населения Республики Казахстан",
        "Ministry of Labour and Social Protection of the Population",
    ),
    (
        "moh",
        "republican",
        "ministry",
        "Қазақстан Республикасы Денсаулық сақтау министрлігі",
        "Министерство здравоохранения Республики Казахстан",
        "Ministry of Healthcare",
    ),
    (
        "mop",
        "republican",
        "ministry",
        "Қазақстан Республикасы Оқу-ағарту министрлігі",
        "Министерство просвещения Республики Казахстан",
        "Ministry of Enlightenment",
    ),
    (
        "meco",
        "republican",
        "ministry",
        "Қазақстан Республикасы Экология және табиғи ресурстар министрлігі",
        "Министерство экологии и природных ресурсов Республики Казахстан",
        "Ministry of Ecology and Natural Resources",
    ),
    (
        "csci",
        "republican",
        "operator",
        "«Азаматтық бастамаларды қолдау орталығы» КеАҚ",
        "НАО «Центр поддержки гражданских инициатив»",
        "Center for Support of Civil Initiatives (grant operator)",
    ),
]

_RU_GENITIVE_CITY = {
    "город Астана": "города Астаны",
    "город Алматы": "города Алматы",
    "город Шымкент": "города Шымкента",
}


def akimat_names(kk: str, ru: str, en: str) -> tuple[str, str, str]:
    """Names of a region's akimat in the three languages, from the region's names."""
    kk_gen = kk.replace("облысы", "облысының").replace("қаласы", "қаласының")
    if ru in _RU_GENITIVE_CITY:
        ru_gen = _RU_GENITIVE_CITY[ru]
    elif ru.startswith("область "):
        ru_gen = "области " + ru.removeprefix("область ")
    else:
        ru_gen = ru.replace("ская область", "ской области")
    return f"{kk_gen} әкімдігі", f"Акимат {ru_gen}", f"Akimat of {en}"


def load(apps, schema_editor=None):
    """Create or update every reference record (used by the data migration)."""
    Region = apps.get_model("registry", "Region")
    ActivityArea = apps.get_model("registry", "ActivityArea")
    LegalForm = apps.get_model("registry", "LegalForm")
    StateBody = apps.get_model("registry", "StateBody")

    regions = {}
    for kato, level, kk, ru, en, valid_from, valid_to, _succ, _split in REGIONS:
        regions[kato], _ = Region.objects.update_or_create(
            kato=kato,
            defaults=dict(
                level=level,
                name=kk,
                name_kk=kk,
                name_ru=ru,
                name_en=en,
                valid_from=valid_from,
                valid_to=valid_to,
            ),
        )
    for kato, *_rest, succ, split in REGIONS:
        region = regions[kato]
        region.successor = regions.get(succ)
        region.split_from = regions.get(split)
        region.save()
    for position, (code, kk, ru, en, _share) in enumerate(ACTIVITY_AREAS):
        ActivityArea.objects.update_or_create(
            code=code, defaults=dict(name=kk, name_kk=kk, name_ru=ru, name_en=en, position=position)
        )
    for code, kk, ru, en, (a_kk, a_ru, a_en) in LEGAL_FORMS:
        LegalForm.objects.update_or_create(
            code=code,
            defaults=dict(
                name=kk,
                name_kk=kk,
                name_ru=ru,
                name_en=en,
                abbreviation=a_kk,
                abbreviation_kk=a_kk,
                abbreviation_ru=a_ru,
                abbreviation_en=a_en,
            ),
        )
    for code, level, kind, kk, ru, en in REPUBLICAN_BODIES:
        StateBody.objects.update_or_create(
            code=code,
            defaults=dict(level=level, kind=kind, name=kk, name_kk=kk, name_ru=ru, name_en=en),
        )
    for kato, level, kk, ru, en, _from, valid_to, *_ in REGIONS:
        if valid_to:
            continue
        a_kk, a_ru, a_en = akimat_names(kk, ru, en)
        StateBody.objects.update_or_create(
            code=f"akimat-{kato}",
            defaults=dict(
                level="oblast" if level == "oblast" else "city",
                kind="akimat",
                region=regions[kato],
                name=a_kk,
                name_kk=a_kk,
                name_ru=a_ru,
                name_en=a_en,
            ),
        )
