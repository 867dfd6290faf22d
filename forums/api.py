"""The public, read-only open-data API of the Civil Forums: forums, their events, and the
recommendations with their place in the action plan.

Identifiers are public ones throughout: forum numbers (XII), event codes, recommendation numbers
(XII-0042, also the action-plan item's code), state-body codes, KATO codes, area codes, BINs.
"""

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, viewsets
from rest_framework.permissions import AllowAny

from accountability.models import Item
from config.api import ReadOnlyModelSerializer, conditional, error_responses
from registry.models import ActivityArea, Region, StateBody

from .models import Event, Forum, Origin, Recommendation, Section


class SectionSerializer(ReadOnlyModelSerializer):
    code = serializers.CharField(read_only=True)
    topics = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    moderators = serializers.ListField(
        child=serializers.CharField(), source="moderator_list", read_only=True
    )

    class Meta:
        model = Section
        fields = ["code", "position", "title_kk", "title_ru", "title_en", "moderators", "topics"]


class EventSerializer(ReadOnlyModelSerializer):
    forum = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="kato", read_only=True, allow_null=True)
    ministry = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = [
            "code",
            "forum",
            "kind",
            "title",
            "title_kk",
            "title_ru",
            "title_en",
            "region",
            "ministry",
            "starts_at",
            "ends_at",
            "city_kk",
            "city_ru",
            "city_en",
            "venue_kk",
            "venue_ru",
            "venue_en",
            "capacity",
            "status",
            "sections",
            "updated_at",
        ]


class ForumSerializer(ReadOnlyModelSerializer):
    organiser_bodies = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    partner_ngos = serializers.SlugRelatedField(slug_field="bin", many=True, read_only=True)

    class Meta:
        model = Forum
        fields = [
            "number",
            "title",
            "title_kk",
            "title_ru",
            "title_en",
            "theme_kk",
            "theme_ru",
            "theme_en",
            "starts_on",
            "ends_on",
            "month_only",
            "city_kk",
            "city_ru",
            "city_en",
            "venue_kk",
            "venue_ru",
            "venue_en",
            "organiser_bodies",
            "partner_ngos",
            "status",
            "updated_at",
        ]


class OriginSerializer(ReadOnlyModelSerializer):
    event = serializers.CharField(source="event.code")
    section = serializers.SerializerMethodField()
    ngo = serializers.SlugRelatedField(slug_field="bin", read_only=True, allow_null=True)

    class Meta:
        model = Origin
        fields = ["event", "section", "ngo", "wording", "proposed_at"]

    def get_section(self, origin) -> str | None:
        if origin.section_id is None:
            return None
        return f"{origin.event.code}-S{origin.section.position}"


class PlanItemSerializer(ReadOnlyModelSerializer):
    responsible_body = serializers.CharField(source="responsible_body.code")
    overdue = serializers.SerializerMethodField()
    measures = serializers.SlugRelatedField(
        source="children", slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Item
        fields = [
            "code",
            "responsible_body",
            "deadline",
            "status",
            "progress",
            "overdue",
            "measures",
            "updated_at",
        ]

    def get_overdue(self, item) -> bool:
        return item.is_overdue(self.context.get("today"))


class RecommendationSerializer(ReadOnlyModelSerializer):
    forum = serializers.CharField(source="forum.number")
    responsible_body = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    region = serializers.SlugRelatedField(slug_field="kato", read_only=True, allow_null=True)
    topic = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    merged_into = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    origins = OriginSerializer(many=True, read_only=True)
    plan_item = PlanItemSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Recommendation
        fields = [
            "code",
            "forum",
            "title",
            "title_kk",
            "title_ru",
            "title_en",
            "text_kk",
            "text_ru",
            "text_en",
            "status",
            "responsible_body",
            "region",
            "topic",
            "merged_into",
            "adopted_at",
            "origins",
            "plan_item",
            "updated_at",
        ]


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment turned into UTC here: PostgreSQL refuses offsets beyond ±15:59, and
    a moment that cannot be expressed is the client's error (400), not ours."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class UpdatedSince(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class ForumFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Forum.Status.choices)
    updated_since = UpdatedSince(
        field_name="updated_at", lookup_expr="gte", help_text="ISO 8601 date and time."
    )

    class Meta:
        model = Forum
        fields: list[str] = []


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices)
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="kato", help_text="KATO code of the region."
    )
    ministry = django_filters.ModelChoiceFilter(
        queryset=StateBody.objects.all(), to_field_name="code", help_text="State-body code."
    )
    updated_since = UpdatedSince(
        field_name="updated_at", lookup_expr="gte", help_text="ISO 8601 date and time."
    )

    class Meta:
        model = Event
        fields: list[str] = []


class RecommendationFilter(django_filters.FilterSet):
    forum = django_filters.ModelChoiceFilter(
        queryset=Forum.objects.all(), to_field_name="number", help_text="The forum's number (XII)."
    )
    body = django_filters.ModelChoiceFilter(
        queryset=StateBody.objects.all(),
        to_field_name="code",
        field_name="responsible_body",
        help_text="Code of the responsible state body.",
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="kato", help_text="KATO code of the region."
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=ActivityArea.objects.all(), to_field_name="code", help_text="Activity-area code."
    )
    status = django_filters.ChoiceFilter(choices=Recommendation.Status.choices)
    plan_status = django_filters.ChoiceFilter(
        field_name="plan_item__status",
        choices=Item.Status.choices,
        help_text="Status of the action-plan item of an adopted recommendation.",
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        help_text="Adopted recommendations whose deadline has passed and that are not done.",
    )
    updated_since = UpdatedSince(
        method="filter_updated_since",
        help_text="Changed since (ISO 8601), the recommendation or its action-plan item.",
    )

    class Meta:
        model = Recommendation
        fields: list[str] = []

    def filter_overdue(self, queryset, name, value):
        overdue = Q(
            plan_item__status__in=Item.OPEN_STATUSES,
            plan_item__deadline__lt=timezone.localdate(),
        )
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_updated_since(self, queryset, name, value):
        return queryset.filter(Q(updated_at__gte=value) | Q(plan_item__updated_at__gte=value))


class Conditional:
    """Responses carry an ETag and answer a matching If-None-Match with 304."""

    permission_classes = [AllowAny]

    @method_decorator(conditional)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


LIST_ANSWERS = error_responses(not_found="The requested page of results does not exist.")


def _events():
    return (
        Event.objects.public()
        .select_related("forum", "region", "ministry")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=Section.objects.select_related("event").prefetch_related("topics"),
            )
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary="The national Civil Forums, by their Roman number",
        responses={200: ForumSerializer(many=True), **LIST_ANSWERS},
    ),
    retrieve=extend_schema(
        summary="One Civil Forum by its number (XII)",
        responses={200: ForumSerializer, **error_responses(not_found="No forum with this number.")},
    ),
)
class ForumViewSet(Conditional, viewsets.ReadOnlyModelViewSet):
    serializer_class = ForumSerializer
    filterset_class = ForumFilter
    lookup_field = "number"
    lookup_value_regex = r"[IVXLCDM]+"
    ordering_fields = ["starts_on", "updated_at"]

    def get_queryset(self):
        return Forum.objects.prefetch_related("organiser_bodies", "partner_ngos").order_by(
            "ordinal"
        )


@extend_schema_view(
    get=extend_schema(
        summary="The events of a forum: its plenary, regional forums, sectoral meetings",
        responses={
            200: EventSerializer(many=True),
            **error_responses(not_found="No forum with this number, or no such page."),
        },
    )
)
class ForumEventList(Conditional, generics.ListAPIView):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["starts_at", "code"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's look at the view
            return Event.objects.none()
        forum = get_object_or_404(Forum, number=self.kwargs["number"])
        return _events().filter(forum=forum).order_by("starts_at", "code")


@extend_schema_view(
    list=extend_schema(
        summary="Recommendations of the forums, with their origins and action-plan items",
        responses={200: RecommendationSerializer(many=True), **LIST_ANSWERS},
    ),
    retrieve=extend_schema(
        summary="One recommendation by its number (XII-0042)",
        responses={
            200: RecommendationSerializer,
            **error_responses(not_found="No recommendation with this number."),
        },
    ),
)
class RecommendationViewSet(Conditional, viewsets.ReadOnlyModelViewSet):
    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilter
    lookup_field = "code"
    lookup_value_regex = r"[0-9A-Za-z.-]+"
    ordering_fields = ["code", "updated_at"]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def get_queryset(self):
        origins = Origin.objects.select_related("event", "section", "ngo").order_by(
            "proposed_at", "pk"
        )
        return (
            Recommendation.objects.select_related(
                "forum",
                "responsible_body",
                "region",
                "topic",
                "merged_into",
                "plan_item__responsible_body",
            )
            .prefetch_related(
                Prefetch("origins", queryset=origins),
                Prefetch("plan_item__children", queryset=Item.objects.order_by("code")),
            )
            .order_by("forum__ordinal", "code")
        )
