"""2025 at the seeds' scale: funded competitions with applications, scores and winners, and the
NGO awards."""

import datetime
from decimal import Decimal

from accounts.models import User

from ..models import (
    Application,
    Award,
    BudgetLine,
    CommissionMember,
    Competition,
    ConflictDeclaration,
    Lot,
    Score,
    ScoreSheet,
)
from .base import insert_rows
from .figures import (
    AWARD_APPLICATIONS,
    AWARD_LAUREATES,
    AWARD_MCI,
    AWARD_NOMINATIONS,
    HONORARY_TITLES,
    MILLION,
    PLAN_2025,
    TANDAU_MCI,
    TANDAU_WINNERS,
    THEMES,
    YEAR,
    Mechanism,
)


class FundedDemo:
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
                        # The commission decides before the results are published (OCDS dates).
                        decided_at=competition.published_at - datetime.timedelta(days=3),
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
