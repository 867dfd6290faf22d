from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models import NGO

from .competitions import Lot


class ApplicationQuerySet(models.QuerySet):
    def submitted(self):
        """Applications that count: sent in, and neither drafts nor withdrawn."""
        return self.exclude(status__in=(Application.Status.DRAFT, Application.Status.WITHDRAWN))

    def of_ngo(self, ngo):
        return self.filter(ngo=ngo)


class Application(models.Model):
    """An NGO's project for one lot; one per NGO and lot, sealed until the window closes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        RETURNED = "returned", _("More information required")
        INELIGIBLE = "ineligible", _("Ineligible")
        ADMITTED = "admitted", _("Admitted to scoring")

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    number = models.CharField(_("number"), max_length=48, unique=True)
    lot = models.ForeignKey(Lot, models.PROTECT, related_name="applications", verbose_name=_("lot"))
    ngo = models.ForeignKey(
        NGO, models.PROTECT, related_name="tender_applications", verbose_name=_("NGO")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_reason = models.TextField(_("reason"), blank=True)
    title = models.CharField(_("project title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    activities = models.TextField(_("activities"), blank=True)
    beneficiaries = models.TextField(_("beneficiaries"), blank=True)
    beneficiary_count = models.PositiveIntegerField(_("number of beneficiaries"), null=True)
    requested_amount = models.PositiveBigIntegerField(_("requested amount, tenge"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["lot", "number"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["lot", "ngo"], name="application_one_per_ngo_and_lot"),
            models.CheckConstraint(
                condition=~Q(status__in=["returned", "ineligible"]) | ~Q(status_reason=""),
                name="application_refusal_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES


class BudgetLine(models.Model):
    """One line of an application's budget breakdown; the lines add up to the requested sum."""

    application = models.ForeignKey(
        Application, models.CASCADE, related_name="budget_lines", verbose_name=_("application")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    item = models.CharField(_("item"), max_length=300)
    amount = models.PositiveBigIntegerField(_("amount, tenge"))

    class Meta:
        ordering = ["application", "position", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.item}: {self.amount}"
