"""Documents an NGO uploads (charter, registration certificate)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .ngos import NGO


def document_path(instance, filename):
    return f"ngo-documents/{instance.ngo.bin}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Document(models.Model):
    class Kind(models.TextChoices):
        CHARTER = "charter", _("Charter")
        REGISTRATION = "registration", _("State registration certificate")
        OTHER = "other", _("Other document")

    ngo = models.ForeignKey(NGO, models.CASCADE, related_name="documents", verbose_name=_("NGO"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=document_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size, bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.original_name
