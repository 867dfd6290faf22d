"""Red flags of a competition, computed from our own data, each with its explanation.

Shown to officials on their screen once the window has closed (before that, who applied is
sealed), and on the public competition page once the results are published. A flag is a reason
to look closer, not a finding of wrongdoing.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from registry.models import Representation

from . import grants
from .models import Application, Competition


@dataclass(frozen=True)
class Flag:
    code: str
    message: str


def _normalised(value: str) -> str:
    return "".join(ch for ch in value.lower() if ch.isalnum())


def red_flags(competition: Competition, public: bool = False) -> list[Flag]:
    """All flags for officials; the public sees those about applicants once results are out."""
    flags = []
    minimum = settings.TENDERS_MIN_WINDOW_DAYS
    days = grants.window_days(competition)
    if days is not None and not competition.results_only and days < minimum:
        flags.append(
            Flag(
                "short_window",
                _(
                    "Applications were accepted for %(days)s days, fewer than the "
                    "%(minimum)s days the rules set."
                )
                % {"days": grants.shown_days(days), "minimum": minimum},
            )
        )
    if not competition.has_closed() or competition.results_only:
        return flags
    if public and competition.status not in Competition.RESULT_STATUSES:
        return flags
    applications = list(
        Application.objects.submitted()
        .filter(lot__competition=competition)
        .select_related("ngo", "lot")
    )
    per_lot = defaultdict(list)
    for application in applications:
        per_lot[application.lot].append(application)
    lots = competition.lots.annotate(
        count=Count(
            "applications",
            filter=~Q(applications__status__in=(Application.Status.DRAFT, "withdrawn")),
        )
    )
    for lot in lots:
        if lot.count == 1:
            flags.append(
                Flag(
                    "single_applicant",
                    _("Lot %(lot)s had a single applicant: there was no competition for it.")
                    % {"lot": lot.number},
                )
            )
    for field, label in (
        ("address", _("address")),
        ("phone", _("phone")),
        ("head_name", _("head")),
    ):
        for lot, items in per_lot.items():
            seen = defaultdict(set)
            for application in items:
                value = _normalised(getattr(application.ngo, field) or "")
                if value:
                    seen[value].add(application.ngo.bin)
            for bins in seen.values():
                if len(bins) > 1:
                    flags.append(
                        Flag(
                            f"shared_{field}",
                            _("In lot %(lot)s, applicants %(bins)s share the same %(what)s.")
                            % {"lot": lot.number, "bins": ", ".join(sorted(bins)), "what": label},
                        )
                    )
    members = list(competition.commission.select_related("user"))
    applicant_ngos = {a.ngo_id: a.ngo for a in applications}
    linked = Representation.objects.filter(
        user__in=[m.user for m in members],
        ngo_id__in=applicant_ngos,
        status=Representation.Status.APPROVED,
    ).select_related("user", "ngo")
    for link in linked:
        flags.append(
            Flag(
                "member_linked",
                _("A commission member represents the applicant %(bin)s.") % {"bin": link.ngo.bin},
            )
        )
    heads = {_normalised(ngo.head_name): ngo for ngo in applicant_ngos.values() if ngo.head_name}
    for member in members:
        ngo = heads.get(_normalised(member.user.full_name or ""))
        if ngo:
            flags.append(
                Flag(
                    "member_heads_applicant",
                    _("A commission member has the name of the head of the applicant %(bin)s.")
                    % {"bin": ngo.bin},
                )
            )
    return flags
