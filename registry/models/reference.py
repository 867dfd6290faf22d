"""Reference tables: regions (KATO, by period), activity areas, legal forms, state bodies, and
the scope of an official that the state bodies give."""

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import roles

from . import common

kato_validator = RegexValidator(r"^\d{9}$", _("A KATO code has 9 digits."))


class RegionQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or common.today()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_to__isnull=True) | Q(valid_to__gt=on),
        )

    def top_level(self):
        return self.filter(parent__isnull=True)

    def names(self, katos) -> dict[str, str]:
        """Each KATO code's region name in the active language."""
        return {region.kato: str(region) for region in self.filter(kato__in=set(katos))}


class Region(models.Model):
    """An administrative-territorial unit (KATO) with the period it existed under this name.

    Renamed or split regions stay as records: `successor` says where an ended region's territory
    went, `split_from` which region a new one was carved out of, so old records keep old names.
    """

    class Level(models.TextChoices):
        OBLAST = "oblast", _("Oblast")
        CITY = "city", _("City of republican significance")
        DISTRICT = "district", _("District or city of oblast significance")

    kato = models.CharField(_("KATO code"), max_length=9, unique=True, validators=[kato_validator])
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor"),
    )
    split_from = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="split_offs",
        verbose_name=_("split off from"),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["kato"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="region_valid_period",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None or self.valid_to > common.today()

    def as_of(self, day: datetime.date | None) -> "Region":
        """The region record that covered this territory on `day`."""
        if day is None or self.valid_from is None or day >= self.valid_from:
            return self
        before = next(iter(self.predecessors.all()), None) or self.split_from
        return before.as_of(day) if before else self

    def name_on(self, day: datetime.date | None) -> str:
        return self.as_of(day).name

    def with_descendants(self) -> list[int]:
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(Region.objects.filter(parent__in=frontier).values_list("pk", flat=True))
            ids += frontier
        return ids

    def territory(self) -> list[int]:
        """This region, its parts and the ended regions whose records it now covers.

        An ended region counts when its territory went here (`successor`, a rename) or when this
        region was carved out of it (`split_from`): records kept under South Kazakhstan belong to
        both Turkistan and Shymkent. A predecessor that still exists keeps its own records.
        """
        ids, seen, frontier = [], set(), [self]
        while frontier:
            region = frontier.pop()
            if region.pk in seen:
                continue
            seen.add(region.pk)
            ids += region.with_descendants()
            ended = Region.objects.filter(valid_to__isnull=False, valid_to__lte=common.today())
            frontier += list(ended.filter(successor=region))
            if region.split_from_id:
                frontier += list(ended.filter(pk=region.split_from_id))
        return ids


class ActivityArea(models.Model):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("activity area")
        verbose_name_plural = _("activity areas")

    def __str__(self):
        return self.name


class LegalForm(models.Model):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("legal form")
        verbose_name_plural = _("legal forms")

    def __str__(self):
        return self.name


class StateBody(models.Model):
    """A ministry, akimat or other state body; officials belong to one or more of them."""

    class Level(models.TextChoices):
        REPUBLICAN = "republican", _("Republican")
        OBLAST = "oblast", _("Oblast")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        MINISTRY = "ministry", _("Ministry")
        AKIMAT = "akimat", _("Akimat")
        OPERATOR = "operator", _("Grant operator")
        OTHER = "other", _("Other state body")

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="state_bodies",
        verbose_name=_("region"),
    )
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="state_bodies",
        verbose_name=_("officials"),
    )

    class Meta:
        ordering = ["level", "code"]
        verbose_name = _("state body")
        verbose_name_plural = _("state bodies")
        constraints = [
            models.CheckConstraint(
                condition=Q(level="republican") | Q(region__isnull=False),
                name="state_body_local_has_region",
            )
        ]

    def __str__(self):
        return self.name


def scope_regions(user) -> set[int] | None:
    """The regions (with their districts) an official acts in; None for the whole country."""
    if user.is_superuser or user.groups.filter(name=roles.ADMINISTRATOR).exists():
        return None
    bodies = list(user.state_bodies.select_related("region"))
    if any(body.level == StateBody.Level.REPUBLICAN for body in bodies):
        return None
    return {region_id for body in bodies for region_id in body.region.with_descendants()}


def scoped(queryset, user, region: str):
    """The rows of `queryset` whose `region` (a lookup path) lies in the scope of an official."""
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    regions = scope_regions(user)
    return queryset if regions is None else queryset.filter(**{f"{region}__in": regions})
