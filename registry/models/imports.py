"""Register imports: the job with its progress, its per-line report and its refused rows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..import_report import message, region_codes
from .reference import Region


class ImportJob(models.Model):
    """One uploaded register file: its dry run or real import, progress and per-line report."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # Which TabularImport reads the file (registry.imports): the register, or another app's.
    kind = models.CharField(_("kind"), max_length=60, default="registry.ngos")
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    dry_run = models.BooleanField(_("dry run"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    refused_count = models.PositiveIntegerField(_("refused"), default=0)
    # How many faults of each kind the file had; the report lists only the first of each kind.
    fault_counts = models.JSONField(_("faults by kind"), default=dict, blank=True)
    error_code = models.CharField(_("error"), max_length=40, blank=True)
    error_params = models.JSONField(_("error details"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self):
        return self.original_name

    @property
    def progress_percent(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def error(self) -> str:
        """Why the job failed, in the language of whoever reads it."""
        if not self.error_code:
            return ""
        regions = Region.objects.names(region_codes(self.error_params))
        return message(self.error_code, self.error_params, regions)

    @property
    def unlisted_faults(self) -> int:
        """Faults counted but left out of the report (beyond the first of their kind)."""
        return max(sum(self.fault_counts.values()) - self.issues.count(), 0)


class ImportIssue(models.Model):
    """One line of an import report: a message code and its parameters, translated when shown."""

    job = models.ForeignKey(ImportJob, models.CASCADE, related_name="issues")
    line = models.PositiveIntegerField(_("row"))
    column = models.TextField(_("column"))
    level = models.CharField(_("level"), max_length=10)
    code = models.CharField(_("message"), max_length=40)
    params = models.JSONField(_("details"), default=dict)
    bin = models.TextField(_("BIN"), blank=True)
    action = models.CharField(_("outcome"), max_length=10, blank=True)

    class Meta:
        ordering = ["line", "pk"]
        verbose_name = _("import report line")
        verbose_name_plural = _("import report lines")
        indexes = [models.Index(fields=["job", "line", "id"], name="import_issue_page")]

    def __str__(self):
        return f"{self.job_id}:{self.line} {self.code}"


class ImportRefusal(models.Model):
    """A refused row of an import and every error that refused it, for the file of refusals."""

    job = models.ForeignKey(ImportJob, models.CASCADE, related_name="refusals")
    line = models.PositiveIntegerField(_("row"))
    reasons = models.JSONField(_("reasons"))  # [[column, code, params], ...]

    class Meta:
        ordering = ["line"]
        verbose_name = _("refused import row")
        verbose_name_plural = _("refused import rows")
        constraints = [
            models.UniqueConstraint(fields=["job", "line"], name="import_refusal_unique_line")
        ]

    def __str__(self):
        return f"{self.job_id}:{self.line}"
