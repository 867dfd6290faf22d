import os

from celery import Celery
from celery.signals import task_success

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ngo_registry")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_success.connect
def record_scheduled_run(sender=None, **kwargs):
    """A task of the beat schedule that finished is recorded for /healthz's freshness report."""
    from django.conf import settings
    from django.utils import timezone

    from .models import ScheduledRun

    if sender is None or sender.request.is_eager:
        return
    if sender.name in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}:
        ScheduledRun.objects.update_or_create(
            task=sender.name, defaults={"finished_at": timezone.now()}
        )
