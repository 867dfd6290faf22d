from celery import shared_task

from . import opendata


@shared_task(name="portal.tasks.build_open_data")
def build_open_data() -> int:
    """Nightly: the open-data files afresh (beat: settings.CELERY_BEAT_SCHEDULE)."""
    return len(opendata.build()["files"])
