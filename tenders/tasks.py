from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def advance_phases() -> int:
    """Every few minutes: open and close application windows on time (idempotent)."""
    return services.advance_phases()
