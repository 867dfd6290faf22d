"""After the results: the contract with a winner, its instalments and the NGO's project reports.

An award of a published competition gets at most one contract; the money disbursed is the sum
of its paid instalments, shown beside the amount awarded. The NGO files interim and final
reports on a schedule the organiser sets; an official of the organising body accepts or returns
each one. The monthly calculation index (MCI) of each year is reference data for budgets set
in MCI (grants, awards).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .results import Award


class MCIValue(models.Model):
    """The monthly calculation index of a year in tenge, as the budget law of that year sets it."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    value_tenge = models.PositiveIntegerField(_("value, tenge"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("monthly calculation index")
        verbose_name_plural = _("monthly calculation indices")
        constraints = [
            models.CheckConstraint(condition=Q(value_tenge__gt=0), name="mci_value_positive")
        ]

    def __str__(self):
        return f"{self.year}: {self.value_tenge} ₸"


class ContractQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Contracts of competitions the official's state bodies organise (administrators: all)."""
        from .competitions import Competition

        return self.filter(
            award__lot__competition__in=Competition.objects.organised_by(user).values("pk")
        )

    def with_progress(self, today: datetime.date | None = None):
        """Disbursed tenge, overdue reports and reports awaiting review, for lists."""
        today = today or timezone.localdate()
        late = Q(reports__status__in=ProjectReport.OPEN_STATUSES, reports__due_on__lt=today)
        return self.annotate(
            disbursed=models.Subquery(
                Instalment.objects.filter(contract=models.OuterRef("pk"), status="paid")
                .order_by()
                .values("contract")
                .annotate(total=Sum("amount"))
                .values("total")[:1]
            ),
            overdue_count=models.Count("reports", filter=late, distinct=True),
            awaiting_count=models.Count(
                "reports", filter=Q(reports__status=ProjectReport.Status.SUBMITTED), distinct=True
            ),
        )


class Contract(models.Model):
    """The contract signed with a winner; its amount never exceeds the amount awarded."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        TERMINATED = "terminated", _("Terminated")

    award = models.OneToOneField(
        Award, models.PROTECT, related_name="contract", verbose_name=_("award")
    )
    number = models.CharField(_("contract number"), max_length=64, unique=True)
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("project starts"))
    ends_on = models.DateField(_("project ends"))
    amount = models.PositiveBigIntegerField(_("contract amount, tenge"))
    # The award's amount when the contract was signed: the database compares the two.
    awarded_amount = models.PositiveBigIntegerField(_("amount awarded, tenge"))
    status = models.CharField(
        _("project status"),
        max_length=12,
        choices=Status.choices,
        default=Status.IN_PROGRESS,
        db_index=True,
    )
    status_reason = models.TextField(_("reason for termination"), blank=True)
    closed_at = models.DateTimeField(_("completed or terminated"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("entered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "number"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="contract_amount_positive"),
            models.CheckConstraint(
                condition=Q(amount__lte=F("awarded_amount")),
                name="contract_amount_within_award",
                violation_error_message=_("The contract amount cannot exceed the amount awarded."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="contract_period_order",
                violation_error_message=_("The project must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status="terminated") | ~Q(status_reason=""),
                name="contract_termination_has_reason",
            ),
            models.CheckConstraint(condition=~Q(number=""), name="contract_has_number"),
        ]

    def __str__(self):
        return self.number


class Instalment(models.Model):
    """A tranche of the contract amount: planned, approved for payment, then paid."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")

    contract = models.ForeignKey(
        Contract, models.CASCADE, related_name="instalments", verbose_name=_("contract")
    )
    number = models.PositiveSmallIntegerField(_("instalment number"))
    planned_on = models.DateField(_("planned for"))
    amount = models.PositiveBigIntegerField(_("amount, tenge"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_recorded_at = models.DateTimeField(_("payment recorded"), null=True, blank=True)

    class Meta:
        ordering = ["contract", "number"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="instalment_number_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="instalment_amount_positive"),
            models.CheckConstraint(
                condition=Q(status="paid", paid_on__isnull=False)
                | (~Q(status="paid") & Q(paid_on__isnull=True)),
                name="instalment_paid_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.contract.number}/{self.number}: {self.amount}"


class ProjectReportQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date | None = None):
        """Reports still to be filed (or filed again, once returned) after their due date."""
        today = today or timezone.localdate()
        return self.filter(status__in=ProjectReport.OPEN_STATUSES, due_on__lt=today).exclude(
            contract__status=Contract.Status.TERMINATED
        )

    def awaiting_review(self):
        return self.filter(status=ProjectReport.Status.SUBMITTED)


class ProjectReport(models.Model):
    """An interim or final report of the NGO: what was done, the indicators, the money spent."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim report")
        FINAL = "final", _("Final report")

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        SUBMITTED = "submitted", _("Submitted, awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for changes")

    OPEN_STATUSES = (Status.DUE, Status.RETURNED)

    contract = models.ForeignKey(
        Contract, models.CASCADE, related_name="reports", verbose_name=_("contract")
    )
    number = models.PositiveSmallIntegerField(_("report number"))
    kind = models.CharField(_("kind of report"), max_length=8, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DUE, db_index=True
    )
    status_reason = models.TextField(_("reason for return"), blank=True)
    narrative = models.TextField(_("what was done"), blank=True)
    indicators = models.TextField(_("indicators reached"), blank=True)
    spent = models.PositiveBigIntegerField(_("money spent, tenge"), null=True, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="tenders/reports/", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    objects = ProjectReportQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "due_on", "number"]
        verbose_name = _("project report")
        verbose_name_plural = _("project reports")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="report_number_unique"),
            models.UniqueConstraint(
                fields=["contract"], condition=Q(kind="final"), name="report_one_final"
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(status_reason=""),
                name="report_return_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="due") | Q(submitted_at__isnull=False),
                name="report_filed_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.contract.number}/R{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on < today
