"""The demo builder's shared state and helpers: its seeded generator, moments, bulk rows."""

import datetime
import random

from django.db import connection
from django.utils import timezone

from accounts import roles
from accounts.models import User
from registry.models import NGO, ActivityArea, StateBody

from ..models import Competition, Criterion, MCIValue
from .figures import CRITERIA, EXPERTS, YEAR, Mechanism


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


class BuilderBase:
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
