"""From a published award to a completed project: contract, instalments, reports, status.

Officials of the organising state body sign the contract, plan and pay instalments, schedule
reports and accept or return them; the winner's representatives file the reports.
"""

import datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import events, ocds, permissions
from ..models import Award, Competition, Contract, Instalment, ProjectReport
from .base import TenderError, require_date_between, save, tenge
from .competitions import unique_or_error


def _require_manager(user, award: Award) -> None:
    if not permissions.may_manage_contract(user, award):
        raise TenderError(_("Only officials of the organising state body may do this."))


def _locked(contract: Contract) -> Contract:
    """Lock the contract: two officials adding its last instalment at once wait for each other."""
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("award__lot__competition", "award__ngo")
        .get(pk=contract.pk)
    )


def _next_number(rows) -> int:
    return (rows.order_by("-number").values_list("number", flat=True).first() or 0) + 1


def _require_in_progress(contract: Contract) -> None:
    if contract.status != Contract.Status.IN_PROGRESS:
        raise TenderError(
            _("The project is %(status)s; it cannot change any more.")
            % {"status": contract.get_status_display().lower()}
        )


def _check_terms(award: Award, amount: int, starts_on, ends_on) -> None:
    if amount is None or amount <= 0:
        raise TenderError(_("The contract amount must be greater than zero."))
    if amount > award.amount:
        raise TenderError(
            _("The contract amount cannot exceed the %(awarded)s ₸ awarded.")
            % {"awarded": tenge(award.amount)}
        )
    if ends_on < starts_on:
        raise TenderError(_("The project must end after it starts."))


def _check_signed_on(award: Award, signed_on: datetime.date) -> None:
    """A contract is signed after the results it follows are published, and not in the future."""
    published = award.lot.competition.published_at or award.decided_at
    require_date_between(
        signed_on,
        timezone.localdate(published),
        timezone.localdate(),
        _("A contract is signed between the publication of the results (%(first)s) and today."),
        field="signed_on",
    )


@transaction.atomic
def sign_contract(
    award: Award,
    user,
    number: str,
    signed_on: datetime.date,
    starts_on: datetime.date,
    ends_on: datetime.date,
    amount: int,
) -> Contract:
    """Record the contract signed with a winner of published results."""
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("lot__competition", "ngo")
        .get(pk=award.pk)
    )
    _require_manager(user, award)
    if award.lot.competition.status not in Competition.RESULT_STATUSES:
        raise TenderError(_("A contract is signed only after the results are published."))
    if award.withdrawn_at is not None:
        raise TenderError(_("This award was withdrawn by a correction; it gets no contract."))
    if award.ngo_id is None:
        raise TenderError(_("Only a winner in the register can sign a contract here."))
    if Contract.objects.filter(award=award).exists():
        raise TenderError(_("This winner already has a contract."))
    number = (number or "").strip()
    if not number:
        raise TenderError(_("Give the contract number."))
    _check_signed_on(award, signed_on)
    _check_terms(award, amount, starts_on, ends_on)
    contract = Contract(
        award=award,
        number=number,
        signed_on=signed_on,
        starts_on=starts_on,
        ends_on=ends_on,
        amount=amount,
        awarded_amount=award.amount,
        created_by=user,
    )
    contract = unique_or_error(
        lambda: save(contract, user, "contract signed") or contract,
        _("Contract number %(number)s is already taken.") % {"number": number},
    )
    ocds.record(award.lot.competition, "contract", at=contract.created_at, contract=contract)
    return contract


@transaction.atomic
def update_contract(contract: Contract, user, **fields) -> Contract:
    """Correct the contract's number, dates or amount while the project runs."""
    contract = _locked(contract)
    _require_manager(user, contract.award)
    _require_in_progress(contract)
    for name in ("number", "signed_on", "starts_on", "ends_on", "amount"):
        if name in fields:
            setattr(contract, name, fields[name])
    contract.number = contract.number.strip()
    if not contract.number:
        raise TenderError(_("Give the contract number."))
    _check_signed_on(contract.award, contract.signed_on)
    _check_terms(contract.award, contract.amount, contract.starts_on, contract.ends_on)
    planned = contract.instalments.aggregate(total=Sum("amount"))["total"] or 0
    if contract.amount < planned:
        raise TenderError(
            _("The instalments already add up to %(planned)s ₸, more than this amount.")
            % {"planned": tenge(planned)}
        )
    contract.awarded_amount = contract.award.amount
    return unique_or_error(
        lambda: save(contract, user, "contract changed") or contract,
        _("Contract number %(number)s is already taken.") % {"number": contract.number},
    )


@transaction.atomic
def add_instalment(contract: Contract, user, planned_on: datetime.date, amount: int) -> Instalment:
    contract = _locked(contract)
    _require_manager(user, contract.award)
    _require_in_progress(contract)
    if amount is None or amount <= 0:
        raise TenderError(_("An instalment must be greater than zero."))
    planned = contract.instalments.aggregate(total=Sum("amount"))["total"] or 0
    if planned + amount > contract.amount:
        raise TenderError(
            _(
                "Instalments would total %(total)s ₸, more than the contract's %(amount)s ₸ "
                "(%(left)s ₸ left)."
            )
            % {
                "total": tenge(planned + amount),
                "amount": tenge(contract.amount),
                "left": tenge(contract.amount - planned),
            }
        )
    instalment = Instalment(
        contract=contract,
        number=_next_number(contract.instalments),
        planned_on=planned_on,
        amount=amount,
    )
    save(instalment, user, "instalment planned")
    return instalment


def _locked_instalment(instalment: Instalment, user) -> Instalment:
    contract = _locked(instalment.contract)
    _require_manager(user, contract.award)
    _require_in_progress(contract)
    instalment = Instalment.objects.select_for_update().get(pk=instalment.pk)
    instalment.contract = contract
    return instalment


@transaction.atomic
def approve_instalment(instalment: Instalment, user) -> Instalment:
    instalment = _locked_instalment(instalment, user)
    if instalment.status != Instalment.Status.PLANNED:
        raise TenderError(_("Only a planned instalment can be approved."))
    instalment.status = Instalment.Status.APPROVED
    instalment.approved_by = user
    instalment.approved_at = timezone.now()
    save(instalment, user, "instalment approved")
    return instalment


@transaction.atomic
def mark_instalment_paid(instalment: Instalment, user, paid_on: datetime.date) -> Instalment:
    instalment = _locked_instalment(instalment, user)
    if instalment.status != Instalment.Status.APPROVED:
        raise TenderError(_("An instalment is paid only after it is approved."))
    if paid_on > timezone.localdate():
        raise TenderError(_("The payment date cannot be in the future."))
    require_date_between(
        paid_on,
        instalment.contract.signed_on,
        timezone.localdate(),
        _("An instalment is paid between the contract's signature (%(first)s) and today."),
        field="paid_on",
    )
    instalment.status = Instalment.Status.PAID
    instalment.paid_on = paid_on
    instalment.paid_recorded_at = timezone.now()
    save(instalment, user, "instalment paid")
    ocds.record(
        instalment.contract.award.lot.competition,
        "implementation",
        at=instalment.paid_recorded_at,
        contract=instalment.contract,
        instalment=instalment,
    )
    return instalment


@transaction.atomic
def schedule_report(contract: Contract, user, kind: str, due_on: datetime.date) -> ProjectReport:
    contract = _locked(contract)
    _require_manager(user, contract.award)
    _require_in_progress(contract)
    if kind not in ProjectReport.Kind.values:
        raise TenderError(_("Choose the kind of report."))
    if kind == ProjectReport.Kind.FINAL and contract.reports.filter(kind=kind).exists():
        raise TenderError(_("The project already has its final report scheduled."))
    report = ProjectReport(
        contract=contract, number=_next_number(contract.reports), kind=kind, due_on=due_on
    )
    save(report, user, "report scheduled")
    return report


def _locked_report(report: ProjectReport) -> ProjectReport:
    contract = _locked(report.contract)
    report = ProjectReport.objects.select_for_update().get(pk=report.pk)
    report.contract = contract
    return report


@transaction.atomic
def submit_report(
    report: ProjectReport,
    user,
    narrative: str,
    indicators: str,
    spent: int,
    attachment=None,
) -> ProjectReport:
    """The NGO files a report (again, once returned); the reviewing officials are told by email
    and by their dashboard."""
    report = _locked_report(report)
    if not permissions.may_report_on(user, report.contract):
        raise TenderError(
            _("Only representatives of the contracted organisation file its reports.")
        )
    _require_in_progress(report.contract)
    if not report.is_open:
        raise TenderError(
            _("This report is %(status)s; it can no longer be changed.")
            % {"status": report.get_status_display().lower()}
        )
    if not (narrative or "").strip():
        raise TenderError(_("Describe what the project has done."))
    if spent is None or spent < 0:
        raise TenderError(_("Give the money spent in tenge."))
    if spent > report.contract.amount:
        raise TenderError(
            _("The money spent cannot exceed the contract's %(amount)s ₸.")
            % {"amount": tenge(report.contract.amount)}
        )
    report.narrative = narrative.strip()
    report.indicators = (indicators or "").strip()
    report.spent = spent
    if attachment:
        report.attachment = attachment
    report.status = ProjectReport.Status.SUBMITTED
    report.status_reason = ""
    report.submitted_by = user
    report.submitted_at = timezone.now()
    save(report, user, "report submitted")
    events.report_event(  # to the officials who review it
        events.REPORT_SUBMITTED,
        report,
        user,
        key_suffix=f"@{report.submitted_at.isoformat()}",
        recipients=events.organiser_officials(report.contract.award.lot.competition),
    )
    return report


def _reviewable(report: ProjectReport, user) -> ProjectReport:
    report = _locked_report(report)
    _require_manager(user, report.contract.award)
    if report.status != ProjectReport.Status.SUBMITTED:
        raise TenderError(_("Only a submitted report awaiting review can be accepted or returned."))
    return report


@transaction.atomic
def accept_report(report: ProjectReport, user) -> ProjectReport:
    report = _reviewable(report, user)
    report.status = ProjectReport.Status.ACCEPTED
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    save(report, user, "report accepted")
    ocds.record(
        report.contract.award.lot.competition,
        "implementation",
        at=report.reviewed_at,
        contract=report.contract,
        report=report,
    )
    events.report_event(events.REPORT_ACCEPTED, report, user)
    return report


@transaction.atomic
def return_report(report: ProjectReport, user, reason: str) -> ProjectReport:
    report = _reviewable(report, user)
    if not (reason or "").strip():
        raise TenderError(_("Give the reason for returning the report; the organisation reads it."))
    report.status = ProjectReport.Status.RETURNED
    report.status_reason = reason.strip()
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    save(report, user, "report returned")
    events.report_event(
        events.REPORT_RETURNED, report, user, key_suffix=f"@{report.reviewed_at.isoformat()}"
    )
    return report


@transaction.atomic
def complete_project(contract: Contract, user) -> Contract:
    contract = _locked(contract)
    _require_manager(user, contract.award)
    _require_in_progress(contract)
    final = contract.reports.filter(kind=ProjectReport.Kind.FINAL).first()
    if final is None or final.status != ProjectReport.Status.ACCEPTED:
        raise TenderError(_("A project is completed once its final report is accepted."))
    if contract.reports.exclude(status=ProjectReport.Status.ACCEPTED).exists():
        raise TenderError(_("Every report of the project must be accepted first."))
    contract.status = Contract.Status.COMPLETED
    contract.closed_at = timezone.now()
    save(contract, user, "project completed")
    ocds.record(contract.award.lot.competition, "termination", contract=contract)
    return contract


@transaction.atomic
def terminate_project(contract: Contract, user, reason: str) -> Contract:
    contract = _locked(contract)
    _require_manager(user, contract.award)
    _require_in_progress(contract)
    if not (reason or "").strip():
        raise TenderError(_("Give the reason for terminating the contract; it is published."))
    contract.status = Contract.Status.TERMINATED
    contract.status_reason = reason.strip()
    contract.closed_at = timezone.now()
    save(contract, user, "contract terminated")
    ocds.record(contract.award.lot.competition, "termination", contract=contract)
    return contract


def remind_reports(today: datetime.date | None = None, days: int = 7) -> int:
    """Daily: the NGO hears that a report is due within `days` (once per report and due date)."""
    today = today or timezone.localdate()
    due = ProjectReport.objects.filter(
        status__in=ProjectReport.OPEN_STATUSES,
        contract__status=Contract.Status.IN_PROGRESS,
        due_on__gte=today,
        due_on__lte=today + datetime.timedelta(days=days),
    ).select_related("contract__award__ngo", "contract__award__lot__competition")
    for report in due:
        events.report_event(events.REPORT_DUE, report, None, key_suffix=f"@{report.due_on}")
    return len(due)
