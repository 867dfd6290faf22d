from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models import NGO, ActivityArea, Region, StateBody

from .events import Event, Section
from .forums import Forum


class RecommendationQuerySet(models.QuerySet):
    def adopted(self):
        return self.filter(status=Recommendation.Status.ADOPTED)

    def standing(self):
        """Not merged into another: what the lists show."""
        return self.exclude(status=Recommendation.Status.MERGED)


class Recommendation(models.Model):
    """A proposal of civil society to the state, made at one or more events, adopted by a forum.

    Duplicates proposed at several events are merged into one: the duplicate points to the one it
    was merged into, and its origins move there, so the adopted recommendation names every event,
    section and NGO it came from. Adopting it makes its action-plan item (`accountability`).
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ADOPTED = "adopted", _("Adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")
        MERGED = "merged", _("Merged into another")

    code = models.CharField(_("number"), max_length=40, unique=True)
    forum = models.ForeignKey(
        Forum, models.PROTECT, related_name="recommendations", verbose_name=_("forum")
    )
    title = models.CharField(_("recommendation"), max_length=500)
    text = models.TextField(_("full text"), blank=True)
    responsible_body = models.ForeignKey(
        StateBody,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_recommendations",
        verbose_name=_("responsible state body"),
    )
    topic = models.ForeignKey(
        ActivityArea,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_recommendations",
        verbose_name=_("topic"),
    )
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_recommendations",
        verbose_name=_("region"),
        help_text=_("Empty for the whole country."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    merged_into = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("merged into"),
    )
    plan_item = models.OneToOneField(
        "accountability.Item",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_recommendation",
        verbose_name=_("action-plan item"),
    )
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "code"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False)
                | (~Q(status="merged") & Q(merged_into__isnull=True)),
                name="forum_recommendation_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(responsible_body__isnull=False),
                name="forum_recommendation_adopted_has_body",
            ),
            models.CheckConstraint(
                condition=Q(status="adopted") | Q(plan_item__isnull=True),
                name="forum_recommendation_item_when_adopted",
            ),
        ]
        indexes = [models.Index(fields=["forum", "status"], name="forum_rec_status")]

    def __str__(self):
        return f"{self.code} {self.title}"


class Origin(models.Model):
    """Where a recommendation was proposed: an event (and its section), by which NGO."""

    recommendation = models.ForeignKey(
        Recommendation, models.CASCADE, related_name="origins", verbose_name=_("recommendation")
    )
    event = models.ForeignKey(
        Event, models.PROTECT, related_name="proposals", verbose_name=_("event")
    )
    section = models.ForeignKey(
        Section,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("section"),
    )
    ngo = models.ForeignKey(
        NGO,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_proposals",
        verbose_name=_("proposed by"),
    )
    wording = models.TextField(_("wording as proposed"), blank=True)
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "proposed_at", "pk"]
        verbose_name = _("origin of a recommendation")
        verbose_name_plural = _("origins of recommendations")
        indexes = [models.Index(fields=["ngo"], name="forum_origin_ngo")]

    def __str__(self):
        return f"{self.recommendation.code} ← {self.event.code}"
