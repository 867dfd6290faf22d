from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("NGO register")

    def ready(self):
        from .staff import tiles  # noqa: F401 - registers the registry's own dashboard tiles
