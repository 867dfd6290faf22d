"""The Django admin of the register, for administrators: reference data and direct corrections.

Officials' daily work (verification, claims, changes, liquidation) is in registry/staff/.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import permissions
from .models import (
    NGO,
    ActivityArea,
    AnnualReport,
    ImportJob,
    LegalForm,
    Membership,
    ParticularsChange,
    Region,
    Representation,
    ResourceCentre,
    StateBody,
    scope_regions,
)

REVIEW_FIELDS = ("bin", *NGO.PROFILE_FIELDS)


class AdministratorsOnly:
    """Officials work in the staff workspace (/<lang>/staff/); these are administrators' screens."""

    def has_view_permission(self, request, obj=None):
        return permissions.is_administrator(request.user) and super().has_view_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return permissions.is_administrator(request.user) and super().has_change_permission(
            request, obj
        )

    def has_add_permission(self, request, *args):
        return permissions.is_administrator(request.user) and super().has_add_permission(
            request, *args
        )

    def has_delete_permission(self, request, obj=None):
        return permissions.is_administrator(request.user) and super().has_delete_permission(
            request, obj
        )


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    """History pages only for records the official may see, and read-only.

    django-simple-history's pages look records up without the admin's queryset, and its
    "revert" saves an old version with a POST, bypassing the services; both are closed here.
    """

    def revert_disabled(self, request, obj=None):
        return True

    def _check_scope(self, request, object_id):
        get_object_or_404(self.get_queryset(request), pk=unquote(object_id))

    def history_view(self, request, object_id, extra_context=None):
        self._check_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_scope(request, object_id)
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class KazakhNameFilter(admin.SimpleListFilter):
    """Imported registers often lack Kazakh names; this is the officials' list of them to add."""

    title = _("name in Kazakh")
    parameter_name = "kk_name"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("present", _("Present"))]

    def queryset(self, request, queryset):
        missing = Q(name_kk__isnull=True) | Q(name_kk="")
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "present":
            return queryset.exclude(missing)
        return queryset


@admin.register(NGO)
class NGOAdmin(AdministratorsOnly, ScopedHistoryAdmin, TranslationAdmin):
    """Direct edits by administrators; verification, claims and liquidation are in the workspace."""

    list_display = ["bin", "name", "region", "legal_form", "status", "submitted_at"]
    list_select_related = ["region", "legal_form"]
    list_filter = [
        "status",
        KazakhNameFilter,
        ("submitted_at", admin.DateFieldListFilter),
        "region",
        "kind",
        "legal_form",
    ]
    search_fields = ["bin", "name_kk", "name_ru", "name_en"]
    readonly_fields = [
        "status",
        "status_reason",
        "status_changed_at",
        "submitted_at",
        "data_confirmed_at",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["activity_areas"]
    list_per_page = 50
    date_hierarchy = "submitted_at"

    def get_queryset(self, request):
        return super().get_queryset(request).in_scope_of(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """A local official cannot move an NGO out of the regions they are responsible for."""
        regions = scope_regions(request.user)
        if db_field.name == "region":
            current = Region.objects.current()  # an ended region takes no new records
            kwargs["queryset"] = current if regions is None else current.filter(pk__in=regions)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Representation)
class RepresentationAdmin(AdministratorsOnly, ScopedHistoryAdmin):
    list_display = ["user", "ngo", "position", "status", "created_at", "decided_by"]
    list_select_related = ["user", "ngo", "decided_by"]
    list_filter = ["status", "created_at"]
    search_fields = ["user__email", "ngo__bin", "ngo__name_kk", "ngo__name_ru"]
    readonly_fields = [
        "user",
        "ngo",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
        "decision_reason",
        "language",
    ]

    def get_queryset(self, request):
        scope = NGO.objects.in_scope_of(request.user)
        return super().get_queryset(request).filter(ngo__in=scope)


@admin.register(ParticularsChange)
class ParticularsChangeAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["ngo", "status", "submitted_by", "submitted_at", "decided_by", "decided_at"]
    list_select_related = ["ngo", "submitted_by", "decided_by"]
    list_filter = ["status"]
    search_fields = ["ngo__bin", "ngo__name_kk", "ngo__name_ru"]

    def has_change_permission(self, request, obj=None):
        return False  # decided in the staff workspace, through the services

    def has_add_permission(self, request):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(AdministratorsOnly, ScopedHistoryAdmin):
    list_display = ["ngo", "year", "version", "status", "submitted_at", "total_income"]
    list_select_related = ["ngo"]
    list_filter = ["year", "status"]
    search_fields = ["ngo__bin", "ngo__name_kk", "ngo__name_ru"]
    raw_id_fields = ["ngo", "submitted_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(ngo__in=NGO.objects.in_scope_of(request.user))

    def has_change_permission(self, request, obj=None):
        return False  # filed by NGOs; corrections go through new versions


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["kato", "name", "level", "valid_from", "valid_to", "successor"]
    list_filter = ["level"]
    search_fields = ["kato", "name_kk", "name_ru", "name_en"]
    raw_id_fields = ["parent", "successor", "split_from"]


@admin.register(ActivityArea)
class ActivityAreaAdmin(TranslationAdmin):
    list_display = ["code", "name", "position"]


@admin.register(LegalForm)
class LegalFormAdmin(TranslationAdmin):
    list_display = ["code", "name", "abbreviation"]


@admin.register(StateBody)
class StateBodyAdmin(TranslationAdmin):
    list_display = ["code", "name", "level", "kind", "region"]
    list_select_related = ["region"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    filter_horizontal = ["officials"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "association", "joined_on", "left_on"]
    list_select_related = ["member", "association"]
    raw_id_fields = ["member", "association"]

    def get_queryset(self, request):
        scope = NGO.objects.in_scope_of(request.user)
        return super().get_queryset(request).filter(member__in=scope, association__in=scope)


@admin.register(ResourceCentre)
class ResourceCentreAdmin(admin.ModelAdmin):
    list_display = ["ngo", "level", "region", "since", "until"]
    list_select_related = ["ngo", "region"]
    list_filter = ["level"]
    raw_id_fields = ["ngo"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(ngo__in=NGO.objects.in_scope_of(request.user))


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "original_name",
        "dry_run",
        "status",
        "total_rows",
        "created_count",
        "updated_count",
        "refused_count",
        "created_by",
        "created_at",
    ]
    list_select_related = ["created_by"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def get_queryset(self, request):
        return permissions.visible_import_jobs(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.may_import(request.user)

    def has_add_permission(self, request):
        return False
