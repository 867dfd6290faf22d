import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models import NGO, StateBody

ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
NUMERALS = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def to_roman(number: int) -> str:
    text = ""
    for value, numeral in NUMERALS:
        count, number = divmod(number, value)
        text += numeral * count
    return text


def from_roman(text: str) -> int | None:
    """The forum's ordinal from its number (XII → 12); None for anything not a Roman numeral."""
    text = (text or "").upper()
    if not text or not ROMAN.match(text):
        return None
    total, rest = 0, text
    for value, numeral in NUMERALS:
        while rest.startswith(numeral):
            total, rest = total + value, rest[len(numeral) :]
    return total


def validate_roman(value: str) -> None:
    if from_roman(value) is None or value != value.upper():
        raise ValidationError(
            _("Enter the forum's number in Roman numerals, e.g. XII."), code="roman"
        )


class ForumQuerySet(models.QuerySet):
    def public(self):
        return self.all()

    def in_order(self):
        return self.order_by("ordinal")


class Forum(models.Model):
    """A national Civil Forum, known by its Roman number (I, II, … XII): its public identifier."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        REGISTRATION_OPEN = "registration_open", _("Registration open")
        HELD = "held", _("Held")
        REPORT_PUBLISHED = "report_published", _("Report published")

    number = models.CharField(_("number"), max_length=12, unique=True, validators=[validate_roman])
    ordinal = models.PositiveSmallIntegerField(_("ordinal"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    month_only = models.BooleanField(
        _("only the month is known"),
        default=False,
        help_text=_("For forums whose exact days are not on record, e.g. October 2011."),
    )
    city = models.CharField(_("city"), max_length=100)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    organiser_bodies = models.ManyToManyField(
        StateBody, blank=True, related_name="organised_forums", verbose_name=_("state organisers")
    )
    partner_ngos = models.ManyToManyField(
        NGO, blank=True, related_name="partnered_forums", verbose_name=_("NGO partners")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["ordinal"]
        verbose_name = _("Civil Forum")
        verbose_name_plural = _("Civil Forums")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="forum_dates_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        self.ordinal = from_roman(self.number) or 0
        super().save(*args, **kwargs)


class ForumDocument(models.Model):
    """A public document of a forum: the programme, the resolution, the report."""

    forum = models.ForeignKey(
        Forum, models.CASCADE, related_name="documents", verbose_name=_("forum")
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="forums/documents/", blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["forum", "position", "pk"]
        verbose_name = _("forum document")
        verbose_name_plural = _("forum documents")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="forum_document_has_link_or_file"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url
