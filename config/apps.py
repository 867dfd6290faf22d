from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Site-wide pieces that belong to no domain app: home page, health check, template tags."""

    name = "config"
    verbose_name = "Site"
