"""The content of each OCDS release: what one stage of a competition adds, as it stood then.

A release carries only what its stage tells (OCDS allows partial releases); the record's
`compiledRelease` merges them (`tenders.ocds.compile`). Stages and their tags:

- `tender` (announcement): the call, its lots and items, buyer and procuring entity;
- `close` (`tenderUpdate`): the close of applications with `bids.statistics` — bids are sealed
  until then — and lots that got no application `unsuccessful`;
- `award`: the published results — every award decided by then, valid bids per lot, lot
  statuses, the winners as suppliers; `results` (`tender` + `award`) for a round entered from
  its published results only (2003–2005), its published counts as statistics;
- `correction` (`awardUpdate`): the awards a correction touched, their new status or value and
  an `amendments` entry (date, rationale, description, the release it amends and this one);
  the earlier values stay in the earlier releases;
- `cancellation` (`tenderCancellation`), with the reason as an amendment of the tender;
- `contract`, `implementation` (a paid instalment as a transaction, an accepted report as a met
  `reporting` milestone) and `termination` (`implementation` + `contractTermination`).

One dataset: texts in the state language (`language: kk`), Russian and English as OCDS language
variants (`title_ru`, `title_en`, …). Calendar dates are the start of that day in Almaty with
its offset (`2025-06-16T00:00:00+05:00`), never shifted to the day before.

`moment` lets the data migration and the demo write the releases of past stages as they stood:
awards decided by then, the amounts before later corrections, payments recorded by then.
"""

import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Application, Award, Competition, Contract, Correction, Lot

CURRENCY = "KZT"
STATE_LANGUAGE = "kk"
VARIANTS = ("ru", "en")
TAGS = {
    "tender": ["tender"],
    "close": ["tenderUpdate"],
    "award": ["award"],
    "results": ["tender", "award"],
    "correction": ["awardUpdate"],
    "cancellation": ["tenderCancellation"],
    "contract": ["contract"],
    "implementation": ["implementation"],
    "termination": ["implementation", "contractTermination"],
}


def iso(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(timezone.get_current_timezone()).isoformat(timespec="seconds")


def day(value: datetime.date | None) -> str | None:
    """A calendar date as the start of that day in Almaty, with the offset of that day."""
    if value is None:
        return None
    return iso(datetime.datetime.combine(value, datetime.time(), timezone.get_current_timezone()))


def money(amount: int) -> dict:
    return {"amount": amount, "currency": CURRENCY}


def texts(obj, field: str, key: str | None = None) -> dict:
    """The state-language text under `key` and the other languages as its variants."""
    key = key or field
    with translation.override(STATE_LANGUAGE):
        found = {key: getattr(obj, field)}
    for language in VARIANTS:
        value = getattr(obj, f"{field}_{language}", None)
        if value and value != found[key]:
            found[f"{key}_{language}"] = value
    return found


def competitions_for_ocds():
    """Everything the releases of many competitions need, in a constant number of queries."""
    sealed = (Application.Status.DRAFT, Application.Status.WITHDRAWN)
    lots = (
        Lot.objects.select_related("activity_area", "region")
        .annotate(
            bids=Count("applications", filter=~Q(applications__status__in=sealed)),
            valid_bids=Count(
                "applications", filter=Q(applications__status=Application.Status.ADMITTED)
            ),
        )
        .order_by("number")
    )
    return (
        Competition.objects.public()
        .select_related("organiser__region", "operator__region")
        .prefetch_related(
            Prefetch("lots", queryset=lots),
            Prefetch(
                "lots__awards",
                queryset=Award.objects.select_related("ngo__region", "contract").order_by("pk"),
                to_attr="all_awards",
            ),
            "lots__all_awards__contract__instalments",
            "lots__all_awards__contract__reports",
            Prefetch(
                "corrections",
                queryset=Correction.objects.select_related("appeal").order_by("made_at", "pk"),
            ),
        )
        .annotate(enquiries=Count("questions", distinct=True))
        .order_by("year", "number")
    )


def rationale(correction: Correction, appeal=None) -> str:
    """The correction's reason; one that carries out an upheld appeal says so."""
    appeal = appeal or getattr(correction, "appeal", None)
    if appeal is None:
        return correction.reason
    with translation.override(STATE_LANGUAGE):
        return _("Following the upheld appeal %(number)s: %(reason)s") % {
            "number": appeal.number,
            "reason": correction.reason,
        }


def award_key(award: Award) -> tuple[str, str]:
    """How a correction's `changes` name an award: lot code and BIN (or recipient's name)."""
    return award.lot.code, award.ngo.bin if award.ngo_id else award.recipient_name


def change_key(change: dict) -> tuple[str, str]:
    return change["lot"], change["bin"] or change["recipient"]


class Builder:
    """The releases of one competition loaded by `competitions_for_ocds`."""

    def __init__(self, competition: Competition):
        self.competition = competition
        self.lots = list(competition.lots.all())
        for lot in self.lots:
            lot.competition = competition
        self.awards = [award for lot in self.lots for award in lot.all_awards]
        self.ordinal = {
            award.pk: position
            for lot in self.lots
            for position, award in enumerate(lot.all_awards, start=1)
        }
        for lot in self.lots:
            for award in lot.all_awards:
                award.lot = lot
        self.corrections = list(competition.corrections.all())

    # Parties -----------------------------------------------------------------------------

    def body_id(self, body) -> str:
        bin_ = getattr(body, "bin", "")
        return f"KZ-BIN-{bin_}" if bin_ else f"statebody-{body.code}"

    def body_party(self, body, roles: list[str]) -> dict:
        party = {"id": self.body_id(body), **texts(body, "name"), "roles": roles}
        bin_ = getattr(body, "bin", "")
        if bin_:
            party["identifier"] = {"scheme": "KZ-BIN", "id": bin_, "legalName": party["name"]}
        if body.region_id:
            party["x_region"] = self.region(body.region)
        return party

    def region(self, region) -> dict:
        return {"scheme": "KATO", "id": region.kato, **texts(region, "name")}

    def supplier_id(self, award: Award) -> str:
        if award.ngo_id:
            return f"KZ-BIN-{award.ngo.bin}"
        return f"recipient-{award.lot.code}-W{self.ordinal[award.pk]}"

    def supplier_party(self, award: Award) -> dict:
        if not award.ngo_id:
            return {
                "id": self.supplier_id(award),
                "name": award.recipient_name,
                "roles": ["supplier"],
            }
        ngo = award.ngo
        party = {"id": self.supplier_id(award), **texts(ngo, "name"), "roles": ["supplier"]}
        party["identifier"] = {"scheme": "KZ-BIN", "id": ngo.bin, "legalName": party["name"]}
        if ngo.region_id:
            party["x_region"] = self.region(ngo.region)
        return party

    def reference(self, party: dict) -> dict:
        return {"id": party["id"], "name": party["name"]}

    def buyer_parties(self) -> list[dict]:
        competition = self.competition
        buyer_roles = ["buyer"] if competition.operator_id else ["buyer", "procuringEntity"]
        parties = [self.body_party(competition.organiser, buyer_roles)]
        if competition.operator_id:
            parties.append(self.body_party(competition.operator, ["procuringEntity"]))
        return parties

    # The tender --------------------------------------------------------------------------

    def lot(self, lot: Lot, status: str) -> dict:
        # The lots extension (v1.1.5) has no language variants of a lot's title; the lot's
        # item carries them (`items[].description_ru`).
        with translation.override(STATE_LANGUAGE):
            item = {"id": lot.code, "title": lot.theme, "status": status}
        item["value"] = money(lot.budget)
        if lot.region_id:
            item["x_region"] = self.region(lot.region)
        return item

    def tender(self, status: str, lot_status: str) -> dict:
        competition = self.competition
        tender = {
            "id": competition.number,
            **texts(competition, "title"),
            "status": status,
            "procurementMethod": "open",
            "mainProcurementCategory": "services",
            "value": money(sum(lot.budget for lot in self.lots)),
            "items": [
                {
                    "id": f"{lot.code}-item",
                    **texts(lot, "theme", "description"),
                    "classification": {
                        "scheme": "x_activityArea",
                        "id": lot.activity_area.code,
                        **texts(lot.activity_area, "name", "description"),
                    },
                    "relatedLot": lot.code,
                }
                for lot in self.lots
            ],
            "lots": [self.lot(lot, lot_status) for lot in self.lots],
        }
        if competition.description:
            tender.update(texts(competition, "description"))
        if competition.opens_at:
            tender["tenderPeriod"] = {
                "startDate": iso(competition.opens_at),
                "endDate": iso(competition.closes_at),
            }
            # Questions are taken while applications are (tenders.services.ask_question).
            tender["enquiryPeriod"] = dict(tender["tenderPeriod"])
        if competition.operator_id:
            tender["procuringEntity"] = {
                "id": self.body_id(competition.operator),
                "name": texts(competition.operator, "name")["name"],
            }
        return tender

    def buyer(self) -> dict:
        organiser = self.competition.organiser
        return {"id": self.body_id(organiser), "name": texts(organiser, "name")["name"]}

    # Awards ------------------------------------------------------------------------------

    def amount_at(self, award: Award, moment) -> int:
        """The award's amount at `moment`: the value before the first later correction."""
        for correction in self.corrections:
            if correction.made_at <= moment:
                continue
            for change in correction.changes:
                if change["action"] == "amount_changed" and change_key(change) == award_key(award):
                    return change["before"]
        return award.amount

    def standing_at(self, award: Award, moment) -> bool:
        return award.withdrawn_at is None or award.withdrawn_at > moment

    def award(self, award: Award, moment) -> dict:
        return {
            "id": self.award_id(award),
            **texts(award.lot, "theme", "title"),
            "status": "active" if self.standing_at(award, moment) else "cancelled",
            "date": iso(award.decided_at),
            "value": money(self.amount_at(award, moment)),
            "suppliers": [self.reference(self.supplier_party(award))],
            "relatedLots": [award.lot.code],
        }

    def award_id(self, award: Award) -> str:
        return f"{award.lot.code}-W{self.ordinal[award.pk]}"

    def decided_by(self, moment) -> list[Award]:
        return [award for award in self.awards if award.decided_at <= moment]

    def lot_statuses(self, moment, lots=None) -> list[dict]:
        """After the results: a lot with a standing award is complete, one without unsuccessful."""
        won = {a.lot_id for a in self.decided_by(moment) if self.standing_at(a, moment)}
        return [
            {"id": lot.code, "status": "complete" if lot.pk in won else "unsuccessful"}
            for lot in (self.lots if lots is None else lots)
        ]

    def suppliers(self, awards) -> list[dict]:
        found = {}
        for award in awards:
            party = self.supplier_party(award)
            found.setdefault(party["id"], party)
        return list(found.values())

    # Contracts ---------------------------------------------------------------------------

    def contract(self, contract: Contract) -> dict:
        award = contract.award
        return {
            "id": contract.number,
            "awardID": self.award_id(award),
            **texts(award.lot, "theme", "title"),
            "status": "active",
            "period": {"startDate": day(contract.starts_on), "endDate": day(contract.ends_on)},
            "value": money(contract.amount),
            "dateSigned": day(contract.signed_on),
        }

    def transaction(self, contract: Contract, instalment) -> dict:
        buyer = self.buyer()
        return {
            "id": f"{contract.number}-instalment-{instalment.number}",
            "date": day(instalment.paid_on),
            "value": money(instalment.amount),
            "payer": buyer,
            "payee": self.reference(self.supplier_party(contract.award)),
        }

    def milestone(self, contract: Contract, report) -> dict:
        with translation.override(STATE_LANGUAGE):
            title = str(report.get_kind_display())
        variants = {}
        for language in VARIANTS:
            with translation.override(language):
                variants[f"title_{language}"] = str(report.get_kind_display())
        return {
            "id": f"{contract.number}-report-{report.number}",
            "title": title,
            **{k: v for k, v in variants.items() if v != title},
            "type": "reporting",
            "dueDate": day(report.due_on),
            "dateMet": iso(report.reviewed_at),
            "status": "met",
        }

    # Stages ------------------------------------------------------------------------------

    def content(self, stage: str, moment, release_id: str, amends: str | None, **context):
        """What the stage's release says beyond its header."""
        competition = self.competition
        if stage == "tender":
            return {
                "buyer": self.buyer(),
                "parties": self.buyer_parties(),
                "tender": self.tender("active", "active"),
            }
        if stage == "close":
            tender = {"id": competition.number, "hasEnquiries": competition.enquiries > 0}
            empty = [
                {"id": lot.code, "status": "unsuccessful"} for lot in self.lots if not lot.bids
            ]
            if empty:
                tender["lots"] = empty
            statistics = [
                {"id": f"{lot.code}-bids", "measure": "bids", "value": lot.bids}
                | {"relatedLot": lot.code}
                for lot in self.lots
            ]
            return {"tender": tender, "bids": {"statistics": statistics}}
        if stage in ("award", "results"):
            awards = self.decided_by(moment)
            if stage == "results":
                tender = self.tender("complete", "complete")
                tender["lots"] = [
                    {**lot, **status}
                    for lot, status in zip(tender["lots"], self.lot_statuses(moment), strict=True)
                ]
                statistics = [
                    {"id": "bids", "measure": "bids", "value": competition.reported_applications},
                    {
                        "id": "bidders",
                        "measure": "bidders",
                        "value": competition.reported_applicants,
                    },
                ]
                parties = self.buyer_parties() + self.suppliers(awards)
                head = {"buyer": self.buyer()}
            else:
                tender = {
                    "id": competition.number,
                    "status": "complete",
                    "lots": self.lot_statuses(moment),
                }
                statistics = [
                    {
                        "id": f"{lot.code}-validBids",
                        "measure": "validBids",
                        "value": lot.valid_bids,
                        "relatedLot": lot.code,
                    }
                    for lot in self.lots
                ]
                parties = self.suppliers(awards)
                head = {}
            release = {**head, "tender": tender, "awards": [self.award(a, moment) for a in awards]}
            if statistics and all(s["value"] is not None for s in statistics):
                release["bids"] = {"statistics": statistics}
            if parties:
                release["parties"] = parties
            return release
        if stage == "correction":
            correction = context["correction"]
            changed = {change_key(change) for change in correction.changes}
            touched = [a for a in self.decided_by(moment) if award_key(a) in changed]
            amendment = {
                "id": f"correction-{self.corrections.index(correction) + 1}",
                "date": iso(moment),
                "rationale": rationale(correction, context.get("appeal")),
                "description": describe(correction),
                "amendsReleaseID": amends,
                "releaseID": release_id,
            }
            lots = {award.lot_id for award in touched}
            return {
                "parties": self.suppliers(touched),
                "tender": {
                    "id": competition.number,
                    "lots": self.lot_statuses(moment, [lot for lot in self.lots if lot.pk in lots]),
                },
                "awards": [
                    {**self.award(award, moment), "amendments": [amendment]} for award in touched
                ],
            }
        if stage == "cancellation":
            return {
                "tender": {
                    "id": competition.number,
                    "status": "cancelled",
                    "lots": [{"id": lot.code, "status": "cancelled"} for lot in self.lots],
                    "amendments": [
                        {
                            "id": "cancellation",
                            "date": iso(moment),
                            "rationale": competition.cancel_reason,
                            "amendsReleaseID": amends,
                            "releaseID": release_id,
                        }
                    ],
                }
            }
        contract = context["contract"]
        if stage == "contract":
            return {"contracts": [self.contract(contract)]}
        if stage == "implementation":
            implementation = {}
            if context.get("instalment") is not None:
                implementation["transactions"] = [self.transaction(contract, context["instalment"])]
            if context.get("report") is not None:
                implementation["milestones"] = [self.milestone(contract, context["report"])]
            item = {"id": contract.number, "awardID": self.award_id(contract.award)}
            return {"contracts": [{**item, "implementation": implementation}]}
        if stage == "termination":
            item = {
                "id": contract.number,
                "awardID": self.award_id(contract.award),
                "status": "terminated",
            }
            if contract.status == Contract.Status.TERMINATED and contract.status_reason:
                item["description"] = contract.status_reason
            return {"contracts": [item]}
        raise ValueError(stage)

    def release(self, stage: str, release_id: str, moment, amends=None, **context) -> dict:
        return {
            "ocid": self.competition.ocid,
            "id": release_id,
            "date": iso(moment),
            "tag": TAGS[stage],
            "initiationType": "tender",
            "language": STATE_LANGUAGE,
            **self.content(stage, moment, release_id, amends, **context),
        }


def describe(correction: Correction) -> str:
    """What the correction changed, in figures: `lot recipient: before → after KZT`."""
    lines = []
    for change in correction.changes:
        who = f"{change['lot']} {change['bin'] or change['recipient']}"
        if change["action"] == "withdrawn":
            lines.append(f"{who}: {change['amount']} {CURRENCY} → cancelled")
        elif change["action"] == "amount_changed":
            lines.append(f"{who}: {change['before']} → {change['amount']} {CURRENCY}")
        else:
            lines.append(f"{who}: + {change['amount']} {CURRENCY}")
    return "; ".join(lines)
