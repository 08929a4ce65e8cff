"""Serializers every API shares: strict input, error bodies, references and workflow actions."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

__all__ = [
    "ActionSerializer",
    "CountryRefSerializer",
    "ProblemSerializer",
    "StrictInputMixin",
    "TransitionRequestSerializer",
]


class ProblemSerializer(serializers.Serializer):
    """An error answer: a message for people."""

    detail = serializers.CharField(read_only=True)


class StrictInputMixin:
    """Refuse fields the client may not write, naming each one, instead of dropping them silently.

    ``refused_messages`` explains why a known field cannot be written (e.g. ``status``: use the workflow
    actions); any other field that is not writable here is reported as unknown."""

    refused_messages: Mapping[str, str] = {}

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            errors = {}
            for key in data:
                if key in writable:
                    continue
                message = self.refused_messages.get(key)
                errors[key] = [str(message) if message else str(_("Unknown field: it cannot be written here."))]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def service_arguments(self) -> dict:
        """``validated_data`` as the keyword arguments of the service this serializer feeds."""
        return dict(self.validated_data)


class CountryRefSerializer(serializers.Serializer):
    iso2 = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ActionSerializer(serializers.Serializer):
    """A workflow action the reader may take now (from the workflow table)."""

    name = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    enabled = serializers.BooleanField(read_only=True)
    reason = serializers.CharField(read_only=True, allow_null=True, help_text="Why it is disabled, if it is.")
    needs_comment = serializers.BooleanField(read_only=True)
    url = serializers.URLField(read_only=True)


class TransitionRequestSerializer(StrictInputMixin, serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        help_text="Required for actions that need an explanation (the action's `needs_comment`).",
    )
