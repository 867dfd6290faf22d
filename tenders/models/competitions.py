import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import ActivityArea, Region, StateBody


class CompetitionQuerySet(models.QuerySet):
    def public(self):
        """What citizens see: everything once announced, never drafts."""
        return self.exclude(status=Competition.Status.DRAFT)

    def organised_by(self, user):
        """Competitions of the state bodies the official works for; administrators see all."""
        from registry.permissions import is_administrator  # the registry's one rule

        if is_administrator(user):
            return self
        return self.filter(organiser__officials=user)

    def accepting_on(self, moment: datetime.datetime):
        return self.filter(
            status__in=Competition.OPEN_STATUSES, opens_at__lte=moment, closes_at__gt=moment
        )


class Competition(models.Model):
    """One call for projects (or for award nominations) by a state body, with its lots."""

    class Mechanism(models.TextChoices):
        SOCIAL_ORDER = "social_order", _("State social order")
        GRANT = "grant", _("Grant")
        STRATEGIC_PARTNERSHIP = "strategic_partnership", _("Strategic partnership")
        AWARD = "award", _("NGO award")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ANNOUNCED = "announced", _("Announced")
        ACCEPTING = "accepting", _("Accepting applications")
        EVALUATING = "evaluating", _("Evaluating")
        PUBLISHED = "published", _("Results published")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    # Short codes for public numbers: 2025-SSO-0012.
    NUMBER_CODES = {
        Mechanism.SOCIAL_ORDER: "SSO",
        Mechanism.GRANT: "GR",
        Mechanism.STRATEGIC_PARTNERSHIP: "SP",
        Mechanism.AWARD: "AW",
    }
    OPEN_STATUSES = (Status.ANNOUNCED, Status.ACCEPTING)
    RESULT_STATUSES = (Status.PUBLISHED, Status.CLOSED)

    number = models.CharField(_("number"), max_length=32, unique=True)
    mechanism = models.CharField(_("funding mechanism"), max_length=24, choices=Mechanism.choices)
    organiser = models.ForeignKey(
        StateBody, models.PROTECT, related_name="competitions", verbose_name=_("organiser")
    )
    operator = models.ForeignKey(
        StateBody,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="operated_competitions",
        verbose_name=_("grant operator"),
        help_text=_("For grants: the operator that runs the competition for the ministry."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("applications open"), null=True, blank=True)
    closes_at = models.DateTimeField(_("applications close"), null=True, blank=True)
    documentation_kk = models.FileField(
        _("documentation in Kazakh"), upload_to="tenders/docs/", blank=True
    )
    documentation_ru = models.FileField(
        _("documentation in Russian"), upload_to="tenders/docs/", blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    cancel_reason = models.TextField(_("reason for cancellation"), blank=True)
    pass_score = models.DecimalField(
        _("pass mark"),
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text=_("The lowest mean score (out of 100) an application may win with."),
    )
    results_only = models.BooleanField(
        _("results only"),
        default=False,
        help_text=_("A historical round entered from its published results, without applications."),
    )
    # Published counts of a results-only round (the 2003–2005 rounds have no applications on file).
    reported_applications = models.PositiveIntegerField(
        _("applications (published count)"), null=True, blank=True
    )
    reported_applicants = models.PositiveIntegerField(
        _("applying NGOs (published count)"), null=True, blank=True
    )
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True)
    published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CompetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="competition_cancel_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="competition_window_order",
            ),
            models.CheckConstraint(
                condition=Q(pass_score__gte=0) & Q(pass_score__lte=100),
                name="competition_pass_score_range",
            ),
        ]
        indexes = [models.Index(fields=["year", "mechanism"], name="competition_year_mechanism")]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def ocid(self) -> str:
        return f"{settings.OCDS_OCID_PREFIX}-{self.number}"

    def is_accepting(self, moment: datetime.datetime | None = None) -> bool:
        moment = moment or timezone.now()
        return (
            self.status in self.OPEN_STATUSES
            and self.opens_at is not None
            and self.opens_at <= moment < self.closes_at
        )

    def has_closed(self, moment: datetime.datetime | None = None) -> bool:
        """The window is over: applications are sealed no longer, and nothing is editable."""
        moment = moment or timezone.now()
        return self.closes_at is not None and moment >= self.closes_at

    @property
    def total_budget(self) -> int:
        return sum(lot.budget for lot in self.lots.all())


# Bounds of any amount in tenge and of a budget in MCI: far above any real lot (the 2006 budget
# for the whole state social order was 550 million). The MCI bound keeps budget_mci × mci_value
# (two 32-bit columns, multiplied in a check constraint) inside 32 bits while the MCI is below
# 21,474 ₸ (3,932 ₸ in 2025).
MAX_TENGE = 10**12
MAX_MCI = 100_000


class Lot(models.Model):
    """What one or more winners are funded to do, with its budget in tenge."""

    competition = models.ForeignKey(
        Competition, models.CASCADE, related_name="lots", verbose_name=_("competition")
    )
    number = models.PositiveSmallIntegerField(_("lot number"))
    theme = models.CharField(_("theme"), max_length=500)
    activity_area = models.ForeignKey(
        ActivityArea, models.PROTECT, related_name="lots", verbose_name=_("activity area")
    )
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="lots",
        verbose_name=_("region"),
        help_text=_("Empty for a lot covering the whole country."),
    )
    budget = models.PositiveBigIntegerField(_("budget, tenge"))
    # A budget set in MCI (grants): the multiple and the MCI value of the year it was set with.
    budget_mci = models.PositiveIntegerField(_("budget, MCI"), null=True, blank=True)
    mci_value = models.PositiveIntegerField(_("MCI value used, tenge"), null=True, blank=True)
    term_months = models.PositiveSmallIntegerField(_("project term, months"), default=12)
    winners_allowed = models.PositiveSmallIntegerField(_("number of winners"), default=1)
    # The items of an action plan (forums' recommendations, councils' decisions) the lot funds;
    # only items its organiser is responsible for (tenders.services.set_plan_items).
    plan_items = models.ManyToManyField(
        "accountability.Item",
        blank=True,
        related_name="tender_lots",
        verbose_name=_("action plan items funded"),
    )

    class Meta:
        ordering = ["competition", "number"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [
            models.UniqueConstraint(fields=["competition", "number"], name="lot_number_unique"),
            # Zero only for non-monetary awards (honorary titles); projects need more.
            models.CheckConstraint(condition=Q(budget__gte=0), name="lot_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(winners_allowed__gte=1), name="lot_winners_at_least_one"
            ),
            models.CheckConstraint(
                condition=Q(budget_mci__isnull=True, mci_value__isnull=True)
                | Q(budget=models.F("budget_mci") * models.F("mci_value")),
                name="lot_mci_budget_in_tenge",
            ),
        ]

    def __str__(self):
        return f"{self.competition.number}/{self.number} {self.theme}"

    @property
    def code(self) -> str:
        """The lot's public identifier, also OCDS `lots[].id`."""
        return f"{self.competition.number}-L{self.number}"
