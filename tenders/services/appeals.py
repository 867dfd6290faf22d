"""Appeals against published results: filed by an applicant in time, answered, then decided.

An upheld appeal changes the results only through `correct_results`, the one recorded
correction mechanism; the correction is linked to the appeal.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import events, ocds, permissions
from ..models import Appeal, Application, Award, Competition
from .base import TenderError, require_organiser, save
from .competitions import unique_or_error
from .results import correct_results


def appeal_deadline(competition: Competition) -> datetime.datetime | None:
    """The end (Almaty time) of the last calendar day on which the results may be appealed."""
    if competition.results_only or competition.published_at is None:
        return None
    published_on = timezone.localdate(competition.published_at)
    last_day = published_on + datetime.timedelta(days=settings.TENDERS_APPEAL_DAYS)
    return datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time.min, timezone.get_current_timezone()
    )


def may_still_appeal(competition: Competition, now=None) -> bool:
    deadline = appeal_deadline(competition)
    return (
        competition.status in Competition.RESULT_STATUSES
        and deadline is not None
        and (now or timezone.now()) < deadline
    )


def _locked(appeal: Appeal) -> Appeal:
    return (
        Appeal.objects.select_for_update()
        .select_related("application__lot__competition", "application__ngo")
        .get(pk=appeal.pk)
    )


@transaction.atomic
def file_appeal(application: Application, user, grounds: str, now=None) -> Appeal:
    now = now or timezone.now()
    if not permissions.may_apply_for(user, application.ngo):
        raise TenderError(_("Only the applicant's representatives may appeal its result."))
    application = (
        Application.objects.select_for_update()
        .select_related("lot__competition", "ngo")
        .get(pk=application.pk)
    )
    competition = application.lot.competition
    if competition.status not in Competition.RESULT_STATUSES:
        raise TenderError(_("Results can be appealed only once they are published."))
    if application.status in (Application.Status.DRAFT, Application.Status.WITHDRAWN):
        raise TenderError(_("Only an application that took part in the competition is appealed."))
    if not may_still_appeal(competition, now):
        last_day = appeal_deadline(competition) - datetime.timedelta(days=1)
        raise TenderError(
            _("The period for appeals ended on %(date)s.")
            % {"date": date_format(last_day.date(), "SHORT_DATE_FORMAT")}
        )
    if not grounds.strip():
        raise TenderError(_("Give the grounds of the appeal."))
    already = application.appeals.filter(status__in=Appeal.OPEN_STATUSES).first()
    if already is not None:
        raise TenderError(
            _("Appeal %(number)s of this application is still being considered.")
            % {"number": already.number}
        )
    appeal = Appeal(
        application=application,
        number=f"{application.number}-AP{application.appeals.count() + 1}",
        grounds=grounds.strip(),
        filed_by=user,
    )
    unique_or_error(
        lambda: save(appeal, user, "filed"),
        _("This application already has an appeal being considered."),
    )
    events.appeal_filed(appeal, user)
    return appeal


@transaction.atomic
def answer_appeal(appeal: Appeal, user, answer: str, now=None) -> Appeal:
    """The organiser's answer to the grounds (filed → answered), before the decision."""
    appeal = _locked(appeal)
    require_organiser(user, appeal.application.lot.competition)
    if appeal.status != Appeal.Status.FILED:
        raise TenderError(_("This appeal has already been answered."))
    if not answer.strip():
        raise TenderError(_("Write the answer to the appeal."))
    appeal.answer = answer.strip()
    appeal.answered_by = user
    appeal.answered_at = now or timezone.now()
    appeal.status = Appeal.Status.ANSWERED
    save(appeal, user, "answered")
    return appeal


@transaction.atomic
def decide_appeal(
    appeal: Appeal,
    user,
    upheld: bool,
    reason: str,
    withdraw: list[Award] = (),
    amounts: dict[Award, int] | None = None,
    add: list[tuple[Application, int]] = (),
    now=None,
) -> Appeal:
    """Uphold (with the correction of the results it leads to) or dismiss, with the reasons."""
    appeal = _locked(appeal)
    competition = appeal.application.lot.competition
    require_organiser(user, competition)
    if appeal.status == Appeal.Status.FILED:
        raise TenderError(_("Answer the appeal before deciding it."))
    if appeal.status != Appeal.Status.ANSWERED:
        raise TenderError(_("This appeal has already been decided."))
    if not reason.strip():
        raise TenderError(_("Give the reasons of the decision; the applicant reads them."))
    if upheld:
        with ocds.deciding(appeal):  # the correction's OCDS release names the appeal
            appeal.correction = correct_results(
                competition, user, reason, withdraw=withdraw, amounts=amounts, add=add
            )
    elif withdraw or amounts or add:
        raise TenderError(_("A dismissed appeal changes no results."))
    appeal.status = Appeal.Status.UPHELD if upheld else Appeal.Status.DISMISSED
    appeal.decision_reason = reason.strip()
    appeal.decided_by = user
    appeal.decided_at = now or timezone.now()
    save(appeal, user, appeal.status)
    events.appeal_decided(appeal, user)
    return appeal
