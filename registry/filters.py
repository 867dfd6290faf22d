"""The filters of the public directory, shared by the HTML pages, the exports and the API."""

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import NGO, ActivityArea, LegalForm, Region
from .search import is_search, relevance_order

PUBLIC_STATUS_CHOICES = [(s.value, s.label) for s in NGO.PUBLIC_STATUSES]


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class NGOFilter(django_filters.FilterSet):
    """One contract for the directory, its exports and the API: the same names and codes.

    Regions are given by KATO code, areas and legal forms by code; an invalid value is refused
    (400) on every path, never ignored. The text search is `q`; `search` is accepted as its alias.
    """

    ALIASES = {"search": "q"}

    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.current(),
        to_field_name="kato",
        method="filter_region",
        label=_("Region"),
        empty_label=_("Any"),
    )
    area = django_filters.ModelChoiceFilter(
        queryset=ActivityArea.objects.all(),
        to_field_name="code",
        field_name="activity_areas",
        label=_("Activity area"),
        empty_label=_("Any"),
    )
    legal_form = django_filters.ModelChoiceFilter(
        queryset=LegalForm.objects.all(),
        to_field_name="code",
        label=_("Legal form"),
        empty_label=_("Any"),
    )
    kind = django_filters.ChoiceFilter(
        choices=NGO.Kind.choices, label=_("Kind"), empty_label=_("Any")
    )
    status = django_filters.ChoiceFilter(
        choices=PUBLIC_STATUS_CHOICES, label=_("Status"), empty_label=_("Any")
    )
    year = YearFilter(field_name="registered_on", lookup_expr="year", label=_("Registration year"))
    funded = django_filters.ChoiceFilter(
        choices=[("true", _("Yes")), ("false", _("No"))],
        method="filter_funded",
        label=_("Has state funding"),
        empty_label=_("Any"),
    )
    sort = django_filters.ChoiceFilter(
        choices=[
            ("name", _("Name")),
            ("-registered", _("Newest first")),
            ("registered", _("Oldest first")),
        ],
        method="sort_results",
        label=_("Sort by"),
        empty_label=_("Relevance or name"),
    )

    class Meta:
        model = NGO
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for alias, name in self.ALIASES.items():
                if alias in data and name not in data:
                    data[name] = data[alias]
        super().__init__(data, *args, **kwargs)

    def sort_results(self, queryset, name, value):
        if value == "name":
            return queryset.order_by_name()
        field = "registered_on"
        return queryset.order_by(
            F(field).desc(nulls_last=True) if value[0] == "-" else F(field).asc(nulls_last=True),
            "pk",
        )

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)

    def filter_funded(self, queryset, name, value):
        funded = queryset.with_state_funding()
        return funded if value == "true" else queryset.exclude(pk__in=funded.values("pk"))

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("sort"):
            if is_search(queryset):
                return relevance_order(queryset, get_language())
            return queryset.order_by_name()
        return queryset


class NGOApiFilter(NGOFilter):
    """The API's and the exports' filters: the directory's, and what changed since a moment."""

    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Changed since (ISO 8601 date and time)"),
    )
