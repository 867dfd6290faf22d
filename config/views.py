import sys
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, InterfaceError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache

from . import api
from .errors import database_unavailable, unavailable_response


def freshness() -> dict:
    """Ages in seconds of the last run of each scheduled task and of each open-data file, and
    which of them are older than allowed (a task: twice its interval plus BEAT_GRACE_SECONDS)."""
    from .models import ScheduledRun

    now = timezone.now()
    report = {"beat": {}, "open_data": {}, "stale": []}
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        runs = dict(ScheduledRun.objects.values_list("task", "finished_at"))
        for entry in settings.CELERY_BEAT_SCHEDULE.values():
            task, interval = entry["task"], entry["schedule"]
            age = int((now - runs[task]).total_seconds()) if task in runs else None
            report["beat"][task] = age
            if age is None or age > 2 * interval + settings.BEAT_GRACE_SECONDS:
                report["stale"].append(task)
    root = Path(settings.OPEN_DATA_ROOT)
    for path in sorted(root.iterdir()) if root.is_dir() else []:
        if path.is_file():
            age = int(now.timestamp() - path.stat().st_mtime)
            report["open_data"][path.name] = age
            if age > settings.OPEN_DATA_MAX_AGE_SECONDS:
                report["stale"].append(path.name)
    return report


@never_cache
def healthz(request):
    """503 while the database does not answer; otherwise 200, with what is stale, if anything.

    Staleness is a warning for a monitor, not a failure for the load balancer: the app still
    serves, so it stays in the pool.
    """
    body = {"celery": "eager" if settings.CELERY_TASK_ALWAYS_EAGER else "broker"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        body["database"] = "ok"
    except (DatabaseError, InterfaceError) as exc:
        connection.close_if_unusable_or_obsolete()
        body["database"] = f"error: {exc.__class__.__name__}"
        return JsonResponse(body, status=503)
    body.update(freshness())
    if body["stale"]:
        body["warning"] = "stale: " + ", ".join(body["stale"])
    return JsonResponse(body)


def not_found(request, exception):
    """Under /api/ a 404 is JSON in the API's error shape; elsewhere the site's page."""
    if request.path.startswith("/api/"):
        return api.json_not_found(request)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """The site's 500, or a 503 when the error is a database out of reach (raised outside a view,
    e.g. while a middleware loaded the session)."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable_response(request)
    if request.path.startswith("/api/"):
        return api.json_server_error(request)
    return defaults.server_error(request)
