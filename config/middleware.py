import contextvars
import logging
import uuid

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    """Tags every request (and every log line written while serving it) with an id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming[:64] if incoming.isprintable() and incoming else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


def client_ip(request) -> str:
    """The client's address, seen through settings.NUM_PROXIES trusted reverse proxies."""
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a]
    if settings.NUM_PROXIES and len(forwarded) >= settings.NUM_PROXIES:
        return forwarded[-settings.NUM_PROXIES]
    return request.META.get("REMOTE_ADDR", "")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class ContentSecurityPolicyMiddleware:
    """Every response says where its page may load from: this site only, no inline code.

    Our templates keep scripts and styles in static files, so a script injected into a page
    cannot run. A view that needs otherwise sets its own header, which is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


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
    from .api import error_body

    if request.path.startswith("/api/"):
        body = error_body(gettext("The service is temporarily unavailable."), "unavailable")
        response = JsonResponse(body, status=503)
    else:
        page = render_to_string("503.html", {"site_name": settings.SITE_NAME})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A page or API call that finds the database gone answers 503, not 500.

    Django reconnects on the next request (connections are health-checked), so the app needs no
    restart once the database is back. Errors raised outside views reach `views.server_error`,
    which answers the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            logging.getLogger(__name__).warning("database unavailable: %s", exception)
            return unavailable_response(request)
        return None
