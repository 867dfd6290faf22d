"""OCDS releases as they were published: written once, in the transaction of the change they
record, and never changed or deleted (a database trigger refuses it, whatever the code does).

`data` is the release's JSON text exactly as served, so a release fetched today and after any
later change is the same byte for byte; `date` is the OCDS release date (when what it records
happened), `recorded_at` when the row was written (what `updated_since`, ETags and
`Last-Modified` follow).
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from .competitions import Competition


class ReleaseQuerySet(models.QuerySet):
    def of_year(self, year: int):
        return self.filter(competition__year=year)

    def in_order(self):
        return self.order_by("competition_id", "date", "pk")


class Release(models.Model):
    # Machine data, never shown on a page: the fields have no translated labels.
    competition = models.ForeignKey(Competition, models.PROTECT, related_name="releases")
    ocid = models.CharField(max_length=100, db_index=True)
    release_id = models.CharField(max_length=200, unique=True)
    stage = models.CharField(max_length=24)
    tag = ArrayField(models.CharField(max_length=32))
    date = models.DateTimeField()
    language = models.CharField(max_length=8, default="kk")
    data = models.TextField()
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["competition", "date", "pk"]
        indexes = [models.Index(fields=["competition", "date"], name="release_competition_date")]

    def __str__(self):
        return self.release_id
