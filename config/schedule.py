"""The beat schedule without a broker: `make run` has no Celery worker or beat, so this runs the
tasks of CELERY_BEAT_SCHEDULE in-process on their intervals (`manage.py run_schedule`, which
`make run` starts beside the development server).

Each task runs eagerly (`Task.apply`), and its last successful run is kept in ScheduledRun, so a
daily task runs once a day across restarts and /healthz can tell its age. A failing task is
logged and tried again on the next tick; it never stops the others. With a broker configured,
the real `celery beat` (make beat) keeps the schedule and this does nothing.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from .celery import app
from .models import ScheduledRun

logger = logging.getLogger(__name__)


def tasks():
    """The schedule's task names and intervals in seconds, in the order of the schedule."""
    return [(entry["task"], entry["schedule"]) for entry in settings.CELERY_BEAT_SCHEDULE.values()]


def due(now: datetime.datetime | None = None) -> list[str]:
    now = now or timezone.now()
    last = dict(ScheduledRun.objects.values_list("task", "finished_at"))
    return [
        name
        for name, interval in tasks()
        if name not in last or (now - last[name]).total_seconds() >= interval
    ]


def run_due(now: datetime.datetime | None = None) -> dict[str, bool]:
    """Run every task whose interval has passed since its last success; name → succeeded."""
    app.loader.import_default_modules()  # every app's tasks module (Celery's autodiscovery)
    outcome = {}
    for name in due(now):
        task = app.tasks.get(name)
        if task is None:
            logger.error("scheduled task %s is not defined", name)
            outcome[name] = False
            continue
        result = task.apply(throw=False)
        outcome[name] = result.successful()
        if result.successful():
            ScheduledRun.objects.update_or_create(
                task=name, defaults={"finished_at": timezone.now()}
            )
        else:
            logger.error("scheduled task %s failed: %r", name, result.result)
    return outcome


def tick_seconds() -> int:
    """How often to look for due tasks: the shortest interval, at most a minute."""
    return min([60, *(interval for _name, interval in tasks())])
