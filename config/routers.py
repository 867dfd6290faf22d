"""Read replicas: anonymous public reads go to a replica, everything else to the primary.

`ReplicaMiddleware` marks a request as a public read (GET or HEAD of a public page or the API,
from a visitor without a session, who has not written anything in the last
REPLICA_PIN_SECONDS); only while such a request is served does the router send reads to one of
the DATABASE_REPLICA_URLS. Logged-in users read the primary, so they always see their own
writes, and so does a visitor right after a write of theirs (a sign-up, a login attempt): every
unsafe request pins its client to the primary for a while with a cookie. Replication lag
therefore only ever shows to anonymous readers, for seconds, as the public cache already does.
"""

import contextvars
import random
import time

from django.conf import settings

from .cache import is_public_read

PIN_COOKIE = "primary_until"
# The replica this request reads (one per request, so that its queries see one snapshot and
# session settings made for a query apply to it), or None: the primary.
public_read: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "public_read", default=None
)


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def read_alias() -> str:
    """The database this request reads from: its replica for a public read, else the primary."""
    alias = public_read.get()
    return alias if alias in settings.DATABASES else "default"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replicas():
            return self.get_response(request)
        pinned = request.COOKIES.get(PIN_COOKIE, "")
        fresh_write = pinned.isdigit() and int(pinned) > time.time()
        replica = random.choice(replicas()) if is_public_read(request) and not fresh_write else None
        token = public_read.set(replica)
        try:
            response = self.get_response(request)
        finally:
            public_read.reset(token)
        if replica and response.streaming:  # an export reads as it is sent
            response.streaming_content = _reading_replica(response.streaming_content, replica)
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            until = int(time.time()) + settings.REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                str(until),
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def _reading_replica(chunks, alias: str):
    token = public_read.set(alias)
    try:
        yield from chunks
    finally:
        public_read.reset(token)
