"""A tracked promise of the state: an item with its responsible body, deadline, status, progress
and public timeline, shared by the forums' action plan and the councils' decisions.

Every change goes through `accountability.services` and leaves a `Change` row: the timeline is
public, so a moved deadline or a lowered progress stays visible with its date and author's body.
A parent item (a recommendation split into measures) takes its progress from its children,
weighted. A verified NGO representative may contest an item the body calls implemented.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ItemQuerySet(models.QuerySet):
    def open(self):
        """Items still to be delivered: planned or in progress."""
        return self.filter(status__in=Item.OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None):
        """Open items whose deadline has passed."""
        return self.open().filter(deadline__lt=today or timezone.localdate())

    def due_within(self, days: int, today: datetime.date | None = None):
        """Open items due from today to `days` days ahead (today included)."""
        today = today or timezone.localdate()
        return self.open().filter(
            deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days)
        )

    def of_body(self, state_body):
        return self.filter(responsible_body=state_body)

    def top_level(self):
        return self.filter(parent__isnull=True)

    def contested(self):
        return self.filter(contestations__isnull=False).distinct()

    def managed_by(self, user):
        """Items of the state bodies the official works for; administrators see all."""
        from .permissions import is_official, is_updater_of_all

        if not is_official(user):
            return self.none()
        if is_updater_of_all(user):
            return self
        return self.filter(responsible_body__officials=user)


class Item(models.Model):
    """A promise of a state body: a recommendation, a measure of it, a council's decision."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        IMPLEMENTED = "implemented", _("Implemented")
        PARTLY = "partly", _("Partly implemented")
        NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
        REJECTED = "rejected", _("Rejected")

    # The progress a status stands for when the official gives none.
    DEFAULT_PROGRESS = {
        Status.PLANNED: 0,
        Status.IN_PROGRESS: 10,
        Status.IMPLEMENTED: 100,
        Status.PARTLY: 50,
        Status.NOT_IMPLEMENTED: 0,
        Status.REJECTED: 0,
    }
    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)
    # Statuses that close an item against the promise: the body must say why.
    NEEDS_NOTE = (Status.NOT_IMPLEMENTED, Status.REJECTED)
    # An NGO may contest only what the body claims to have done.
    CONTESTABLE = (Status.IMPLEMENTED, Status.PARTLY)

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("The public identifier, given by the forum or council that created it."),
    )
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    responsible_body = models.ForeignKey(
        "registry.StateBody",
        models.PROTECT,
        related_name="accountability_items",
        verbose_name=_("responsible state body"),
    )
    region = models.ForeignKey(
        "registry.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="accountability_items",
        verbose_name=_("region"),
    )
    topic = models.ForeignKey(
        "registry.ActivityArea",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="accountability_items",
        verbose_name=_("topic"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        help_text=_("Its share in the progress of the item it is part of."),
    )
    source = models.CharField(_("source"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("tracked item")
        verbose_name_plural = _("tracked items")
        indexes = [
            models.Index(fields=["responsible_body", "deadline"], name="acc_item_body_deadline"),
            models.Index(fields=["status", "deadline"], name="acc_item_status_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="acc_item_progress_0_100",
            ),
            models.CheckConstraint(condition=Q(weight__gte=1), name="acc_item_weight_positive"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="acc_item_not_own_parent"
            ),
            models.CheckConstraint(condition=~Q(code=""), name="acc_item_code_given"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("accountability:item", kwargs={"code": self.code})

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.status in self.OPEN_STATUSES and self.deadline < (today or timezone.localdate())

    @property
    def contestable(self) -> bool:
        return self.status in self.CONTESTABLE


class Change(models.Model):
    """One line of an item's public timeline: what changed, from what to what, when, by whom."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        PROGRESS = "progress", _("Progress")
        STATUS = "status", _("Status")
        DEADLINE = "deadline", _("Deadline")
        NOTE = "note", _("Note")

    item = models.ForeignKey(
        Item, models.CASCADE, related_name="changes", verbose_name=_("tracked item")
    )
    at = models.DateTimeField(_("date"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    # What the public sees of the author: their state body, never their name or email.
    by_body = models.ForeignKey(
        "registry.StateBody",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    old_value = models.CharField(_("old value"), max_length=40, blank=True)
    new_value = models.CharField(_("new value"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    # A parent's progress recomputed from its parts after a change of one of them.
    computed = models.BooleanField(_("computed from its parts"), default=False)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [models.Index(fields=["item", "-at"], name="acc_change_item_at")]

    def __str__(self):
        return f"{self.item.code} {self.kind} {self.old_value} → {self.new_value}"

    def shown(self, value: str) -> str:
        """An old or new value as the timeline shows it (status label, date, per cent)."""
        if not value:
            return ""
        if self.kind == self.Kind.STATUS:
            return str(Item.Status(value).label) if value in Item.Status.values else value
        if self.kind == self.Kind.PROGRESS:
            return f"{value} %"
        if self.kind == self.Kind.DEADLINE:
            from django.utils.formats import date_format

            return date_format(datetime.date.fromisoformat(value))
        return value

    @property
    def old_shown(self) -> str:
        return self.shown(self.old_value)

    @property
    def new_shown(self) -> str:
        return self.shown(self.new_value)

    @property
    def lowered(self) -> bool:
        """A step back the public should notice: lower progress or a later deadline."""
        if not (self.old_value and self.new_value):
            return False
        if self.kind == self.Kind.PROGRESS:
            return int(self.new_value) < int(self.old_value)
        if self.kind == self.Kind.DEADLINE:
            return self.new_value > self.old_value
        return False


def contestation_path(instance, filename):
    return f"accountability/{instance.item.code}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Contestation(models.Model):
    """An NGO's counter-evidence to an item its body calls implemented; shown beside the claim.

    The document is private (served only through a checked view); the text and link are public.
    """

    item = models.ForeignKey(
        Item, models.CASCADE, related_name="contestations", verbose_name=_("tracked item")
    )
    ngo = models.ForeignKey(
        "registry.NGO",
        models.CASCADE,
        related_name="accountability_contestations",
        verbose_name=_("NGO"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    text = models.TextField(_("counter-evidence"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    document = models.FileField(_("document"), upload_to=contestation_path, blank=True)
    document_name = models.CharField(_("file name"), max_length=255, blank=True)
    at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("contestation")
        verbose_name_plural = _("contestations")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="acc_contestation_has_text"),
            models.CheckConstraint(
                condition=~Q(link="") | ~Q(document=""),
                name="acc_contestation_has_evidence",
            ),
        ]

    def __str__(self):
        return f"{self.item.code} — {self.ngo}"
