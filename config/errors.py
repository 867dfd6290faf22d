"""The one error shape of the API and the answer when the database is gone: below the API and the
middleware, which both answer with them."""

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext


def error_body(detail: str, code: str, errors: dict | None = None) -> dict:
    body = {"detail": str(detail), "code": code}
    if errors:
        body["errors"] = errors
    return body


def database_unavailable(exc) -> bool:
    """Whether `exc` says the database cannot be reached now (not that a query was wrong).

    No SQLSTATE means the driver could not talk to the server at all (refused, or a connection
    the server dropped, which psycopg calls a plain DatabaseError); class 08 is a connection
    exception and 57P0x a server shutting down, starting up or restarting.
    """
    if isinstance(exc, InterfaceError):
        return True
    if type(exc) not in (DatabaseError, OperationalError):
        return False
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return sqlstate is None or sqlstate.startswith(("08", "57P0"))


def unavailable_response(request):
    """503 with Retry-After: JSON in the API's error shape under /api/, else the translated page.

    A connection the server dropped is closed here, so the next request connects afresh.
    """
    for conn in connections.all(initialized_only=True):
        conn.close_if_unusable_or_obsolete()
    if request.path.startswith("/api/"):
        body = error_body(gettext("The service is temporarily unavailable."), "unavailable")
        response = JsonResponse(body, status=503)
    else:
        page = render_to_string("503.html", {"site_name": settings.SITE_NAME})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
