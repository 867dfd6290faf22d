"""What the product told whom: one row per event and recipient (registry.events)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One named event told to one person: the audit of what the product said, and to whom.

    Written by `registry.events.emit`; the unique key makes emitting twice harmless, and
    `sent_at` makes delivering twice harmless. Event names live in code (`events.define`), not
    in a database enum, so a new event needs no migration.
    """

    event = models.CharField(_("event"), max_length=80, db_index=True)
    key = models.CharField(_("key"), max_length=200)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    context = models.JSONField(_("context"), default=dict)
    language = models.CharField(_("language"), max_length=8, default="kk")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "key", "recipient"], name="notification_once_per_recipient"
            )
        ]

    def __str__(self):
        return f"{self.event} {self.key} → {self.recipient_id}"
