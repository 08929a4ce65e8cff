"""The GCM vocabulary as filters, declared once and composed by every app's FilterSet (pages, CSV
exports and the API share them):

- ``country``: ISO 3166-1 alpha-2 code, either case (``GH`` or ``gh``);
- ``objective``: objective number (1-23); ``principle``: guiding principle letter (a-j);
- ``commission``: regional commission code (``ECA``, ``ECLAC``...);
- ``region``: M49 region code, matching the region, sub-region or intermediate region;
- ``language``: a content language code (``en``, ``fr``, ``zh``...).

Each takes the path from the filtered model to the field (``CountryFilter("countries")``,
``ObjectiveFilter("public_version__objectives")``...).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.widgets import FastSelect

from .choices import CONTENT_LANGUAGE_CHOICES
from .forms import ObjectiveChoiceField, RememberedChoices
from .models import Country, GuidingPrinciple, M49Region, Objective, RegionalCommission

__all__ = [
    "CommissionFilter",
    "ContentLanguageFilter",
    "CountryFilter",
    "ObjectiveFilter",
    "PrincipleFilter",
    "RegionFilter",
]


class _CodeChoiceField(forms.ModelChoiceField):
    """A model choice by code, normalised to the stored case before the lookup."""

    def __init__(self, *args, case: str = "upper", **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            value = value.upper() if self.case == "upper" else value.lower()
        return super().to_python(value)


class _RememberedCodeChoiceField(RememberedChoices, _CodeChoiceField):
    pass


class _CodeFilter(django_filters.ModelChoiceFilter):
    field_class = _RememberedCodeChoiceField
    case = "upper"

    def __init__(self, field_name=None, **kwargs):
        kwargs.setdefault("case", self.case)
        super().__init__(field_name=field_name, **kwargs)


class CountryFilter(_CodeFilter):
    def __init__(self, field_name="country", **kwargs):
        kwargs.setdefault("widget", FastSelect)  # 249 options: rendered in Python, not a template each
        kwargs.setdefault("queryset", Country.objects.order_by("sort_name"))
        kwargs.setdefault("to_field_name", "iso2")
        kwargs.setdefault("label", _("Country"))
        super().__init__(field_name=field_name, **kwargs)


class CommissionFilter(_CodeFilter):
    def __init__(self, field_name="commission", **kwargs):
        kwargs.setdefault("queryset", RegionalCommission.objects.order_by("code"))
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("label", _("Regional commission"))
        super().__init__(field_name=field_name, **kwargs)


class PrincipleFilter(_CodeFilter):
    case = "lower"

    def __init__(self, field_name="principles", **kwargs):
        kwargs.setdefault("queryset", GuidingPrinciple.objects.all())
        kwargs.setdefault("to_field_name", "letter")
        kwargs.setdefault("label", _("Guiding principle"))
        kwargs.setdefault("distinct", True)
        super().__init__(field_name=field_name, **kwargs)


class _ObjectiveChoiceField(ObjectiveChoiceField):
    def to_python(self, value):
        if isinstance(value, str) and not value.strip().isdecimal():
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ObjectiveFilter(django_filters.ModelChoiceFilter):
    field_class = _ObjectiveChoiceField

    def __init__(self, field_name="objectives", **kwargs):
        kwargs.setdefault("queryset", Objective.objects.all())
        kwargs.setdefault("to_field_name", "number")
        kwargs.setdefault("label", _("Objective"))
        kwargs.setdefault("distinct", True)
        super().__init__(field_name=field_name, **kwargs)


class RegionFilter(_CodeFilter):
    """Countries in an M49 region, sub-region or intermediate region. ``field_name`` is the path to the
    country (empty for a filter on countries themselves)."""

    def __init__(self, field_name="country", **kwargs):
        kwargs.setdefault("queryset", M49Region.objects.all())
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("label", _("M49 region (code)"))
        self.country_path = field_name
        super().__init__(field_name=field_name or "region", **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        prefix = f"{self.country_path}__" if self.country_path else ""
        condition = Q(**{f"{prefix}region": value}) | Q(**{f"{prefix}subregion": value})
        condition |= Q(**{f"{prefix}intermediate_region": value})
        qs = qs.filter(condition)
        return qs.distinct() if self.distinct else qs


class ContentLanguageFilter(django_filters.ChoiceFilter):
    """A content language. ``many=True`` for a JSON list of codes (matched portably, also on SQLite)."""

    def __init__(self, field_name="language", *, many: bool = False, **kwargs):
        kwargs.setdefault("choices", CONTENT_LANGUAGE_CHOICES)
        kwargs.setdefault("label", _("Language"))
        self.many = many
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs, value):
        if value in ([], (), {}, "", None):
            return qs
        if self.many:
            # JSON "contains" is not portable to SQLite: match the quoted code in the stored list instead.
            return qs.filter(**{f"{self.field_name}__icontains": f'"{value}"'})
        return qs.filter(**{self.field_name: value})
