import os
import time

from celery import Celery, Task
from celery.signals import task_success
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# After a message could not be published, this process queues nothing for this long: the rows
# stay in PostgreSQL and registry.tasks.queue_waiting_work queues them once the broker is back.
BROKER_DOWN_SECONDS = 15

_broker_down_until = 0.0


class QueueingTask(Task):
    """A task whose queueing never holds its caller longer than one failed try.

    A request that notifies fifty people while the broker does not answer pays for one publish
    that times out (settings' CELERY_BROKER_CONNECTION_TIMEOUT), not fifty.
    """

    def apply_async(self, *args, **kwargs):
        global _broker_down_until
        if not self.app.conf.task_always_eager and time.monotonic() < _broker_down_until:
            raise OperationalError("The broker did not answer a moment ago; not tried again yet")
        try:
            return super().apply_async(*args, **kwargs)
        except OperationalError:
            _broker_down_until = time.monotonic() + BROKER_DOWN_SECONDS
            raise


app = Celery("ngo_registry", task_cls=QueueingTask)
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
