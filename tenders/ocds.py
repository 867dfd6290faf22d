"""Competitions as Open Contracting Data Standard 1.1 releases, records and bulk packages.

- One release per stage of a competition: `tender` when announced, `tenderCancellation`,
  `award` when the results are published, `awardUpdate` for each recorded correction (its
  reason in `amendments[].rationale`). A results-only round (2003–2005) is one release tagged
  `tender` and `award`, its published application counts in `bids.statistics`.
- Each release is a full snapshot of the competition at that stage, so the record's
  `compiledRelease` is the latest snapshot tagged `compiled`.
- After the results: a `contract` release when a winner's contract is entered and an
  `implementation` release at its latest change (`contractTermination` too once it is completed
  or terminated): `contracts[].implementation.transactions` are the paid instalments and
  `implementation.milestones` the project reports (type `reporting`, met once accepted).
- Kazakh and Russian are separate datasets with the same identifiers (`language`).
- Extensions declared: lots (`tender.lots`, `items.relatedLot`, `awards.relatedLots`) and bids
  (`bids.statistics`), tag v1.1.5; the schemas are shipped in `tenders/ocds_schema/`.
- `ocid` = the registered prefix (setting OCDS_OCID_PREFIX; the default is a development
  placeholder) + the competition's public number.
"""

import datetime

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Application, Award, Competition, Contract, Correction, Instalment, Lot

VERSION = "1.1"
EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/"
    "v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/"
    "v1.1.5/extension.json",
]
LANGUAGES = ("kk", "ru")
CURRENCY = "KZT"
TENDER_STATUS = {
    Competition.Status.ANNOUNCED: "active",
    Competition.Status.ACCEPTING: "active",
    Competition.Status.EVALUATING: "active",
    Competition.Status.PUBLISHED: "complete",
    Competition.Status.CLOSED: "complete",
    Competition.Status.CANCELLED: "cancelled",
}


def _iso(moment: datetime.datetime | None) -> str | None:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z") if moment else None


def _day(day: datetime.date | None) -> str | None:
    """A calendar date (Asia/Almaty) as the start of that day."""
    if day is None:
        return None
    return _iso(datetime.datetime.combine(day, datetime.time(), timezone.get_current_timezone()))


def _contract_of(award: Award) -> Contract | None:
    try:
        return award.contract
    except Contract.DoesNotExist:
        return None


def _money(amount: int) -> dict:
    return {"amount": amount, "currency": CURRENCY}


def competitions_for_ocds():
    """Everything a release needs, in a constant number of queries per page of competitions."""
    statuses = (Application.Status.DRAFT, Application.Status.WITHDRAWN)
    lots = (
        Lot.objects.select_related("activity_area", "region")
        .annotate(
            bids=Count("applications", filter=~Q(applications__status__in=statuses)),
            valid_bids=Count(
                "applications", filter=Q(applications__status=Application.Status.ADMITTED)
            ),
        )
        .order_by("number")
    )
    return (
        Competition.objects.public()
        .select_related("organiser", "operator")
        .prefetch_related(
            Prefetch("lots", queryset=lots),
            Prefetch(
                "lots__awards",
                queryset=Award.objects.select_related("ngo", "contract").order_by("pk"),
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


def rationale(correction: Correction) -> str:
    """The correction's reason; one that carries out an upheld appeal says so."""
    appeal = getattr(correction, "appeal", None)
    if appeal is None:
        return correction.reason
    return _("Following the upheld appeal %(number)s: %(reason)s") % {
        "number": appeal.number,
        "reason": correction.reason,
    }


class Builder:
    """Builds the releases of one competition in one language."""

    def __init__(self, competition: Competition, language: str):
        self.competition = competition
        self.language = language
        self.ocid = competition.ocid
        self.lots = list(competition.lots.all())

    def body_party(self, body, roles) -> dict:
        return {"id": f"statebody-{body.code}", "name": body.name, "roles": roles}

    def ngo_party(self, award: Award) -> dict:
        if award.ngo_id:
            ngo = award.ngo
            return {
                "id": f"KZ-BIN-{ngo.bin}",
                "name": ngo.name,
                "identifier": {"scheme": "KZ-BIN", "id": ngo.bin, "legalName": ngo.name},
                "roles": ["supplier"],
            }
        return {"id": f"recipient-{award.pk}", "name": award.recipient_name, "roles": ["supplier"]}

    def awards_at(self, moment: datetime.datetime) -> list[Award]:
        return [
            award for lot in self.lots for award in lot.all_awards if award.decided_at <= moment
        ]

    def award_id(self, award: Award) -> str:
        return f"{award.lot.code}-award-{award.pk}"

    def contracts(self) -> list[Contract]:
        found = [_contract_of(award) for lot in self.lots for award in lot.all_awards]
        return sorted((c for c in found if c is not None), key=lambda c: (c.created_at, c.pk))

    def contract(self, contract: Contract, moment) -> dict:
        award = contract.award
        closed = contract.closed_at is not None and contract.closed_at <= moment
        buyer = self.competition.organiser
        payee = self.ngo_party(award)
        item = {
            "id": contract.number,
            "awardID": self.award_id(award),
            "title": award.lot.theme,
            "status": "terminated" if closed else "active",
            "period": {"startDate": _day(contract.starts_on), "endDate": _day(contract.ends_on)},
            "value": _money(contract.amount),
            "dateSigned": _day(contract.signed_on),
        }
        if closed and contract.status_reason:
            item["description"] = contract.status_reason
        transactions = [
            {
                "id": f"{contract.number}-instalment-{instalment.number}",
                "date": _day(instalment.paid_on),
                "value": _money(instalment.amount),
                "payer": {"id": f"statebody-{buyer.code}", "name": buyer.name},
                "payee": {"id": payee["id"], "name": payee["name"]},
            }
            for instalment in contract.instalments.all()
            if instalment.status == Instalment.Status.PAID and instalment.paid_recorded_at <= moment
        ]
        milestones = []
        for report in contract.reports.all():
            met = report.reviewed_at is not None and report.reviewed_at <= moment
            met = met and report.status == report.Status.ACCEPTED
            milestone = {
                "id": f"{contract.number}-report-{report.number}",
                "title": report.get_kind_display(),
                "type": "reporting",
                "dueDate": _day(report.due_on),
                "status": "met" if met else "scheduled",
            }
            if met:
                milestone["dateMet"] = _iso(report.reviewed_at)
            milestones.append(milestone)
        implementation = {}
        if transactions:
            implementation["transactions"] = transactions
        if milestones:
            implementation["milestones"] = milestones
        if implementation:
            item["implementation"] = implementation
        return item

    def contract_moments(self, contract: Contract) -> list:
        """When the contract's implementation changed: payments, accepted reports, the close."""
        moments = [i.paid_recorded_at for i in contract.instalments.all() if i.paid_recorded_at]
        moments += [
            r.reviewed_at
            for r in contract.reports.all()
            if r.reviewed_at and r.status == r.Status.ACCEPTED
        ]
        if contract.closed_at:
            moments.append(contract.closed_at)
        return moments

    def tender(self) -> dict:
        competition = self.competition
        tender = {
            "id": competition.number,
            "title": competition.title,
            "status": TENDER_STATUS.get(competition.status),
            "procurementMethod": "open",
            "mainProcurementCategory": "services",
            "value": _money(sum(lot.budget for lot in self.lots)),
            "items": [
                {
                    "id": f"{lot.code}-item",
                    "description": lot.theme,
                    "classification": {
                        "scheme": "x_activityArea",
                        "id": lot.activity_area.code,
                        "description": lot.activity_area.name,
                    },
                    "relatedLot": lot.code,
                }
                for lot in self.lots
            ],
            "lots": [
                {
                    "id": lot.code,
                    "title": lot.theme,
                    "status": "cancelled"
                    if competition.status == Competition.Status.CANCELLED
                    else "active",
                    "value": _money(lot.budget),
                }
                for lot in self.lots
            ],
        }
        if competition.description:
            tender["description"] = competition.description
        if competition.opens_at:
            tender["tenderPeriod"] = {
                "startDate": _iso(competition.opens_at),
                "endDate": _iso(competition.closes_at),
            }
            # Questions are taken while applications are (tenders.services.ask_question); the
            # answers are on the competition's public page.
            tender["enquiryPeriod"] = dict(tender["tenderPeriod"])
        enquiries = getattr(competition, "enquiries", None)
        if enquiries is not None and not competition.results_only:
            tender["hasEnquiries"] = enquiries > 0
        if competition.operator_id:
            tender["procuringEntity"] = {
                "id": f"statebody-{competition.operator.code}",
                "name": competition.operator.name,
            }
        return tender

    def statistics(self) -> list[dict]:
        competition = self.competition
        if competition.results_only:
            return [
                {"id": "bids", "measure": "bids", "value": competition.reported_applications},
                {"id": "bidders", "measure": "bidders", "value": competition.reported_applicants},
            ]
        if not competition.has_closed():
            return []  # sealed until the close
        rows = []
        for lot in self.lots:
            rows.append(
                {
                    "id": f"{lot.code}-bids",
                    "measure": "bids",
                    "value": lot.bids,
                    "relatedLot": lot.code,
                }
            )
            rows.append(
                {
                    "id": f"{lot.code}-validBids",
                    "measure": "validBids",
                    "value": lot.valid_bids,
                    "relatedLot": lot.code,
                }
            )
        return rows

    def award(self, award: Award, moment, amendments=()) -> dict:
        withdrawn = award.withdrawn_at is not None and award.withdrawn_at <= moment
        item = {
            "id": self.award_id(award),
            "title": award.lot.theme,
            "status": "cancelled" if withdrawn else "active",
            "date": _iso(award.decided_at),
            "value": _money(award.amount),
            "suppliers": [
                {"id": self.ngo_party(award)["id"], "name": self.ngo_party(award)["name"]}
            ],
            "relatedLots": [award.lot.code],
        }
        if amendments:
            item["amendments"] = list(amendments)
        return item

    def release(self, suffix: str, tags: list[str], moment, awards=None, amendments=None):
        competition = self.competition
        buyer = competition.organiser
        parties = [
            self.body_party(
                buyer, ["buyer"] if competition.operator_id else ["buyer", "procuringEntity"]
            )
        ]
        if competition.operator_id:
            parties.append(self.body_party(competition.operator, ["procuringEntity"]))
        release = {
            "ocid": self.ocid,
            "id": f"{self.ocid}-{suffix}",
            "date": _iso(moment),
            "tag": tags,
            "initiationType": "tender",
            "language": self.language,
            "buyer": {"id": f"statebody-{buyer.code}", "name": buyer.name},
            "tender": self.tender(),
        }
        statistics = self.statistics()
        if statistics:
            release["bids"] = {"statistics": statistics}
        if awards is not None:
            amendments = amendments or {}
            release["awards"] = [
                self.award(award, moment, amendments.get(award.pk, ())) for award in awards
            ]
            suppliers = {}
            for award in awards:
                party = self.ngo_party(award)
                suppliers.setdefault(party["id"], party)
            parties += list(suppliers.values())
            contracts = [c for c in self.contracts() if c.created_at <= moment]
            if contracts:
                release["contracts"] = [self.contract(c, moment) for c in contracts]
        release["parties"] = parties
        return release

    def releases(self) -> list[dict]:
        competition = self.competition
        with translation.override(self.language):
            if competition.results_only:
                moment = competition.published_at
                return [
                    self.release("results", ["tender", "award"], moment, self.awards_at(moment))
                ]
            releases = []
            if competition.announced_at:
                releases.append(self.release("tender", ["tender"], competition.announced_at))
            if competition.status == Competition.Status.CANCELLED:
                releases.append(
                    self.release("cancellation", ["tenderCancellation"], competition.updated_at)
                )
            if competition.published_at:
                moment = competition.published_at
                releases.append(self.release("award", ["award"], moment, self.awards_at(moment)))
                for number, correction in enumerate(competition.corrections.all(), start=1):
                    moment = correction.made_at
                    amendment = {
                        "id": f"correction-{number}",
                        "date": _iso(moment),
                        "rationale": rationale(correction),
                    }
                    # Awards are named by lot and BIN (or recipient name) in the correction.
                    changed = {(c["lot"], c["bin"] or c["recipient"]) for c in correction.changes}
                    touched = {
                        award.pk: [amendment]
                        for award in self.awards_at(moment)
                        if (award.lot.code, award.ngo.bin if award.ngo_id else award.recipient_name)
                        in changed
                    }
                    releases.append(
                        self.release(
                            f"correction-{number}",
                            ["awardUpdate"],
                            moment,
                            self.awards_at(moment),
                            touched,
                        )
                    )
                for number, contract in enumerate(self.contracts(), start=1):
                    moment = contract.created_at
                    releases.append(
                        self.release(
                            f"contract-{number}", ["contract"], moment, self.awards_at(moment)
                        )
                    )
                    moments = self.contract_moments(contract)
                    if moments:
                        moment = max(moments)
                        closed = contract.status != Contract.Status.IN_PROGRESS
                        releases.append(
                            self.release(
                                f"implementation-{number}",
                                ["implementation", "contractTermination"]
                                if closed
                                else ["implementation"],
                                moment,
                                self.awards_at(moment),
                            )
                        )
            return sorted(releases, key=lambda release: release["date"])

    def compiled(self) -> dict:
        latest = dict(self.releases()[-1])
        latest["id"] = f"{self.ocid}-compiled"
        latest["tag"] = ["compiled"]
        return latest


def _package_meta(uri: str) -> dict:
    meta = {
        "uri": uri,
        "version": VERSION,
        "extensions": EXTENSIONS,
        "publishedDate": _iso(timezone.now()),
        "publisher": {"name": settings.OCDS_PUBLISHER_NAME},
        "license": settings.OCDS_LICENSE,
    }
    if settings.OCDS_PUBLICATION_POLICY:
        meta["publicationPolicy"] = settings.OCDS_PUBLICATION_POLICY
    return meta


def release_package(competition: Competition, language: str, uri: str) -> dict:
    return {**_package_meta(uri), "releases": Builder(competition, language).releases()}


def record_package(competition: Competition, language: str, uri: str, release_uri: str) -> dict:
    builder = Builder(competition, language)
    releases = builder.releases()
    return {
        **_package_meta(uri),
        "packages": [release_uri],
        "records": [
            {
                "ocid": competition.ocid,
                "releases": [
                    {"url": f"{release_uri}#{r['id']}", "date": r["date"], "tag": r["tag"]}
                    for r in releases
                ],
                "compiledRelease": builder.compiled(),
            }
        ],
    }


def bulk_package(competitions, language: str, uri: str) -> dict:
    """Compiled releases of many competitions (a year, or one part of a large year)."""
    return {
        **_package_meta(uri),
        "releases": [Builder(c, language).compiled() for c in competitions],
    }
