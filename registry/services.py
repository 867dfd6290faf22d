"""Every change of state in the register, each in one transaction with its audit trail.

History rows (django-simple-history) record who made the change and why; views stay thin.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import events, permissions
from .models import (
    NGO,
    AnnualReport,
    Document,
    ParticularsChange,
    Representation,
    last_ended_year,
    report_year_due,
)

logger = logging.getLogger(__name__)


class RegistryError(Exception):
    """A refusal the user must read; the message is already translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _save(obj, user, reason: str, update_fields=None):
    """Save with its history row; a partial save of an NGO still moves its `updated_at`."""
    obj._history_user = user
    obj._change_reason = reason
    if update_fields is not None and isinstance(obj, NGO):
        update_fields = [*update_fields, "updated_at"]
    obj.save(update_fields=update_fields)


STATUS_FIELDS = ["status", "status_reason", "status_changed_at", "submitted_at"]


def _set_status(
    ngo: NGO, status: str, user, reason: str, status_reason: str = "", also: tuple = ()
) -> None:
    """Writes the status fields (and `also`) only, so a profile edit saved meanwhile is kept."""
    ngo.status = status
    ngo.status_reason = status_reason
    ngo.status_changed_at = timezone.now()
    _save(ngo, user, reason, update_fields=[*STATUS_FIELDS, *also])


NOT_IN_PUBLIC_REGISTER = gettext_lazy(
    "No organisation with this BIN is in the public register. If it is yours, register it: the "
    "ministry checks every new profile."
)


@transaction.atomic
def create_ngo(form, user) -> NGO | Representation:
    """A new NGO profile in draft, its creator its first representative — or a claim.

    A BIN already held by a profile nobody has verified yet (draft, submitted, rejected) is not
    refused as "already exists": that would let whoever typed it first keep the real
    organisation out, and tell anyone that an unpublished profile exists. It becomes a claim
    on that profile for an official to decide, and the answer names nothing of the profile.
    """
    bin = form.cleaned_data["bin"]
    held = NGO.objects.select_for_update().filter(bin=bin).first()
    if held is None:
        try:
            with transaction.atomic():
                ngo = form.save(commit=False)
                ngo.status = NGO.Status.DRAFT
                _save(ngo, user, "created")
        except IntegrityError:  # the same BIN registered a moment ago
            held = NGO.objects.get(bin=bin)
        else:
            form.save_m2m()
            Representation.objects.create(
                user=user, ngo=ngo, status=Representation.Status.APPROVED, decided_at=timezone.now()
            )
            return ngo
    if held.is_public:
        raise RegistryError(
            _("This organisation is already in the register; ask to represent it instead.")
        )
    return _request_representation(user, held, "")


@transaction.atomic
def confirm_particulars(ngo: NGO, user) -> NGO:
    """The representative states that the registered particulars shown are still correct."""
    ngo = NGO.objects.select_for_update().get(pk=ngo.pk)
    if not ngo.is_public or ngo.status == NGO.Status.LIQUIDATED:
        raise RegistryError(_("Only an organisation in the public register confirms its data."))
    ngo.data_confirmed_at = timezone.now()
    _save(ngo, user, "particulars confirmed", update_fields=["data_confirmed_at"])
    return ngo


def claim_ngo(user, bin: str, position: str = "") -> Representation:
    """Ask to represent an NGO of the public register; an official decides.

    A BIN outside the public register gets the same answer whether it is free or held by an
    unpublished profile: the way to it is registering, which becomes a claim if it is held.
    """
    ngo = NGO.objects.public().filter(bin=bin).first()
    if ngo is None:
        raise RegistryError(str(NOT_IN_PUBLIC_REGISTER))
    return _request_representation(user, ngo, position)


def _request_representation(user, ngo: NGO, position: str) -> Representation:
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
def update_profile(form, user) -> NGO:
    """Save a representative's edit of the profile.

    An NGO not yet public changes freely. A public NGO's contacts, description and counts go
    live at once; its registered particulars (NGO.REGISTERED_FIELDS) wait in a
    ParticularsChange until an official approves them.
    """
    if not form.instance.is_public:
        ngo = form.save(commit=False)
        _save(ngo, user, "profile edited")
        form.save_m2m()
        return ngo
    ngo = NGO.objects.select_for_update().get(pk=form.instance.pk)
    data = form.cleaned_data
    for name in NGO.PROFILE_FIELDS:
        if name not in NGO.REGISTERED_FIELDS:
            setattr(ngo, name, data[name])
    # An edit is not a confirmation: "data last confirmed" moves only by `confirm_particulars`.
    _save(ngo, user, "profile edited")
    ngo.activity_areas.set(data["activity_areas"])
    proposed = {
        name: ParticularsChange.encode(name, data[name])
        for name in NGO.REGISTERED_FIELDS
        if data[name] != getattr(ngo, name)
    }
    propose_particulars(ngo, proposed, user)
    return ngo


def propose_particulars(ngo: NGO, proposed: dict, user) -> ParticularsChange | None:
    """Open, update or withdraw the NGO's pending change so that it holds `proposed`."""
    pending = ParticularsChange.objects.select_for_update().pending().filter(ngo=ngo).first()
    now = timezone.now()
    if pending is None:
        if not proposed:
            return None
        return ParticularsChange.objects.create(
            ngo=ngo, values=proposed, submitted_by=user, submitted_at=now
        )
    if not proposed:
        pending.status = ParticularsChange.Status.WITHDRAWN
        pending.decided_by, pending.decided_at = user, now
    elif proposed != pending.values:
        pending.values, pending.revision = proposed, pending.revision + 1
        pending.submitted_by, pending.submitted_at = user, now
    pending.save()
    return pending


@transaction.atomic
def decide_particulars_change(
    change: ParticularsChange,
    official,
    approve: bool,
    reason: str = "",
    revision: int | None = None,
) -> ParticularsChange:
    """Approve (the NGO takes the proposed values) or reject with a reason the NGO sees."""
    change = ParticularsChange.objects.select_for_update().get(pk=change.pk)
    ngo = NGO.objects.select_for_update().get(pk=change.ngo_id)
    if not permissions.may_verify(official, ngo):
        raise RegistryError(_("This organisation is outside your scope."))
    if change.status != ParticularsChange.Status.PENDING:
        raise RegistryError(_("This change has already been decided."))
    if revision is not None and revision != change.revision:
        raise RegistryError(
            _("The organisation has changed its proposal meanwhile; review it again.")
        )
    if not approve and not reason.strip():
        raise RegistryError(_("Give the reason for the rejection; the organisation will see it."))
    if approve:
        change.apply_to(ngo)
        if not ngo.name_kk:
            raise RegistryError(_("A verified organisation needs its name in Kazakh."))
        ngo.data_confirmed_at = timezone.now()
        _save(ngo, official, "registered particulars approved")
    change.status = (
        ParticularsChange.Status.APPROVED if approve else ParticularsChange.Status.REJECTED
    )
    change.reason = reason.strip()
    change.decided_by, change.decided_at = official, timezone.now()
    change.save()
    return change


@transaction.atomic
def decide_claim(
    claim: Representation, official, approve: bool, reason: str = ""
) -> Representation:
    """Approve or reject a request to represent an NGO; the claimant is told by email."""
    claim = (
        Representation.objects.select_for_update().select_related("ngo", "user").get(pk=claim.pk)
    )
    if not permissions.may_verify(official, claim.ngo):
        raise RegistryError(_("This organisation is outside your scope."))
    if claim.status != Representation.Status.PENDING:
        raise RegistryError(_("This request has already been decided."))
    if not approve and not reason.strip():
        raise RegistryError(
            _("Give the reason for the rejection; the person who asked will see it.")
        )
    claim.status = Representation.Status.APPROVED if approve else Representation.Status.REJECTED
    claim.decision_reason = reason.strip()
    claim.decided_at = timezone.now()
    claim.decided_by = official
    _save(claim, official, "claim approved" if approve else "claim rejected")
    with translation.override(claim.language):  # told in the language they asked in
        events.emit(
            events.CLAIM_DECIDED,
            key=f"{claim.pk}:{claim.status}",
            recipients=[claim.user],
            actor=official,
            language=claim.language,
            context={
                "approved": approve,
                "name": claim.user.get_full_name(),
                "ngo_name": claim.ngo.name,
                "bin": claim.ngo.bin,
                "reason": claim.decision_reason,
            },
        )
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
    filed = AnnualReport.objects.covering(report_year_due(), ngo).exists()
    ngo.data_confirmed_at = timezone.now()
    status = NGO.Status.ACTIVE if filed else NGO.Status.VERIFIED
    _set_status(ngo, status, official, "verified", also=["data_confirmed_at"])
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
    """Statuses follow the year due: NGOs without its annual information become passive, passive
    NGOs that have filed it become active again. Safe to run again."""
    year = report_year_due(today)
    changes = [
        (
            NGO.objects.due_to_become_passive(year),
            NGO.Status.PASSIVE,
            f"no annual report for {year}",
        ),
        (
            NGO.objects.due_to_become_active(year),
            NGO.Status.ACTIVE,
            f"annual report for {year} filed",
        ),
    ]
    count = 0
    for due, status, reason in changes:
        for pk in list(due.values_list("pk", flat=True)):
            with transaction.atomic():
                # Lock first, then check again in a statement of its own, so that a report filed
                # while this waited for the lock is seen.
                ngo = NGO.objects.select_for_update().get(pk=pk)
                if due.filter(pk=pk).exists():
                    _set_status(ngo, status, None, reason)
                    count += 1
    return count


@transaction.atomic
def start_annual_report(ngo: NGO, year: int, user) -> AnnualReport:
    years = ngo.report_years()
    if year > last_ended_year():
        raise RegistryError(
            _("The year %(year)s has not ended yet; its annual report can be filed from 1 January.")
            % {"year": year}
        )
    if year not in years:
        raise RegistryError(
            _(
                "An annual report can be filed for the years from %(first)s to %(last)s, while "
                "the organisation exists in the register."
            )
            % {"first": years.start, "last": max(years.start, years.stop - 1)}
        )
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
    for field in AnnualReport.REPORT_FIELDS:
        setattr(report, field, figures[field])
    _save(report, user, "edited", update_fields=list(AnnualReport.REPORT_FIELDS))
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
    if report.year < report_year_due() or ngo.status == NGO.Status.LIQUIDATED:
        # A late report for an earlier year fills a gap; it confirms nothing about today.
        NGO.objects.filter(pk=ngo.pk).update(updated_at=report.submitted_at)
        return report
    ngo.data_confirmed_at = report.submitted_at
    if ngo.status in (NGO.Status.VERIFIED, NGO.Status.PASSIVE):
        reason = f"annual report for {report.year} filed"
        _set_status(ngo, NGO.Status.ACTIVE, user, reason, also=["data_confirmed_at"])
    else:
        _save(ngo, user, f"annual report for {report.year} filed", ["data_confirmed_at"])
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
    for field in AnnualReport.REPORT_FIELDS:
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
