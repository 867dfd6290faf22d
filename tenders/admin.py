"""Reference data of competitions for administrators; officials work in the staff workspace."""

from django.contrib import admin

from registry.admin import AdministratorsOnly

from .models import MCIValue


@admin.register(MCIValue)
class MCIValueAdmin(AdministratorsOnly, admin.ModelAdmin):
    """Administrators add each year's MCI when the budget law sets it."""

    list_display = ("year", "value_tenge")
    ordering = ("-year",)
