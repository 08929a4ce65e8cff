"""What every API with versioned records and service-backed writes shares: mapping service refusals to
HTTP answers, ETag / If-Match handling, and the OpenAPI pieces that describe them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from gcm_portal.core.concurrency import StaleVersion, etag_for, parse_if_match
from gcm_portal.core.files import FileRejected

__all__ = [
    "ETAG",
    "FORBIDDEN",
    "IF_MATCH",
    "IF_MATCH_OPTIONAL",
    "INVALID",
    "NOT_FOUND",
    "PRECONDITION_REQUIRED",
    "PROBLEM",
    "ConditionalMixin",
    "Conflict",
    "PreconditionRequired",
    "ProblemSerializer",
    "call_service",
    "drf_validation_error",
    "versioned_write_schema",
]


class ProblemSerializer(serializers.Serializer):
    """An error answer: a message for people."""

    detail = serializers.CharField(read_only=True)


# ---------------------------------------------------------------------------


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The action is not possible in the record's current state.")
    default_code = "conflict"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = gettext_lazy(
        "Send the ETag you read in an If-Match header, so that an edit made in between is not overwritten."
    )
    default_code = "precondition_required"


def drf_validation_error(error: DjangoValidationError, *, field: str | None = None) -> exceptions.ValidationError:
    """A Django ValidationError from a service as a 400 with the same messages, per field."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {
                (api_settings.NON_FIELD_ERRORS_KEY if key == "__all__" else key): messages
                for key, messages in error.message_dict.items()
            }
        )
    return exceptions.ValidationError({field or api_settings.NON_FIELD_ERRORS_KEY: error.messages})


def call_service(function, **kwargs):
    """Call a service and turn its refusals into API errors (StaleVersion is left to the caller)."""
    try:
        return function(**kwargs)
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from None
    except FileRejected as error:
        raise drf_validation_error(error, field="file") from None
    except DjangoValidationError as error:
        raise drf_validation_error(error) from None


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='The ETag of the version you edited, e.g. "12-3".',
)
IF_MATCH_OPTIONAL = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Optional: the ETag you read; a stale one answers 412 and nothing changes.",
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description='"<id>-<version>": send it back in If-Match to edit.',
)
PROBLEM = ProblemSerializer
NOT_FOUND = OpenApiResponse(PROBLEM, description="Not found, or not visible to you.")
FORBIDDEN = OpenApiResponse(PROBLEM, description="Visible to you, but you may not do this.")
INVALID = OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid data: messages per field.")
PRECONDITION_REQUIRED = OpenApiResponse(PROBLEM, description="If-Match is missing.")


def versioned_write_schema(*, request, response, precondition_failed):
    """The OpenAPI description of a PUT/PATCH on a versioned record (If-Match required, 412/428)."""
    return extend_schema(
        request=request,
        parameters=[IF_MATCH, ETAG],
        responses={
            200: response,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            412: precondition_failed,
            428: PRECONDITION_REQUIRED,
        },
    )


class ConditionalMixin:
    """ETag / If-Match for records that carry a ``version``."""

    precondition_failed_message = gettext_lazy("Someone else saved this record after you read it. Nothing was changed.")

    def with_etag(self, response: Response, obj) -> Response:
        response["ETag"] = etag_for(obj)
        return response

    def expected_version(self, request, obj) -> int:
        header = request.headers.get("If-Match")
        if not header:
            raise PreconditionRequired()
        return parse_if_match(header, obj)

    def precondition_failed(self, current, message: str | None = None) -> Response:
        data = {
            "detail": message or str(self.precondition_failed_message),
            "current": self.current_representation(current),
        }
        return self.with_etag(Response(data, status=status.HTTP_412_PRECONDITION_FAILED), current)

    def not_modified_or(self, request, obj, data) -> Response:
        etag = etag_for(obj)
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            return self.with_etag(Response(status=status.HTTP_304_NOT_MODIFIED), obj)
        return self.with_etag(Response(data), obj)

    def versioned_update(
        self, request, *, partial: bool, write_serializer, service, object_arg: str, may_edit, refusal: str
    ) -> Response:
        """The PUT/PATCH of a versioned record: permission, If-Match, validation, the service call, and
        412 with the current representation when someone saved in between (nothing is written)."""
        obj = self.get_object()
        if not may_edit(request.user, obj):
            raise exceptions.PermissionDenied(refusal)
        expected = self.expected_version(request, obj)
        serializer = write_serializer(data=request.data, partial=partial, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        try:
            call_service(
                service,
                **{object_arg: obj},
                actor=request.user,
                expected_version=expected,
                **serializer.service_arguments(),
            )
        except StaleVersion as stale:
            return self.precondition_failed(self.fresh(stale.current.pk))
        obj = self.fresh(obj.pk)
        return self.with_etag(Response(self.current_representation(obj)), obj)

    def fresh(self, pk: int):  # pragma: no cover - overridden
        raise NotImplementedError

    def current_representation(self, obj) -> dict:  # pragma: no cover - overridden
        raise NotImplementedError
