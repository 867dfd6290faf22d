"""What each open-data file holds: the rows of the tables, and the OCDS and 360Giving packages.

Every query streams (`iterator`) with its related rows fetched alongside, so a full register is
written in a constant number of queries and without holding it in memory.
"""

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accountability.models import Change, Item
from councils.models import Council, Membership
from registry.models import NGO, AnnualReport
from tenders import ocds
from tenders.models import Award, Competition

from . import fields as f

CHUNK = 2000
GIVING_MECHANISMS = (Competition.Mechanism.GRANT, Competition.Mechanism.AWARD)


@dataclass
class Dataset:
    name: str
    title: str
    description: str
    fields: list
    rows: Callable[[], Iterator[tuple]]
    formats: tuple = ("csv",)
    key: list = field(default_factory=list)


def public_ngos():
    """The NGOs of the register's API and directory: verified, active, passive, liquidated."""
    return NGO.objects.public()


def former_names() -> dict[int, list[tuple]]:
    """Each public NGO's earlier names (kk, ru, en) with when the next one replaced them: from
    the register's history, oldest first, keeping only changes of a name."""
    history = (
        NGO.history.filter(id__in=public_ngos().values("pk"))
        .order_by("id", "history_date", "history_id")
        .values_list("id", "name_kk", "name_ru", "name_en", "history_date")
    )
    names: dict[int, list[tuple]] = defaultdict(list)
    previous: dict[int, tuple] = {}
    for pk, kk, ru, en, moment in history.iterator(chunk_size=CHUNK):
        current = (kk or "", ru or "", en or "")
        before = previous.get(pk)
        if before is not None and before != current:
            names[pk].append((*before, moment))
        previous[pk] = current
    return names


def ngo_rows() -> Iterator[tuple]:
    """Plain values (no model instances): a full register in a few seconds."""
    earlier = former_names()
    areas: dict[int, list[str]] = defaultdict(list)
    through = NGO.activity_areas.through.objects.filter(ngo__in=public_ngos())
    for ngo_id, code in through.values_list("ngo_id", "activityarea__code").iterator(CHUNK):
        areas[ngo_id].append(code)
    ngos = (
        public_ngos()
        .order_by("bin")
        .values_list(
            "pk",
            "bin",
            "name_kk",
            "name_ru",
            "name_en",
            "legal_form__code",
            "kind",
            "region__kato",
            "registered_on",
            "status",
            "status_changed_at",
            "status_reason",
            "address",
            "email",
            "phone",
            "website",
            "head_name",
            "staff_count",
            "volunteer_count",
            "beneficiary_count",
        )
    )
    liquidated = NGO.Status.LIQUIDATED
    for (
        pk,
        bin,
        kk,
        ru,
        en,
        form,
        kind,
        kato,
        registered,
        status,
        changed_at,
        reason,
        *rest,
    ) in ngos.iterator(chunk_size=CHUNK):
        changed = timezone.localdate(changed_at) if changed_at else None
        names = earlier.get(pk, [])
        yield (
            bin,
            kk or "",
            ru or "",
            en or "",
            form,
            kind,
            kato,
            registered,
            status,
            changed,
            changed if status == liquidated else None,
            reason if status == liquidated else "",
            ";".join(sorted(areas.get(pk, ()))),
            *rest,
            " | ".join(" / ".join(n for n in name[:3] if n) for name in names),
        )


def ngo_name_rows() -> Iterator[tuple]:
    earlier = former_names()
    bins = dict(public_ngos().filter(pk__in=earlier).values_list("pk", "bin"))
    for pk in sorted(earlier, key=lambda pk: bins[pk]):
        for kk, ru, en, until in earlier[pk]:
            yield (bins[pk], kk, ru, en, until)


def annual_figure_rows() -> Iterator[tuple]:
    codes = [field.code for field in f.ANNUAL_FIGURES]
    reports = (
        AnnualReport.objects.filter(
            status=AnnualReport.Status.SUBMITTED, ngo__status__in=NGO.PUBLIC_STATUSES
        )
        .order_by("ngo__bin", "year", "version")
        .values_list("ngo__bin", *codes[1:])
    )
    yield from reports.iterator(chunk_size=CHUNK)


def published_awards():
    """The awards of the API's /api/v1/awards/: published results, not withdrawn."""
    return Award.objects.published()


def award_rows() -> Iterator[tuple]:
    awards = published_awards().select_related(
        "lot__competition__organiser", "lot__region", "lot__activity_area", "ngo"
    )
    awards = awards.order_by(
        "-lot__competition__year", "lot__competition__number", "lot__number", "pk"
    )
    for award in awards.iterator(chunk_size=CHUNK):
        competition = award.lot.competition
        yield (
            competition.year,
            competition.number,
            competition.mechanism,
            competition.organiser.code,
            award.lot.code,
            award.lot.theme,
            award.lot.region.kato if award.lot.region else "",
            award.lot.activity_area.code,
            award.ngo.bin if award.ngo else "",
            award.recipient,
            award.amount,
            timezone.localdate(award.decided_at),
            timezone.localdate(competition.published_at) if competition.published_at else None,
        )


def council_rows() -> Iterator[tuple]:
    councils = Council.objects.order_by("code").values_list(
        "code",
        "kind",
        "level",
        "state_body__code",
        "region__kato",
        "name_kk",
        "name_ru",
        "name_en",
        "founding_act",
        "founded_on",
        "selection",
        "status",
        "closed_on",
        "parent__code",
    )
    yield from councils.iterator(chunk_size=CHUNK)


def council_member_rows() -> Iterator[tuple]:
    """Every membership, past and present: names and roles only, never contact data."""
    members = Membership.objects.order_by("council__code", "term_start", "pk").values_list(
        "council__code",
        "person__name",
        "affiliation",
        "ngo__bin",
        "organisation",
        "role",
        "term_start",
        "term_end",
        "selection",
    )
    yield from members.iterator(chunk_size=CHUNK)


def _plan_items():
    """The items of every forum's action plan and their measures (children)."""
    return Item.objects.filter(
        Q(forum_recommendation__isnull=False) | Q(parent__forum_recommendation__isnull=False)
    )


def action_plan_rows() -> Iterator[tuple]:
    items = (
        _plan_items()
        .order_by("code")
        .values_list(
            "forum_recommendation__forum__number",
            "parent__forum_recommendation__forum__number",
            "forum_recommendation__code",
            "code",
            "parent__code",
            "title_kk",
            "title_ru",
            "title_en",
            "responsible_body__code",
            "region__kato",
            "deadline",
            "status",
            "progress",
            "updated_at",
        )
    )
    for forum, parent_forum, recommendation, *rest in items.iterator(chunk_size=CHUNK):
        yield (forum or parent_forum, recommendation, *rest)


def action_plan_change_rows() -> Iterator[tuple]:
    changes = (
        Change.objects.filter(item__in=_plan_items())
        .order_by("item__code", "at", "pk")
        .values_list(
            "item__code",
            "at",
            "kind",
            "old_value",
            "new_value",
            "by_body__code",
            "note",
            "evidence_url",
            "computed",
        )
    )
    for *row, computed in changes.iterator(chunk_size=CHUNK):
        yield (*row, "true" if computed else "false")


def tables() -> list[Dataset]:
    return [
        Dataset(
            "ngos",
            _("The register of NGOs"),
            _(
                "Every public NGO: verified, active, passive and liquidated (with the date and "
                "reason), with its former names."
            ),
            f.NGOS,
            ngo_rows,
            ("csv", "json", "xlsx"),
            ["bin"],
        ),
        Dataset(
            "ngo-former-names",
            _("Former names of NGOs"),
            _("Each earlier name of a public NGO and when the register recorded the next one."),
            f.NGO_NAMES,
            ngo_name_rows,
        ),
        Dataset(
            "annual-figures",
            _("Annual figures of NGOs"),
            _(
                "The annual information NGOs file each year: income by source, spending, staff "
                "and property; every version of every year (a correction is a new version)."
            ),
            f.ANNUAL_FIGURES,
            annual_figure_rows,
            key=["bin", "year", "version"],
        ),
        Dataset(
            "awards",
            _("Results of competitions"),
            _(
                "Who received how much from which state body: every award of published results "
                "of the state social order, grants, strategic partnership and NGO awards."
            ),
            f.AWARDS,
            award_rows,
        ),
        Dataset(
            "councils",
            _("Public councils and other dialogue venues"),
            _("Every council attached to a state body: kind, level, region, status."),
            f.COUNCILS,
            council_rows,
            key=["code"],
        ),
        Dataset(
            "council-members",
            _("Members of councils"),
            _(
                "Who sits on which council, past and present: names, affiliation, the NGO's BIN "
                "and terms; never contact data."
            ),
            f.COUNCIL_MEMBERS,
            council_member_rows,
        ),
        Dataset(
            "action-plans",
            _("Action plans of the Civil Forums"),
            _(
                "The items of each forum's action plan and their measures: the recommendation, "
                "the responsible body, the deadline, status and progress."
            ),
            f.ACTION_PLANS,
            action_plan_rows,
            key=["item"],
        ),
        Dataset(
            "action-plan-changes",
            _("Histories of the action plans' items"),
            _("Every recorded change of every plan item: progress, status, deadline, notes."),
            f.ACTION_PLAN_CHANGES,
            action_plan_change_rows,
        ),
    ]


def _releases(document: dict) -> int:
    return len(document["releases"])


def _grants(document: dict) -> int:
    return len(document["grants"])


def ocds_package(year: int, language: str) -> dict:
    competitions = ocds.competitions_for_ocds().filter(year=year).order_by("number")
    uri = getattr(settings, "PORTAL_SITE_URL", "")
    return ocds.bulk_package(competitions, language, f"{uri}/open-data/ocds-{year}-{language}.json")


def packages() -> list[tuple]:
    """(file name, dataset, builder, row counter) of each JSON package."""
    years = sorted(
        set(ocds.competitions_for_ocds().order_by().values_list("year", flat=True).distinct())
    )
    found = []
    for year in years:
        for language in ocds.LANGUAGES:
            found.append(
                (
                    f"ocds-{year}-{language}.json",
                    "ocds",
                    lambda year=year, language=language: ocds_package(year, language),
                    _releases,
                )
            )
    found.append(("360giving.json", "360giving", giving_package, _grants))
    return found


def _organisation_id(award: Award) -> str:
    if award.ngo_id:
        return f"KZ-BIN-{award.ngo.bin}"
    digest = hashlib.sha256(award.recipient_name.encode()).hexdigest()[:12]
    return f"{giving_prefix()}-recipient-{digest}"


def giving_prefix() -> str:
    return getattr(settings, "PORTAL_360GIVING_PREFIX", "360G-kz-ngo-registry")


def _iso_day(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def giving_package() -> dict:
    """Grants and NGO awards in the 360Giving data standard's JSON shape (one grant per award),
    recipients identified as KZ-BIN-<BIN>."""
    awards = (
        published_awards()
        .filter(lot__competition__mechanism__in=GIVING_MECHANISMS)
        .select_related("lot__competition__organiser", "lot__region", "ngo")
        .order_by("lot__competition__year", "lot__competition__number", "lot__number", "pk")
    )
    grants = []
    for award in awards.iterator(chunk_size=CHUNK):
        lot, competition = award.lot, award.lot.competition
        grant = {
            "id": f"{giving_prefix()}-{lot.code}-{award.pk}",
            "title": lot.theme,
            "description": competition.title,
            "currency": "KZT",
            "amountAwarded": award.amount,
            "awardDate": _iso_day(timezone.localdate(award.decided_at)),
            "plannedDates": [{"duration": lot.term_months}],
            "recipientOrganization": [{"id": _organisation_id(award), "name": award.recipient}],
            "fundingOrganization": [
                {
                    "id": f"KZ-GOV-{competition.organiser.code}",
                    "name": competition.organiser.name,
                }
            ],
            "grantProgramme": [{"code": competition.number, "title": competition.title}],
            "dataSource": f"/tenders/{competition.number}/",
            "lastModified": timezone.now().isoformat(),
        }
        if lot.region:
            grant["beneficiaryLocation"] = [
                {"geoCode": lot.region.kato, "geoCodeType": "KATO", "name": lot.region.name}
            ]
        if award.ngo_id:
            grant["recipientOrganization"][0]["companyNumber"] = award.ngo.bin
        grants.append(grant)
    return {"grants": grants}
