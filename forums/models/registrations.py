from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models import NGO, Region, StateBody

from .events import Event, Section

TOKEN_SALT = "forums.attendance"


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        """In the order they came: the first one waiting is the first one promoted."""
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    """A person's place at an event (and one of its sections): confirmed, waiting or cancelled.

    An NGO representative registers for their own NGO only; officials for their state body;
    experts with their affiliation. The region counts for quotas and for the forum's figures.
    """

    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO representative")
        OFFICIAL = "official", _("Official")
        EXPERT = "expert", _("Expert")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    code = models.CharField(_("registration number"), max_length=60, unique=True)
    event = models.ForeignKey(
        Event, models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    section = models.ForeignKey(
        Section,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("section"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="forum_registrations",
        verbose_name=_("participant"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    kind = models.CharField(_("taking part as"), max_length=10, choices=Kind.choices)
    ngo = models.ForeignKey(
        NGO,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_registrations",
        verbose_name=_("NGO"),
    )
    state_body = models.ForeignKey(
        StateBody,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_registrations",
        verbose_name=_("state body"),
    )
    affiliation = models.CharField(_("organisation"), max_length=300, blank=True)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_registrations",
        verbose_name=_("region"),
        help_text=_("The oblast or city the participant comes from; empty for republican bodies."),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consent_at = models.DateTimeField(_("consent given"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    attendance_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="forum_registration_once_per_event",
            ),
            models.CheckConstraint(
                condition=~Q(kind="ngo") | Q(ngo__isnull=False),
                name="forum_registration_ngo_named",
            ),
            models.CheckConstraint(
                condition=~Q(kind="official") | Q(state_body__isnull=False),
                name="forum_registration_body_named",
            ),
            models.CheckConstraint(
                condition=Q(attended_at__isnull=True) | Q(status="confirmed"),
                name="forum_registration_attended_confirmed",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="forum_reg_queue"),
            models.Index(fields=["ngo", "status"], name="forum_reg_ngo"),
        ]

    def __str__(self):
        return f"{self.code} {self.full_name}"

    @property
    def organisation(self) -> str:
        if self.kind == self.Kind.NGO:
            return str(self.ngo)
        if self.kind == self.Kind.OFFICIAL:
            return str(self.state_body)
        return self.affiliation

    @property
    def token(self) -> str:
        """What the QR code on the confirmation carries: signed, so it cannot be made up."""
        return signing.dumps(self.code, salt=TOKEN_SALT, compress=True)

    @staticmethod
    def code_from_token(token: str) -> str | None:
        try:
            return signing.loads(token, salt=TOKEN_SALT)
        except signing.BadSignature:
            return None
