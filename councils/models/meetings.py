"""Meetings with their agenda, documents and attendance; decisions and the body's responses.

A council's decisions are recommendations to the state body it is attached to. The body answers
each one (accepted, partly accepted, rejected with a reason) by a date; an accepted or partly
accepted recommendation is then followed to implementation by an `accountability.Item`.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .councils import Council, Membership


class Meeting(models.Model):
    council = models.ForeignKey(
        Council, models.CASCADE, related_name="meetings", verbose_name=_("council")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["council", "-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="meeting_number_unique"),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""), name="meeting_has_place_or_link"
            ),
        ]

    def __str__(self):
        return f"№ {self.number}, {timezone.localtime(self.starts_at):%d.%m.%Y}"

    @property
    def code(self) -> str:
        return f"{self.council.code}-M{self.number}"

    @property
    def date(self) -> datetime.date:
        return timezone.localdate(self.starts_at)

    @property
    def is_announced(self) -> bool:
        return self.announced_at is not None

    def members(self):
        """The memberships current on the meeting's day: who could attend."""
        return Membership.objects.filter(council_id=self.council_id).current(self.date)

    def quorum(self, members: int | None = None, present: int | None = None) -> "Quorum":
        from .rules import quorum_needed

        if members is None:
            members = self.members().count()
        if present is None:
            present = self.attendance.filter(present=True).count()
        return Quorum(members=members, present=present, needed=quorum_needed(members))


class Quorum:
    def __init__(self, members: int, present: int, needed: int):
        self.members, self.present, self.needed = members, present, needed

    @property
    def reached(self) -> bool:
        return self.members > 0 and self.present >= self.needed


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="agenda", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("item"), max_length=500)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_unique")
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"))

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self):
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    membership = models.ForeignKey(
        Membership, models.CASCADE, related_name="attendance", verbose_name=_("member")
    )
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_once_per_member"
            )
        ]

    def __str__(self):
        return f"{self.membership} — {self.meeting}"


class DecisionQuerySet(models.QuerySet):
    def adopted(self):
        return self.filter(adopted=True)

    def awaiting_response(self):
        return self.adopted().filter(response__isnull=True)

    def response_overdue(self, today: datetime.date | None = None):
        return self.awaiting_response().filter(response_due__lt=today or timezone.localdate())


class Decision(models.Model):
    """A recommendation voted on an agenda item; adopted only with quorum and a majority."""

    council = models.ForeignKey(
        Council, models.CASCADE, related_name="decisions", verbose_name=_("council")
    )
    agenda_item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="decisions", verbose_name=_("agenda item")
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("recommendation"))
    votes_for = models.PositiveSmallIntegerField(_("for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    votes_abstained = models.PositiveSmallIntegerField(_("abstained"), default=0)
    adopted = models.BooleanField(_("adopted"), default=False)
    response_due = models.DateField(_("response due"), null=True, blank=True)
    item = models.OneToOneField(
        "accountability.Item",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="council_decision",
        verbose_name=_("followed as"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["council", "-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="decision_number_unique"),
            models.CheckConstraint(
                condition=Q(votes_for__gte=0, votes_against__gte=0, votes_abstained__gte=0),
                name="decision_votes_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(adopted=False) | Q(response_due__isnull=False),
                name="decision_adopted_has_response_due",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def code(self) -> str:
        return f"{self.council.code}-R{self.number}"

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstained

    def response_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        if not self.adopted or self.response_due is None:
            return False
        return not hasattr(self, "response") and self.response_due < today


class Response(models.Model):
    """The state body's answer to a recommendation."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        REJECTED = "rejected", _("Rejected")

    decision = models.OneToOneField(
        Decision, models.CASCADE, related_name="response", verbose_name=_("decision")
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    deadline = models.DateField(_("implementation deadline"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responded by"),
    )
    responded_on = models.DateField(_("responded on"))

    class Meta:
        verbose_name = _("response of the state body")
        verbose_name_plural = _("responses of the state body")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="accepted") | ~Q(reason=""),
                name="response_reason_unless_accepted",
            ),
            models.CheckConstraint(
                condition=Q(outcome="rejected") | Q(deadline__isnull=False),
                name="response_deadline_unless_rejected",
            ),
        ]

    def __str__(self):
        return self.get_outcome_display()
