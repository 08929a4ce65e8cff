"""Form fields for the GCM vocabulary, shared by every app's forms and filters."""

from django import forms

__all__ = ["ObjectiveChoiceField", "ObjectiveMultipleChoiceField"]


def _objective_label(objective) -> str:
    return f"{objective.number}. {objective.short_label}"


class ObjectiveChoiceField(forms.ModelChoiceField):
    """One objective, shown as "6. Fair recruitment"."""

    def label_from_instance(self, obj):
        return _objective_label(obj)


class ObjectiveMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _objective_label(obj)
