"""Who acts for an NGO (claims awaiting approval) and the changes of registered particulars
they propose for an official's review."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .common import current_language, report_year_due
from .reference import scoped


class Representation(models.Model):
    """A person acting for an NGO; a claim on an existing NGO waits for an official's approval."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="representations",
        verbose_name=_("user"),
    )
    ngo = models.ForeignKey(
        "registry.NGO", models.CASCADE, related_name="representatives", verbose_name=_("NGO")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    position = models.CharField(_("position in the NGO"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        default=current_language,
        help_text=_("The language of the page the request was made on; the answer is sent in it."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(fields=["user", "ngo"], name="representation_unique"),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="representation_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.ngo}"

    def situation(self, filed: set[int]) -> str:
        """The one thing My NGOs says about this NGO; `filed` holds its submitted report years."""
        if self.status != self.Status.APPROVED:
            return f"claim_{self.status}"
        status = self.ngo.status
        statuses = self.ngo.Status
        if status in (statuses.DRAFT, statuses.SUBMITTED, statuses.REJECTED):
            return status
        if status == statuses.LIQUIDATED:
            return "liquidated"
        year = self.ngo.report_year_open(filed)
        if year is None:
            return "up_to_date"
        return "report_late" if year <= report_year_due() else "report_due"


class ParticularsChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ParticularsChange.Status.PENDING)

    def in_scope_of(self, user):
        return scoped(self, user, "ngo__region")


class ParticularsChange(models.Model):
    """A representative's change of a public NGO's registered particulars, waiting for review.

    `values` holds only the fields that differ, as JSON (foreign keys by id, dates in ISO form);
    the NGO keeps its verified values until an official approves. One pending change per NGO:
    a new edit while one is pending updates it and raises its revision, so an official who
    reviewed an older revision cannot approve values they have not seen.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    ngo = models.ForeignKey(
        "registry.NGO", models.CASCADE, related_name="particulars_changes", verbose_name=_("NGO")
    )
    values = models.JSONField(_("proposed values"))
    revision = models.PositiveIntegerField(_("revision"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason for the decision"), blank=True)

    objects = ParticularsChangeQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("change of registered particulars")
        verbose_name_plural = _("changes of registered particulars")
        constraints = [
            models.UniqueConstraint(
                fields=["ngo"], condition=Q(status="pending"), name="particulars_one_pending"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""),
                name="particulars_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.ngo.bin} r{self.revision} ({self.status})"

    @staticmethod
    def encode(name: str, value):
        """A form's cleaned value as it is kept in `values`."""
        if isinstance(value, models.Model):
            return value.pk
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def apply_to(self, ngo) -> None:
        for name, raw in self.values.items():
            field = ngo._meta.get_field(name)
            setattr(ngo, field.attname, None if raw is None else field.to_python(raw))
