from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import get_language
from django.views import defaults
from django.views.decorators.cache import never_cache

from . import api


def after_login(request):
    """Where a login without `next` lands: officials at their workspace, others at My NGOs."""
    if request.user.is_staff:
        workspace = f"/{get_language()}/staff/"
        try:
            resolve(workspace)
        except Resolver404:
            return redirect("home")
        return redirect(workspace)
    if request.user.is_authenticated:
        return redirect("registry:my_ngos")
    return redirect("home")


def home(request):
    from registry import hooks
    from registry.models import NGO

    stats = {
        "public": NGO.objects.public().count(),
        "active": NGO.objects.filter(status=NGO.Status.ACTIVE).count(),
    }
    figures = hooks.collect(hooks.HOME_FIGURES, request)
    return render(request, "home.html", {"stats": stats, "figures": figures})


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


def not_found(request, exception):
    """Under /api/ a 404 is JSON in the API's error shape; elsewhere the site's page."""
    if request.path.startswith("/api/"):
        return api.json_not_found(request)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return api.json_server_error(request)
    return defaults.server_error(request)
