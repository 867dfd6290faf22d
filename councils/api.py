"""The public, read-only open-data API of councils: public identifiers only (council codes,
decision codes, state-body codes, KATO, BIN), never a database id, never contact data."""

import django_filters
from django.db.models import Count, Max, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, mixins, serializers, viewsets
from rest_framework.permissions import AllowAny

from config.api import ReadOnlyModelSerializer, conditional, error_responses
from registry.api import ReadOnly
from registry.models import Region, StateBody

from .filters import CouncilFilter
from .models import AgendaItem, Council, Decision, Meeting, Membership

LIST_ANSWERS = error_responses(
    invalid="A filter value is not valid (e.g. an unknown kind, state body or KATO code)."
)
COUNCIL_ANSWERS = error_responses(not_found="No council with this code.")


def code_of(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, **kwargs
    )


class CouncilListSerializer(ReadOnlyModelSerializer):
    state_body = code_of(help_text="Code of the state body the council is attached to.")
    region = serializers.SlugRelatedField(
        slug_field="kato", read_only=True, allow_null=True, help_text="KATO code of the region."
    )
    parent = code_of(help_text="Code of the council a working or expert group belongs to.")
    members = serializers.IntegerField(source="member_count", help_text="Current members.")
    civil_society_members = serializers.IntegerField(source="civil_count")

    class Meta:
        model = Council
        fields = [
            "code",
            "name",
            "name_kk",
            "name_ru",
            "name_en",
            "kind",
            "level",
            "state_body",
            "region",
            "parent",
            "status",
            "closed_on",
            "members",
            "civil_society_members",
            "rule_flags",
            "updated_at",
        ]


class MemberSerializer(ReadOnlyModelSerializer):
    """A current member: name, role, affiliation and term. Contact data is never published."""

    name = serializers.CharField(source="person.name")
    ngo = serializers.SlugRelatedField(
        slug_field="bin", read_only=True, allow_null=True, help_text="BIN of the NGO represented."
    )

    class Meta:
        model = Membership
        fields = [
            "name",
            "role",
            "affiliation",
            "ngo",
            "organisation",
            "term_start",
            "term_end",
            "selection",
        ]


class CouncilDetailSerializer(CouncilListSerializer):
    current_members = serializers.SerializerMethodField()

    class Meta(CouncilListSerializer.Meta):
        fields = [
            *CouncilListSerializer.Meta.fields,
            "mandate",
            "mandate_kk",
            "mandate_ru",
            "mandate_en",
            "how_to_join",
            "how_to_join_kk",
            "how_to_join_ru",
            "how_to_join_en",
            "founding_act",
            "founded_on",
            "initiative",
            "selection",
            "closing_reason",
            "current_members",
        ]

    @extend_schema_field(MemberSerializer(many=True))
    def get_current_members(self, council) -> list[dict]:
        return MemberSerializer(council.current, many=True).data


class AgendaSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["position", "title", "title_kk", "title_ru", "title_en"]


class MeetingSerializer(ReadOnlyModelSerializer):
    code = serializers.CharField()
    agenda = AgendaSerializer(many=True)
    documents = serializers.SerializerMethodField()
    present = serializers.IntegerField(help_text="Members present, as recorded.")

    class Meta:
        model = Meeting
        fields = [
            "code",
            "number",
            "starts_at",
            "place",
            "online_url",
            "announced_at",
            "agenda",
            "documents",
            "present",
            "minutes",
            "updated_at",
        ]

    def get_documents(self, meeting) -> list[dict[str, str]]:
        return [{"title": d.title, "url": d.url} for d in meeting.documents.all()]


class ResponseSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    reason = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    responded_on = serializers.DateField()


class DecisionSerializer(ReadOnlyModelSerializer):
    code = serializers.CharField()
    council = serializers.CharField(source="council.code")
    meeting = serializers.IntegerField(source="agenda_item.meeting.number")
    agenda_item = serializers.IntegerField(source="agenda_item.position")
    response = serializers.SerializerMethodField()
    response_overdue = serializers.SerializerMethodField()
    item = serializers.SerializerMethodField(
        help_text="Code of the accountability item that follows an accepted recommendation."
    )
    implementation_status = serializers.SerializerMethodField()
    implementation_progress = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "code",
            "council",
            "meeting",
            "agenda_item",
            "text",
            "text_kk",
            "text_ru",
            "text_en",
            "votes_for",
            "votes_against",
            "votes_abstained",
            "adopted",
            "response_due",
            "response",
            "response_overdue",
            "item",
            "implementation_status",
            "implementation_progress",
            "updated_at",
        ]

    @extend_schema_field(ResponseSerializer(allow_null=True))
    def get_response(self, decision):
        response = getattr(decision, "response", None)
        return None if response is None else ResponseSerializer(response).data

    def get_response_overdue(self, decision) -> bool:
        return decision.response_overdue(self.context.get("today"))

    def get_item(self, decision) -> str | None:
        return decision.item.code if decision.item else None

    def get_implementation_status(self, decision) -> str | None:
        return decision.item.status if decision.item else None

    def get_implementation_progress(self, decision) -> int | None:
        return decision.item.progress if decision.item else None


class CouncilApiFilter(CouncilFilter):
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text="Changed since (ISO 8601)."
    )


class DecisionFilter(django_filters.FilterSet):
    council = django_filters.ModelChoiceFilter(
        queryset=Council.objects.all(), to_field_name="code", help_text="Code of the council."
    )
    state_body = django_filters.ModelChoiceFilter(
        field_name="council__state_body",
        queryset=StateBody.objects.all(),
        to_field_name="code",
        help_text="Code of the state body the council is attached to.",
    )
    region = django_filters.ModelChoiceFilter(
        field_name="council__region",
        queryset=Region.objects.all(),
        to_field_name="kato",
        help_text="KATO code of the council's region.",
    )
    outcome = django_filters.ChoiceFilter(
        field_name="response__outcome",
        choices=[("accepted", "accepted"), ("partly", "partly"), ("rejected", "rejected")],
    )
    awaiting_response = django_filters.BooleanFilter(
        method="filter_awaiting", help_text="true: adopted and not yet answered by the body."
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text="Changed since (ISO 8601)."
    )

    class Meta:
        model = Decision
        fields = ["adopted"]

    def filter_awaiting(self, queryset, name, value):
        if value is None:
            return queryset
        awaiting = Q(adopted=True, response__isnull=True)
        return queryset.filter(awaiting) if value else queryset.exclude(awaiting)


class Conditional:
    """Public, with an ETag that answers a matching If-None-Match with 304."""

    permission_classes = [AllowAny]

    @method_decorator(conditional)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


def _latest(queryset):
    return queryset.order_by().aggregate(latest=Max("updated_at"))["latest"]


@extend_schema_view(
    list=extend_schema(
        summary="Public councils and other permanent dialogue venues",
        responses={200: CouncilListSerializer(many=True), **LIST_ANSWERS},
    ),
    retrieve=extend_schema(
        summary="One council by its code, with its current members (never contact data)",
        responses={200: CouncilDetailSerializer, **COUNCIL_ANSWERS},
    ),
)
class CouncilViewSet(ReadOnly):
    lookup_field = "code"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filterset_class = CouncilApiFilter
    ordering_fields = ["code", "updated_at"]

    def last_modified(self, queryset):
        return _latest(queryset)

    def get_queryset(self):
        councils = Council.objects.select_related("state_body", "region", "parent").order_by("code")
        if self.action == "retrieve":
            current = (
                Membership.objects.current()
                .select_related("person", "ngo")
                .order_by("role", "person__name", "pk")
            )
            councils = councils.prefetch_related(
                Prefetch("memberships", queryset=current, to_attr="current")
            )
        return councils

    def get_serializer_class(self):
        return CouncilDetailSerializer if self.action == "retrieve" else CouncilListSerializer

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else Council.objects.attach_member_counts(page)

    def get_object(self):
        return Council.objects.attach_member_counts([super().get_object()])[0]


MEETINGS_ANSWERS = error_responses(not_found="No council with this code (or no such page).")


@extend_schema(
    summary="Meetings of a council, newest first, with agenda, documents and attendance",
    responses={200: MeetingSerializer(many=True), **MEETINGS_ANSWERS},
)
class CouncilMeetings(Conditional, generics.ListAPIView):
    serializer_class = MeetingSerializer
    filter_backends: list = []

    def get_queryset(self):
        council = get_object_or_404(Council, code=self.kwargs["code"])
        return (
            Meeting.objects.filter(council=council)
            .select_related("council")
            .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
            .prefetch_related(
                Prefetch("agenda", queryset=AgendaItem.objects.order_by("position")),
                "documents",
            )
            .order_by("-starts_at", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Recommendations of councils, with the body's response and implementation",
        responses={200: DecisionSerializer(many=True), **LIST_ANSWERS},
    ),
)
class DecisionViewSet(Conditional, viewsets.GenericViewSet, mixins.ListModelMixin):
    filterset_class = DecisionFilter
    ordering_fields = ["response_due", "updated_at"]
    serializer_class = DecisionSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def get_queryset(self):
        return Decision.objects.select_related(
            "council", "agenda_item__meeting", "response", "item"
        ).order_by("council__code", "number")
