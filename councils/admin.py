"""Councils' reference data for administrators: a council's particulars and who its secretaries
are (the accounts that run its workspace). Members, meetings and decisions go through the staff
workspace and its services, where the rules are checked."""

from django.contrib import admin

from registry.admin import AdministratorsOnly

from .models import Council


@admin.register(Council)
class CouncilAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ("code", "name", "kind", "level", "state_body", "status")
    list_filter = ("kind", "level", "status")
    search_fields = ("code", "name_kk", "name_ru", "name_en")
    filter_horizontal = ("secretaries",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("rule_flags",)
    list_select_related = ("state_body",)
