"""The public, read-only open-data API of the register."""

import django_filters
from django.db.models import Max, Prefetch
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from config.api import Pagination, ReadOnlyModelSerializer, conditional, error_responses

from .filters import NGOApiFilter
from .models import MONEY_LIMIT, NGO, ActivityArea, AnnualReport, LegalForm, Region, StateBody
from .search import COUNT_CAP, SUGGESTIONS, SearchPaginator, suggestions


def kato_of(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="kato", read_only=True, allow_null=True, **kwargs
    )


class RegionSerializer(ReadOnlyModelSerializer):
    parent = kato_of(help_text="KATO code of the region this one is part of.")
    successor = kato_of(help_text="KATO code of the region an ended region's territory went to.")
    split_from = kato_of(help_text="KATO code of the region this one was carved out of.")

    class Meta:
        model = Region
        fields = [
            "kato",
            "name",
            "name_kk",
            "name_ru",
            "name_en",
            "level",
            "parent",
            "valid_from",
            "valid_to",
            "successor",
            "split_from",
        ]


class ActivityAreaSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = ActivityArea
        fields = ["code", "name", "name_kk", "name_ru", "name_en"]


class LegalFormSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = LegalForm
        fields = ["code", "name", "name_kk", "name_ru", "name_en", "abbreviation"]


class StateBodySerializer(ReadOnlyModelSerializer):
    region = kato_of(help_text="KATO code of the region of a local body.")

    class Meta:
        model = StateBody
        fields = ["code", "name", "name_kk", "name_ru", "name_en", "level", "kind", "region"]


NGO_EXAMPLE = {
    "bin": "170240846524",
    "name": "«Жасыл әлем» экологиялық қозғалысы",
    "name_kk": "«Жасыл әлем» экологиялық қозғалысы",
    "name_ru": "Экологическое движение «Жасыл алем»",
    "name_en": "Green World Environmental Movement",
    "legal_form": "private_institution",
    "kind": "sociopolitical",
    "region": "550000000",
    "registered_on": "2017-02-01",
    "status": "active",
    "activity_areas": ["environment", "children"],
}


@extend_schema_serializer(
    examples=[OpenApiExample("An active NGO", value=NGO_EXAMPLE, response_only=True)]
)
class NGOListSerializer(ReadOnlyModelSerializer):
    legal_form = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.SlugRelatedField(slug_field="kato", read_only=True)
    activity_areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = NGO
        fields = [
            "bin",
            "name",
            "name_kk",
            "name_ru",
            "name_en",
            "legal_form",
            "kind",
            "region",
            "registered_on",
            "status",
            "activity_areas",
            "updated_at",
        ]


MONEY_HELP = (
    f"Whole tenge, at most {MONEY_LIMIT:,}: within JavaScript's safe integers (2^53 - 1), "
    "so clients may read it as a number."
)


class AnnualFiguresSerializer(ReadOnlyModelSerializer):
    """The latest submitted version of a year's annual information."""

    total_income = serializers.IntegerField(read_only=True, help_text=MONEY_HELP)
    total_expenses = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=MONEY_HELP + " Null before expenses were asked."
    )
    spent_more_than_received = serializers.BooleanField(read_only=True)

    class Meta:
        model = AnnualReport
        fields = [
            "year",
            "version",
            *AnnualReport.INCOME_FIELDS,
            "total_income",
            *AnnualReport.EXPENSE_FIELDS,
            "total_expenses",
            "spent_more_than_received",
            *AnnualReport.COUNT_FIELDS,
            "member_count",
            "founders",
            "property_value",
            "property_description",
            "submitted_at",
        ]
        extra_kwargs = {
            name: {"help_text": MONEY_HELP}
            for name in (
                *AnnualReport.INCOME_FIELDS,
                *AnnualReport.EXPENSE_FIELDS,
                "property_value",
            )
        }


class NGODetailSerializer(NGOListSerializer):
    """One NGO; its latest reports come prefetched (`latest_reports`, see NGOViewSet)."""

    annual_reports = serializers.SerializerMethodField()
    status_explanation = serializers.SerializerMethodField()

    class Meta(NGOListSerializer.Meta):
        fields = [
            *NGOListSerializer.Meta.fields,
            "description",
            "description_kk",
            "description_ru",
            "description_en",
            "address",
            "head_name",
            "email",
            "phone",
            "website",
            "staff_count",
            "volunteer_count",
            "beneficiary_count",
            "status_explanation",
            "data_confirmed_at",
            "annual_reports",
        ]

    @extend_schema_field(AnnualFiguresSerializer(many=True))
    def get_annual_reports(self, ngo) -> list[dict]:
        return AnnualFiguresSerializer(ngo.latest_reports, many=True).data

    def get_status_explanation(self, ngo) -> str:
        return ngo.public_status_explanation(years={r.year for r in ngo.latest_reports})


SUGGESTIONS_MAX_AGE = 300


class SuggestionSerializer(serializers.Serializer):
    q = serializers.CharField(help_text="The text the suggestions complete.")
    words = serializers.ListField(
        child=serializers.CharField(), help_text="Name words that begin with its last word."
    )


LIST_ANSWERS = error_responses()
ONE_ANSWERS = error_responses(not_found="No public NGO (or record) with this key.")


class NGOPagination(Pagination):
    """The shared paging, with the text search's count capped (registry.search explains why)."""

    django_paginator_class = SearchPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.page.paginator.capped
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count"]["description"] = (
            f"Number of results; with `q`, exact up to {COUNT_CAP:,} and {COUNT_CAP:,} above."
        )
        schema["properties"]["count_capped"] = {
            "type": "boolean",
            "example": False,
            "description": f"True when a search (`q`) has more than {COUNT_CAP:,} results: "
            f"`count` is then {COUNT_CAP:,} and pages reach the first {COUNT_CAP:,} only "
            "(narrow the search, or download the export, which has every row).",
        }
        return schema


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    """Responses carry ETag (and Last-Modified where records have it) and answer 304."""

    permission_classes = [AllowAny]

    @method_decorator(conditional)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def last_modified(self, queryset):
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        modified = getattr(self, "_last_modified", None)
        if response.status_code == 200 and modified:
            response["Last-Modified"] = http_date(modified.timestamp())
        return response

    def list_last_modified(self):
        return self.last_modified(self.filter_queryset(self.get_queryset()))

    def list(self, request, *args, **kwargs):
        self._last_modified = self.list_last_modified()
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        self._last_modified = self.last_modified(
            self.get_queryset().filter(**{self.lookup_field: kwargs[self.lookup_field]})
        )
        return super().retrieve(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        summary="Search and filter the public register of NGOs",
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                description="Words of the name or "
                "description in Kazakh, Russian or English, or the start of a BIN. Unless "
                "`ordering` is given, NGOs whose name matches come first, then those whose "
                "description does, each in name order; a word in no name is taken for a typo of "
                "the nearest name words when the search finds nothing. The count is capped "
                f"(see `count_capped`) at {COUNT_CAP:,}.",
                examples=[OpenApiExample("Russian", value="молодёжь")],
            ),
            OpenApiParameter(
                "search", OpenApiTypes.STR, description="Alias of `q`.", deprecated=True
            ),
        ],
        responses={200: NGOListSerializer(many=True), **LIST_ANSWERS},
    ),
    retrieve=extend_schema(
        summary="One public NGO by its BIN",
        responses={200: NGODetailSerializer, **ONE_ANSWERS},
    ),
)
class NGOViewSet(ReadOnly):
    lookup_field = "bin"
    lookup_value_regex = r"\d{12}"
    filterset_class = NGOApiFilter
    pagination_class = NGOPagination
    ordering_fields = ["registered_on", "bin", "name_kk", "name_ru", "name_en", "updated_at"]

    def last_modified(self, queryset):
        return queryset.order_by().aggregate(latest=Max("updated_at"))["latest"]

    def list_last_modified(self):
        """The register's latest change (an index answers it): a list cannot have changed later,
        and a search need neither run twice nor read all its hits for it."""
        return self.last_modified(NGO.objects.all())

    def get_queryset(self):
        ngos = (
            NGO.objects.public()
            .select_related("legal_form", "region")
            .defer("search_document", "name_document")
            .prefetch_related(
                Prefetch("activity_areas", queryset=ActivityArea.objects.only("id", "code"))
            )
            .order_by("name_kk", "pk")
        )
        if self.action == "retrieve":
            latest = AnnualReport.objects.latest_versions()
            ngos = ngos.prefetch_related(
                Prefetch("annual_reports", queryset=latest, to_attr="latest_reports")
            )
        return ngos

    def retrieve(self, request, *args, **kwargs):
        """The record read once: its own `updated_at` is the Last-Modified."""
        ngo = self.get_object()
        self._last_modified = ngo.updated_at
        return Response(self.get_serializer(ngo).data)

    def get_serializer_class(self):
        return NGODetailSerializer if self.action == "retrieve" else NGOListSerializer

    @extend_schema(
        summary="Name words that begin with the last word typed (the directory's suggestions)",
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                description="What is typed so far; its last word (two letters at least, Cyrillic "
                "or Kazakh in Latin letters) is completed from the words of the public names, "
                f"shortest first, at most {SUGGESTIONS}. Words are given folded as the "
                "search folds them (қ as к, ө as о, …), and each finds what it says.",
                examples=[OpenApiExample("The first letters of a name", value="Ынтым")],
            )
        ],
        responses={200: SuggestionSerializer, **LIST_ANSWERS},
        filters=False,
    )
    @action(detail=False, pagination_class=None, filterset_class=None)
    def suggest(self, request):
        """Cheap enough to ask at each keystroke; anonymous answers come from the public cache and
        browsers keep them a few minutes."""
        q = request.query_params.get("q", "")[:200]
        response = Response({"q": q, "words": suggestions(q)})
        response["Cache-Control"] = f"public, max-age={SUGGESTIONS_MAX_AGE}"
        return response


def reference_viewset(model, serializer, summary: str, lookup="code", **extra):
    decorated = extend_schema_view(
        list=extend_schema(summary=summary, responses={200: serializer(many=True), **LIST_ANSWERS}),
        retrieve=extend_schema(responses={200: serializer, **ONE_ANSWERS}),
    )
    attrs = {
        "queryset": model.objects.all(),
        "serializer_class": serializer,
        "lookup_field": lookup,
        "filterset_fields": [],
        "ordering": [lookup],
        **extra,
    }
    return decorated(type(f"{model.__name__}ViewSet", (ReadOnly,), attrs))


class RegionFilter(django_filters.FilterSet):
    parent = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="kato", help_text="KATO code of the parent."
    )

    class Meta:
        model = Region
        fields = ["level", "parent"]


class StateBodyFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="kato", help_text="KATO code of the region."
    )

    class Meta:
        model = StateBody
        fields = ["level", "kind", "region"]


RegionViewSet = reference_viewset(
    Region,
    RegionSerializer,
    "Regions (KATO codes) with their history",
    lookup="kato",
    lookup_value_regex=r"\d{9}",
    filterset_class=RegionFilter,
    ordering_fields=["kato"],
    queryset=Region.objects.select_related("parent", "successor", "split_from"),
)
ActivityAreaViewSet = reference_viewset(
    ActivityArea, ActivityAreaSerializer, "Activity areas of NGOs"
)
LegalFormViewSet = reference_viewset(LegalForm, LegalFormSerializer, "Legal forms of NGOs")
StateBodyViewSet = reference_viewset(
    StateBody,
    StateBodySerializer,
    "State bodies: ministries, akimats, the grant operator",
    filterset_class=StateBodyFilter,
    queryset=StateBody.objects.select_related("region"),
)
