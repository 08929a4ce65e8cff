"""Serializer fields every API shares: named choice enums, codes in either case, content languages and
absolute links to a record's API and HTML pages."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gcm_portal.core.workflow import Workflow
from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES

from .serializers import ActionSerializer

__all__ = [
    "ApiUrlField",
    "HtmlUrlField",
    "NamedChoiceField",
    "UpperSlugRelatedField",
    "WorkflowActionsField",
    "absolute",
    "language_field",
    "workflow_actions_data",
]


def absolute(context: dict, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class NamedChoiceField(serializers.ChoiceField):
    """A choice field documented as one named enum component, so that choice sets sharing a field name
    (``status``, ``kind``...) across the API never collide in the schema."""

    def __init__(self, choices, *, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(choices, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        values = [str(value) for value in field.choices]
        schema = {
            "type": "string",
            "enum": ([""] if field.allow_blank else []) + values,
            "description": "\n".join(f"* `{value}` - {label}" for value, label in field.choices.items()),
        }
        component = ResolvedComponent(
            name=field.enum_name, type=ResolvedComponent.SCHEMA, object=field.enum_name, schema=schema
        )
        auto_schema.registry.register_on_missing(component)
        if field.allow_null:
            return {"oneOf": [component.ref, {"type": "null"}]}
        return component.ref


def language_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(CONTENT_LANGUAGE_CHOICES, enum_name="ContentLanguageEnum", **kwargs)


class UpperSlugRelatedField(serializers.SlugRelatedField):
    """ISO and commission codes are accepted in either case."""

    def to_internal_value(self, data):
        return super().to_internal_value(data.upper() if isinstance(data, str) else data)


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(serializers.Field):
    """The record's absolute API URL (``view_name`` with its primary key)."""

    def __init__(self, view_name: str, *, lookup_field: str = "pk", **kwargs):
        self.view_name = view_name
        self.lookup_field = lookup_field
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj) -> str:
        value = obj[self.lookup_field] if isinstance(obj, dict) else getattr(obj, self.lookup_field)
        return absolute(self.context, reverse(self.view_name, kwargs={self.lookup_field: value}))


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The record's absolute URL on the portal's pages (``get_absolute_url``)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj) -> str:
        return absolute(self.context, obj.get_absolute_url())


def _slug(name: str) -> str:
    return name.replace("_", "-")


def workflow_actions_data(*, workflow: Workflow, obj, user, context: dict, basename: str) -> list[dict]:
    """The ``actions`` a reader may take now, each with its API URL (``api:<basename>-<action>``)."""
    return [
        {
            "name": available.action,
            "label": str(available.transition.label),
            "enabled": available.enabled,
            "reason": available.reason,
            "needs_comment": available.transition.needs_comment,
            "url": absolute(context, reverse(f"api:{basename}-{_slug(available.action)}", kwargs={"pk": obj.pk})),
        }
        for available in workflow.actions_for(obj, user)
    ]


@extend_schema_field(ActionSerializer(many=True))
class WorkflowActionsField(serializers.Field):
    """The workflow actions the reader may take on the record now (``POST`` each one's ``url``)."""

    def __init__(self, workflow: Workflow, *, basename: str, **kwargs):
        self.workflow = workflow
        self.basename = basename
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj) -> list[dict]:
        request = self.context.get("request")
        return workflow_actions_data(
            workflow=self.workflow,
            obj=obj,
            user=getattr(request, "user", None),
            context=self.context,
            basename=self.basename,
        )
