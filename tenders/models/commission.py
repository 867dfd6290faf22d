from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from registry.models import Representation

from .applications import Application
from .competitions import Competition


def lot_links(user, member, lot) -> Q:
    """A commission member linked to any applicant of the lot scores nothing in that lot.

    Linked: the member's user represents an NGO that sent an application to the lot (withdrawn
    or refused since included), or the member declared
    a conflict of interest with any application of it. Each argument is a value or an OuterRef,
    so the one rule serves both a yes/no question and a filter over score sheets.
    """
    represents = Representation.objects.filter(
        user=user,
        status=Representation.Status.APPROVED,
        ngo__tender_applications__lot=lot,
        ngo__tender_applications__submitted_at__isnull=False,
    )
    declared = ConflictDeclaration.objects.filter(
        member=member, has_conflict=True, application__lot=lot
    )
    return Q(Exists(represents)) | Q(Exists(declared))


class CommissionMember(models.Model):
    """An official or independent expert who scores a competition's applications."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Official")
        EXPERT = "expert", _("Independent expert")

    competition = models.ForeignKey(
        Competition, models.CASCADE, related_name="commission", verbose_name=_("competition")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="commission_seats",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Experts see only the applications assigned to them; officials see all of the competition.
    assigned = models.ManyToManyField(
        Application, blank=True, related_name="assigned_members", verbose_name=_("assigned")
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["competition", "pk"]
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")
        constraints = [
            models.UniqueConstraint(fields=["competition", "user"], name="commission_member_once")
        ]

    def __str__(self):
        return str(self.user)


class Criterion(models.Model):
    """One line of the competition's rubric; the weights of a competition sum to 100."""

    competition = models.ForeignKey(
        Competition, models.CASCADE, related_name="criteria", verbose_name=_("competition")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("criterion"), max_length=300)
    weight = models.PositiveSmallIntegerField(_("weight, %"))
    max_points = models.PositiveSmallIntegerField(_("maximum points"), default=10)

    class Meta:
        ordering = ["competition", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=100), name="criterion_weight_range"
            ),
            models.CheckConstraint(condition=Q(max_points__gte=1), name="criterion_max_points"),
        ]

    def __str__(self):
        return f"{self.name} ({self.weight}%)"


class ConflictDeclaration(models.Model):
    """A member's statement, per application, that they have (no) conflict of interest."""

    member = models.ForeignKey(
        CommissionMember, models.CASCADE, related_name="declarations", verbose_name=_("member")
    )
    application = models.ForeignKey(
        Application, models.CASCADE, related_name="declarations", verbose_name=_("application")
    )
    has_conflict = models.BooleanField(_("has a conflict of interest"))
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "application"], name="declaration_once_per_application"
            )
        ]

    def __str__(self):
        return f"{self.member} / {self.application_id}: {self.has_conflict}"


class ScoreSheetQuerySet(models.QuerySet):
    def counted(self):
        """Submitted sheets that make a result: none of a member linked to an applicant."""
        links = lot_links(
            OuterRef("member__user"), OuterRef("member"), OuterRef("application__lot")
        )
        return self.filter(submitted_at__isnull=False).exclude(links)


class ScoreSheet(models.Model):
    """One member's scores for one application; the total is on a 0–100 scale."""

    member = models.ForeignKey(
        CommissionMember, models.CASCADE, related_name="sheets", verbose_name=_("member")
    )
    application = models.ForeignKey(
        Application, models.CASCADE, related_name="sheets", verbose_name=_("application")
    )
    total = models.DecimalField(_("total"), max_digits=5, decimal_places=2, null=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ScoreSheetQuerySet.as_manager()

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="sheet_once"),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(total__isnull=False),
                name="sheet_submitted_has_total",
            ),
        ]

    def __str__(self):
        return f"{self.member} / {self.application_id}: {self.total}"

    def weighted_total(self) -> Decimal:
        """Σ points / max points × weight, over the competition's criteria."""
        total = Decimal(0)
        for score in self.scores.select_related("criterion"):
            criterion = score.criterion
            total += Decimal(score.points) * criterion.weight / criterion.max_points
        return total.quantize(Decimal("0.01"))


class Score(models.Model):
    sheet = models.ForeignKey(
        ScoreSheet, models.CASCADE, related_name="scores", verbose_name=_("score sheet")
    )
    criterion = models.ForeignKey(
        Criterion, models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_once_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.points}"
