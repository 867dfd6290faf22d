"""Staff screens of the register: the ministry's daily work of verification and claims."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import permissions, services
from .models import (
    NGO,
    ActivityArea,
    AnnualReport,
    ImportJob,
    LegalForm,
    Membership,
    Region,
    Representation,
    ResourceCentre,
    StateBody,
    scope_regions,
)

REVIEW_FIELDS = ("bin", *NGO.PROFILE_FIELDS)


def apply_each(request, items, action, label=str):
    """Run a service on each selected record; say how many changed and why the others did not."""
    done, errors = 0, []
    for item in items:
        try:
            action(item)
            done += 1
        except services.RegistryError as exc:
            errors.append(f"{label(item)}: {exc.message}")
    if done:
        message = ngettext(
            "%(count)d organisation updated.", "%(count)d organisations updated.", done
        )
        messages.success(request, message % {"count": done})
    for error in errors:
        messages.error(request, error)


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
class NGOAdmin(ScopedHistoryAdmin, TranslationAdmin):
    list_display = ["bin", "name", "region", "legal_form", "status", "submitted_at", "review_link"]
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
    actions = ["verify_selected", "reject_selected", "liquidate_selected"]
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

    @admin.display(description=_("Review"))
    def review_link(self, ngo):
        if ngo.status != NGO.Status.SUBMITTED:
            return ""
        url = reverse("admin:registry_ngo_review", args=[ngo.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Review"))

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [path("<int:pk>/review/", review, name="registry_ngo_review"), *super().get_urls()]

    def review_view(self, request, pk: int):
        """The submitted data beside the last verified version, with approve/reject in one place."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        ngo = get_object_or_404(self.get_queryset(request), pk=pk)
        if request.method == "POST":
            if not permissions.may_verify(request.user, ngo):
                messages.error(request, gettext("This organisation is outside your scope."))
            else:
                self._decide(
                    request, [ngo], request.POST.get("decision"), request.POST.get("reason", "")
                )
                return redirect(
                    reverse("admin:registry_ngo_changelist") + "?status__exact=submitted"
                )
        previous = ngo.history.filter(status__in=NGO.PUBLIC_STATUSES).first()
        rows = []
        for name in REVIEW_FIELDS:
            field = NGO._meta.get_field(name)
            choices = dict(field.flatchoices)
            now = choices.get(getattr(ngo, name), getattr(ngo, name))
            before = getattr(previous, name, None) if previous else None
            before = choices.get(before, before)
            rows.append(
                {
                    "label": field.verbose_name,
                    "now": now,
                    "before": before,
                    "changed": previous is not None and str(now) != str(before),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "ngo": ngo,
            "rows": rows,
            "previous": previous,
            "areas": ngo.activity_areas.all(),
            "documents": ngo.documents.all(),
            "title": gettext("Review: %(name)s") % {"name": ngo.name},
        }
        return TemplateResponse(request, "admin/registry/ngo_review.html", context)

    DECISIONS = {
        "approve": lambda ngo, user, reason: services.verify_ngo(ngo, user),
        "reject": services.reject_ngo,
        "liquidate": services.liquidate_ngo,
    }

    def _decide(self, request, ngos, decision: str, reason: str = ""):
        if decision in self.DECISIONS:
            act = self.DECISIONS[decision]
            apply_each(request, ngos, lambda ngo: act(ngo, request.user, reason), lambda n: n.bin)

    @admin.action(description=_("Verify the selected organisations"), permissions=["change"])
    def verify_selected(self, request, queryset):
        self._decide(request, queryset, "approve")

    @admin.action(
        description=_("Reject the selected organisations (with a reason)"), permissions=["change"]
    )
    def reject_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            "reject",
            gettext("Reject the selected organisations"),
            gettext("These organisations will be rejected:"),
            gettext("Reject"),
        )

    @admin.action(
        description=_("Record the liquidation of the selected organisations"),
        permissions=["change"],
    )
    def liquidate_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            "liquidate",
            gettext("Record the liquidation"),
            gettext("These organisations will be recorded as liquidated:"),
            gettext("Record the liquidation"),
        )

    def _with_reason(self, request, queryset, decision, title, intro, button):
        """Ask for the reason on a page of its own, then apply the decision to each NGO."""
        if request.POST.get("reason"):
            self._decide(request, queryset, decision, request.POST["reason"])
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "queryset": queryset,
            "title": title,
            "intro": intro,
            "button": button,
            "action": f"{decision}_selected",
        }
        return TemplateResponse(request, "admin/registry/ngo_reason.html", context)


@admin.register(Representation)
class RepresentationAdmin(ScopedHistoryAdmin):
    list_display = ["user", "ngo", "position", "status", "created_at", "decided_by"]
    list_select_related = ["user", "ngo", "decided_by"]
    list_filter = ["status", "created_at"]
    search_fields = ["user__email", "ngo__bin", "ngo__name_kk", "ngo__name_ru"]
    readonly_fields = ["user", "ngo", "status", "created_at", "decided_at", "decided_by"]
    actions = ["approve_claims", "reject_claims"]

    def get_queryset(self, request):
        scope = NGO.objects.in_scope_of(request.user)
        return super().get_queryset(request).filter(ngo__in=scope)

    def _decide(self, request, queryset, approve: bool):
        claims = queryset.select_related("ngo", "user")
        apply_each(
            request, claims, lambda claim: services.decide_claim(claim, request.user, approve)
        )

    @admin.action(description=_("Approve the selected claims"), permissions=["change"])
    def approve_claims(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Reject the selected claims"), permissions=["change"])
    def reject_claims(self, request, queryset):
        self._decide(request, queryset, False)


@admin.register(AnnualReport)
class AnnualReportAdmin(ScopedHistoryAdmin):
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
