import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import events, grants, ocds, permissions
from ..models import Competition, Criterion, Lot, MCIValue
from ..models.competitions import MAX_MCI, MAX_TENGE
from .base import TenderError, competition_years, require_organiser, save, tenge


def _next_number(year: int, mechanism: str) -> str:
    prefix = f"{year}-{Competition.NUMBER_CODES[mechanism]}-"
    last = (
        Competition.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return f"{prefix}{int(last.rsplit('-', 1)[1]) + 1 if last else 1:04d}"


@transaction.atomic
def create_competition(user, organiser, mechanism: str, year: int, **fields) -> Competition:
    """A new competition in draft, numbered `<year>-<mechanism>-<nnnn>` for good."""
    if not permissions.may_organise_for(user, organiser):
        raise TenderError(_("You may create competitions only for your own state body."))
    if mechanism not in Competition.Mechanism.values:
        raise TenderError(_("Unknown funding mechanism."))
    years = competition_years()
    if year not in years:
        raise TenderError(
            _("The year of a competition is between %(first)s and %(last)s.")
            % {"first": years[0], "last": years[-1]},
            field="year",
        )
    # One number sequence per year and mechanism; the lock makes two officials wait their turn.
    transaction.get_connection().cursor().execute(
        "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"tenders.number.{year}.{mechanism}"]
    )
    competition = Competition(
        number=_next_number(year, mechanism),
        mechanism=mechanism,
        organiser=organiser,
        year=year,
        created_by=user,
        **fields,
    )
    save(competition, user, "created")
    return competition


@transaction.atomic
def update_competition(competition: Competition, user, form) -> Competition:
    """Save the organiser's edit of a draft (the form's instance is the competition)."""
    _draft(competition, user)
    competition = form.save(commit=False)
    save(competition, user, "edited")
    return competition


def _draft(competition: Competition, user) -> Competition:
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    require_organiser(user, competition)
    if competition.status != Competition.Status.DRAFT:
        # Once announced, applicants rely on the lots and criteria as published.
        raise TenderError(
            _("Lots and criteria can be changed only while the competition is a draft.")
        )
    return competition


def mci_value(year: int) -> int:
    """The MCI of the year in tenge, from the reference data the administrators keep."""
    value = MCIValue.objects.filter(year=year).values_list("value_tenge", flat=True).first()
    if value is None:
        raise TenderError(
            _(
                "The MCI of %(year)s is not in the reference data yet; ask an administrator to "
                "add it, or give the budget in tenge."
            )
            % {"year": year}
        )
    return value


@transaction.atomic
def add_lot(competition: Competition, user, **fields) -> Lot:
    """A lot with its budget in tenge, or in MCI: then the tenge budget uses the year's MCI."""
    competition = _draft(competition, user)
    if (fields.get("budget_mci") or 0) > MAX_MCI:
        raise TenderError(_("A lot's budget is at most %(max)s MCI.") % {"max": tenge(MAX_MCI)})
    if fields.get("budget_mci"):
        fields["mci_value"] = mci_value(competition.year)
        fields["budget"] = fields["budget_mci"] * fields["mci_value"]
    else:
        fields.pop("budget_mci", None)
    budget = fields.get("budget") or 0
    if budget <= 0:
        raise TenderError(_("A lot needs a budget in tenge greater than zero."))
    if budget > MAX_TENGE:
        raise TenderError(
            _("A lot's budget is at most %(max)s ₸.") % {"max": tenge(MAX_TENGE)}, field="budget"
        )
    number = (competition.lots.order_by("-number").values_list("number", flat=True).first()) or 0
    lot = Lot(competition=competition, number=number + 1, **fields)
    save(lot, user, "lot added")
    return lot


@transaction.atomic
def set_plan_items(lot: Lot, user, items) -> Lot:
    """Name the action-plan items the lot funds: only items its organiser is responsible for."""
    lot = Lot.objects.select_for_update().select_related("competition__organiser").get(pk=lot.pk)
    competition = lot.competition
    require_organiser(user, competition)
    if competition.status in (*Competition.RESULT_STATUSES, Competition.Status.CANCELLED):
        raise TenderError(_("The lots of a finished competition cannot change."))
    items = list(items)
    foreign = [item for item in items if item.responsible_body_id != competition.organiser_id]
    if foreign:
        raise TenderError(
            _(
                "Item %(code)s is the responsibility of %(body)s, not of %(organiser)s: a lot "
                "funds only items of its organiser."
            )
            % {
                "code": foreign[0].code,
                "body": foreign[0].responsible_body,
                "organiser": competition.organiser,
            },
            field="plan_items",
        )
    lot.plan_items.set(items)
    return lot


@transaction.atomic
def set_criteria(competition: Competition, user, criteria: list[dict]) -> list[Criterion]:
    """Replace the rubric: each criterion with its name and weight; weights sum to 100."""
    competition = _draft(competition, user)
    total = sum(item["weight"] for item in criteria)
    if total != 100:
        raise TenderError(
            _("The weights of the criteria must add up to 100%%; they add up to %(total)s%%.")
            % {"total": total}
        )
    competition.criteria.all().delete()
    return [
        Criterion.objects.create(competition=competition, position=position, **item)
        for position, item in enumerate(criteria, start=1)
    ]


def missing_for_announcement(competition: Competition) -> list[str]:
    """What the organiser still has to fill in; announcing needs an empty list."""
    missing = []
    for field, label in (
        ("title_kk", _("title in Kazakh")),
        ("title_ru", _("title in Russian")),
        ("description_kk", _("description in Kazakh")),
        ("description_ru", _("description in Russian")),
        ("documentation_kk", _("documentation in Kazakh")),
        ("documentation_ru", _("documentation in Russian")),
        ("opens_at", _("opening of applications")),
        ("closes_at", _("closing of applications")),
    ):
        if not getattr(competition, field):
            missing.append(label)
    if competition.mechanism == Competition.Mechanism.GRANT:
        days, (shortest, longest) = grants.window_days(competition), grants.WINDOW_DAYS
        if days is not None and not shortest <= days <= longest:
            missing.append(
                _("for a grant, applications open %(shortest)s to %(longest)s days, not %(days)s")
                % {"shortest": shortest, "longest": longest, "days": grants.shown_days(days)}
            )
        if not competition.operator_id:
            missing.append(_("the grant operator"))
    if not competition.lots.exists():
        missing.append(_("at least one lot"))
    if sum(competition.criteria.values_list("weight", flat=True)) != 100:
        missing.append(_("scoring criteria weighing %(total)s%% in total") % {"total": 100})
    return missing


@transaction.atomic
def announce_competition(competition: Competition, user, now=None) -> Competition:
    now = now or timezone.now()
    competition = _draft(competition, user)
    missing = missing_for_announcement(competition)
    if missing:
        raise TenderError(
            _("The competition cannot be announced yet. Missing: %(missing)s.")
            % {"missing": ", ".join(str(item) for item in missing)}
        )
    if competition.closes_at <= now:
        raise TenderError(_("The closing of applications must be in the future."))
    competition.status = (
        Competition.Status.ACCEPTING
        if competition.opens_at <= now
        else Competition.Status.ANNOUNCED
    )
    competition.announced_at = now
    save(competition, user, "announced")
    ocds.record(competition, "tender", at=now)
    return competition


def follow_the_clock(now: datetime.datetime | None = None) -> int:
    """Phases follow the clock wherever they are read, with or without a scheduler running:
    every page and service that shows or acts on a phase calls this first. One indexed query
    when nothing is due; otherwise the same moves as the beat task, history rows included."""
    now = now or timezone.now()
    due = Competition.objects.filter(
        Q(status=Competition.Status.ANNOUNCED, opens_at__lte=now)
        | Q(status__in=Competition.OPEN_STATUSES, closes_at__lte=now)
    )
    return advance_phases(now) if due.exists() else 0


def advance_phases(now: datetime.datetime | None = None) -> int:
    """Open and close application windows on time; safe to run again (beat runs it)."""
    now = now or timezone.now()
    moved = 0
    steps = (
        (Competition.Status.ANNOUNCED, {"opens_at__lte": now}, Competition.Status.ACCEPTING),
        (
            Competition.Status.ACCEPTING,
            {"closes_at__lte": now},
            Competition.Status.EVALUATING,
        ),
    )
    for before, when, after in steps:
        for pk in Competition.objects.filter(status=before, **when).values_list("pk", flat=True):
            with transaction.atomic():
                competition = Competition.objects.select_for_update().get(pk=pk)
                if competition.status == before:  # someone may have moved it meanwhile
                    competition.status = after
                    save(competition, None, f"phase: {after}")
                    if after == Competition.Status.EVALUATING:
                        ocds.record(competition, "close", at=competition.closes_at)
                    moved += 1
    return moved


@transaction.atomic
def cancel_competition(competition: Competition, user, reason: str) -> Competition:
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    require_organiser(user, competition)
    if competition.status in (*Competition.RESULT_STATUSES, Competition.Status.CANCELLED):
        raise TenderError(
            _("A competition whose results are published cannot be cancelled; record a correction.")
        )
    if not reason.strip():
        raise TenderError(_("Give the reason for the cancellation; it is published."))
    competition.status = Competition.Status.CANCELLED
    competition.cancel_reason = reason.strip()
    save(competition, user, "cancelled")
    events.competition_cancelled(competition, user)
    ocds.record(competition, "cancellation")
    return competition


@transaction.atomic
def close_competition(competition: Competition, user) -> Competition:
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    require_organiser(user, competition)
    if competition.status != Competition.Status.PUBLISHED:
        raise TenderError(_("Only a competition with published results can be closed."))
    competition.status = Competition.Status.CLOSED
    save(competition, user, "closed")
    return competition


def unique_or_error(create, message: str):
    """Run `create`; a unique constraint hit by a concurrent request becomes a TenderError."""
    try:
        with transaction.atomic():
            return create()
    except IntegrityError as exc:
        raise TenderError(message) from exc
