from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import ActivityArea, Region, StateBody

from .forums import Forum


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Event.Status.DRAFT)

    def of_region(self, region: Region):
        return self.filter(region__in=region.territory())

    def with_counts(self):
        """Confirmed and waiting registrations, counted in the same query."""
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status="confirmed"), distinct=True
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status="waiting"), distinct=True
            ),
        )


class Event(models.Model):
    """A dialogue event: the forum's own plenary, a regional forum before it (one per region), a
    sectoral meeting of NGOs with a ministry, or another event (the Republican Majilis of public
    councils, the International NGO Conference, the Charity Forum) that may stand alone.

    `code` is its public identifier, e.g. XII-750000000 for the regional forum in Almaty before
    the XII, XII-S-mlsp for the sectoral meeting with the Ministry of Labour.
    """

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Forum plenary")
        REGIONAL = "regional", _("Regional forum")
        SECTORAL = "sectoral", _("Sectoral meeting with a ministry")
        OTHER = "other", _("Other dialogue event")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ANNOUNCED = "announced", _("Announced")
        REGISTRATION_OPEN = "registration_open", _("Registration open")
        REGISTRATION_CLOSED = "registration_closed", _("Registration closed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    forum = models.ForeignKey(
        Forum,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("forum"),
        help_text=_("Empty for an event that stands alone."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_events",
        verbose_name=_("region"),
    )
    ministry = models.ForeignKey(
        StateBody,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_meetings",
        verbose_name=_("ministry"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    city = models.CharField(_("city"), max_length=100)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ANNOUNCED
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "code"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="forum_event_times_in_order"
            ),
            models.CheckConstraint(
                condition=~Q(kind="regional") | Q(region__isnull=False),
                name="forum_event_regional_has_region",
            ),
            models.CheckConstraint(
                condition=~Q(kind="sectoral") | Q(ministry__isnull=False),
                name="forum_event_sectoral_has_ministry",
            ),
            models.CheckConstraint(
                condition=~Q(kind="plenary") | Q(forum__isnull=False),
                name="forum_event_plenary_has_forum",
            ),
            models.UniqueConstraint(
                fields=["forum", "region"],
                condition=Q(kind="regional"),
                name="forum_one_regional_forum_per_region",
            ),
        ]
        indexes = [models.Index(fields=["forum", "kind"], name="forum_event_kind")]

    def __str__(self):
        return self.title

    def accepts_registrations(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.REGISTRATION_OPEN and now < self.ends_at


class Section(models.Model):
    """A section or panel of an event, with its moderators and topics."""

    event = models.ForeignKey(
        Event, models.CASCADE, related_name="sections", verbose_name=_("event")
    )
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    moderators = models.TextField(
        _("moderators"), blank=True, help_text=_("One name per line, with their organisation.")
    )
    topics = models.ManyToManyField(
        ActivityArea, blank=True, related_name="forum_sections", verbose_name=_("topics")
    )
    room = models.CharField(_("room"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )

    class Meta:
        ordering = ["event", "position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["event", "position"], name="forum_section_position")
        ]

    def __str__(self):
        return self.title

    @property
    def code(self) -> str:
        return f"{self.event.code}-S{self.position}"

    def moderator_list(self) -> list[str]:
        return [line.strip() for line in self.moderators.splitlines() if line.strip()]


class RegionQuota(models.Model):
    """At most `seats` confirmed participants from one region (optional, per event)."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="quotas")
    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        verbose_name = _("regional quota")
        verbose_name_plural = _("regional quotas")
        constraints = [
            models.UniqueConstraint(fields=["event", "region"], name="forum_quota_per_region")
        ]

    def __str__(self):
        return f"{self.region}: {self.seats}"


class Question(models.Model):
    """A question the event asks every registrant (e.g. their proposals, accessibility needs)."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("question"), max_length=500)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["event", "position"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        constraints = [
            models.UniqueConstraint(fields=["event", "position"], name="forum_question_position")
        ]

    def __str__(self):
        return self.text
