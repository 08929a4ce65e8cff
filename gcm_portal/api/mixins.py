"""Viewset mixins that make an app's API mostly declarations.

- :class:`ConditionalMixin`: ``ETag`` on reads (``304`` for ``If-None-Match``), ``If-Match`` on writes
  (``428`` without it, ``412`` with the current representation when stale).
- :class:`VersionedWriteMixin`: create (``201`` with ``Location`` and ``ETag``) and update through the
  app's services, with strict input and the OpenAPI description generated from the declared serializers.
- :class:`WorkflowActionsMixin`: one ``POST /{id}/{action}/`` per public action of the declared
  workflow table (the ``actions`` list of a representation is
  :class:`~gcm_portal.api.fields.WorkflowActionsField`).
- :class:`AttachmentsMixin`: ``GET``/``POST /{id}/documents/`` from an
  :class:`~gcm_portal.core.attachments.Attachments` declaration.

Service refusals become answers in one place (:mod:`gcm_portal.api.errors`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from gcm_portal.core.attachments import Attachments, attachment_add
from gcm_portal.core.concurrency import StaleVersion, etag_for, parse_if_match
from gcm_portal.core.workflow import Workflow, transition_perform

from .errors import PreconditionRequired
from .fields import NamedChoiceField, _slug, language_field
from .schema import ETAG, FORBIDDEN, IF_MATCH_OPTIONAL, INVALID, NOT_FOUND, PROBLEM, versioned_write_schema
from .serializers import TransitionRequestSerializer

__all__ = [
    "AttachmentsMixin",
    "ConditionalMixin",
    "VersionedWriteMixin",
    "WorkflowActionsMixin",
    "precondition_failed_serializer",
]


def precondition_failed_serializer(detail_serializer, *, name: str):
    """The body of a 412 answer: a message and the record as it now is."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "detail": serializers.CharField(read_only=True),
            "current": detail_serializer(read_only=True, help_text="The record as it is now."),
            "__doc__": "Someone saved in between: nothing was written; here is the record as it now is.",
        },
    )


class ConditionalMixin:
    """ETag / If-Match for records that carry a ``version``."""

    detail_serializer_class = None
    precondition_failed_message = gettext_lazy("Someone else saved this record after you read it. Nothing was changed.")

    def fresh(self, pk: int):
        """The record as the reader may see it now (from the viewset's selector)."""
        return self.get_queryset().get(pk=pk)

    def current_representation(self, obj) -> dict:
        return self.detail_serializer_class(obj, context=self.get_serializer_context()).data

    def etag_visible(self, obj) -> bool:
        """Whether the reader may learn the record's version (override: not from a published snapshot)."""
        return True

    def with_etag(self, response: Response, obj) -> Response:
        if self.etag_visible(obj):
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
        if self.etag_visible(obj):
            # If-None-Match compares weakly (RFC 9110, 13.1.2): a proxy may have made the tag weak.
            etag = etag_for(obj)
            tags = [tag.strip().removeprefix("W/") for tag in request.headers.get("If-None-Match", "").split(",")]
            if etag in tags or "*" in tags:
                return self.with_etag(Response(status=status.HTTP_304_NOT_MODIFIED), obj)
        return self.with_etag(Response(data), obj)

    def created(self, obj) -> Response:
        """201 with the new record, its Location and its ETag."""
        response = Response(self.current_representation(obj), status=status.HTTP_201_CREATED)
        if url := response.data.get("url"):
            response["Location"] = url
        return self.with_etag(response, obj)


# ---------------------------------------------------------------------------
# Versioned create and update through services
# ---------------------------------------------------------------------------


class VersionedWriteMixin(ConditionalMixin):
    """``create`` and ``update``/``partial_update`` through the app's services.

    Declare ``detail_serializer_class``, ``write_serializer_class`` (and ``create_serializer_class``
    when creation takes other fields), ``create_service(actor=..., **arguments)``,
    ``update_service(<update_object_arg>=obj, actor=..., expected_version=..., **arguments)``, and the
    predicates ``may_create(user)`` and ``may_edit(user, obj)`` with their refusal messages.
    """

    write_serializer_class = None
    create_serializer_class = None
    create_service = None
    update_service = None
    update_object_arg = "obj"
    may_create = None
    may_edit = None
    create_refusal = gettext_lazy("You may not create this.")
    edit_refusal = gettext_lazy("You may not edit this.")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        detail = cls.__dict__.get("detail_serializer_class")
        write = cls.__dict__.get("write_serializer_class")
        if detail is None or write is None:
            return
        create = cls.__dict__.get("create_serializer_class") or write
        failed = precondition_failed_serializer(detail, name=f"{detail.__name__.removesuffix('Serializer')}Conflict")
        update_schema = versioned_write_schema(request=write, response=detail, precondition_failed=failed)

        def retrieve(self, request, *args, **kwargs):
            obj = self.get_object()
            return self.not_modified_or(request, obj, self.current_representation(obj))

        def create_(self, request, *args, **kwargs):
            return self.versioned_create(request)

        def update(self, request, *args, **kwargs):
            return self.versioned_update(request, partial=False)

        def partial_update(self, request, *args, **kwargs):
            return self.versioned_update(request, partial=True)

        retrieve.__doc__ = cls.__dict__.get("retrieve_description", "")
        cls.retrieve = extend_schema(parameters=[ETAG], responses={200: detail, 404: NOT_FOUND})(retrieve)
        if cls.create_service is not None:
            cls.create = extend_schema(request=create, responses={201: detail}, parameters=[ETAG])(create_)
        if cls.update_service is not None:
            cls.update = update_schema(update)
            cls.partial_update = update_schema(partial_update)

    def versioned_create(self, request) -> Response:
        if self.may_create is not None and not type(self).may_create(request.user):
            raise exceptions.PermissionDenied(self.create_refusal)
        serializer_class = self.create_serializer_class or self.write_serializer_class
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        obj = type(self).create_service(actor=request.user, **serializer.service_arguments())
        return self.created(self.fresh(obj.pk))

    def versioned_update(self, request, *, partial: bool) -> Response:
        """Permission, If-Match, validation, the service call, and 412 with the current representation
        when someone saved in between (nothing is written)."""
        obj = self.get_object()
        if self.may_edit is not None and not type(self).may_edit(request.user, obj):
            raise exceptions.PermissionDenied(self.edit_refusal)
        expected = self.expected_version(request, obj)
        serializer = self.write_serializer_class(
            data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        try:
            type(self).update_service(
                **{self.update_object_arg: obj},
                actor=request.user,
                expected_version=expected,
                **serializer.service_arguments(),
            )
        except StaleVersion as stale:
            return self.precondition_failed(self.fresh(stale.current.pk))
        obj = self.fresh(obj.pk)
        return self.with_etag(Response(self.current_representation(obj)), obj)


# ---------------------------------------------------------------------------
# Workflow actions
# ---------------------------------------------------------------------------


class WorkflowActionsMixin(ConditionalMixin):
    """One ``POST /{id}/{action}/`` per public action of ``workflow`` (declared on the viewset).

    The record comes from ``get_object()`` (404 for what the reader may not see); the engine checks
    who may (403), the optional ``If-Match`` (412), the state (409) and the comment (400)."""

    workflow: Workflow = None

    def perform_transition(self, obj, *, action: str, comment: str, expected_version: int | None):
        return transition_perform(
            workflow=self.workflow,
            obj=obj,
            action=action,
            actor=self.request.user,
            comment=comment,
            expected_version=expected_version,
        )

    def run_transition(self, request, name: str) -> Response:
        obj = self.get_object()
        serializer = TransitionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        header = request.headers.get("If-Match")
        expected = parse_if_match(header, obj) if header else None
        try:
            self.perform_transition(
                obj, action=name, comment=serializer.validated_data["comment"], expected_version=expected
            )
        except StaleVersion as stale:
            return self.precondition_failed(self.fresh(stale.current.pk))
        obj = self.fresh(obj.pk)
        return self.with_etag(Response(self.current_representation(obj)), obj)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        workflow = cls.__dict__.get("workflow")
        if workflow is None:
            return
        detail = cls.detail_serializer_class
        failed = precondition_failed_serializer(
            detail, name=f"{detail.__name__.removesuffix('Serializer')}ActionConflict"
        )
        for name in workflow.public_actions:
            setattr(cls, f"transition_{name}", _transition_endpoint(workflow, name, detail, failed))


def _transition_endpoint(workflow: Workflow, name: str, detail, failed):
    transitions = workflow.transitions_for(name)
    sources = sorted({state for t in transitions for state in t.sources})
    needs_comment = any(t.needs_comment for t in transitions)

    def endpoint(self, request, pk=None):
        return self.run_transition(request, name)

    endpoint.__name__ = f"transition_{name}"
    endpoint.__doc__ = str(transitions[0].help_text or transitions[0].label)
    endpoint = action(detail=True, methods=["post"], url_path=_slug(name), url_name=_slug(name), filter_backends=[])(
        endpoint
    )
    return extend_schema(
        summary=f"Workflow action: {name}",
        description=(
            f"Moves the record from {', '.join(sources)} to {transitions[0].target}. "
            + ("A `comment` is required. " if needs_comment else "`comment` is optional. ")
            + "The record's `actions` field lists the actions you may take now. "
            "403 if you may not take this action, 409 if it is not possible in the record's current state."
        ),
        request=TransitionRequestSerializer,
        parameters=[IF_MATCH_OPTIONAL, ETAG],
        responses={
            200: detail,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: OpenApiResponse(PROBLEM, description="Not possible in the record's current state."),
            412: failed,
        },
    )(endpoint)


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


class AttachmentsMixin:
    """``GET /{id}/documents/`` (what the reader may download) and ``POST`` (multipart upload) from the
    viewset's ``attachments`` declaration and ``document_serializer_class``."""

    attachments: Attachments = None
    document_serializer_class = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        attachments = cls.__dict__.get("attachments")
        if attachments is None:
            return
        upload = _upload_serializer(attachments, name=f"{cls.__name__.removesuffix('ViewSet')}DocumentUpload")
        documents = cls.__dict__.get("document_serializer_class") or cls.document_serializer_class

        def endpoint(self, request, pk=None):
            return self.documents_endpoint(request, upload)

        endpoint.__name__ = "documents"
        endpoint = action(
            detail=True,
            methods=["get", "post"],
            parser_classes=[MultiPartParser, FormParser],
            filter_backends=[],
            pagination_class=None,
        )(endpoint)
        endpoint = extend_schema(
            methods=["GET"],
            request=None,
            responses={200: documents(many=True), 404: NOT_FOUND},
            description="The record's documents you may download, with their download URLs.",
        )(endpoint)
        cls.documents = extend_schema(
            methods=["POST"],
            request={"multipart/form-data": upload},
            responses={201: documents, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
            description=(
                f"Attach a document ({attachments.accepted_label()}) while the record can be edited. The size, "
                "extension and content are checked; a refused file answers 400 with the reason and nothing is stored."
            ),
        )(endpoint)

    def documents_endpoint(self, request, upload_serializer) -> Response:
        parent = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            documents = self.attachments.visible_to(request.user, parent)
            return Response(self.document_serializer_class(documents, many=True, context=context).data)
        serializer = upload_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        document = attachment_add(
            attachments=self.attachments, parent=parent, actor=request.user, upload=values.pop("file"), **values
        )
        return Response(self.document_serializer_class(document, context=context).data, status=status.HTTP_201_CREATED)


def _upload_serializer(attachments: Attachments, *, name: str):
    fields = {"file": serializers.FileField(help_text=f"{attachments.accepted_label()}, up to the upload limit.")}
    if "language" in attachments.fields:
        fields["language"] = language_field()
    for field_name in attachments.fields:
        if field_name != "language":
            fields[field_name] = _model_field_serializer(attachments.model, field_name)
    return type(name, (serializers.Serializer,), fields)


def _model_field_serializer(model, field_name: str):
    """An upload's extra field (besides the file and its language) as the model declares it."""
    model_field = model._meta.get_field(field_name)
    required = not model_field.has_default() and not model_field.blank
    kwargs = {"required": required}
    if not required and model_field.has_default():
        kwargs["default"] = model_field.get_default()
    if model_field.choices:
        return NamedChoiceField(
            model_field.choices, enum_name=f"{model.__name__}{field_name.title().replace('_', '')}Enum", **kwargs
        )
    return serializers.CharField(max_length=model_field.max_length, allow_blank=model_field.blank, **kwargs)
