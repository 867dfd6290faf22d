"""A forum's action plan: its items (the adopted recommendations), the filters, who delivers.

The items are `accountability` items; a recommendation's item is found through its one-to-one
link, its measures are the item's children. Every figure is computed in the database, so the
page costs the same number of queries whatever its size.
"""

import django_filters
from django import forms
from django.db.models import CharField, Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accountability.models import Contestation, Item
from registry.models import ActivityArea, Region, StateBody


def plan_items(forum):
    """The top-level items of the forum's action plan (what the filters and figures count)."""
    return Item.objects.filter(forum_recommendation__forum=forum)


def listed(items):
    """The items as the list shows them: with body, region, topic, and counts of measures and
    contestations. Only for the page's rows: the figures count the bare queryset."""
    contested = (
        Contestation.objects.filter(item=OuterRef("pk"))
        .order_by()
        .values("item")
        .annotate(n=Count("pk"))
        .values("n")
    )
    measures = (
        Item.objects.filter(parent=OuterRef("pk"))
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return items.select_related("responsible_body", "region", "topic").annotate(
        contested_count=Coalesce(Subquery(contested, output_field=IntegerField()), 0),
        measure_count=Coalesce(Subquery(measures, output_field=IntegerField()), 0),
    )


class PlanFilter(django_filters.FilterSet):
    """The plan's filters, by public identifiers: body code, status, KATO, area code."""

    body = django_filters.ModelChoiceFilter(
        queryset=StateBody.objects.all(),
        to_field_name="code",
        field_name="responsible_body",
        label=_("Responsible body"),
        empty_label=_("Any"),
    )
    status = django_filters.ChoiceFilter(
        choices=Item.Status.choices, label=_("Status"), empty_label=_("Any")
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.filter(parent__isnull=True),
        to_field_name="kato",
        label=_("Region"),
        empty_label=_("Any"),
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=ActivityArea.objects.all(),
        to_field_name="code",
        label=_("Topic"),
        empty_label=_("Any"),
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label=_("Overdue only"),
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Item
        fields: list[str] = []

    def __init__(self, data=None, *args, bodies=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if bodies is not None:
            # The list offers the bodies of this plan; any body's code is a valid filter.
            field = self.form.fields["body"]
            field.widget.choices = [("", field.empty_label)] + [
                (body.code, body.name) for body in bodies
            ]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset


def translated(path: str):
    """The field in the page's language, the Kazakh one where it is empty (modeltranslation's
    fallback, which `values()` does not apply)."""
    language = get_language() or "kk"
    return Coalesce(NullIf(f"{path}_{language}", Value("")), f"{path}_kk", output_field=CharField())


def figures(items) -> dict:
    """Totals of a (filtered) plan: how many, implemented, partly, overdue, contested."""
    today = timezone.localdate()
    return items.order_by().aggregate(
        total=Count("pk"),
        implemented=Count("pk", filter=Q(status=Item.Status.IMPLEMENTED)),
        partly=Count("pk", filter=Q(status=Item.Status.PARTLY)),
        overdue=Count("pk", filter=Q(status__in=Item.OPEN_STATUSES, deadline__lt=today)),
    )


def totals(rows: list[dict]) -> dict:
    """The figures of the whole (filtered) plan from its per-body rows: no second scan."""
    keys = ("implemented", "partly", "overdue")
    figures = {"total": sum(row["total"] for row in rows)}
    figures.update({key: sum(row[key] for row in rows) for key in keys})
    return figures


def by_body(items) -> list[dict]:
    """Per responsible body: items, implemented, partly, overdue and the share implemented,
    best first — who delivers and who does not, at a glance."""
    today = timezone.localdate()
    rows = list(
        items.order_by()
        .values("responsible_body__code", body_name=translated("responsible_body__name"))
        .annotate(
            total=Count("pk"),
            implemented=Count("pk", filter=Q(status=Item.Status.IMPLEMENTED)),
            partly=Count("pk", filter=Q(status=Item.Status.PARTLY)),
            overdue=Count("pk", filter=Q(status__in=Item.OPEN_STATUSES, deadline__lt=today)),
        )
    )
    for row in rows:
        row["code"] = row.pop("responsible_body__code")
        row["name"] = row.pop("body_name")
        row["share"] = round(100 * row["implemented"] / row["total"]) if row["total"] else 0
    rows.sort(key=lambda row: (-row["share"], -row["total"], row["name"]))
    return rows


def share(part: int, total: int) -> int:
    return round(100 * part / total) if total else 0


WIDTH, ROW, BAR = 360, 36, 12
NAME_CHARS = 50


def bar_chart(rows: list[dict], title: str) -> str:
    """A bar per body: implemented (dark) then partly implemented (light), with the body's name
    above its bar and the share after it, best first; an SVG element the page inlines.

    360 units wide, so the text stays readable on a phone; the table beside it has the counts.
    """
    height = len(rows) * ROW + 4
    bar_width = WIDTH - 44
    parts = [
        f'<svg class="plan-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="plan-chart-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="plan-chart-title">{escape(title)}</title>',
    ]
    for index, row in enumerate(rows):
        y = index * ROW
        name = (
            row["name"] if len(row["name"]) <= NAME_CHARS else row["name"][: NAME_CHARS - 1] + "…"
        )
        done = bar_width * row["share"] / 100
        partly = bar_width * share(row["partly"], row["total"]) / 100
        parts.append(
            f'<text x="0" y="{y + 12}" class="bar-name">{escape(name)}</text>'
            f'<rect x="0" y="{y + 16}" width="{bar_width}" height="{BAR}" class="bar-bg"/>'
            f'<rect x="0" y="{y + 16}" width="{done:.1f}" height="{BAR}" class="bar-done"/>'
            f'<rect x="{done:.1f}" y="{y + 16}" width="{partly:.1f}" height="{BAR}" '
            'class="bar-partly"/>'
            f'<text x="{bar_width + 4}" y="{y + 26}" class="bar-share">{row["share"]}%</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
