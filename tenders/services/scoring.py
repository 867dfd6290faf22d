from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import (
    Application,
    CommissionMember,
    Competition,
    ConflictDeclaration,
    Lot,
    Score,
    ScoreSheet,
)
from .base import TenderError, require_organiser
from .competitions import follow_the_clock, unique_or_error


@transaction.atomic
def add_member(competition: Competition, official, user, kind: str) -> CommissionMember:
    require_organiser(official, competition)
    if competition.status in (*Competition.RESULT_STATUSES, Competition.Status.CANCELLED):
        raise TenderError(_("The commission of a finished competition cannot change."))
    return unique_or_error(
        lambda: CommissionMember.objects.create(competition=competition, user=user, kind=kind),
        _("%(user)s is already on this commission.") % {"user": user},
    )


def _member_for(application: Application, user) -> CommissionMember:
    competition = application.lot.competition
    member = permissions.seat(user, competition)
    if member is None:
        raise TenderError(_("You are not on this competition's commission."))
    if not competition.has_closed():
        raise TenderError(_("Applications are sealed until the close."))
    if permissions.linked_to_lot(member, application.lot):
        raise TenderError(
            _(
                "You are linked to an applicant of lot %(lot)s (you represent it or declared a "
                "conflict of interest), so you read and score nothing in that lot."
            )
            % {"lot": application.lot.code}
        )
    if not permissions.may_read_application(user, application):
        raise TenderError(_("This application is not assigned to you."))
    return member


@transaction.atomic
def declare_conflict(application: Application, user, has_conflict: bool) -> ConflictDeclaration:
    """A declared conflict keeps the member out of the application's whole lot."""
    application = Application.objects.select_related("lot__competition", "ngo").get(
        pk=application.pk
    )
    if has_conflict:
        member = permissions.seat(user, application.lot.competition)
        if member is None:
            raise TenderError(_("You are not on this competition's commission."))
        if not application.lot.competition.has_closed():
            raise TenderError(_("Applications are sealed until the close."))
    else:
        member = _member_for(application, user)
    return unique_or_error(
        lambda: ConflictDeclaration.objects.create(
            member=member, application=application, has_conflict=has_conflict
        ),
        _("You have already made your declaration for this application."),
    )


@transaction.atomic
def score_application(
    application: Application, user, points: dict[int, int], submit: bool = True, now=None
) -> ScoreSheet:
    """Points per criterion id; a submitted sheet is final and its total is out of 100."""
    now = now or timezone.now()
    follow_the_clock(now)
    application = Application.objects.select_related("lot__competition", "ngo").get(
        pk=application.pk
    )
    competition = application.lot.competition
    member = _member_for(application, user)
    if competition.status != Competition.Status.EVALUATING or not competition.has_closed(now):
        raise TenderError(_("Applications are scored during evaluation only."))
    if application.status != Application.Status.ADMITTED:
        raise TenderError(_("Only an application admitted to scoring can be scored."))
    declaration = ConflictDeclaration.objects.filter(member=member, application=application).first()
    if declaration is None:
        raise TenderError(_("Declare first that you have no conflict of interest."))
    if declaration.has_conflict:
        raise TenderError(_("You have a conflict of interest and cannot score this application."))
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
        member=member, application=application
    )
    if sheet.submitted_at:
        raise TenderError(_("Your scores for this application are already submitted."))
    criteria = list(competition.criteria.all())
    if submit and set(points) != {c.pk for c in criteria}:
        raise TenderError(_("Score every criterion before submitting."))
    for criterion in criteria:
        if criterion.pk not in points:
            continue
        value = points[criterion.pk]
        if not 0 <= value <= criterion.max_points:
            raise TenderError(
                _("Points for “%(criterion)s” must be between 0 and %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_points}
            )
        Score.objects.update_or_create(sheet=sheet, criterion=criterion, defaults={"points": value})
    sheet.total = sheet.weighted_total()
    if submit:
        sheet.submitted_at = now
    sheet.save()
    return sheet


def visible_sheets(application: Application, user):
    """Blind scoring: a member sees the others' sheets only after submitting their own.

    Only the sheets that count are shown: none of a member linked to an applicant of the lot.
    """
    member = permissions.seat(user, application.lot.competition)
    sheets = ScoreSheet.objects.counted().filter(application=application)
    if member is None:
        if permissions.may_organise(user, application.lot.competition):
            return sheets
        return sheets.none()
    own = sheets.filter(member=member)
    return sheets if own.exists() else own


@dataclass
class Ranked:
    application: Application
    score: Decimal | None
    sheets: int
    passes: bool
    tied: bool = False
    # Blind scoring: hidden from a reader with a seat until their own sheet for it is in.
    hidden: bool = False


def scored(applications):
    """Annotate each application with its mean score and number of sheets, counted ones only."""
    counted = ScoreSheet.objects.counted().filter(application=OuterRef("pk")).values("application")
    return applications.annotate(
        mean_score=Subquery(counted.annotate(mean=Avg("total")).values("mean")),
        sheet_count=Coalesce(Subquery(counted.annotate(count=Count("pk")).values("count")), 0),
    )


def ranking(lot: Lot, reader=None) -> list[Ranked]:
    """Admitted applications by mean score; equal scores are flagged for the official to decide.

    Given a reader with a seat on the commission, the scores of the applications they have not
    scored yet are hidden from them (blind scoring holds on the lot page too).
    """
    competition = lot.competition
    rows = scored(lot.applications.filter(status=Application.Status.ADMITTED)).order_by(
        F("mean_score").desc(nulls_last=True), "submitted_at", "pk"
    )
    ranked = [
        Ranked(
            application=row,
            score=row.mean_score.quantize(Decimal("0.01")) if row.mean_score is not None else None,
            sheets=row.sheet_count,
            passes=row.mean_score is not None and row.mean_score >= competition.pass_score,
        )
        for row in rows
    ]
    for before, after in zip(ranked, ranked[1:], strict=False):
        if before.score is not None and before.score == after.score:
            before.tied = after.tied = True
    member = permissions.seat(reader, competition) if reader is not None else None
    if member is not None:
        own = set(
            ScoreSheet.objects.counted()
            .filter(member=member, application__lot=lot)
            .values_list("application", flat=True)
        )
        for row in ranked:
            row.hidden = row.application.pk not in own
    return ranked
