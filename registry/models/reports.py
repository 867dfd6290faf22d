"""The annual information an NGO files by 31 March, with the bounds of its figures."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import common

# The largest figure a report may hold: more is a typo (or a joke), never an NGO's year. One
# trillion tenge keeps every amount and every total of five within JavaScript's safe integers.
MONEY_LIMIT = 1_000_000_000_000
FIGURE_LIMITS = {
    "income_state_order": MONEY_LIMIT,
    "income_grants": MONEY_LIMIT,
    "income_donations": MONEY_LIMIT,
    "income_foreign": MONEY_LIMIT,
    "income_own": MONEY_LIMIT,
    "expense_programmes": MONEY_LIMIT,
    "expense_salaries": MONEY_LIMIT,
    "expense_administration": MONEY_LIMIT,
    "expense_assets": MONEY_LIMIT,
    "expense_other": MONEY_LIMIT,
    "property_value": MONEY_LIMIT,
    "staff_count": 100_000,
    "volunteer_count": 1_000_000,
    "beneficiary_count": 20_000_000,  # the population of Kazakhstan
    "project_count": 10_000,
    "member_count": 10_000_000,
}


class FigureLimit(MaxValueValidator):
    """Refuses an implausible figure with a message that names the bound."""

    message = _("At most %(limit)s; check the figure.")

    def __call__(self, value):
        if value is not None and value > self.limit_value:
            raise ValidationError(
                self.message,
                code="max_value",
                params={"limit": f"{self.limit_value:,}".replace(",", " ")},
            )


def money(verbose_name, **kwargs):
    return models.PositiveBigIntegerField(
        verbose_name,
        validators=[FigureLimit(MONEY_LIMIT)],
        blank=kwargs.get("null", False),
        **kwargs,
    )


def count(verbose_name, limit: int, **kwargs):
    return models.PositiveIntegerField(
        verbose_name, validators=[FigureLimit(limit)], blank=kwargs.get("null", False), **kwargs
    )


class AnnualReportQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=AnnualReport.Status.SUBMITTED)

    def latest_versions(self):
        """For each NGO and year, only the newest submitted version."""
        return self.submitted().order_by("ngo_id", "-year", "-version").distinct("ngo_id", "year")

    def latest_of_year(self, ngo):
        """Submitted reports of `ngo` (a value or OuterRef) that no later version corrects."""
        newer = AnnualReport.objects.filter(
            ngo=OuterRef("ngo"),
            year=OuterRef("year"),
            status=AnnualReport.Status.SUBMITTED,
            version__gt=OuterRef("version"),
        )
        return self.submitted().filter(ngo=ngo).exclude(Exists(newer))

    def covering(self, report_year: int, ngo):
        """Submitted reports of `ngo` that satisfy the year due: that year or a later one."""
        return self.submitted().filter(ngo=ngo, year__gte=report_year)


class AnnualReport(models.Model):
    """The yearly information an NGO files by 31 March; a correction is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    DEADLINE_MONTH_DAY = (3, 31)

    ngo = models.ForeignKey(
        "registry.NGO", models.CASCADE, related_name="annual_reports", verbose_name=_("NGO")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    income_state_order = money(_("state social order, ₸"), default=0)
    income_grants = money(_("grants, ₸"), default=0)
    income_donations = money(_("donations, ₸"), default=0)
    income_foreign = money(_("foreign sources, ₸"), default=0)
    income_own = money(_("own income, ₸"), default=0)
    # How the money was spent; empty in reports filed before the register asked for it.
    expense_programmes = money(_("spent on programmes and services, ₸"), null=True)
    expense_salaries = money(_("spent on salaries and social tax, ₸"), null=True)
    expense_administration = money(_("spent on rent and administration, ₸"), null=True)
    expense_assets = money(_("spent on equipment and property, ₸"), null=True)
    expense_other = money(_("other expenses, ₸"), null=True)
    staff_count = count(_("staff"), FIGURE_LIMITS["staff_count"], default=0)
    volunteer_count = count(_("volunteers"), FIGURE_LIMITS["volunteer_count"], default=0)
    beneficiary_count = count(_("beneficiaries"), FIGURE_LIMITS["beneficiary_count"], default=0)
    project_count = count(_("projects"), FIGURE_LIMITS["project_count"], default=0)
    member_count = count(_("founders and members"), FIGURE_LIMITS["member_count"], null=True)
    founders = models.TextField(
        _("founders"),
        blank=True,
        help_text=_("The founders (members) at the end of the year, one per line."),
    )
    property_value = money(_("property at the end of the year, ₸"), null=True)
    property_description = models.TextField(
        _("property"),
        blank=True,
        help_text=_("What the organisation owns or rents: premises, vehicles, equipment."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AnnualReportQuerySet.as_manager()
    history = HistoricalRecords()

    INCOME_FIELDS = (
        "income_state_order",
        "income_grants",
        "income_donations",
        "income_foreign",
        "income_own",
    )
    EXPENSE_FIELDS = (
        "expense_programmes",
        "expense_salaries",
        "expense_administration",
        "expense_assets",
        "expense_other",
    )
    COUNT_FIELDS = ("staff_count", "volunteer_count", "beneficiary_count", "project_count")
    FIGURE_FIELDS = (*INCOME_FIELDS, *EXPENSE_FIELDS, *COUNT_FIELDS)
    # Everything a report holds, in the order the form asks for it.
    REPORT_FIELDS = (
        *FIGURE_FIELDS,
        "member_count",
        "founders",
        "property_value",
        "property_description",
    )

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["ngo", "year", "version"], name="annual_report_unique_version"
            ),
            models.UniqueConstraint(
                fields=["ngo", "year"],
                condition=Q(status="draft"),
                name="annual_report_one_open_draft",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1991) & Q(year__lte=2100), name="annual_report_year_range"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="annual_report_submitted_has_date",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__lte": limit}), name=f"annual_report_{name}_limit"
                )
                for name, limit in FIGURE_LIMITS.items()
            ],
        ]

    def __str__(self):
        return f"{self.ngo.bin} {self.year} v{self.version}"

    @property
    def total_income(self) -> int:
        return sum(getattr(self, f) or 0 for f in self.INCOME_FIELDS)

    @property
    def total_expenses(self) -> int | None:
        """None when the report predates the question of how the money was spent."""
        spent = [getattr(self, f) for f in self.EXPENSE_FIELDS]
        return None if all(v is None for v in spent) else sum(v or 0 for v in spent)

    @property
    def spent_more_than_received(self) -> bool:
        spent = self.total_expenses
        return spent is not None and spent > self.total_income

    @property
    def deadline(self) -> datetime.date:
        return datetime.date(self.year + 1, *self.DEADLINE_MONTH_DAY)

    @property
    def reference(self) -> str:
        """The number a representative quotes to the ministry: BIN, year and version."""
        return f"{self.ngo.bin}-{self.year}-v{self.version}"

    @property
    def is_late(self) -> bool:
        """Filed (or, for a draft, to be filed) after 31 March of the following year."""
        filed_on = timezone.localdate(self.submitted_at) if self.submitted_at else common.today()
        return filed_on > self.deadline

    @property
    def is_blank(self) -> bool:
        """A first version whose figures nobody has entered yet (they are all still 0)."""
        return self.version == 1 and not any(getattr(self, f) for f in self.FIGURE_FIELDS)

    @property
    def filed_on_time(self) -> bool:
        if self.submitted_at is None:
            return False
        return timezone.localdate(self.submitted_at) <= self.deadline
