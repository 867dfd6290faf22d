"""Every change of state in the register, each in one transaction with its audit trail.

History rows (django-simple-history) record who made the change and why; views stay thin.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import NGO, AnnualReport, Document, Representation, report_year_due


class RegistryError(Exception):
    """A refusal the user must read; the message is already translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _save(obj, user, reason: str, **kwargs):
    obj._history_user = user
    obj._change_reason = reason
    obj.save(**kwargs)


STATUS_FIELDS = ["status", "status_reason", "status_changed_at"]


def _set_status(
    ngo: NGO, status: str, user, reason: str, status_reason: str = "", also: tuple = ()
) -> None:
    """Writes the status fields (and `also`) only, so a profile edit saved meanwhile is kept."""
    ngo.status = status
    ngo.status_reason = status_reason
    ngo.status_changed_at = timezone.now()
    _save(ngo, user, reason, update_fields=[*STATUS_FIELDS, *also])


@transaction.atomic
def create_ngo(form, user) -> NGO:
    """A new NGO profile in draft; its creator becomes its first representative."""
    ngo = form.save(commit=False)
    ngo.status = NGO.Status.DRAFT
    _save(ngo, user, "created")
    form.save_m2m()
    Representation.objects.create(
        user=user, ngo=ngo, status=Representation.Status.APPROVED, decided_at=timezone.now()
    )
    return ngo


@transaction.atomic
def update_profile(form, user) -> NGO:
    ngo = form.save(commit=False)
    if ngo.is_public:
        ngo.data_confirmed_at = timezone.now()
    _save(ngo, user, "profile edited")
    form.save_m2m()
    return ngo


def claim_ngo(user, bin: str, position: str = "") -> Representation:
    """Ask to represent an NGO already in the register; an official decides."""
    ngo = NGO.objects.public().filter(bin=bin).first()
    if ngo is None:
        raise RegistryError(_("No organisation with this BIN is in the register."))
    if ngo.representatives.filter(user=user).exists():
        raise RegistryError(_("You have already asked to represent this organisation."))
    try:
        with transaction.atomic():
            return Representation.objects.create(
                user=user, ngo=ngo, status=Representation.Status.PENDING, position=position
            )
    except IntegrityError as exc:
        raise RegistryError(_("You have already asked to represent this organisation.")) from exc


@transaction.atomic
def decide_claim(claim: Representation, official, approve: bool) -> Representation:
    if not permissions.may_verify(official, claim.ngo):
        raise RegistryError(_("This organisation is outside your scope."))
    if claim.status != Representation.Status.PENDING:
        raise RegistryError(_("This request has already been decided."))
    claim.status = Representation.Status.APPROVED if approve else Representation.Status.REJECTED
    claim.decided_at = timezone.now()
    claim.decided_by = official
    _save(claim, official, "claim approved" if approve else "claim rejected")
    return claim


@transaction.atomic
def submit_for_verification(ngo: NGO, user) -> NGO:
    ngo = NGO.objects.select_for_update().get(pk=ngo.pk)
    if ngo.status not in (NGO.Status.DRAFT, NGO.Status.REJECTED):
        raise RegistryError(
            _("Only a draft or rejected profile can be submitted for verification.")
        )
    if not ngo.name_kk:
        raise RegistryError(_("Fill in the name in Kazakh before submitting for verification."))
    ngo.submitted_at = timezone.now()
    _set_status(
        ngo, NGO.Status.SUBMITTED, user, "submitted for verification", also=("submitted_at",)
    )
    return ngo


@transaction.atomic
def verify_ngo(ngo: NGO, official) -> NGO:
    ngo = NGO.objects.select_for_update().get(pk=ngo.pk)
    if not permissions.may_verify(official, ngo):
        raise RegistryError(_("This organisation is outside your scope."))
    if ngo.status != NGO.Status.SUBMITTED:
        raise RegistryError(_("Only a submitted profile can be verified."))
    if not ngo.name_kk:
        raise RegistryError(_("A verified organisation needs its name in Kazakh."))
    filed = ngo.annual_reports.submitted().filter(year__gte=report_year_due()).exists()
    ngo.data_confirmed_at = timezone.now()
    ngo.save(update_fields=["data_confirmed_at"])
    _set_status(ngo, NGO.Status.ACTIVE if filed else NGO.Status.VERIFIED, official, "verified")
    return ngo


@transaction.atomic
def reject_ngo(ngo: NGO, official, reason: str) -> NGO:
    ngo = NGO.objects.select_for_update().get(pk=ngo.pk)
    if not permissions.may_verify(official, ngo):
        raise RegistryError(_("This organisation is outside your scope."))
    if ngo.status != NGO.Status.SUBMITTED:
        raise RegistryError(_("Only a submitted profile can be rejected."))
    if not reason.strip():
        raise RegistryError(_("Give the reason for the rejection; the organisation will see it."))
    _set_status(ngo, NGO.Status.REJECTED, official, "rejected", status_reason=reason.strip())
    return ngo


@transaction.atomic
def liquidate_ngo(ngo: NGO, official, reason: str) -> NGO:
    """Liquidation is recorded, never deleted: the NGO stays public with the reason."""
    ngo = NGO.objects.select_for_update().get(pk=ngo.pk)
    if not permissions.may_verify(official, ngo):
        raise RegistryError(_("This organisation is outside your scope."))
    if not ngo.is_public or ngo.status == NGO.Status.LIQUIDATED:
        raise RegistryError(_("Only an organisation in the public register can be liquidated."))
    if not reason.strip():
        raise RegistryError(_("Give the reason and the date of the liquidation."))
    _set_status(ngo, NGO.Status.LIQUIDATED, official, "liquidated", status_reason=reason.strip())
    return ngo


def mark_passive_ngos(today: datetime.date | None = None) -> int:
    """NGOs without annual information for last year become passive; safe to run again."""
    year = report_year_due(today)
    due = NGO.objects.due_to_become_passive(year)
    count = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            # Lock first, then check again in a statement of its own, so that a report filed
            # while this waited for the lock is seen.
            ngo = NGO.objects.select_for_update().get(pk=pk)
            if due.filter(pk=pk).exists():
                _set_status(ngo, NGO.Status.PASSIVE, None, f"no annual report for {year}")
                count += 1
    return count


@transaction.atomic
def start_annual_report(ngo: NGO, year: int, user) -> AnnualReport:
    if not 1991 <= year <= timezone.localdate().year:
        raise RegistryError(_("An annual report can be filed for a past or the current year only."))
    if ngo.annual_reports.filter(year=year).exists():
        raise RegistryError(
            _("An annual report for %(year)s already exists; submit a correction instead.")
            % {"year": year}
        )
    report = AnnualReport(ngo=ngo, year=year)
    try:
        with transaction.atomic():
            _save(report, user, "started")
    except IntegrityError as exc:
        raise RegistryError(
            _("An annual report for %(year)s already exists; submit a correction instead.")
            % {"year": year}
        ) from exc
    return report


@transaction.atomic
def save_annual_report(report: AnnualReport, figures: dict, user, submit: bool) -> AnnualReport:
    """Save the figures of a draft (and submit it); a submitted report is never written over."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status != AnnualReport.Status.DRAFT:
        raise RegistryError(_("This report has already been submitted."))
    for field in AnnualReport.FIGURE_FIELDS:
        setattr(report, field, figures[field])
    _save(report, user, "edited", update_fields=list(AnnualReport.FIGURE_FIELDS))
    return submit_annual_report(report, user) if submit else report


@transaction.atomic
def submit_annual_report(report: AnnualReport, user) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().select_related("ngo").get(pk=report.pk)
    if report.status != AnnualReport.Status.DRAFT:
        raise RegistryError(_("This report has already been submitted."))
    report.status = AnnualReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    _save(report, user, "submitted")
    ngo = NGO.objects.select_for_update().get(pk=report.ngo_id)
    ngo.data_confirmed_at = report.submitted_at
    ngo.save(update_fields=["data_confirmed_at"])
    if report.year >= report_year_due() and ngo.status in (
        NGO.Status.VERIFIED,
        NGO.Status.PASSIVE,
    ):
        _set_status(ngo, NGO.Status.ACTIVE, user, f"annual report for {report.year} filed")
    return report


@transaction.atomic
def correct_annual_report(report: AnnualReport, user) -> AnnualReport:
    """A submitted report is never overwritten: the correction is a new draft version."""
    if report.status != AnnualReport.Status.SUBMITTED:
        raise RegistryError(_("Only a submitted report can be corrected."))
    siblings = AnnualReport.objects.select_for_update().filter(ngo=report.ngo, year=report.year)
    if siblings.filter(status=AnnualReport.Status.DRAFT).exists():
        raise RegistryError(_("A correction of this report is already being prepared."))
    latest = siblings.aggregate(v=Max("version"))["v"]
    correction = AnnualReport(ngo=report.ngo, year=report.year, version=latest + 1)
    for field in AnnualReport.FIGURE_FIELDS:
        setattr(correction, field, getattr(report, field))
    _save(correction, user, f"correction of version {report.version}")
    return correction


@transaction.atomic
def attach_document(ngo: NGO, kind: str, upload, user) -> Document:
    """The upload has been checked by the form (size, type, content) before it gets here."""
    return Document.objects.create(
        ngo=ngo,
        kind=kind,
        file=upload,
        original_name=upload.name[:255],
        size=upload.size,
        uploaded_by=user,
    )
