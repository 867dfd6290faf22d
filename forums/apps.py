from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Civil Forums")

    def ready(self):
        from . import hooks  # noqa: F401 - registers the NGO-page section, tiles, menu, figure
