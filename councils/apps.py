from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Public councils")

    def ready(self):
        from . import hooks  # noqa: F401 - registers the councils' sections, tiles and figures
