"""What a council does besides meetings: public hearings, public monitoring, officials' reports
heard; and the trainings its members attend."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .councils import Council, Person


class Activity(models.Model):
    class Kind(models.TextChoices):
        HEARING = "hearing", _("Public hearing")
        MONITORING = "monitoring", _("Public monitoring")
        REPORT = "report", _("Report of an official heard")

    council = models.ForeignKey(
        Council, models.CASCADE, related_name="activities", verbose_name=_("council")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("subject"), max_length=500)
    official = models.CharField(_("official who reported"), max_length=200, blank=True)
    report_url = models.URLField(_("report"), blank=True)

    class Meta:
        ordering = ["council", "-held_on"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["kind", "held_on"])]

    def __str__(self):
        return self.title


class Training(models.Model):
    held_on = models.DateField(_("held on"))
    topic = models.CharField(_("topic"), max_length=300)
    council = models.ForeignKey(
        Council,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("council"),
        help_text=_("Empty for a training open to members of every council."),
    )
    participants = models.ManyToManyField(
        Person, blank=True, related_name="trainings", verbose_name=_("participants")
    )

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self):
        return self.topic
