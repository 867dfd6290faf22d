from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


def home(request):
    from registry.models import NGO

    stats = {
        "public": NGO.objects.public().count(),
        "active": NGO.objects.filter(status=NGO.Status.ACTIVE).count(),
    }
    return render(request, "home.html", {"stats": stats})


@never_cache
def healthz(request):
    """200 with {"database": "ok"} while the database answers, 503 when it does not."""
    body = {"celery": "eager" if settings.CELERY_TASK_ALWAYS_EAGER else "broker"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        body["database"] = "ok"
        status = 200
    except DatabaseError as exc:
        body["database"] = f"error: {exc.__class__.__name__}"
        status = 503
    return JsonResponse(body, status=status)
