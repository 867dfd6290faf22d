"""The public, read-only open-data API of competitions: calls with lots, results and awards.

Identifiers are public ones throughout: competition numbers, lot codes, BINs, state-body codes,
KATO codes and activity-area codes. Amounts are whole tenge (integers well below 2^53).
"""

import django_filters
from django.db.models import Prefetch, Q
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from config.api import ReadOnlyModelSerializer, conditional, error_responses
from registry.models import ActivityArea, Region, StateBody

from .filters import CompetitionApiFilter, UpdatedSince
from .models import Application, Award, Competition, Lot
from .ocds.build import award_key, change_key
from .services.scoring import scored


class LotSerializer(ReadOnlyModelSerializer):
    activity_area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.SlugRelatedField(slug_field="kato", read_only=True, allow_null=True)

    class Meta:
        model = Lot
        fields = [
            "code",
            "number",
            "theme",
            "theme_kk",
            "theme_ru",
            "theme_en",
            "activity_area",
            "region",
            "budget",
            "term_months",
            "winners_allowed",
        ]


class CompetitionSerializer(ReadOnlyModelSerializer):
    organiser = serializers.SlugRelatedField(slug_field="code", read_only=True)
    operator = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    ocid = serializers.CharField(read_only=True)
    lots = LotSerializer(many=True, read_only=True)

    class Meta:
        model = Competition
        fields = [
            "number",
            "ocid",
            "mechanism",
            "organiser",
            "operator",
            "year",
            "title",
            "title_kk",
            "title_ru",
            "title_en",
            "description_kk",
            "description_ru",
            "description_en",
            "status",
            "opens_at",
            "closes_at",
            "published_at",
            "cancel_reason",
            "results_only",
            "reported_applications",
            "reported_applicants",
            "lots",
        ]


class ResultFilter(django_filters.FilterSet):
    """Filters of published results, by the same public identifiers as the competitions."""

    year = django_filters.NumberFilter(field_name="lot__competition__year")
    mechanism = django_filters.ChoiceFilter(
        field_name="lot__competition__mechanism", choices=Competition.Mechanism.choices
    )
    organiser = django_filters.ModelChoiceFilter(
        field_name="lot__competition__organiser",
        queryset=StateBody.objects.all(),
        to_field_name="code",
    )
    region = django_filters.ModelChoiceFilter(
        field_name="lot__region", queryset=Region.objects.all(), to_field_name="kato"
    )
    area = django_filters.ModelChoiceFilter(
        field_name="lot__activity_area", queryset=ActivityArea.objects.all(), to_field_name="code"
    )
    competition = django_filters.CharFilter(field_name="lot__competition__number")
    bin = django_filters.CharFilter(field_name="ngo__bin")
    updated_since = UpdatedSince(prefix="lot__competition__")


class AwardChangeSerializer(serializers.Serializer):
    date = serializers.DateTimeField()
    action = serializers.ChoiceField(choices=["added", "amount_changed", "withdrawn"])
    amount_before = serializers.IntegerField(allow_null=True)
    amount_after = serializers.IntegerField()
    reason = serializers.CharField()


class AwardSerializer(ReadOnlyModelSerializer):
    competition = serializers.CharField(source="lot.competition.number")
    lot = serializers.CharField(source="lot.code")
    year = serializers.IntegerField(source="lot.competition.year")
    mechanism = serializers.CharField(source="lot.competition.mechanism")
    organiser = serializers.CharField(source="lot.competition.organiser.code")
    bin = serializers.CharField(source="ngo.bin", allow_null=True, default=None)
    recipient = serializers.CharField()
    application = serializers.CharField(source="application.number", default=None, allow_null=True)
    status = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta:
        model = Award
        fields = [
            "competition",
            "lot",
            "year",
            "mechanism",
            "organiser",
            "bin",
            "recipient",
            "amount",
            "application",
            "status",
            "decided_at",
            "withdrawn_at",
            "history",
        ]

    def get_status(self, award) -> str:
        return "withdrawn" if award.withdrawn_at else "active"

    @extend_schema_field(AwardChangeSerializer(many=True))
    def get_history(self, award) -> list[dict]:
        """Every recorded correction that touched this award: what changed, when and why."""
        key = award_key(award)
        history = []
        for correction in award.lot.competition.corrections.all():
            for change in correction.changes:
                if change_key(change) != key:
                    continue
                before = {"withdrawn": change["amount"], "amount_changed": change.get("before")}
                history.append(
                    {
                        "date": correction.made_at,
                        "action": change["action"],
                        "amount_before": before.get(change["action"]),
                        "amount_after": 0 if change["action"] == "withdrawn" else change["amount"],
                        "reason": correction.reason,
                    }
                )
        return AwardChangeSerializer(history, many=True).data


class PublishedApplicationSerializer(ReadOnlyModelSerializer):
    competition = serializers.CharField(source="lot.competition.number")
    lot = serializers.CharField(source="lot.code")
    bin = serializers.CharField(source="ngo.bin")
    mean_score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    won = serializers.BooleanField()

    class Meta:
        model = Application
        fields = [
            "number",
            "competition",
            "lot",
            "bin",
            "title",
            "requested_amount",
            "mean_score",
            "won",
        ]


LIST_ANSWERS = error_responses(not_found="The requested page of results does not exist.")
ONE_ANSWERS = error_responses(not_found="No public competition with this number.")


class Conditional:
    """Responses carry an ETag and answer a matching If-None-Match with 304, as the NGO API does."""

    @method_decorator(conditional)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        summary="Competitions: state social order, grants, strategic partnership, NGO awards",
        responses={200: CompetitionSerializer(many=True), **LIST_ANSWERS},
    ),
    retrieve=extend_schema(
        summary="One competition by its public number, with its lots",
        responses={200: CompetitionSerializer, **ONE_ANSWERS},
    ),
)
class CompetitionViewSet(Conditional, viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = CompetitionSerializer
    filterset_class = CompetitionApiFilter
    lookup_field = "number"
    lookup_value_regex = r"[0-9A-Za-z-]+"
    ordering_fields = ["year", "number", "closes_at"]

    def get_queryset(self):
        lots = Lot.objects.select_related("activity_area", "region").order_by("number")
        return (
            Competition.objects.public()
            .select_related("organiser", "operator")
            .prefetch_related(Prefetch("lots", queryset=lots))
            .order_by("-year", "-number")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Awards of published results: who received how much, for which lot",
        description="Each award with the history of the corrections that touched it (old and "
        "new amount, when, why). `status=withdrawn` lists awards withdrawn by a correction, "
        "`status=all` both; `updated_since` what a competition published since a moment.",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=["active", "withdrawn", "all"])
        ],
        responses={200: AwardSerializer(many=True), **LIST_ANSWERS},
    )
)
class AwardViewSet(Conditional, viewsets.GenericViewSet, viewsets.mixins.ListModelMixin):
    permission_classes = [AllowAny]
    serializer_class = AwardSerializer
    filterset_class = ResultFilter
    ordering_fields = ["amount"]

    def get_queryset(self):
        awards = Award.objects.filter(lot__competition__status__in=Competition.RESULT_STATUSES)
        status = self.request.GET.get("status", "active")
        if status == "active":
            awards = awards.standing()
        elif status == "withdrawn":
            awards = awards.filter(withdrawn_at__isnull=False)
        return (
            awards.select_related("lot__competition__organiser", "ngo", "application")
            .prefetch_related("lot__competition__corrections")
            .order_by("-lot__competition__year", "lot__competition__number", "lot__number", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Applications of published results: public fields and mean scores only",
        responses={200: PublishedApplicationSerializer(many=True), **LIST_ANSWERS},
    )
)
class PublishedApplicationViewSet(
    Conditional, viewsets.GenericViewSet, viewsets.mixins.ListModelMixin
):
    permission_classes = [AllowAny]
    serializer_class = PublishedApplicationSerializer
    filterset_class = ResultFilter

    def get_queryset(self):
        standing = Q(award__isnull=False) & Q(award__withdrawn_at__isnull=True)
        return (
            scored(Application.objects.submitted())
            .filter(lot__competition__status__in=Competition.RESULT_STATUSES)
            .select_related("lot__competition", "ngo")
            .annotate(won=standing)
            .order_by("lot__competition__number", "lot__number", "number")
        )
