"""Councils, the people who sit on them, and their terms.

A person is one record across terms and councils; a membership is one term of one person in one
council. Two rules the database holds whatever writes the rows: one person never has two
overlapping terms in one council, and one NGO never has two members of a council at the same time
(exclusion constraints over the term's date range, `btree_gist`).
"""

import datetime

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeOperators
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TermRange(models.Func):
    """daterange(term_start, term_end): the days of a term, the end day excluded."""

    function = "DATERANGE"
    output_field = DateRangeField()


class CouncilQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Council.Status.ACTIVE)

    def public_councils(self):
        return self.filter(kind=Council.Kind.PUBLIC)

    def out_of_rule(self):
        return self.exclude(rule_flags=[])

    def with_member_counts(self, today: datetime.date | None = None):
        """`member_count` and `civil_count`: current members, and those from civil society."""
        today = today or timezone.localdate()
        current = Q(memberships__term_start__lte=today, memberships__term_end__gt=today)
        civil = Q(memberships__affiliation=Membership.Affiliation.CIVIL_SOCIETY)
        return self.annotate(
            member_count=models.Count("memberships", filter=current),
            civil_count=models.Count("memberships", filter=current & civil),
        )

    def attach_member_counts(self, councils, today: datetime.date | None = None) -> list:
        """Set `member_count` and `civil_count` on the given councils (a page of them) with one
        query: counting before paging would join every member of every council."""
        councils = list(councils)
        counts = {
            c.pk: c
            for c in self.filter(pk__in=[c.pk for c in councils])
            .order_by()
            .with_member_counts(today)
            .only("pk")
        }
        for council in councils:
            council.member_count = counts[council.pk].member_count
            council.civil_count = counts[council.pk].civil_count
        return councils

    def managed_by(self, user):
        """Councils whose workspace this secretary runs; administrators run all."""
        from ..permissions import is_councils_administrator

        if not (user.is_authenticated and user.is_active):
            return self.none()
        if is_councils_administrator(user):
            return self
        return self.filter(secretaries=user)

    def attached_to_bodies_of(self, user):
        """Councils attached to the state bodies this official works for."""
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return self.none()
        return self.filter(state_body__officials=user)


class Council(models.Model):
    """A public council or another permanent venue of dialogue attached to a state body."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("Public council")
        CONSULTATIVE = "consultative", _("Consultative and advisory body")
        EXPERT = "expert", _("Expert group")
        WORKING = "working", _("Working group")
        INTERACTION = "interaction", _("Interaction council")
        COORDINATION = "coordination", _("Coordination council")

    class Level(models.TextChoices):
        PRESIDENT = "president", _("Under the President")
        GOVERNMENT = "government", _("Under the Government")
        MINISTRY = "ministry", _("Ministry or central state body")
        OBLAST = "oblast", _("Oblast or city akimat")
        DISTRICT = "district", _("District akimat")
        QUASI_PUBLIC = "quasi_public", _("Quasi-public company")

    class Initiative(models.TextChoices):
        LAW = "law", _("Required by law")
        STATE_BODY = "state_body", _("The state body")
        CIVIL_SOCIETY = "civil_society", _("Civil society")

    class Selection(models.TextChoices):
        OPEN_COMPETITION = "open_competition", _("Open competition")
        NOMINATION = "nomination", _("Nomination")
        MIXED = "mixed", _("Open competition and nomination")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    state_body = models.ForeignKey(
        "registry.StateBody",
        models.PROTECT,
        related_name="councils",
        verbose_name=_("attached to"),
    )
    region = models.ForeignKey(
        "registry.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        verbose_name=_("region"),
    )
    name = models.CharField(_("name"), max_length=300)
    mandate = models.TextField(_("mandate"), blank=True)
    how_to_join = models.TextField(_("how to join"), blank=True)
    founding_act = models.CharField(_("founding act"), max_length=300, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    initiative = models.CharField(
        _("formed on the initiative of"),
        max_length=16,
        choices=Initiative.choices,
        default=Initiative.STATE_BODY,
    )
    selection = models.CharField(
        _("how members are selected"),
        max_length=16,
        choices=Selection.choices,
        default=Selection.MIXED,
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_reason = models.TextField(_("reason for closing"), blank=True)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name=_("parent council"),
    )
    secretaries = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="council_secretariats",
        verbose_name=_("secretaries"),
    )
    # The composition rules the council breaks, kept by `rules.refresh_flags` after every change
    # of its members (and daily, for the dates), so that lists can filter on them.
    rule_flags = ArrayField(
        models.CharField(max_length=24), default=list, blank=True, verbose_name=_("rule flags")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="active", closed_on__isnull=True)
                | Q(status="closed", closed_on__isnull=False) & ~Q(closing_reason=""),
                name="council_closed_with_date_and_reason",
            ),
        ]
        indexes = [models.Index(fields=["kind", "level"])]

    def __str__(self):
        return self.name

    @property
    def is_public_council(self) -> bool:
        return self.kind == self.Kind.PUBLIC


class Person(models.Model):
    """One person, whatever the terms and councils. Name public; contact data never shown."""

    name = models.CharField(_("full name"), max_length=200)
    # Private: for the secretary only. Never in a public page, the API or an export.
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(term_start__lte=on, term_end__gt=on)

    def ending_within(self, days: int, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.current(on).filter(term_end__lte=on + datetime.timedelta(days=days))


class Membership(models.Model):
    """One term of one person in one council: affiliation, role, dates and how they came in."""

    class Affiliation(models.TextChoices):
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        STATE_BODY = "state_body", _("State body")
        BUSINESS = "business", _("Business")
        ACADEMIA = "academia", _("Academia")

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY = "deputy", _("Deputy chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    council = models.ForeignKey(
        Council, models.CASCADE, related_name="memberships", verbose_name=_("council")
    )
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    affiliation = models.CharField(_("affiliation"), max_length=16, choices=Affiliation.choices)
    ngo = models.ForeignKey(
        "registry.NGO",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
        verbose_name=_("NGO"),
    )
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), help_text=_("The first day no longer in office."))
    selection = models.CharField(
        _("how selected"),
        max_length=16,
        choices=[c for c in Council.Selection.choices if c[0] != Council.Selection.MIXED],
        default=Council.Selection.OPEN_COMPETITION,
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["council", "role", "person__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")), name="membership_term_order"
            ),
            models.CheckConstraint(
                condition=Q(ngo__isnull=True) | Q(affiliation="civil_society"),
                name="membership_ngo_only_civil_society",
            ),
            ExclusionConstraint(
                name="membership_no_overlapping_terms",
                expressions=[
                    ("council", RangeOperators.EQUAL),
                    ("person", RangeOperators.EQUAL),
                    (TermRange("term_start", "term_end"), RangeOperators.OVERLAPS),
                ],
            ),
            ExclusionConstraint(
                name="membership_one_member_per_ngo",
                expressions=[
                    ("council", RangeOperators.EQUAL),
                    ("ngo", RangeOperators.EQUAL),
                    (TermRange("term_start", "term_end"), RangeOperators.OVERLAPS),
                ],
                condition=Q(ngo__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["council", "term_end", "term_start"])]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.term_start <= on < self.term_end

    @property
    def is_civil_society(self) -> bool:
        return self.affiliation == self.Affiliation.CIVIL_SOCIETY
