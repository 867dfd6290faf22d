"""The named events of a competition, told to the people concerned through the registry's hub."""

from accounts.models import User
from registry import events
from registry.models import Representation

APPLICATION_RECEIVED = events.define(
    "tenders.application_received", "tenders/email/application_received"
)
APPLICATION_RETURNED = events.define(
    "tenders.application_returned", "tenders/email/application_returned"
)
RESULTS_PUBLISHED = events.define("tenders.results_published", "tenders/email/results_published")
CLOSING_SOON = events.define("tenders.closing_soon", "tenders/email/closing_soon")


def representatives(ngo_ids) -> list:
    return list(
        User.objects.filter(
            representations__ngo_id__in=list(ngo_ids),
            representations__status=Representation.Status.APPROVED,
            is_active=True,
        ).distinct()
    )


def application_context(application) -> dict:
    competition = application.lot.competition
    return {
        "number": application.number,
        "title": application.title,
        "ngo": application.ngo.name,
        "competition": competition.number,
        "competition_title": competition.title,
        "closes_at": competition.closes_at.isoformat() if competition.closes_at else "",
        "reason": application.status_reason,
    }


def application_event(event, application, actor, key_suffix: str = "") -> None:
    events.emit(
        event,
        key=f"{application.number}{key_suffix}",
        recipients=representatives([application.ngo_id]),
        actor=actor,
        context=application_context(application),
    )


def results_published(competition, actor) -> None:
    from .models import Application

    applicants = (
        Application.objects.submitted()
        .filter(lot__competition=competition)
        .values_list("ngo_id", flat=True)
    )
    events.emit(
        RESULTS_PUBLISHED,
        key=competition.number,
        recipients=representatives(set(applicants)),
        actor=actor,
        context={"competition": competition.number, "competition_title": competition.title},
    )


COMPETITION_CANCELLED = events.define(
    "tenders.competition_cancelled", "tenders/email/competition_cancelled"
)


def competition_cancelled(competition, actor) -> None:
    """Every NGO that started or sent an application hears of the cancellation and its reason."""
    from .models import Application

    applicants = Application.objects.filter(lot__competition=competition).values_list(
        "ngo_id", flat=True
    )
    events.emit(
        COMPETITION_CANCELLED,
        key=competition.number,
        recipients=representatives(set(applicants)),
        actor=actor,
        context={
            "competition": competition.number,
            "competition_title": competition.title,
            "reason": competition.cancel_reason,
        },
    )


REPORT_DUE = events.define("tenders.report_due", "tenders/email/report_due")
REPORT_RETURNED = events.define("tenders.report_returned", "tenders/email/report_returned")
REPORT_ACCEPTED = events.define("tenders.report_accepted", "tenders/email/report_accepted")
REPORT_SUBMITTED = events.define("tenders.report_submitted", "tenders/email/report_submitted")


def organiser_officials(competition) -> list:
    """The active officials of the competition's organiser and operator."""
    bodies = {competition.organiser_id, competition.operator_id} - {None}
    return list(User.objects.filter(state_bodies__in=bodies, is_active=True).distinct())


def report_event(event, report, actor, key_suffix: str = "", recipients=None) -> None:
    """Tell the contracted NGO's representatives (or the given `recipients`) about one of its
    project reports."""
    contract = report.contract
    award = contract.award
    if recipients is None:
        recipients = representatives([award.ngo_id])
    events.emit(
        event,
        key=f"{contract.number}/R{report.number}{key_suffix}",
        recipients=recipients,
        actor=actor,
        context={
            "contract": contract.number,
            "report": report.number,
            "kind": report.get_kind_display(),
            "due_on": report.due_on.isoformat(),
            "ngo": award.ngo.name,
            "competition": award.lot.competition.number,
            "reason": report.status_reason,
            "application": award.application.number if award.application_id else "",
        },
    )


QUESTION_ANSWERED = events.define("tenders.question_answered", "tenders/email/question_answered")
APPEAL_FILED = events.define("tenders.appeal_filed", "tenders/email/appeal_filed")
APPEAL_DECIDED = events.define("tenders.appeal_decided", "tenders/email/appeal_decided")


def question_answered(question, actor) -> None:
    """The asker learns the answer is out; the public page never names them."""
    if question.asked_by is None:
        return
    events.emit(
        QUESTION_ANSWERED,
        key=question.number,
        recipients=[question.asked_by],
        actor=actor,
        context={
            "competition": question.competition.number,
            "competition_title": question.competition.title,
            "question": question.text,
        },
    )


def appeal_context(appeal) -> dict:
    application = appeal.application
    return {
        **application_context(application),
        "appeal": appeal.number,
        "status": appeal.get_status_display(),
        "decision_reason": appeal.decision_reason,
    }


def appeal_filed(appeal, actor) -> None:
    """The organiser's officials learn that an appeal waits for them."""
    events.emit(
        APPEAL_FILED,
        key=appeal.number,
        recipients=organiser_officials(appeal.application.lot.competition),
        actor=actor,
        context=appeal_context(appeal),
    )


def appeal_decided(appeal, actor) -> None:
    events.emit(
        APPEAL_DECIDED,
        key=f"{appeal.number}-{appeal.status}",
        recipients=representatives([appeal.application.ngo_id]),
        actor=actor,
        context=appeal_context(appeal),
    )
