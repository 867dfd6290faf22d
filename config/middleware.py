import contextvars
import logging
import uuid

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext

from .errors import database_unavailable, error_body, unavailable_response

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


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


class RejectNulMiddleware:
    """A NUL byte (%00) in the path or the query string answers 400, before anything reads it.

    PostgreSQL refuses NUL in text, so a value carrying one would otherwise reach a query and
    fail there as a server error; no page or filter ever needs it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in query.lists()
        ):
            detail = gettext("The address contains a character that is not allowed.")
            if _is_api(request):
                return JsonResponse(error_body(detail, "invalid"), status=400)
            return HttpResponseBadRequest(detail, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class ApiJsonErrorsMiddleware:
    """Every error under /api/ answers in the API's JSON shape, also with DEBUG on, where Django
    answers an unknown path or a crash with its HTML debug page (the API's contract holds for the
    development server too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            _is_api(request)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            if response.status_code == 404:
                return JsonResponse(error_body("Not found.", "not_found"), status=404)
            detail = response.reason_phrase
            code = "error" if response.status_code >= 500 else "invalid"
            answer = JsonResponse(error_body(detail, code), status=response.status_code)
            for header in ("Retry-After", "Allow"):
                if header in response:
                    answer[header] = response[header]
            return answer
        return response
