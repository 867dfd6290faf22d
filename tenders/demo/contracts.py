"""Demo contracts of the 2025 winners: instalments and reports in every state a screen shows.

Mixed into `tenders.demo.Builder` (its seeded generator and `moment`); bulk inserts only.
"""

import datetime

from django.utils import timezone

from registry.models import Representation

from ..models import Application, Award, Contract, Instalment, ProjectReport
from .figures import YEAR, Mechanism

DEMO_NGO_EMAIL = "ngo@demo.kz"  # the registry demo's NGO representative login


class ContractsDemo:
    def contracts_2025(self) -> None:
        """Every third 2025 project winner and every strategic partnership has a contract."""
        if Contract.objects.filter(award__lot__competition__year=YEAR).exists():
            return
        today = timezone.localdate()
        awards = list(
            Award.objects.filter(
                lot__competition__year=YEAR,
                application__isnull=False,
                withdrawn_at__isnull=True,
            )
            .exclude(lot__competition__mechanism=Mechanism.AWARD)
            .select_related("lot__competition")
            .order_by("pk")
        )
        partnership = [
            a for a in awards if a.lot.competition.mechanism == Mechanism.STRATEGIC_PARTNERSHIP
        ]
        chosen = [a for a in awards[::3] if a not in partnership] + partnership
        demo_ngo = self.give_demo_ngo(partnership)
        contracts, plans = [], []
        for index, award in enumerate(chosen):
            lot, competition = award.lot, award.lot.competition
            signed = competition.published_at.date() + datetime.timedelta(days=20)
            starts = signed + datetime.timedelta(days=1)
            ends = starts + datetime.timedelta(days=30 * lot.term_months)
            contracts.append(
                Contract(
                    award=award,
                    number=f"{lot.code}-D{award.pk}",
                    signed_on=signed,
                    starts_on=starts,
                    ends_on=ends,
                    amount=award.amount,
                    awarded_amount=award.amount,
                    created_at=self.moment(signed),
                )
            )
            plans.append(index % 10)
        Contract.objects.bulk_create(contracts)
        instalments, reports = [], []
        for contract, plan in zip(contracts, plans, strict=True):
            half = contract.amount // 2
            middle = contract.starts_on + (contract.ends_on - contract.starts_on) / 2
            final_due = contract.ends_on + datetime.timedelta(days=15)
            running = contract.ends_on > today
            finished = not running and plan < 7
            if contract.award.ngo_id == demo_ngo:
                middle = today + datetime.timedelta(days=30)
            instalments += [
                self.instalment(contract, 1, contract.starts_on, half, paid=True),
                self.instalment(contract, 2, middle, contract.amount - half, paid=middle < today),
            ]
            interim = ProjectReport.Status.ACCEPTED if middle < today else ProjectReport.Status.DUE
            if contract.award.ngo_id == demo_ngo:  # its interim report is due in five days
                middle = today + datetime.timedelta(days=5)
                interim = ProjectReport.Status.DUE
            final = ProjectReport.Status.DUE
            if finished:
                final = ProjectReport.Status.ACCEPTED
            elif not running and plan < 9:
                final = ProjectReport.Status.SUBMITTED  # awaiting the official's review
            reports += [
                self.report(contract, 1, ProjectReport.Kind.INTERIM, middle, interim),
                self.report(contract, 2, ProjectReport.Kind.FINAL, final_due, final),
            ]
            if finished:
                contract.status = Contract.Status.COMPLETED
                contract.closed_at = self.moment(final_due + datetime.timedelta(days=10))
        Contract.objects.bulk_update(
            [c for c in contracts if c.closed_at], ["status", "closed_at"], batch_size=1000
        )
        Instalment.objects.bulk_create(instalments)
        ProjectReport.objects.bulk_create(reports)
        self.counts["contracts"] += len(contracts)

    def give_demo_ngo(self, partnership: list[Award]) -> int | None:
        """The demo NGO login represents the winner of a strategic partnership lot."""
        representation = (
            Representation.objects.filter(
                user__email=DEMO_NGO_EMAIL, status=Representation.Status.APPROVED
            )
            .select_related("ngo")
            .first()
        )
        if representation is None or not partnership:
            return None
        ngo = representation.ngo
        for award in partnership:
            if not Application.objects.filter(lot=award.lot, ngo=ngo).exists():
                Application.objects.filter(pk=award.application_id).update(ngo=ngo)
                Award.objects.filter(pk=award.pk).update(ngo=ngo)
                award.ngo = ngo
                return ngo.pk
        return None

    def instalment(self, contract, number, planned_on, amount, paid: bool) -> Instalment:
        return Instalment(
            contract=contract,
            number=number,
            planned_on=planned_on,
            amount=amount,
            status=Instalment.Status.PAID if paid else Instalment.Status.APPROVED,
            approved_at=self.moment(planned_on - datetime.timedelta(days=5)),
            paid_on=planned_on if paid else None,
            paid_recorded_at=self.moment(planned_on) if paid else None,
        )

    def report(self, contract, number, kind, due_on, status) -> ProjectReport:
        filed = status != ProjectReport.Status.DUE
        submitted = due_on - datetime.timedelta(days=self.rng.randint(0, 5))
        return ProjectReport(
            contract=contract,
            number=number,
            kind=kind,
            due_on=due_on,
            status=status,
            narrative="Іс-шаралар өткізілді. / Мероприятия проведены." if filed else "",
            indicators="Қатысушылар / Участники: 100 / 112" if filed else "",
            spent=contract.amount // 2 * number if filed else None,
            submitted_at=self.moment(submitted) if filed else None,
            reviewed_at=self.moment(due_on + datetime.timedelta(days=7))
            if status == ProjectReport.Status.ACCEPTED
            else None,
        )
