"""Alerts: what a person follows (an NGO, a competition, a council, an action-plan item) or the
competitions they search for, how often they are told, and which changes they were told of."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Alert(models.Model):
    class Kind(models.TextChoices):
        NGO = "ngo", _("An NGO")
        COMPETITION = "competition", _("A competition")
        COUNCIL = "council", _("A council")
        PLAN_ITEM = "plan_item", _("An action-plan item")
        SEARCH = "search", _("New competitions matching a search")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("At once")
        DAILY = "daily", _("Once a day")
        WEEKLY = "weekly", _("Once a week")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="alerts", verbose_name=_("user")
    )
    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    # The public identifier followed (BIN, competition number, council code, item code), or ""
    # for a search, whose filters are `params` (region KATO, activity area code, mechanism).
    key = models.CharField(_("identifier"), max_length=40, blank=True)
    params = models.JSONField(_("search"), default=dict, blank=True)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    token = models.CharField(_("unsubscribe token"), max_length=40, unique=True, default=new_token)
    language = models.CharField(_("language"), max_length=8, default="kk")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    checked_until = models.DateTimeField(_("changes looked at until"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key", "params"],
                condition=models.Q(active=True),
                name="alert_once_per_user_and_thing",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="search") | ~models.Q(key=""), name="alert_names_a_thing"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key or self.params}"


class AlertSent(models.Model):
    """A change an alert has told of: never told twice, whatever the runs."""

    alert = models.ForeignKey(Alert, models.CASCADE, related_name="sent", verbose_name=_("alert"))
    change = models.CharField(_("change"), max_length=120)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("change told")
        verbose_name_plural = _("changes told")
        constraints = [
            models.UniqueConstraint(fields=["alert", "change"], name="alert_change_once")
        ]

    def __str__(self):
        return self.change
