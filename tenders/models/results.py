from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import NGO

from .applications import Application
from .competitions import Competition, Lot


class AwardQuerySet(models.QuerySet):
    def standing(self):
        """Awards in force: not withdrawn by a correction."""
        return self.filter(withdrawn_at__isnull=True)

    def published(self):
        return self.standing().filter(lot__competition__status__in=Competition.RESULT_STATUSES)


class Award(models.Model):
    """A winner of a lot with the amount awarded; results-only rounds have no application."""

    lot = models.ForeignKey(Lot, models.PROTECT, related_name="awards", verbose_name=_("lot"))
    ngo = models.ForeignKey(
        NGO,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="tender_awards",
        verbose_name=_("NGO"),
    )
    # A winner of a historical round that is not (or no longer) in the register, by name.
    recipient_name = models.CharField(_("recipient"), max_length=500, blank=True)
    application = models.OneToOneField(
        Application,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="award",
        verbose_name=_("application"),
    )
    amount = models.PositiveBigIntegerField(_("amount awarded, tenge"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn by a correction"), null=True, blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["lot", "pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["lot", "ngo"],
                condition=Q(withdrawn_at__isnull=True),
                name="award_once_per_ngo_and_lot",
            ),
            # Zero only for a non-monetary award (an honorary title).
            models.CheckConstraint(condition=Q(amount__gte=0), name="award_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(ngo__isnull=False) | ~Q(recipient_name=""),
                name="award_has_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.lot.code}: {self.recipient} {self.amount}"

    @property
    def recipient(self) -> str:
        return self.ngo.name if self.ngo_id else self.recipient_name


class Correction(models.Model):
    """A recorded change to published results, with its reason (OCDS amendment)."""

    competition = models.ForeignKey(
        Competition, models.PROTECT, related_name="corrections", verbose_name=_("competition")
    )
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("changes"), default=list)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    made_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        ordering = ["competition", "made_at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="correction_has_reason")
        ]

    def __str__(self):
        return f"{self.competition_id}: {self.reason[:60]}"

    # The rules of the ranking a correction may override (codes kept in `changes`).
    OVERRIDES = {
        "not_admitted": _("not admitted to scoring"),
        "not_scored": _("not scored"),
        "below_pass": _("below the pass mark"),
        "ranking": _("a better-scored application passed over"),
    }

    def overrides(self) -> list[dict]:
        """Winners added against a rule of the ranking: whom, which rules, and why (public)."""
        return [
            {
                "lot": change["lot"],
                "recipient": change["recipient"],
                "rules": [str(self.OVERRIDES.get(code, code)) for code in change["overrides"]],
                "why": change.get("why", ""),
            }
            for change in self.changes
            if change.get("overrides")
        ]
