from celery import shared_task
from django.db import OperationalError

from .events import out_of_rule
from .models import composition_of, refresh_flags


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def refresh_rule_flags() -> int:
    """Daily: the dates move (a term's end comes near without a new composition), so every
    council's flags are computed again; the body's officials and the secretaries of a council
    newly out of rule are told (once per set of broken rules)."""
    changed = refresh_flags()
    for council in changed:
        if council.rule_flags:
            out_of_rule(council, composition_of(council).flags, None)
    return len(changed)
