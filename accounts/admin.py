from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Permission
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .forms import UserCreationForm
from .models import User


def permissions_of(group) -> set[str]:
    """A group's permissions in the "app_label.codename" form User.get_all_permissions() uses."""
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.filter(group=group).values_list(
            "content_type__app_label", "codename"
        )
    }


def grantable(user, group) -> bool:
    """Nobody hands out more than they hold: a group whose permissions the granter has."""
    return user.is_superuser or permissions_of(group) <= user.get_all_permissions()


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Administrators manage accounts; superusers stay out of reach of everyone but superusers.

    A non-superuser can neither change, set the password of, nor delete a superuser, and can
    grant only groups whose permissions they hold themselves.
    """

    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "email_verified", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "email_verified", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (gettext_lazy("Personal info"), {"fields": ("full_name", "email_verified")}),
        (
            gettext_lazy("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (gettext_lazy("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_readonly_fields(self, request, obj=None):
        """Only a superuser makes superusers or grants permissions outside the role groups."""
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def _protected(self, request, obj) -> bool:
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        # The password form asks this too, so it closes that path as well.
        return not self._protected(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Bulk deletion asks this for every selected user and refuses if any is a superuser.
        return not self._protected(request, obj) and super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        if not request.user.is_superuser:
            queryset = queryset.exclude(is_superuser=True)
        super().delete_queryset(request, queryset)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "groups" not in form.base_fields or request.user.is_superuser:
            return form
        granter = request.user

        class GrantCheckedForm(form):
            def clean_groups(self):
                groups = self.cleaned_data["groups"]
                held = set(self.instance.groups.all()) if self.instance.pk else set()
                refused = [g.name for g in groups if g not in held and not grantable(granter, g)]
                if refused:
                    raise forms.ValidationError(
                        _("You cannot grant %(groups)s: it carries permissions you do not hold.")
                        % {"groups": ", ".join(refused)}
                    )
                return groups

        return GrantCheckedForm

    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
