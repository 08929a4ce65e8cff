"""The API's answer to every refusal, in one place (REST_FRAMEWORK["EXCEPTION_HANDLER"]).

Services raise Django's and the kernel's errors; :data:`gcm_portal.core.errors.ERROR_STATUSES` says
which status each one is, and this handler turns it into DRF's error body (``{"detail": ...}``, or the
messages per field for invalid input). Unmatched API URLs answer JSON too (:func:`api_not_found`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from gcm_portal.core.errors import messages_of, status_for
from gcm_portal.core.files import FileRejected
from gcm_portal.core.workflow import CommentRequired

__all__ = ["Conflict", "PreconditionFailed", "PreconditionRequired", "api_exception_handler", "drf_validation_error"]


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The action is not possible in the record's current state.")
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy("Someone else saved this record after you read it. Nothing was changed.")
    default_code = "precondition_failed"


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


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, exceptions.APIException):
        return exc
    code = status_for(exc)
    message = " ".join(messages_of(exc)) or None
    if code is None:
        return exc
    if isinstance(exc, CommentRequired):
        return exceptions.ValidationError({"comment": [message]})
    if isinstance(exc, DjangoValidationError):
        return drf_validation_error(exc, field="file" if isinstance(exc, FileRejected) else None)
    return {
        403: lambda: exceptions.PermissionDenied(message),
        404: lambda: exceptions.NotFound(),
        409: lambda: Conflict(message),
        412: lambda: PreconditionFailed(message),
    }[code]()


def api_exception_handler(exc, context):
    return drf_exception_handler(_as_api_exception(exc), context)


def api_not_found(request, exception=None) -> JsonResponse:
    """Django's 404 for a path under /api/ that matches no route, in the API's own shape."""
    return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
