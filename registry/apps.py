from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("NGO register")

    def ready(self):
        # Registered when the app registry is ready: the registry's dashboard tiles and the kind
        # of import a register job runs (registry.imports finds it by ImportJob.kind).
        from . import importer  # noqa: F401
        from .staff import tiles  # noqa: F401
