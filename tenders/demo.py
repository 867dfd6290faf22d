"""Demo competitions at the real scale and with the published figures (domain.md, seeds).

- The 2003, 2004 and 2005 rounds from their published results only: counts and winners, so the
  statistics page reproduces 120/109/20/10.7 million, 142/119/20/9.7 million and
  234/165/50/59.7 million tenge.
- 2025 at the seeds' scale: 2,185 state social order projects, 102 grants, 5 strategic
  partnership projects, 73 NGO award laureates, 12 "Таңдау" winners and 33 honorary titles, with
  applications, a commission and scores over the demo register's NGOs.
- Competitions of this year open now, so the demo NGO login can apply.
- Contracts of part of the 2025 winners, with instalments and reports (accepted, awaiting
  review, overdue); the strategic partnership projects run now, and the demo NGO login holds one
  of them with an interim report due, so it can file it.
- Grant lots state their budget in MCI, and award amounts are MCI multiples: the MCI value of the
  year comes from the reference data (`MCIValue`, seeded by a migration).

Rows are written with bulk inserts (history rows are not made for demo data); a second run adds
nothing. One seeded generator: the same seed gives the same competitions.
"""

import datetime
import random
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from accounts import roles
from accounts.models import User
from registry.models import NGO, ActivityArea, StateBody

from .demo_contracts import ContractsDemo
from .models import (
    Application,
    Award,
    BudgetLine,
    CommissionMember,
    Competition,
    ConflictDeclaration,
    Criterion,
    Lot,
    MCIValue,
    Score,
    ScoreSheet,
)

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


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`parts` whole amounts in thousands of tenge that add up exactly to `total`."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    amounts = [int(total * w / sum(weights)) // 1000 * 1000 for w in weights]
    amounts[0] += total - sum(amounts)
    return amounts


def insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    from psycopg2.extras import execute_values

    sql = f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) VALUES %s"
    with connection.cursor() as cursor:
        execute_values(cursor.cursor, sql, rows, page_size=5000)


class Builder(ContractsDemo):
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.areas = list(ActivityArea.objects.all())
        self.bodies = {body.code: body for body in StateBody.objects.all()}
        self.akimats = [b for b in self.bodies.values() if b.kind == StateBody.Kind.AKIMAT]
        self.ministries = [b for b in self.bodies.values() if b.kind == StateBody.Kind.MINISTRY]
        self.applicants = list(
            NGO.objects.filter(status__in=(NGO.Status.ACTIVE, NGO.Status.VERIFIED))
            .order_by("pk")
            .values_list("pk", "region_id")
        )
        self.counts = {
            "competitions": 0,
            "lots": 0,
            "applications": 0,
            "awards": 0,
            "contracts": 0,
        }
        self._mci = None

    @property
    def mci(self) -> int:
        """The 2025 MCI in tenge from the reference data (a migration seeds it)."""
        if self._mci is None:
            self._mci = MCIValue.objects.get(year=YEAR).value_tenge
        return self._mci

    def moment(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(
            day, datetime.time(self.rng.randint(9, 17)), tzinfo=timezone.get_current_timezone()
        )

    def competition(self, number, mechanism, organiser, year, title, **fields) -> Competition:
        kk, ru, en = title
        self.counts["competitions"] += 1
        return Competition(
            number=number,
            mechanism=mechanism,
            organiser=organiser,
            year=year,
            title_kk=kk,
            title_ru=ru,
            title_en=en,
            description_kk=f"{kk}: жобалар конкурсы.",
            description_ru=f"{ru}: конкурс проектов.",
            description_en=f"{en}: call for projects.",
            **fields,
        )

    # -- 2003–2005 ---------------------------------------------------------------------------
    def historical_rounds(self) -> None:
        founded = list(
            NGO.objects.filter(registered_on__lt=datetime.date(2003, 1, 1))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        organiser = self.bodies["mci"]
        for year, published, applications, applicants, winners, total in HISTORICAL_ROUNDS:
            number = f"{year}-SSO-0001"
            if Competition.objects.filter(number=number).exists():
                continue
            moment = self.moment(published)
            competition = self.competition(
                number,
                Mechanism.SOCIAL_ORDER,
                organiser,
                year,
                ROUND_TITLES[year],
                status=Competition.Status.CLOSED,
                results_only=True,
                reported_applications=applications,
                reported_applicants=applicants,
                announced_at=moment,
                published_at=moment,
            )
            competition.save()
            amounts = split(total, winners, self.rng)
            recipients = self.rng.sample(founded, min(winners, len(founded)))
            for number_in_round, amount in enumerate(amounts, start=1):
                area = self.rng.choice(self.areas)
                kk, ru, en = THEMES[area.code]
                lot = Lot.objects.create(
                    competition=competition,
                    number=number_in_round,
                    theme_kk=kk,
                    theme_ru=ru,
                    theme_en=en,
                    activity_area=area,
                    budget=amount,
                )
                ngo_id = (
                    recipients[number_in_round - 1] if number_in_round <= len(recipients) else None
                )
                Award.objects.create(
                    lot=lot,
                    ngo_id=ngo_id,
                    recipient_name=""
                    if ngo_id
                    else f"ҮЕҰ №{number_in_round} / НПО №{number_in_round}",
                    amount=amount,
                    decided_at=moment,
                )
                self.counts["lots"] += 1
                self.counts["awards"] += 1

    # -- 2025 ----------------------------------------------------------------------------------
    def year_2025(self, experts: list[User]) -> None:
        if Competition.objects.filter(year=YEAR).exists():
            return
        for mechanism, winners, competitions, title in PLAN_2025:
            per_competition = self.spread(winners, competitions)
            for index, lots in enumerate(per_competition, start=1):
                organiser = self.organiser(mechanism, index)
                self.funded_competition(
                    f"{YEAR}-{Competition.NUMBER_CODES[mechanism]}-{index:04d}",
                    mechanism,
                    organiser,
                    title,
                    lots,
                    experts,
                )
        self.awards_2025(experts)

    def spread(self, total: int, parts: int) -> list[int]:
        base, extra = divmod(total, parts)
        return [base + (1 if i < extra else 0) for i in range(parts)]

    def organiser(self, mechanism, index: int) -> StateBody:
        if mechanism == Mechanism.GRANT:
            return self.ministries[index % len(self.ministries)]
        if mechanism == Mechanism.STRATEGIC_PARTNERSHIP:
            return self.bodies["mci"]
        # About a third of the state social order is ordered by ministries, the rest by akimats.
        pool = self.ministries if index % 3 == 0 else self.akimats
        return pool[index % len(pool)]

    def window(self, year: int) -> tuple[datetime.datetime, datetime.datetime]:
        opens = datetime.date(year, self.rng.randint(1, 4), self.rng.randint(1, 28))
        return self.moment(opens), self.moment(opens + datetime.timedelta(days=30))

    def funded_competition(
        self, number, mechanism, organiser, title, lot_count, experts, year=YEAR
    ):
        opens_at, closes_at = self.window(year)
        main = self.rng.choice(self.areas)  # the competition's main theme, its first lot's too
        title = tuple(
            f"{base}: {theme}" for base, theme in zip(title, THEMES[main.code], strict=True)
        )
        competition = self.competition(
            number,
            mechanism,
            organiser,
            year,
            title,
            status=Competition.Status.CLOSED,
            opens_at=opens_at,
            closes_at=closes_at,
            announced_at=opens_at - datetime.timedelta(days=7),
            published_at=closes_at + datetime.timedelta(days=25),
            operator=self.bodies["csci"] if mechanism == Mechanism.GRANT else None,
            pass_score=Decimal(50),
        )
        competition.save()
        criteria = self.criteria(competition)
        members = CommissionMember.objects.bulk_create(
            CommissionMember(competition=competition, user=user, kind=CommissionMember.Kind.EXPERT)
            for user in experts
        )
        budget_scale = {
            Mechanism.SOCIAL_ORDER: (3, 25),
            Mechanism.GRANT: (2, 40),
            Mechanism.STRATEGIC_PARTNERSHIP: (80, 150),
        }[mechanism]
        lots, plans = [], []
        for number_in_competition in range(1, lot_count + 1):
            area = main if number_in_competition == 1 else self.rng.choice(self.areas)
            kk, ru, en = THEMES[area.code]
            budget = self.rng.randint(*budget_scale) * MILLION
            in_mci = {}
            if mechanism == Mechanism.GRANT:  # grant sizes are set in MCI
                mci = max(500, budget // self.mci // 100 * 100)
                in_mci = {"budget_mci": mci, "mci_value": self.mci}
                budget = mci * self.mci
            lots.append(
                Lot(
                    competition=competition,
                    number=number_in_competition,
                    theme_kk=kk,
                    theme_ru=ru,
                    theme_en=en,
                    activity_area=area,
                    region=organiser.region,
                    budget=budget,
                    term_months=36 if mechanism == Mechanism.STRATEGIC_PARTNERSHIP else 10,
                    **in_mci,
                )
            )
        for lot in Lot.objects.bulk_create(lots):
            applicants = self.rng.choices([1, 2, 3, 4], weights=[25, 35, 25, 15])[0]
            plans.append((lot, applicants, 1, None))
        self.counts["lots"] += len(lots)
        self.applications(competition, plans, criteria, members)

    def criteria(self, competition) -> list[Criterion]:
        return Criterion.objects.bulk_create(
            Criterion(
                competition=competition,
                position=position,
                name_kk=kk,
                name_ru=ru,
                name_en=en,
                weight=weight,
            )
            for position, (kk, ru, en, weight) in enumerate(CRITERIA, start=1)
        )

    def applications(self, competition, plans, criteria, members):
        """Scored applications for each (lot, count, winners, amount); the best are awarded."""
        rows, winners_of = [], {}
        for lot, count, winners, amount in plans:
            winners_of[lot.pk] = (lot, winners)
            count = min(count, len(self.applicants))
            chosen = [pk for pk, _region in self.rng.sample(self.applicants, count)]
            for position, ngo_id in enumerate(chosen, start=1):
                rows.append(
                    Application(
                        number=f"{lot.code}-{position:03d}",
                        lot=lot,
                        ngo_id=ngo_id,
                        status=Application.Status.ADMITTED,
                        title=lot.theme_kk,
                        summary=lot.theme_ru,
                        goals="—",
                        activities="—",
                        beneficiaries="—",
                        requested_amount=amount if amount is not None else lot.budget // winners,
                        submitted_at=competition.closes_at - datetime.timedelta(days=2),
                    )
                )
        applications = Application.objects.bulk_create(rows)
        self.counts["applications"] += len(applications)
        BudgetLine.objects.bulk_create(
            BudgetLine(
                application=a,
                position=1,
                item="Жоба шығындары / Расходы проекта",
                amount=a.requested_amount,
            )
            for a in applications
        )
        totals, sheets, declarations, points = {}, [], [], []
        submitted_at = competition.closes_at + datetime.timedelta(days=10)
        for application in applications:
            for member in members:
                declarations.append((member.pk, application.pk, False, submitted_at))
                drawn = [self.rng.randint(4, 10) for _criterion in criteria]
                total = sum(
                    (
                        Decimal(p) * c.weight / c.max_points
                        for p, c in zip(drawn, criteria, strict=True)
                    ),
                    Decimal(0),
                ).quantize(Decimal("0.01"))
                sheets.append(
                    ScoreSheet(
                        member=member,
                        application=application,
                        total=total,
                        submitted_at=submitted_at,
                    )
                )
                points.append(drawn)
                totals.setdefault(application.pk, []).append(total)
        ScoreSheet.objects.bulk_create(sheets)
        # The two largest tables go in as plain rows: model instances would triple the load time.
        insert_rows(
            ConflictDeclaration,
            ["member_id", "application_id", "has_conflict", "declared_at"],
            declarations,
        )
        insert_rows(
            Score,
            ["sheet_id", "criterion_id", "points"],
            [
                (sheet.pk, criterion.pk, value)
                for sheet, drawn in zip(sheets, points, strict=True)
                for criterion, value in zip(criteria, drawn, strict=True)
            ],
        )
        ranked = sorted(applications, key=lambda a: -sum(totals[a.pk]) / len(totals[a.pk]))
        awards, awarded = [], {}
        for application in ranked:
            lot, winners = winners_of[application.lot_id]
            if awarded.get(lot.pk, 0) < winners:
                awarded[lot.pk] = awarded.get(lot.pk, 0) + 1
                awards.append(
                    Award(
                        lot=lot,
                        ngo_id=application.ngo_id,
                        application=application,
                        amount=application.requested_amount,
                    )
                )
        Award.objects.bulk_create(awards)
        self.counts["awards"] += len(awards)

    def awards_2025(self, experts) -> None:
        """The NGO award in 15 nominations (73 laureates of 208), "Таңдау", honorary titles."""
        specs = [
            (
                "0001",
                (
                    "Үкіметтік емес ұйымдарға арналған сыйлық",
                    "Премия для неправительственных организаций",
                    "NGO award",
                ),
                self.spread(AWARD_LAUREATES, AWARD_NOMINATIONS),
                AWARD_APPLICATIONS,
                AWARD_MCI,
            ),
            (
                "0002",
                (
                    "«Таңдау» ұлттық сыйлығы",
                    "Национальная премия «Таңдау»",
                    "“Tandau” national prize",
                ),
                [1] * TANDAU_WINNERS,
                40,
                TANDAU_MCI,
            ),
            (
                "0003",
                (
                    "Құрметті атақ: меценат ұйым",
                    "Почётное звание благотворительной организации",
                    "Honorary title of a charity",
                ),
                [HONORARY_TITLES],
                60,
                0,
            ),
        ]
        for number, title, laureates, applications, mci in specs:
            amount = mci * self.mci
            opens_at, closes_at = self.window(YEAR)
            competition = self.competition(
                f"{YEAR}-AW-{number}",
                Mechanism.AWARD,
                self.bodies["mci"],
                YEAR,
                title,
                status=Competition.Status.CLOSED,
                opens_at=opens_at,
                closes_at=closes_at,
                announced_at=opens_at - datetime.timedelta(days=7),
                published_at=closes_at + datetime.timedelta(days=30),
            )
            competition.save()
            criteria = self.criteria(competition)
            members = CommissionMember.objects.bulk_create(
                CommissionMember(competition=competition, user=u, kind=CommissionMember.Kind.EXPERT)
                for u in experts
            )
            per_lot = self.spread(applications, len(laureates))
            lots = Lot.objects.bulk_create(
                Lot(
                    competition=competition,
                    number=position,
                    theme_kk=f"{title[0]}: №{position} номинация",
                    theme_ru=f"{title[1]}: номинация №{position}",
                    theme_en=f"{title[2]}: nomination {position}",
                    activity_area=self.areas[(position - 1) % len(self.areas)],
                    budget=amount * winners,
                    budget_mci=mci * winners if mci else None,
                    mci_value=self.mci if mci else None,
                    winners_allowed=winners,
                )
                for position, winners in enumerate(laureates, start=1)
            )
            self.counts["lots"] += len(lots)
            plans = [
                (lot, max(count, lot.winners_allowed), lot.winners_allowed, amount)
                for lot, count in zip(lots, per_lot, strict=True)
            ]
            self.applications(competition, plans, criteria, members)

    # -- open now --------------------------------------------------------------------------------
    def open_now(self, experts) -> None:
        """Competitions of this year: some accepting applications now, one evaluating."""
        year = timezone.localdate().year
        if Competition.objects.filter(year=year, mechanism=Mechanism.SOCIAL_ORDER).exists():
            return
        now = timezone.now()
        plans = [
            ("mci", Competition.Status.ACCEPTING, -5, 20),
            ("mlsp", Competition.Status.ACCEPTING, -10, 12),
            (f"akimat-{self.akimats[0].region.kato}", Competition.Status.ACCEPTING, -2, 28),
            ("mop", Competition.Status.ANNOUNCED, 5, 35),
            ("moh", Competition.Status.EVALUATING, -40, -5),
        ]
        for index, (code, status, opens, closes) in enumerate(plans, start=1):
            organiser = self.bodies.get(code, self.bodies["mci"])
            main = self.areas[(index + 1) % len(self.areas)]  # the first lot's area
            title = tuple(
                f"{base}: {theme}"
                for base, theme in zip(PLAN_2025[0][3], THEMES[main.code], strict=True)
            )
            competition = self.competition(
                f"{year}-SSO-{index:04d}",
                Mechanism.SOCIAL_ORDER,
                organiser,
                year,
                title,
                status=status,
                opens_at=now + datetime.timedelta(days=opens),
                closes_at=now + datetime.timedelta(days=closes),
                announced_at=now + datetime.timedelta(days=opens - 7),
                pass_score=Decimal(50),
            )
            competition.save()
            self.criteria(competition)
            for number in range(1, 4):
                area = self.areas[(index + number) % len(self.areas)]
                kk, ru, en = THEMES[area.code]
                Lot.objects.create(
                    competition=competition,
                    number=number,
                    theme_kk=kk,
                    theme_ru=ru,
                    theme_en=en,
                    activity_area=area,
                    region=organiser.region,
                    budget=self.rng.randint(5, 20) * MILLION,
                )
                self.counts["lots"] += 1


def load_decade(first_year: int, years: int, competitions: int, lots: int, seed: int = 7) -> dict:
    """The benchmark's register of competitions: `years` years of state social order."""
    builder = Builder(seed)
    experts = demo_experts()
    title = PLAN_2025[0][3]
    for year in range(first_year, first_year + years):
        if Competition.objects.filter(year=year).exists():
            continue
        with transaction.atomic():
            for index in range(1, competitions + 1):
                builder.funded_competition(
                    f"{year}-SSO-{index:04d}",
                    Mechanism.SOCIAL_ORDER,
                    builder.organiser(Mechanism.SOCIAL_ORDER, index),
                    title,
                    lots,
                    experts,
                    year=year,
                )
    analyze_tenders()
    return builder.counts


def analyze_tenders() -> None:
    """Fresh planner statistics after a bulk load; without them the statistics page plans
    nested loops over thousands of rows (130 ms instead of 45 ms for the awards alone)."""
    from django.apps import apps

    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table)
        for model in apps.get_app_config("tenders").get_models()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def demo_experts() -> list[User]:
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=roles.MINISTRY_OFFICIAL)
    experts = []
    for number, email in enumerate(EXPERTS, start=1):
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": f"Сарапшы {number}", "email_verified": True}
        )
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(group)
        experts.append(user)
    return experts


@transaction.atomic
def load(seed: int = 2025) -> dict:
    builder = Builder(seed)
    experts = demo_experts()
    builder.historical_rounds()
    builder.year_2025(experts)
    builder.contracts_2025()
    builder.open_now(experts)
    return builder.counts
