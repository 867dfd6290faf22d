"""OCDS publication: release and record packages per competition, bulk packages per year."""

import math

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from config.api import error_responses

from . import ocds

LANGUAGE = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=list(ocds.LANGUAGES),
    description="The dataset: Kazakh (default) or Russian; identifiers are the same in both.",
)
RESPONSES = {
    200: OpenApiTypes.OBJECT,
    **error_responses(
        invalid="`lang` or `part` is not valid.",
        not_found="No public competition with this number (or year, or part).",
    ),
}


def _language(request) -> str:
    language = request.GET.get("lang", "kk")
    if language not in ocds.LANGUAGES:
        raise ValidationError({"lang": [f"Choose one of: {', '.join(ocds.LANGUAGES)}."]})
    return language


class OCDSView(APIView):
    permission_classes = [AllowAny]

    def competition(self, number: str):
        return get_object_or_404(ocds.competitions_for_ocds(), number=number)


class ReleasePackageView(OCDSView):
    @extend_schema(
        summary="OCDS release package of one competition (one release per stage)",
        parameters=[LANGUAGE],
        responses=RESPONSES,
    )
    def get(self, request, number: str):
        language = _language(request)  # a bad parameter is a 400 whatever the number
        package = ocds.release_package(
            self.competition(number), language, request.build_absolute_uri()
        )
        return JsonResponse(package, json_dumps_params={"ensure_ascii": False})


class RecordPackageView(OCDSView):
    @extend_schema(
        summary="OCDS record package of one competition, with its compiled release",
        parameters=[LANGUAGE],
        responses=RESPONSES,
    )
    def get(self, request, number: str):
        language = _language(request)
        release_uri = request.build_absolute_uri(
            f"/api/v1/ocds/releases/{number}.json?lang={language}"
        )
        package = ocds.record_package(
            self.competition(number), language, request.build_absolute_uri(), release_uri
        )
        return JsonResponse(package, json_dumps_params={"ensure_ascii": False})


class BulkPackageView(OCDSView):
    @extend_schema(
        summary="OCDS bulk release package of a year: the compiled release of each competition",
        description="A year with more competitions than OCDS_BULK_MAX_RELEASES is split into "
        "parts (`part=1, 2, …`); the `X-Total-Parts` header gives their number.",
        parameters=[
            LANGUAGE,
            OpenApiParameter("part", OpenApiTypes.INT, description="Part of the year, from 1."),
        ],
        responses=RESPONSES,
    )
    def get(self, request, year: int):
        language = _language(request)
        competitions = ocds.competitions_for_ocds().filter(year=year)
        size = settings.OCDS_BULK_MAX_RELEASES
        total = competitions.count()
        parts = max(1, math.ceil(total / size))
        part = request.GET.get("part", "1")
        if not part.isdigit():
            raise ValidationError({"part": ["A whole number from 1."]})
        if not total or not 1 <= int(part) <= parts:
            raise Http404
        start = (int(part) - 1) * size
        package = ocds.bulk_package(
            competitions[start : start + size], language, request.build_absolute_uri()
        )
        response = JsonResponse(package, json_dumps_params={"ensure_ascii": False})
        response["X-Total-Parts"] = str(parts)
        return response
