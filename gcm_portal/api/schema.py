"""An OpenAPI schema that tells the truth: every answer an operation can give, with its body.

:class:`PortalAutoSchema` adds to each operation the error answers the API's shared machinery gives,
so an app documents only what is special to it:

- 400 invalid input (writes, and reads with filters), with the messages per field;
- 401 missing or invalid credentials (any operation: a bad token is refused everywhere);
- 403 allowed to see but not to do (writes, and reads restricted to a role);
- 404 not found or not visible (records, workflow actions, and pages past the last one);
- 415 an unsupported request body (writes); 429 too many requests (with ``Retry-After``).

Versioned writes add 412 and 428 (:func:`versioned_write_schema`); workflow actions add 409. A model
serializer field reading a nullable column is documented as nullable, whatever the field declares.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import SAFE_METHODS

from .serializers import ProblemSerializer

__all__ = [
    "ETAG",
    "FORBIDDEN",
    "IF_MATCH",
    "IF_MATCH_OPTIONAL",
    "INVALID",
    "NOT_FOUND",
    "PRECONDITION_REQUIRED",
    "PROBLEM",
    "PortalAutoSchema",
    "versioned_write_schema",
]

PROBLEM = ProblemSerializer
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
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description="Seconds to wait before the next request.",
)
NOT_FOUND = OpenApiResponse(PROBLEM, description="Not found, or not visible to you.")
FORBIDDEN = OpenApiResponse(PROBLEM, description="Visible to you, but you may not do this.")
INVALID = OpenApiResponse(
    {
        "type": "object",
        "additionalProperties": {},
        "description": "Per field name (`non_field_errors` for the whole), the list of messages saying what "
        "to fix; nested fields answer with the same shape inside.",
    },
    description="Invalid data: the messages per field.",
)
UNAUTHORIZED = OpenApiResponse(PROBLEM, description="Credentials are missing or invalid.")
UNSUPPORTED = OpenApiResponse(PROBLEM, description="The request body is not in a supported format.")
THROTTLED = OpenApiResponse(PROBLEM, description="Too many requests: wait for the time in Retry-After.")
CONFLICT = OpenApiResponse(PROBLEM, description="Not possible in the record's current state.")
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


def _publicly_readable(view) -> bool:
    from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly

    from .permissions import PublicReadOnly, PublicReadRoleWrite

    public = (AllowAny, IsAuthenticatedOrReadOnly, PublicReadOnly, PublicReadRoleWrite)
    return all(issubclass(p, public) for p in view.permission_classes)


def _backed_by_nullable_model_field(field) -> bool:
    """Whether a ModelSerializer field reads a column (or a relation on the way to it) that may be NULL:
    then the API answers null whatever the serializer field says."""
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    source = getattr(field, "source", None)
    if model is None or not source or source == "*":
        return False
    for name in source.split("."):
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if getattr(model_field, "null", False) and not model_field.many_to_many:
            return True
        model = model_field.related_model
        if model is None:
            return False
    return False


class PortalAutoSchema(AutoSchema):
    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if direction == "response" and not meta.get("nullable") and _backed_by_nullable_model_field(field):
            meta["nullable"] = True
        return meta

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        writes = self.method not in SAFE_METHODS
        defaults = {"401": UNAUTHORIZED, "429": THROTTLED}
        if writes:
            defaults.update({"400": INVALID, "403": FORBIDDEN, "415": UNSUPPORTED})
        else:
            if self._get_filter_parameters() or self._is_list_view():
                defaults["400"] = INVALID
            if not _publicly_readable(self.view):
                defaults["403"] = FORBIDDEN
        if "{" in self.path or (not writes and self._is_list_view() and self._get_paginator()):
            defaults["404"] = NOT_FOUND
        for code, response in defaults.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return dict(sorted(responses.items()))

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        return [*parameters, RETRY_AFTER]


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """How :class:`~gcm_portal.api.authentication.BearerOrTokenAuthentication` appears in the schema."""

    target_class = "gcm_portal.api.authentication.BearerOrTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "`Token <key>` or `Bearer <key>`. Keys are named, expire, and are revoked by a password "
                "change or reset; create and revoke them on your profile page or at /api/v1/auth/token/."
            ),
        }
