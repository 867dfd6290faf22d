import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import events, permissions
from ..models import Application, BudgetLine, Competition, Lot
from .base import TenderError, require_eligible, require_organiser, save, tenge
from .competitions import follow_the_clock, unique_or_error

APPLICATION_FIELDS = (
    "title",
    "summary",
    "goals",
    "activities",
    "beneficiaries",
    "beneficiary_count",
    "requested_amount",
)
REQUIRED_TO_SUBMIT = ("title", "summary", "goals", "activities", "beneficiaries")


def _require_window(competition: Competition, now) -> None:
    if not competition.is_accepting(now):
        if competition.has_closed(now):
            raise TenderError(_("Applications for this competition are closed."))
        raise TenderError(_("This competition is not accepting applications."))


# No 0/O or 1/I: an application number is read out on the phone.
NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def _next_number(lot: Lot) -> str:
    """A number that tells nothing (not how many applied before): random within the lot."""
    while True:
        token = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(6))
        number = f"{lot.code}-{token}"
        if not Application.objects.filter(number=number).exists():
            return number


@transaction.atomic
def start_application(ngo, lot: Lot, user, now=None) -> Application:
    """A draft application, prefilled from the register; reopened if the NGO had withdrawn."""
    now = now or timezone.now()
    if not permissions.may_apply_for(user, ngo):
        raise TenderError(_("You do not represent this organisation."))
    require_eligible(ngo)
    lot = Lot.objects.select_for_update().select_related("competition").get(pk=lot.pk)
    _require_window(lot.competition, now)
    existing = Application.objects.filter(lot=lot, ngo=ngo).first()
    if existing is not None:
        if existing.status != Application.Status.WITHDRAWN:
            raise TenderError(
                _("%(name)s has already applied to this lot (application %(number)s).")
                % {"name": ngo.name, "number": existing.number}
            )
        existing.status = Application.Status.DRAFT
        existing.submitted_at = None
        save(existing, user, "reopened after withdrawal")
        return existing
    application = Application(
        lot=lot,
        ngo=ngo,
        number=_next_number(lot),
        title=lot.theme,
        beneficiary_count=ngo.beneficiary_count,
        created_by=user,
    )
    return unique_or_error(
        lambda: save(application, user, "started") or application,
        _("%(name)s has already applied to this lot.") % {"name": ngo.name},
    )


def _editable(application: Application, user, now) -> Application:
    application = (
        Application.objects.select_for_update()
        .select_related("lot__competition", "ngo")
        .get(pk=application.pk)
    )
    if not permissions.may_apply_for(user, application.ngo):
        raise TenderError(_("You do not represent this organisation."))
    if application.status == Application.Status.RETURNED:
        # The commission asked for more: answerable after the close, during evaluation only.
        if application.lot.competition.status != Competition.Status.EVALUATING:
            raise TenderError(
                _("The evaluation is over: a returned application can no longer be changed.")
            )
        return application
    if application.status != Application.Status.DRAFT:
        raise TenderError(_("A submitted application cannot be changed; withdraw it first."))
    _require_window(application.lot.competition, now)
    return application


def _check_amounts(application: Application, lines: list[dict]) -> None:
    budget = application.lot.budget
    if application.requested_amount > budget:
        raise TenderError(
            _(
                "The requested amount (%(requested)s ₸) is more than "
                "the lot's budget (%(budget)s ₸)."
            )
            % {"requested": tenge(application.requested_amount), "budget": tenge(budget)}
        )
    if any(line["amount"] <= 0 or not line["item"].strip() for line in lines):
        raise TenderError(_("Each budget line needs an item and an amount greater than zero."))


def _no_higher_price(application: Application, fields: dict) -> None:
    """After the close the commission asks about the project, not for a new price: a returned
    application may lower its requested amount (re-itemising the budget), never raise it."""
    amount = fields.get("requested_amount", application.requested_amount)
    if amount > application.requested_amount:
        raise TenderError(
            _(
                "After the close the requested amount cannot rise above the %(amount)s ₸ "
                "submitted; answer the commission's question in the project's text."
            )
            % {"amount": tenge(application.requested_amount)},
            field="requested_amount",
        )


@transaction.atomic
def update_application(
    application: Application, user, fields: dict, budget_lines: list[dict], now=None
) -> Application:
    """Save the project and its budget breakdown (lines of item and amount in tenge)."""
    now = now or timezone.now()
    application = _editable(application, user, now)
    if application.status == Application.Status.RETURNED:
        _no_higher_price(application, fields)
    for field in APPLICATION_FIELDS:
        if field in fields:
            setattr(application, field, fields[field])
    _check_amounts(application, budget_lines)
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, position=position, **line)
        for position, line in enumerate(budget_lines, start=1)
    )
    save(application, user, "edited")
    return application


@transaction.atomic
def submit_application(application: Application, user, now=None) -> Application:
    now = now or timezone.now()
    application = _editable(application, user, now)
    require_eligible(application.ngo)
    missing = [
        str(Application._meta.get_field(field).verbose_name)
        for field in REQUIRED_TO_SUBMIT
        if not str(getattr(application, field)).strip()
    ]
    if missing:
        raise TenderError(
            _("Fill in before submitting: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    lines = list(application.budget_lines.values("item", "amount"))
    if application.requested_amount <= 0:
        raise TenderError(_("State the amount you request, in tenge."))
    _check_amounts(application, lines)
    if sum(line["amount"] for line in lines) != application.requested_amount:
        raise TenderError(
            _("The budget lines add up to %(sum)s ₸, not to the requested %(requested)s ₸.")
            % {
                "sum": tenge(sum(line["amount"] for line in lines)),
                "requested": tenge(application.requested_amount),
            }
        )
    application.status = Application.Status.SUBMITTED
    application.status_reason = ""
    application.submitted_at = now
    save(application, user, "submitted")
    events.application_event(
        events.APPLICATION_RECEIVED, application, user, key_suffix=f"@{now.isoformat()}"
    )
    return application


@transaction.atomic
def withdraw_application(application: Application, user, now=None) -> Application:
    now = now or timezone.now()
    application = (
        Application.objects.select_for_update()
        .select_related("lot__competition", "ngo")
        .get(pk=application.pk)
    )
    if not permissions.may_apply_for(user, application.ngo):
        raise TenderError(_("You do not represent this organisation."))
    if application.lot.competition.has_closed(now):
        raise TenderError(_("After the close of applications an application cannot be withdrawn."))
    if application.status not in (Application.Status.DRAFT, Application.Status.SUBMITTED):
        raise TenderError(_("This application cannot be withdrawn."))
    application.status = Application.Status.WITHDRAWN
    save(application, user, "withdrawn")
    return application


SCREENING = {
    "admit": Application.Status.ADMITTED,
    "return": Application.Status.RETURNED,
    "ineligible": Application.Status.INELIGIBLE,
}


@transaction.atomic
def screen_application(
    application: Application, official, decision: str, reason: str = "", now=None
) -> Application:
    """The compliance check after the close: admit to scoring, ask for more, or refuse."""
    now = now or timezone.now()
    follow_the_clock(now)
    application = (
        Application.objects.select_for_update()
        .select_related("lot__competition", "ngo")
        .get(pk=application.pk)
    )
    competition = application.lot.competition
    require_organiser(official, competition)
    if not competition.has_closed(now) or competition.status != Competition.Status.EVALUATING:
        raise TenderError(_("Applications are screened after the close, during evaluation."))
    if application.status not in (
        Application.Status.SUBMITTED,
        Application.Status.RETURNED,
        Application.Status.ADMITTED,
    ):
        raise TenderError(_("Only a submitted application can be screened."))
    if decision not in SCREENING:
        raise TenderError(_("Unknown screening decision."))
    if decision != "admit" and not reason.strip():
        raise TenderError(_("Give the reason; the applicant receives it."))
    if decision == "admit":
        require_eligible(application.ngo)
    if application.sheets.filter(submitted_at__isnull=False).exists():
        raise TenderError(_("This application has already been scored."))
    application.status = SCREENING[decision]
    application.status_reason = reason.strip() if decision != "admit" else ""
    save(application, official, f"screened: {decision}")
    if decision == "return":
        events.application_event(
            events.APPLICATION_RETURNED, application, official, key_suffix=f"@{now.isoformat()}"
        )
    return application


def remind_closing(now=None, days: int = 3) -> int:
    """Tell NGOs whose application is still a draft that the close is near (once each)."""
    now = now or timezone.now()
    drafts = Application.objects.filter(
        status=Application.Status.DRAFT,
        lot__competition__status__in=Competition.OPEN_STATUSES,
        lot__competition__closes_at__gt=now,
        lot__competition__closes_at__lte=now + datetime.timedelta(days=days),
    ).select_related("lot__competition", "ngo")
    for application in drafts:
        events.application_event(events.CLOSING_SOON, application, None)
    return len(drafts)
