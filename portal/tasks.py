from celery import shared_task

from . import alerts, opendata
from .models import Alert


@shared_task(name="portal.tasks.build_open_data")
def build_open_data() -> int:
    """Nightly: the open-data files afresh (beat: settings.CELERY_BEAT_SCHEDULE)."""
    return len(opendata.build()["files"])


@shared_task(name="portal.tasks.send_immediate_alerts")
def send_immediate_alerts() -> int:
    """Every few minutes: the alerts to be sent at once."""
    return alerts.send(Alert.Frequency.IMMEDIATE)


@shared_task(name="portal.tasks.send_daily_alerts")
def send_daily_alerts() -> int:
    return alerts.send(Alert.Frequency.DAILY)


@shared_task(name="portal.tasks.send_weekly_alerts")
def send_weekly_alerts() -> int:
    return alerts.send(Alert.Frequency.WEEKLY)
