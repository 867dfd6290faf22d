"""The filters of the public competition list, shared by the pages and the API.

Every value is a public identifier: the year, the mechanism's code, the organiser's code, the
region's KATO code and the activity area's code.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models import ActivityArea, Region, StateBody

from .models import Competition

PUBLIC_STATUS_CHOICES = [
    (value, label)
    for value, label in Competition.Status.choices
    if value != Competition.Status.DRAFT
]


class CompetitionFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100)
    mechanism = django_filters.ChoiceFilter(
        choices=Competition.Mechanism.choices, label=_("Funding mechanism"), empty_label=_("Any")
    )
    organiser = django_filters.ModelChoiceFilter(
        queryset=StateBody.objects.all(),
        to_field_name="code",
        label=_("Organiser"),
        empty_label=_("Any"),
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        to_field_name="kato",
        field_name="lots__region",
        distinct=True,
        label=_("Region"),
        empty_label=_("Any"),
    )
    area = django_filters.ModelChoiceFilter(
        queryset=ActivityArea.objects.all(),
        to_field_name="code",
        field_name="lots__activity_area",
        distinct=True,
        label=_("Activity area"),
        empty_label=_("Any"),
    )
    status = django_filters.ChoiceFilter(
        choices=PUBLIC_STATUS_CHOICES, label=_("Status"), empty_label=_("Any")
    )

    class Meta:
        model = Competition
        fields = []


def _changed_since(queryset, prefix: str, value):
    """Rows whose competition published a release (or, for competitions, changed) since."""
    changed = Q(**{f"{prefix}releases__recorded_at__gte": value})
    if not prefix:
        changed |= Q(updated_at__gte=value)
    return queryset.filter(changed).distinct()


class UpdatedSince(django_filters.IsoDateTimeFilter):
    """`updated_since`: what changed since a moment, to keep a copy current cheaply."""

    def __init__(self, prefix: str = "", **kwargs):
        self.prefix = prefix
        kwargs.setdefault("label", _("Changed since (ISO 8601 date and time)"))
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        return queryset if value in (None, "") else _changed_since(queryset, self.prefix, value)


class CompetitionApiFilter(CompetitionFilter):
    """The API's filters: the list's, and what changed since a moment."""

    updated_since = UpdatedSince()
