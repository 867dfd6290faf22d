import datetime
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.models import NGO

from .. import events, ocds, permissions
from ..models import Application, Award, Competition, Contract, Correction, Lot, ScoreSheet
from .base import (
    TenderError,
    require_date_between,
    require_eligible,
    require_organiser,
    save,
    tenge,
)
from .competitions import follow_the_clock, unique_or_error
from .scoring import ranking


def _standing_total(lot: Lot, excluding: Award | None = None) -> int:
    awards = lot.awards.standing()
    if excluding is not None:
        awards = awards.exclude(pk=excluding.pk)
    return awards.aggregate(total=Sum("amount"))["total"] or 0


def _check_budget(lot: Lot, amount: int, excluding: Award | None = None) -> None:
    if amount <= 0:
        raise TenderError(_("The amount awarded must be greater than zero."))
    already = _standing_total(lot, excluding)
    if already + amount > lot.budget:
        raise TenderError(
            _(
                "Lot %(lot)s: awards would total %(total)s ₸, more than its budget of "
                "%(budget)s ₸ (%(left)s ₸ left)."
            )
            % {
                "lot": lot.code,
                "total": tenge(already + amount),
                "budget": tenge(lot.budget),
                "left": tenge(lot.budget - already),
            }
        )


def _check_winner_count(lot: Lot, adding: int = 1) -> None:
    if lot.awards.standing().count() + adding > lot.winners_allowed:
        raise TenderError(
            _("Lot %(lot)s allows %(count)s winner(s) only.")
            % {"lot": lot.code, "count": lot.winners_allowed}
        )


# The rules of the ranking a correction may override, when it says why (recorded and shown).
RANKING_RULES = ("not_admitted", "not_scored", "below_pass", "ranking")


def _ranking_breaches(lot: Lot, application: Application) -> list[tuple[str, str]]:
    """The rules of the ranking this application as a winner would break: (code, message)."""
    competition = lot.competition
    ranked = {row.application.pk: row for row in ranking(lot)}
    row = ranked.get(application.pk)
    if row is None:
        return [("not_admitted", _("Only an application admitted to scoring can win."))]
    if row.score is None:
        return [("not_scored", _("This application has not been scored yet."))]
    breaches = []
    if not row.passes:
        breaches.append(
            (
                "below_pass",
                _("Its score %(score)s is below the pass mark of %(pass)s.")
                % {"score": row.score, "pass": competition.pass_score},
            )
        )
    # Applications awarded once (even if withdrawn since by a correction) are not passed over.
    awarded = set(lot.awards.values_list("application_id", flat=True))
    skipped = [
        other
        for other in ranked.values()
        if other.score is not None
        and other.score > row.score
        and other.application.pk not in awarded
    ]
    if skipped:
        breaches.append(
            (
                "ranking",
                _("Application %(number)s scored higher (%(score)s) and has not been awarded.")
                % {"number": skipped[0].application.number, "score": skipped[0].score},
            )
        )
    return breaches


def _check_winner(
    lot: Lot, application: Application, amount: int, overriding: bool = False
) -> list[str]:
    """Every rule an award obeys; with `overriding`, the ranking's breaches are returned (their
    codes) instead of refused. The amount, the NGO's eligibility, the number of winners and the
    budget are never overridden."""
    if application.lot_id != lot.pk:
        raise TenderError(_("This application was made to another lot."))
    breaches = _ranking_breaches(lot, application)
    if breaches and not overriding:
        raise TenderError(breaches[0][1])
    require_eligible(NGO.objects.get(pk=application.ngo_id))  # as the register says now
    if amount > application.requested_amount:
        raise TenderError(
            _("The amount awarded cannot exceed the %(requested)s ₸ requested.")
            % {"requested": tenge(application.requested_amount)}
        )
    _check_winner_count(lot)
    _check_budget(lot, amount)
    return [code for code, _message in breaches]


def _locked_lot(lot: Lot) -> Lot:
    """Lock the lot: two officials awarding its last budget at once must wait for each other."""
    return Lot.objects.select_for_update().select_related("competition").get(pk=lot.pk)


@transaction.atomic
def award_lot(lot: Lot, application: Application, amount: int, user) -> Award:
    """Name a winner of the lot from the ranking, with the amount awarded."""
    follow_the_clock()
    lot = _locked_lot(lot)
    competition = lot.competition
    require_organiser(user, competition)
    if competition.status != Competition.Status.EVALUATING:
        raise TenderError(_("Winners are entered during evaluation, before publication."))
    member = permissions.seat(user, competition)
    if member is not None and permissions.linked_to_lot(member, lot):
        raise TenderError(
            _("You are linked to an applicant of lot %(lot)s; another official enters its winners.")
            % {"lot": lot.code}
        )
    _check_winner(lot, application, amount)
    award = Award(lot=lot, ngo=application.ngo, application=application, amount=amount)
    award.decided_by = user
    return unique_or_error(
        lambda: save(award, user, "awarded") or award,
        _("%(name)s has already been awarded this lot.") % {"name": application.ngo.name},
    )


@transaction.atomic
def remove_award(award: Award, user) -> None:
    lot = _locked_lot(award.lot)
    require_organiser(user, lot.competition)
    if lot.competition.status != Competition.Status.EVALUATING:
        raise TenderError(_("Published results change only through a recorded correction."))
    award._history_user = user
    award.delete()


@transaction.atomic
def publish_results(competition: Competition, user, now=None) -> Competition:
    now = now or timezone.now()
    follow_the_clock(now)
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    require_organiser(user, competition)
    if competition.status != Competition.Status.EVALUATING:
        raise TenderError(_("Results can be published only at the end of evaluation."))
    applications = Application.objects.filter(lot__competition=competition)
    unscreened = applications.filter(status=Application.Status.SUBMITTED).count()
    if unscreened:
        raise TenderError(
            _("%(count)s application(s) have not been screened yet.") % {"count": unscreened}
        )
    returned = applications.filter(status=Application.Status.RETURNED).first()
    if returned is not None:
        raise TenderError(
            _(
                "Application %(number)s was returned for more information: screen it again "
                "before publishing the results."
            )
            % {"number": returned.number}
        )
    counted = ScoreSheet.objects.counted().filter(application=OuterRef("pk"))
    unscored = applications.filter(status=Application.Status.ADMITTED).exclude(Exists(counted))
    if unscored.exists():
        raise TenderError(
            _("Application %(number)s has no scores; results cannot be published without them.")
            % {"number": unscored.first().number}
        )
    competition.status = Competition.Status.PUBLISHED
    competition.published_at = now
    save(competition, user, "results published")
    ocds.record(competition, "award", at=now)
    events.results_published(competition, user)
    return competition


def _check_contract(award: Award, amount: int) -> None:
    """A signed contract in force keeps its award: terminate it before withdrawing or cutting."""
    contract = Contract.objects.filter(award=award, status=Contract.Status.IN_PROGRESS).first()
    if contract is not None and amount < contract.amount:
        raise TenderError(
            _(
                "Contract %(number)s of %(amount)s ₸ is in force for this award; terminate it "
                "before withdrawing the award or cutting it below the contract."
            )
            % {"number": contract.number, "amount": tenge(contract.amount)}
        )


def _describe(award: Award) -> dict:
    return {
        "lot": award.lot.code,
        "bin": award.ngo.bin if award.ngo_id else None,
        "recipient": award.recipient,
        "amount": award.amount,
    }


@transaction.atomic
def correct_results(
    competition: Competition,
    user,
    reason: str,
    withdraw: list[Award] = (),
    amounts: dict[Award, int] | None = None,
    add: list[tuple[Application, int]] = (),
    override: str = "",
) -> Correction:
    """Change published results: withdraw awards, change amounts, add winners — with a reason.

    An added winner obeys every rule an award obeys; the rules of the ranking (admitted, scored,
    above the pass mark, no one better left out) may be overridden only with `override`, the
    reason why, which is recorded with the rules it overrides and published.
    """
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    require_organiser(user, competition)
    if competition.status not in Competition.RESULT_STATUSES:
        raise TenderError(_("Only published results are corrected; before that, edit them."))
    if not reason.strip():
        raise TenderError(_("Give the reason for the correction; it is published."))
    changes = []
    now = timezone.now()
    for award in withdraw:
        award = Award.objects.select_for_update().get(pk=award.pk, lot__competition=competition)
        _check_contract(award, 0)
        award.withdrawn_at = now
        save(award, user, f"withdrawn by correction: {reason.strip()}")
        changes.append({"action": "withdrawn", **_describe(award)})
    for award, amount in (amounts or {}).items():
        with _at_field(f"amount_{award.pk}"):
            changes.append(_change_amount(competition, award, amount, user, reason))
    for application, amount in add:
        with _at_field("add_application"):
            changes.append(_add_winner(competition, application, amount, user, override))
    if not changes:
        raise TenderError(_("The correction changes nothing."))
    correction = Correction.objects.create(
        competition=competition, reason=reason.strip(), changes=changes, made_by=user
    )
    ocds.record(competition, "correction", at=correction.made_at, correction=correction)
    return correction


@contextmanager
def _at_field(field: str):
    """A refusal while changing one thing is shown at the field that asked for it."""
    try:
        yield
    except TenderError as error:
        raise TenderError(error.message, field=error.field or field) from error


def _change_amount(competition, award: Award, amount: int, user, reason: str) -> dict:
    award = Award.objects.select_for_update().get(pk=award.pk, lot__competition=competition)
    lot = _locked_lot(award.lot)
    if award.application_id and amount > award.application.requested_amount:
        raise TenderError(
            _("The amount awarded cannot exceed the %(requested)s ₸ requested.")
            % {"requested": tenge(award.application.requested_amount)}
        )
    _check_budget(lot, amount, excluding=award)
    _check_contract(award, amount)
    before = award.amount
    award.amount = amount
    save(award, user, f"amount corrected: {reason.strip()}")
    return {"action": "amount_changed", "before": before, **_describe(award)}


def _add_winner(competition, application: Application, amount: int, user, override: str) -> dict:
    lot = _locked_lot(application.lot)
    if lot.competition_id != competition.pk:
        raise TenderError(_("This application was made to another lot."))
    overrides = _check_winner(lot, application, amount, overriding=bool(override.strip()))
    award = Award(lot=lot, ngo=application.ngo, application=application, amount=amount)
    award.decided_by = user
    unique_or_error(
        lambda award=award: save(award, user, "added by correction"),
        _("%(name)s has already been awarded this lot.") % {"name": application.ngo.name},
    )
    change = {"action": "added", **_describe(award)}
    if overrides:
        change.update(overrides=overrides, why=override.strip())
    return change


@transaction.atomic
def record_historical_round(
    user,
    organiser,
    mechanism: str,
    year: int,
    published_on: datetime.date,
    lots: list[dict],
    reported_applications: int,
    reported_applicants: int,
    **fields,
) -> Competition:
    """A past round from its published results only: counts, lots and winners, no applications.

    Each lot is a dict of Lot fields plus `winners`: a list of (NGO or recipient name, amount).
    """
    from .competitions import create_competition

    if not permissions.may_organise_for(user, organiser):
        raise TenderError(_("You may create competitions only for your own state body."))
    require_date_between(
        published_on,
        datetime.date(year, 1, 1),
        timezone.localdate(),
        _("Results of that year are published between %(first)s and %(last)s."),
        field="published_on",
    )
    if reported_applicants > reported_applications:
        raise TenderError(
            _("More applying NGOs (%(applicants)s) than applications (%(applications)s).")
            % {"applicants": reported_applicants, "applications": reported_applications}
        )
    for spec in lots:
        if len(spec["winners"]) > spec.get("winners_allowed", 1):
            raise TenderError(
                _("A lot lists %(count)s winners but allows %(allowed)s.")
                % {"count": len(spec["winners"]), "allowed": spec.get("winners_allowed", 1)}
            )
    competition = create_competition(user, organiser, mechanism, year, **fields)
    competition.results_only = True
    competition.reported_applications = reported_applications
    competition.reported_applicants = reported_applicants
    competition.status = Competition.Status.PUBLISHED
    moment = datetime.datetime.combine(
        published_on, datetime.time(12), tzinfo=timezone.get_current_timezone()
    )
    competition.published_at = moment
    competition.announced_at = moment
    save(competition, user, "historical results entered")
    for number, spec in enumerate(lots, start=1):
        spec = dict(spec)
        winners = spec.pop("winners")
        lot = Lot.objects.create(competition=competition, number=number, **spec)
        for recipient, amount in winners:
            _check_budget(lot, amount)
            is_name = isinstance(recipient, str)
            Award.objects.create(
                lot=lot,
                ngo=None if is_name else recipient,
                recipient_name=recipient if is_name else "",
                amount=amount,
                decided_by=user,
                decided_at=moment,
            )
    ocds.record(competition, "results", at=moment)
    return competition
