"""Integrity flags: links between people, NGOs and money that no single app sees.

- a commission member represents an NGO that applied to the competition they score;
- an NGO won an award while the annual information due at the decision was missing;
- a council member's NGO won competitions of the state body the council sits at.

A flag is a reason to look closer, not a finding. Each kind is one query (a count and the first
rows for officials), whatever the amount of data; the public statistics page shows the counts.
"""

from dataclasses import dataclass

from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.functions import ExtractYear, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.models import Membership
from registry.models import NGO, AnnualReport, Representation
from registry.permissions import is_administrator, is_official
from tenders.models import Application, Award, Competition

from .tables import Column, Table

SHOWN = 50
KINDS = {
    "commission_applicant": gettext_lazy("A commission member's NGO among the applicants"),
    "funded_without_report": gettext_lazy("Funded while its annual information was missing"),
    "council_member_winner": gettext_lazy(
        "A council member's NGO won competitions of the council's state body"
    ),
}


@dataclass(frozen=True)
class Flag:
    kind: str
    ngo_bin: str
    ngo_name: str
    competition: str
    competition_title: str
    evidence: str


def _commission_applications():
    """Applications of an NGO represented by a member of the competition's commission, once the
    window has closed (until then who applied is sealed, even to officials)."""
    linked = Representation.objects.filter(
        ngo=OuterRef("ngo"),
        status=Representation.Status.APPROVED,
        user__commission_seats__competition=OuterRef("lot__competition"),
    )
    return (
        Application.objects.submitted()
        .filter(lot__competition__closes_at__lte=timezone.now())
        .filter(Exists(linked))
        .annotate(member=Subquery(linked.values("user__full_name")[:1]))
    )


def _awards_without_report():
    """Published awards decided while the NGO's annual information due then was not on file:
    the due year is last year after 31 March, the year before until then (the registry's rule,
    `report_year_due`), and an NGO registered after that year owed none."""
    due_year = Case(
        When(decided_at__month__lte=3, then=ExtractYear("decided_at") - 2),
        default=ExtractYear("decided_at") - 1,
    )
    filed = AnnualReport.objects.filter(
        ngo=OuterRef("ngo"),
        status=AnnualReport.Status.SUBMITTED,
        year__gte=OuterRef("due_year"),
        submitted_at__lte=OuterRef("decided_at"),
    )
    return (
        Award.objects.published()
        .filter(ngo__isnull=False)
        .annotate(due_year=due_year)
        .exclude(ngo__registered_on__year__gt=F("due_year"))
        .exclude(Exists(filed))
    )


def _council_seats():
    """Seats of an NGO on a council at the organiser of the award's competition, held on the day
    of the decision."""
    return Membership.objects.filter(
        ngo=OuterRef("ngo"),
        council__state_body=OuterRef("lot__competition__organiser"),
        term_start__lte=OuterRef("decided_on"),
        term_end__gt=OuterRef("decided_on"),
    )


def _council_member_awards():
    seats = _council_seats()
    return (
        Award.objects.published()
        .filter(ngo__isnull=False)
        .annotate(decided_on=TruncDate("decided_at"))
        .filter(Exists(seats))
        .annotate(
            member=Subquery(seats.values("person__name")[:1]),
            council=Subquery(seats.values("council__code")[:1]),
        )
    )


def _scoped(queryset, user, ngo_path: str, competition_path: str):
    """Administrators and republican officials see every flag; a regional official those about
    the NGOs of their region; an organiser's official those of their body's competitions."""
    if user is None or is_administrator(user):
        return queryset
    scope = Q()
    if is_official(user):
        scope |= Q(**{f"{ngo_path}__in": NGO.objects.in_scope_of(user)})
    if user.has_perm("tenders.change_competition"):
        scope |= Q(**{f"{competition_path}__in": Competition.objects.organised_by(user)})
    return queryset.filter(scope) if scope else queryset.none()


def commission_applicants(user=None):
    return _scoped(_commission_applications(), user, "ngo", "lot__competition")


def funded_without_report(user=None):
    return _scoped(_awards_without_report(), user, "ngo", "lot__competition")


def council_member_winners(user=None):
    return _scoped(_council_member_awards(), user, "ngo", "lot__competition")


def flags(user, shown: int = SHOWN) -> dict[str, dict]:
    """For each kind, how many and the first `shown` with their evidence (6 queries)."""
    applications = commission_applicants(user)
    awards = funded_without_report(user)
    seated = council_member_winners(user)
    first_seated = seated.select_related("ngo", "lot__competition__organiser").order_by(
        "-decided_at", "pk"
    )[:shown]
    first_applications = applications.select_related("ngo", "lot__competition").order_by(
        "-lot__competition__closes_at", "number"
    )[:shown]
    first_awards = awards.select_related("ngo", "lot__competition").order_by("-decided_at", "pk")[
        :shown
    ]
    return {
        "commission_applicant": {
            "label": KINDS["commission_applicant"],
            "count": applications.count(),
            "items": [
                Flag(
                    "commission_applicant",
                    application.ngo.bin,
                    application.ngo.name,
                    application.lot.competition.number,
                    application.lot.competition.title,
                    _(
                        "%(member)s sits on the commission of %(competition)s and represents "
                        "%(ngo)s, which applied for lot %(lot)s (application %(application)s)."
                    )
                    % {
                        "member": application.member or _("A member"),
                        "competition": application.lot.competition.number,
                        "ngo": application.ngo.name,
                        "lot": application.lot.number,
                        "application": application.number,
                    },
                )
                for application in first_applications
            ],
        },
        "funded_without_report": {
            "label": KINDS["funded_without_report"],
            "count": awards.count(),
            "items": [
                Flag(
                    "funded_without_report",
                    award.ngo.bin,
                    award.ngo.name,
                    award.lot.competition.number,
                    award.lot.competition.title,
                    _(
                        "Awarded %(amount)s tenge for lot %(lot)s on %(date)s; its annual "
                        "information for %(year)s, due by then, had not been filed."
                    )
                    % {
                        "amount": _amount(award.amount),
                        "lot": award.lot.number,
                        "date": timezone.localdate(award.decided_at).isoformat(),
                        "year": award.due_year,
                    },
                )
                for award in first_awards
            ],
        },
        "council_member_winner": {
            "label": KINDS["council_member_winner"],
            "count": seated.count(),
            "items": [
                Flag(
                    "council_member_winner",
                    award.ngo.bin,
                    award.ngo.name,
                    award.lot.competition.number,
                    award.lot.competition.title,
                    _(
                        "%(member)s of this NGO sat on the council %(council)s at %(body)s when "
                        "the NGO was awarded %(amount)s tenge for lot %(lot)s on %(date)s."
                    )
                    % {
                        "member": award.member,
                        "council": award.council,
                        "body": award.lot.competition.organiser.name,
                        "amount": _amount(award.amount),
                        "lot": award.lot.number,
                        "date": award.decided_on.isoformat(),
                    },
                )
                for award in first_seated
            ],
        },
    }


def _amount(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def counts(user=None) -> dict[str, int]:
    """How many of each kind: everything (the public statistics page) or in a user's scope."""
    return {
        "commission_applicant": commission_applicants(user).count(),
        "funded_without_report": funded_without_report(user).count(),
        "council_member_winner": council_member_winners(user).count(),
    }


def may_see(user) -> bool:
    """Officials of the register, organisers of competitions and administrators."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return (
        is_administrator(user) or is_official(user) or user.has_perm("tenders.change_competition")
    )


def counts_table():
    found = counts()
    return Table(
        "integrity-flags",
        _("Integrity flags"),
        [
            Column("flag", _("Flag code")),
            Column("flag_name", _("Flag")),
            Column("count", _("Count"), True),
        ],
        [[kind, str(KINDS[kind]), found[kind]] for kind in KINDS],
        note=_(
            "A flag is a reason to look closer, not a finding of wrongdoing. Officials see the "
            "evidence in their workspace."
        ),
    )
