from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TendersConfig(AppConfig):
    name = "tenders"
    verbose_name = _("State social order and grants")

    def ready(self):
        from . import hooks  # noqa: F401 - registers the NGO-page section and dashboard tile
