"""A short-lived cache of what anonymous visitors see: public pages and the open-data API.

One mechanism: every entry carries the *generation* of the public data it was built in (results
derived from the data, `per_generation`, carry it in their key), and any change to a model of
the public apps (a save, a delete, a change of links, or a bulk write that calls
`public_data_changed()`) moves the generation on, so the next visitor gets a fresh page. Entries
also expire after PUBLIC_CACHE_SECONDS, which bounds what a missed change could show.

Only anonymous GETs without a session cookie are served from it, and only 200 answers that set no
cookie (so no CSRF token), are not marked private/no-store and are not downloads are kept. A
logged-in user's pages never enter it and are never served from it.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import cc_delim_re, set_response_etag
from django.utils.translation import get_language_from_request

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis comes with celery[redis]
    RedisError = OSError
# A cache that cannot be reached is a cache that misses: pages are built, saves go through.
CACHE_DOWN = (RedisError, OSError)
logger = logging.getLogger(__name__)

GENERATION_KEY = "public-cache:generation"
_conditional = ConditionalGetMiddleware(lambda request: None)
# Apps whose data the public pages and the API show.
PUBLIC_APPS = {"registry", "tenders", "forums", "councils"}
# Their models that no public page shows: changes to them keep the cache.
PRIVATE_MODELS = {"importjob", "importissue", "importrefusal", "notification"}
# Never cached, whoever asks: personal, staff and account pages, health, language switch.
PRIVATE_PARTS = ("/my/", "/staff/", "/accounts/", "/admin/", "/welcome/")
PRIVATE_PREFIXES = ("/healthz", "/i18n/")
# Response headers a hit gets fresh from the middleware outside this one.
NOT_STORED = {"x-request-id", "set-cookie"}


def generation() -> int:
    """The current generation; one made afresh (after an eviction) is the clock in ms, never a
    value that earlier entries may still carry."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1_000_000, timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # evicted or never made: a fresh one is new anyway
        generation()
    except CACHE_DOWN as error:  # entries expire after PUBLIC_CACHE_SECONDS in any case
        logger.warning("public cache not moved on: %s", error)


def per_generation(name: str, compute, seconds: int | None = None):
    """What `compute()` returns, kept for this generation of the public data under `name`.

    The one place for results derived from public data only (a search's capped count, the
    competition statistics, the directory's filter lists): they change only when the data does,
    so they are computed once per generation, kept at most `seconds` (GENERATION_CACHE_SECONDS;
    0 computes every time) and computed afresh when the cache cannot be reached."""
    seconds = settings.GENERATION_CACHE_SECONDS if seconds is None else seconds
    if seconds <= 0:
        return compute()
    try:
        return cache.get_or_set(f"generation:{generation()}:{name}", compute, timeout=seconds)
    except CACHE_DOWN as error:
        logger.warning("public cache unavailable: %s", error)
        return compute()


def public_data_changed() -> None:
    """Pages and API answers cached so far are stale: now, and again when the transaction
    commits, since a page read by another request meanwhile still showed the old data."""
    _bump()
    transaction.on_commit(_bump, robust=True)


def _model_changed(sender, **kwargs) -> None:
    if kwargs.get("action", "post_").startswith("post_"):
        public_data_changed()


def watch_public_models() -> None:
    """Connect the models that public pages show (config.apps). Each model is named as the
    sender, never all models at once: a post_delete receiver for every model would cost every
    app Django's fast bulk deletes."""
    from django.apps import apps
    from django.db.models import signals

    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in PUBLIC_APPS or meta.model_name in PRIVATE_MODELS:
            continue
        if meta.model_name.startswith("historical"):  # written along with the model it records
            continue
        uid = f"public-cache:{meta.label}"
        signals.post_save.connect(_model_changed, sender=model, dispatch_uid=uid)
        signals.post_delete.connect(_model_changed, sender=model, dispatch_uid=uid)
        for field in meta.local_many_to_many:
            through = field.remote_field.through
            signals.m2m_changed.connect(
                _model_changed, sender=through, dispatch_uid=f"{uid}:{field.name}"
            )


def is_public_read(request) -> bool:
    """A GET of a public page or the API by a visitor without a session (nor credentials)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    path = request.path
    return not path.startswith(PRIVATE_PREFIXES) and not any(p in path for p in PRIVATE_PARTS)


def _cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    if control & {"private", "no-cache", "no-store"}:
        return False
    return "attachment" not in response.get("Content-Disposition", "")


def _key(request) -> str:
    """Scheme and host are part of the address: an answer may hold absolute links (OCDS `uri`,
    the API's `next`) built from them, which must not be served to visitors of another host."""
    language = get_language_from_request(request, check_path=True)
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    address = hashlib.sha256(url.encode()).hexdigest()
    return f"public-cache:{language}:{request.method}:{address}"


def _lookup(request) -> tuple[str, int, tuple | None]:
    """The request's key, the current generation and the stored answer when it belongs to that
    generation: one round trip to the cache (an entry carries the generation it was built in)."""
    key = _key(request)
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        current = generation()
    stored = found.get(key)
    if stored is not None and stored[0] != current:
        stored = None
    return key, current, stored


def _throttled(request):
    """An API answer from the cache still counts against the client's rate limits (the API's
    default throttles, as its views apply them): a 429 in the API's error shape, or None."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import JsonResponse
    from rest_framework.exceptions import Throttled
    from rest_framework.settings import api_settings

    from .api import error_body

    request.user = AnonymousUser()  # is_public_read: no session, no credentials
    for throttle_class in api_settings.DEFAULT_THROTTLE_CLASSES:
        throttle = throttle_class()
        if not throttle.allow_request(request, None):
            wait = throttle.wait()
            response = JsonResponse(error_body(Throttled(wait).detail, "throttled"), status=429)
            if wait is not None:
                response["Retry-After"] = str(int(wait))
            return response
    return None


class PublicCacheMiddleware:
    """Answers repeated anonymous GETs of public pages from the cache (X-Cache: hit / miss)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PUBLIC_CACHE_SECONDS <= 0 or not is_public_read(request):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            # A host outside ALLOWED_HOSTS never reaches the cache: Django answers it 400.
            return self.get_response(request)
        try:
            key, current, stored = _lookup(request)
        except CACHE_DOWN as error:
            logger.warning("public cache unavailable: %s", error)
            return self.get_response(request)
        if stored is not None and request.path.startswith("/api/"):
            refused = _throttled(request)
            if refused is not None:
                return refused
        if stored is not None:
            _generation, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response = _conditional.process_response(request, response)  # 304 for a known ETag
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            if not response.has_header("ETag"):
                set_response_etag(response)  # once, not on every hit
            headers = [(n, v) for n, v in response.items() if n.lower() not in NOT_STORED]
            content = (current, response.status_code, headers, response.content)
            try:
                cache.set(key, content, timeout=settings.PUBLIC_CACHE_SECONDS)
            except CACHE_DOWN as error:
                logger.warning("public cache unavailable: %s", error)
            response["X-Cache"] = "miss"
        return response
