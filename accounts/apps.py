from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .roles import sync_role_permissions

        # Every app's post_migrate: the permissions of apps migrated after this one exist only then.
        post_migrate.connect(sync_role_permissions, dispatch_uid="sync_role_permissions")
