"""The filters of the public council list, shared by the pages and the API.

Every value is a public identifier: the kind and level codes, the state body's code, the region's
KATO code.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from registry.models import Region, StateBody

from .models import Council


class CouncilFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Council.Kind.choices, label=_("Kind"), empty_label=_("Any")
    )
    level = django_filters.ChoiceFilter(
        choices=Council.Level.choices, label=_("Level"), empty_label=_("Any")
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.filter(parent__isnull=True, valid_to__isnull=True),
        to_field_name="kato",
        label=_("Region"),
        empty_label=_("Any"),
        help_text="KATO code of the region.",
    )
    state_body = django_filters.ModelChoiceFilter(
        queryset=StateBody.objects.filter(
            pk__in=Council.objects.order_by().values("state_body").distinct()
        ),
        to_field_name="code",
        label=_("State body"),
        empty_label=_("Any"),
        help_text="Code of the state body the council is attached to.",
    )
    out_of_rule = django_filters.ChoiceFilter(
        choices=[
            ("true", _("Only councils out of rule")),
            ("false", _("Only councils within the rules")),
        ],
        empty_label=_("Any"),
        method="filter_out_of_rule",
        label=_("Out of rule"),
        help_text="true: only councils that break a composition rule; false: only those that "
        "do not.",
    )

    class Meta:
        model = Council
        fields = []

    def filter_out_of_rule(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.out_of_rule() if value == "true" else queryset.filter(rule_flags=[])
