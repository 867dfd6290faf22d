"""OCDS publication: release and record packages per competition, bulk packages per year, the
extensions the packages declare and the publication policy.

Every answer carries an ETag and `Last-Modified` from the newest stored release, so a client
keeping a copy gets 304 until something new is published; bulk files are also served
gzipped (`releases.json.gz`).
"""

import datetime

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from config.api import error_responses

from .models import Competition, Release
from .ocds import bulk, compile

ACCEPTED_LANGUAGES = ("kk", "ru", "en")
LANGUAGE = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=list(ACCEPTED_LANGUAGES),
    description="Accepted for links made by pages in any language; the answer is the same one "
    "dataset: Kazakh (`language: kk`) with Russian and English as language variants "
    "(`title_ru`, `title_en`).",
)
RESPONSES = {
    200: OpenApiTypes.OBJECT,
    **error_responses(
        invalid="`lang`, `part` or `versioned` is not valid.",
        not_found="No public competition with this number (or no data for the year, or part).",
    ),
}
JSON = "application/json; charset=utf-8"


def _check_language(request) -> None:
    language = request.GET.get("lang", "kk")
    if language not in ACCEPTED_LANGUAGES:
        choices = ", ".join(ACCEPTED_LANGUAGES)
        raise ValidationError({"lang": [_("Choose one of: %(choices)s.") % {"choices": choices}]})


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _conditional(request, etag: str, published: datetime.datetime):
    """A 304 when the client's copy is current, else None."""
    return get_conditional_response(
        request, etag=f'"{etag}"', last_modified=int(published.timestamp())
    )


def _headers(response, etag: str, published: datetime.datetime):
    response["ETag"] = f'"{etag}"'
    response["Last-Modified"] = http_date(published.timestamp())
    response["Cache-Control"] = "public, max-age=300"
    response["Vary"] = "Accept-Encoding"
    return response


class OCDSView(APIView):
    permission_classes = [AllowAny]

    def answer(self, request, number: str, build):
        _check_language(request)  # a bad parameter is a 400 whatever the number
        competition = get_object_or_404(Competition.objects.public(), number=number)
        releases = Release.objects.filter(competition=competition)
        published, count, digest = compile.stamp(releases)
        if not count:
            raise Http404
        etag = f"{type(self).__name__}-{count}-{digest}-{request.GET.get('versioned', '')}"
        response = _conditional(request, etag, published)
        if response is None:
            response = HttpResponse(build(competition), content_type=JSON)
        return _headers(response, etag, published)


class ReleasePackageView(OCDSView):
    @extend_schema(
        summary="OCDS release package of one competition: every release as it was published",
        parameters=[LANGUAGE],
        responses=RESPONSES,
    )
    def get(self, request, number: str):
        uri = request.build_absolute_uri(request.path)
        return self.answer(
            request,
            number,
            lambda competition: compile.release_package(competition, uri, _base(request)),
        )


class RecordPackageView(OCDSView):
    @extend_schema(
        summary="OCDS record package of one competition, compiled from its releases",
        description="`compiledRelease` is the releases merged by ocdsmerge; `versioned=true` "
        "adds `versionedRelease`, the history of every field.",
        parameters=[
            LANGUAGE,
            OpenApiParameter("versioned", OpenApiTypes.BOOL, description="Add versionedRelease."),
        ],
        responses=RESPONSES,
    )
    def get(self, request, number: str):
        versioned = request.GET.get("versioned", "false")
        if versioned not in ("true", "false", "1", "0"):
            raise ValidationError({"versioned": [_("Answer true or false.")]})
        uri = request.build_absolute_uri(request.path)
        release_uri = request.build_absolute_uri(f"/api/v1/ocds/releases/{number}.json")
        return self.answer(
            request,
            number,
            lambda competition: compile.record_package(
                competition, uri, _base(request), release_uri, versioned in ("true", "1")
            ),
        )


class BulkPackageView(OCDSView):
    gzipped = False

    @extend_schema(
        summary="OCDS bulk release package of a year: the compiled release of each competition",
        description="Served from a stored file written once per change (its SHA-256 in the "
        "ETag and `X-Content-SHA256`); `releases.json.gz` is the same file gzipped. A year "
        "with more competitions than OCDS_BULK_MAX_RELEASES is split into parts "
        "(`part=1, 2, …`); the `X-Total-Parts` header gives their number.",
        parameters=[
            LANGUAGE,
            OpenApiParameter("part", OpenApiTypes.INT, description="Part of the year, from 1."),
        ],
        responses=RESPONSES,
    )
    def get(self, request, year: int):
        _check_language(request)
        part = request.GET.get("part", "1")
        if not (part.isascii() and part.isdigit() and len(part) <= 6):
            raise ValidationError({"part": [_("A whole number from 1.")]})
        uri = request.build_absolute_uri(request.path)
        stored = bulk.year_file(year, int(part), uri, _base(request))
        if stored is None:
            raise Http404
        response = _conditional(request, stored.sha256, stored.published)
        if response is None:
            if self.gzipped:
                response = FileResponse(stored.gzipped.open("rb"), content_type="application/gzip")
            else:
                response = FileResponse(stored.path.open("rb"), content_type=JSON)
        response["X-Total-Parts"] = str(stored.parts)
        response["X-Content-SHA256"] = stored.sha256
        return _headers(response, stored.sha256, stored.published)


@extend_schema(exclude=True)  # documented with releases.json
class GzippedBulkPackageView(BulkPackageView):
    gzipped = True


EXTENSION_FILES = {
    "extension.json": "application/json",
    "release-schema.json": "application/json",
    "README.md": "text/markdown",
}


class ExtensionFileView(APIView):
    """The extensions the packages declare, served from the site: usable offline, pinned."""

    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request, name: str, filename: str):
        if name not in compile.EXTENSIONS or filename not in EXTENSION_FILES:
            raise Http404
        path = compile.SCHEMA / "extensions" / name / filename
        if not path.exists():
            raise Http404
        return HttpResponse(
            path.read_bytes(), content_type=f"{EXTENSION_FILES[filename]}; charset=utf-8"
        )


class PublicationPolicyView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request):
        path = compile.SCHEMA / "publication-policy.md"
        return HttpResponse(path.read_bytes(), content_type="text/markdown; charset=utf-8")
