"""What every endpoint of the open-data API shares: paging, stable ordering, one error shape."""

import copy

from django.http import Http404, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler

from .errors import database_unavailable, error_body, unavailable_response

# ETag (a hash of the body) and conditional GETs: If-None-Match / If-Modified-Since answer 304.
conditional = decorator_from_middleware(ConditionalGetMiddleware)


class ReadOnlyModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer that builds its fields from the model once per class, not once per use.

    Building them (field mapping, validators, labels) was a third of an API answer's time; the
    open-data serializers only read, and their fields depend on nothing but the class, so each
    use gets a copy of the fields built the first time (the copy DRF makes of declared fields)."""

    _built_fields: dict = {}

    def get_fields(self):
        cls = type(self)
        built = ReadOnlyModelSerializer._built_fields.get(cls)
        if built is None:
            built = ReadOnlyModelSerializer._built_fields[cls] = super().get_fields()
        return copy.deepcopy(built)


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
                parameter["description"] = (
                    f"Results per page, at most {self.max_page_size} (default {self.page_size})."
                )
        return parameters


class StableOrderingFilter(OrderingFilter):
    """Any ordering ends with the primary key, so that pages of tied rows never overlap."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not {"pk", "-pk", "id", "-id"} & set(ordering):
            ordering = [*ordering, "pk"]
        return ordering

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = [f for f in getattr(view, "ordering_fields", None) or [] if f != "__all__"]
        for parameter in parameters:
            if fields:
                parameter["schema"]["enum"] = [v for f in fields for v in (f, f"-{f}")]
                parameter["description"] = (
                    "Order of the results; `-` in front reverses it. Ties are broken by a unique "
                    "key, so paging through an ordering sees every record exactly once."
                )
        return parameters


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error under /api/: a message, a code, and the fields at fault."""

    detail = serializers.CharField(help_text="What went wrong, in the language of the request.")
    code = serializers.CharField(help_text="A stable code: not_found, invalid, throttled, …")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Per parameter or field, the reasons it was refused (for `invalid`).",
    )


def error_responses(
    invalid: str = "A filter value is not valid (e.g. an unknown region).",
    not_found: str = "The requested page does not exist.",
) -> dict:
    """The OpenAPI answers every endpoint may give besides its 200, in the one error shape:
    400 (`invalid`), 404 (`not_found`), 429 (rate limits) and 304 (ETags)."""
    return {
        304: OpenApiResponse(description="Not modified since If-None-Match / If-Modified-Since."),
        400: OpenApiResponse(ErrorSerializer, description=invalid),
        404: OpenApiResponse(ErrorSerializer, description=not_found),
        429: OpenApiResponse(
            ErrorSerializer, description="Too many requests: clients are rate-limited."
        ),
    }


def handle_exception(exc, context):
    """DRF's handler, with its bodies rewritten into the one documented shape.

    A database that cannot be reached is a 503 with Retry-After, not a server error.
    """
    if database_unavailable(exc):
        return unavailable_response(context["request"])
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError) and isinstance(response.data, dict):
        errors = {
            key: [str(v) for v in (value if isinstance(value, list) else [value])]
            for key, value in response.data.items()
        }
        response.data = error_body("A parameter is not valid.", "invalid", errors)
    else:
        codes = exc.get_codes() if hasattr(exc, "get_codes") else "error"
        codes = "not_found" if isinstance(exc, Http404) else codes
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        response.data = error_body(detail, codes if isinstance(codes, str) else "error")
    return response


def json_not_found(request, exception=None):
    return JsonResponse(error_body("Not found.", "not_found"), status=404)


def json_server_error(request):
    return JsonResponse(error_body("Server error.", "error"), status=500)
