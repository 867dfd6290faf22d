from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Site-wide pieces that belong to no domain app: home page, health check, template tags."""

    name = "config"
    verbose_name = "Site"

    def ready(self):
        from . import cache

        cache.watch_public_models()
