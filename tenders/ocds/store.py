"""Writing releases: once, in the transaction of the change they record, never again.

The services call `record(competition, stage, …)` right after the change; the data migration
and the demo call `backfill()`, which writes the releases of data entered without them, each
dated by what happened (announcement, close, publication, decision, signature, payment).
"""

import contextlib
import contextvars
import datetime
import json

from django.db import connection, transaction
from django.utils import timezone

from ..models import Competition, Contract, Release
from .build import STATE_LANGUAGE, TAGS, Builder, competitions_for_ocds

ONCE = ("tender", "close", "award", "results", "cancellation")
_appeal = contextvars.ContextVar("tenders_ocds_appeal", default=None)


@contextlib.contextmanager
def deciding(appeal):
    """While an upheld appeal is carried out, its correction's release names the appeal."""
    token = _appeal.set(appeal)
    try:
        yield
    finally:
        _appeal.reset(token)


def dumps(release: dict) -> str:
    return json.dumps(release, ensure_ascii=False, separators=(",", ":"))


class Ids:
    """Release ids of one competition: `<ocid>-<stage>` once, `<ocid>-<stage>-<n>` per repeat."""

    def __init__(self, ocid: str, existing: list[str]):
        self.ocid = ocid
        self.counts = {}
        for stage in existing:
            self.counts[stage] = self.counts.get(stage, 0) + 1

    def next(self, stage: str) -> str:
        self.counts[stage] = self.counts.get(stage, 0) + 1
        if stage in ONCE:
            return f"{self.ocid}-{stage}"
        return f"{self.ocid}-{stage}-{self.counts[stage]}"


def _row(builder, stage, moment, ids, previous, recorded_at, **context) -> Release:
    release_id = ids.next(stage)
    data = builder.release(stage, release_id, moment, amends=previous, **context)
    return Release(
        competition=builder.competition,
        ocid=builder.competition.ocid,
        release_id=release_id,
        stage=stage,
        tag=TAGS[stage],
        date=moment,
        language=STATE_LANGUAGE,
        data=dumps(data),
        recorded_at=recorded_at,
    )


def _contracts(builder: Builder) -> list[Contract]:
    """The contracts of the competition's awards (an award without one raises AttributeError)."""
    return [award.contract for award in builder.awards if hasattr(award, "contract")]


def _contract(builder: Builder, pk: int) -> Contract:
    return next(contract for contract in _contracts(builder) if contract.pk == pk)


@transaction.atomic
def record(
    competition: Competition, stage: str, at: datetime.datetime | None = None, **context
) -> Release | None:
    """Write the release of the stage that just happened, inside the caller's transaction.

    A stage that happens once and is already published is not written again. The date is `at`
    (now by default), never before the competition's previous release.
    """
    now = timezone.now()
    at = at or now
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"tenders.release.{competition.pk}"]
        )
    existing = list(
        Release.objects.filter(competition_id=competition.pk)
        .order_by("date", "pk")
        .values_list("stage", "release_id", "date")
    )
    stages = [row[0] for row in existing]
    if stage in ONCE and stage in stages:
        return None
    builder = Builder(competitions_for_ocds().get(pk=competition.pk))
    ids = Ids(builder.competition.ocid, stages)
    previous = existing[-1] if existing else None
    written = None
    competition = builder.competition
    if (
        stage in ("award", "correction", "cancellation")
        and "close" not in stages
        and not competition.results_only
        and competition.has_closed(at)
    ):
        moment = max(competition.closes_at, previous[2]) if previous else competition.closes_at
        written = _row(builder, "close", moment, ids, previous and previous[1], now)
        written.save()
        previous = ("close", written.release_id, moment)
    if previous is not None:
        at = max(at, previous[2])
    if "contract" in context:
        context["contract"] = _contract(builder, context["contract"].pk)
    if "correction" in context:
        context["correction"] = next(
            c for c in builder.corrections if c.pk == context["correction"].pk
        )
        context["appeal"] = _appeal.get()
    row = _row(builder, stage, at, ids, previous and previous[1], now, **context)
    row.save()
    return row


def events(builder: Builder, now: datetime.datetime) -> list[tuple]:
    """(moment, stage, context) of everything the competition has gone through, in order."""
    competition = builder.competition
    if competition.results_only:
        return [(competition.published_at, "results", {})] if competition.published_at else []
    found = []
    if competition.announced_at:
        found.append((competition.announced_at, "tender", {}))
    cancelled = competition.status == Competition.Status.CANCELLED
    ended = competition.updated_at if cancelled else now
    if competition.closes_at and competition.closes_at <= ended:
        found.append((competition.closes_at, "close", {}))
    if cancelled:
        found.append((competition.updated_at, "cancellation", {}))
    if competition.published_at:
        found.append((competition.published_at, "award", {}))
    for correction in builder.corrections:
        found.append((correction.made_at, "correction", {"correction": correction}))
    for contract in _contracts(builder):
        found.append((contract.created_at, "contract", {"contract": contract}))
        for instalment in contract.instalments.all():
            if instalment.paid_on is None:
                continue
            moment = instalment.paid_recorded_at or datetime.datetime.combine(
                instalment.paid_on, datetime.time(12), timezone.get_current_timezone()
            )
            found.append(
                (moment, "implementation", {"contract": contract, "instalment": instalment})
            )
        for report in contract.reports.all():
            if report.status == report.Status.ACCEPTED and report.reviewed_at:
                found.append(
                    (report.reviewed_at, "implementation", {"contract": contract, "report": report})
                )
        if contract.closed_at:
            found.append((contract.closed_at, "termination", {"contract": contract}))
    order = list(TAGS)
    return sorted(found, key=lambda event: (event[0], order.index(event[1])))


def backfill(competitions=None) -> int:
    """Write the releases of every public competition that has none yet; returns how many.

    Safe to run again: a competition with releases is left alone.
    """
    now = timezone.now()
    queryset = competitions if competitions is not None else competitions_for_ocds()
    queryset = queryset.exclude(releases__isnull=False)
    rows = []
    for competition in queryset:
        builder = Builder(competition)
        ids = Ids(competition.ocid, [])
        previous = None
        last = None
        for moment, stage, context in events(builder, now):
            moment = max(moment, last) if last else moment
            row = _row(builder, stage, moment, ids, previous, now, **context)
            rows.append(row)
            previous, last = row.release_id, moment
    Release.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
