from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .applications import Application
from .results import Correction


class Appeal(models.Model):
    """An applicant's appeal against published results: filed → answered → upheld or dismissed.

    An upheld appeal is carried out by a recorded correction of the results, linked here.
    """

    class Status(models.TextChoices):
        FILED = "filed", _("Filed")
        ANSWERED = "answered", _("Answered")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    OPEN_STATUSES = (Status.FILED, Status.ANSWERED)
    DECIDED_STATUSES = (Status.UPHELD, Status.DISMISSED)

    number = models.CharField(_("number"), max_length=48, unique=True)
    application = models.ForeignKey(
        Application, models.PROTECT, related_name="appeals", verbose_name=_("application")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.FILED, db_index=True
    )
    grounds = models.TextField(_("grounds of the appeal"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("filed"), auto_now_add=True)
    answer = models.TextField(_("answer of the organiser"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    correction = models.OneToOneField(
        Correction,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="appeal",
        verbose_name=_("correction of the results"),
    )

    class Meta:
        ordering = ["-filed_at", "pk"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status__in=["filed", "answered"]),
                name="appeal_one_open_per_application",
            ),
            models.CheckConstraint(condition=~Q(grounds=""), name="appeal_has_grounds"),
            models.CheckConstraint(
                condition=Q(status="filed") | ~Q(answer=""), name="appeal_answered_has_answer"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["upheld", "dismissed"]) | ~Q(decision_reason=""),
                name="appeal_decision_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="upheld") | Q(correction__isnull=False),
                name="appeal_upheld_has_correction",
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES
