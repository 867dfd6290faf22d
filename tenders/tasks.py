from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def advance_phases() -> int:
    """Every few minutes: open and close application windows on time (idempotent)."""
    return services.advance_phases()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def remind_closing() -> int:
    """Daily: NGOs with a draft application hear that the close is less than three days away."""
    return services.remind_closing()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def remind_reports() -> int:
    """Daily: NGOs hear that a project report is due within a week (once per report and date)."""
    return services.remind_reports()
