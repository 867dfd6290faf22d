from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """When each task of the beat schedule last finished: /healthz says when one is overdue."""

    task = models.CharField(_("task"), max_length=200, unique=True)
    finished_at = models.DateTimeField(_("finished"))

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")

    def __str__(self):
        return self.task
