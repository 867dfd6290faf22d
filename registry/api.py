"""The public, read-only open-data API of the register."""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from .filters import NGOApiFilter
from .models import NGO, ActivityArea, AnnualReport, LegalForm, Region, StateBody


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = [
            "id",
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


class ActivityAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityArea
        fields = ["code", "name", "name_kk", "name_ru", "name_en"]


class LegalFormSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalForm
        fields = ["code", "name", "name_kk", "name_ru", "name_en", "abbreviation"]


class StateBodySerializer(serializers.ModelSerializer):
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
class NGOListSerializer(serializers.ModelSerializer):
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
        ]


class AnnualFiguresSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualReport
        fields = [
            "year",
            "version",
            "income_state_order",
            "income_grants",
            "income_donations",
            "income_foreign",
            "income_own",
            "staff_count",
            "volunteer_count",
            "beneficiary_count",
            "project_count",
            "submitted_at",
        ]


class NGODetailSerializer(NGOListSerializer):
    annual_reports = serializers.SerializerMethodField()
    status_explanation = serializers.CharField(source="public_status_explanation")

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
        reports = ngo.annual_reports.latest_versions()
        return AnnualFiguresSerializer(reports, many=True).data


ERRORS = {
    400: OpenApiResponse(description="A filter value is not valid (e.g. an unknown region)."),
    404: OpenApiResponse(description="The requested page of results does not exist."),
    429: OpenApiResponse(description="Too many requests: anonymous clients are rate-limited."),
}
NOT_FOUND = {404: OpenApiResponse(description="No public NGO (or record) with this key.")}


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]


@extend_schema_view(
    list=extend_schema(
        summary="Search and filter the public register of NGOs",
        parameters=[
            OpenApiParameter(
                "search",
                OpenApiTypes.STR,
                description="Words of the name or "
                "description in Kazakh, Russian or English, or the start of a BIN.",
                examples=[OpenApiExample("Russian", value="молодёжь")],
            ),
        ],
        responses={200: NGOListSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        summary="One public NGO by its BIN",
        responses={200: NGODetailSerializer, **NOT_FOUND, 429: ERRORS[429]},
    ),
)
class NGOViewSet(ReadOnly):
    lookup_field = "bin"
    lookup_value_regex = r"\d{12}"
    filterset_class = NGOApiFilter
    ordering_fields = ["registered_on", "bin", "name_kk", "name_ru", "name_en"]

    def get_queryset(self):
        return (
            NGO.objects.public()
            .select_related("legal_form", "region")
            .prefetch_related(
                Prefetch("activity_areas", queryset=ActivityArea.objects.only("id", "code"))
            )
            .order_by("name_kk", "pk")
        )

    def get_serializer_class(self):
        return NGODetailSerializer if self.action == "retrieve" else NGOListSerializer


def reference_viewset(model, serializer, summary: str, lookup="pk", **extra):
    decorated = extend_schema_view(
        list=extend_schema(summary=summary, responses={200: serializer(many=True), **ERRORS}),
        retrieve=extend_schema(responses={200: serializer, **NOT_FOUND, 429: ERRORS[429]}),
    )
    attrs = {
        "queryset": model.objects.all(),
        "serializer_class": serializer,
        "lookup_field": lookup,
        "filterset_fields": [],
        **extra,
    }
    return decorated(type(f"{model.__name__}ViewSet", (ReadOnly,), attrs))


RegionViewSet = reference_viewset(
    Region,
    RegionSerializer,
    "Regions (KATO codes) with their history",
    filterset_fields=["level", "parent"],
    ordering_fields=["kato"],
)
ActivityAreaViewSet = reference_viewset(
    ActivityArea, ActivityAreaSerializer, "Activity areas of NGOs", lookup="code"
)
LegalFormViewSet = reference_viewset(
    LegalForm, LegalFormSerializer, "Legal forms of NGOs", lookup="code"
)
StateBodyViewSet = reference_viewset(
    StateBody,
    StateBodySerializer,
    "State bodies: ministries, akimats, the grant operator",
    lookup="code",
    filterset_fields=["level", "kind", "region"],
)
