"""Form fields for the GCM vocabulary, shared by every app's forms and filters."""

from django import forms
from django.forms.models import ModelChoiceIterator

from gcm_portal.core.pagecache import remember

__all__ = ["ObjectiveChoiceField", "ObjectiveMultipleChoiceField", "RememberedChoices"]


class _RememberedIterator(ModelChoiceIterator):
    """The choices of a reference-data list as (value, label) pairs kept by the page cache, so a form
    that lists every country costs no query and builds no model instance once it has been shown."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        key = (
            f"choices:{queryset.model._meta.label_lower}:{self.field.to_field_name or 'pk'}:{type(self.field).__name__}"
        )
        yield from remember(
            key,
            (f"{queryset.model._meta.app_label}.*",),
            lambda: [
                (str(self.field.prepare_value(obj)), str(self.field.label_from_instance(obj))) for obj in queryset
            ],
            vary=str(queryset.query),
        )

    def __len__(self):
        return len(list(iter(self)))


class RememberedChoices:
    """Mix into a ModelChoiceField whose queryset is a whole reference list (the same for everyone)."""

    iterator = _RememberedIterator


def _objective_label(objective) -> str:
    return f"{objective.number}. {objective.short_label}"


class ObjectiveChoiceField(forms.ModelChoiceField):
    """One objective, shown as "6. Fair recruitment"."""

    def label_from_instance(self, obj):
        return _objective_label(obj)


class ObjectiveMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _objective_label(obj)
