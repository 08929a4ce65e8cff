"""Money and shares as the trust fund's pages show them."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def usd(value, decimals=0):
    """``USD 1,234,567`` in the reader's number format; an em dash for no value."""
    if value is None or value == "":
        return "—"
    return f"USD {number_format(Decimal(value), decimal_pos=int(decimals), use_l10n=True, force_grouping=True)}"


@register.filter
def money(value, decimals=2):
    if value is None or value == "":
        return "—"
    return number_format(Decimal(value), decimal_pos=int(decimals), use_l10n=True, force_grouping=True)


@register.filter
def percent(value):
    """A share from 0 to 1 as a percentage; an em dash when there is none."""
    if value is None or value == "":
        return "—"
    return f"{number_format(Decimal(value) * 100, decimal_pos=1, use_l10n=True)} %"


@register.simple_tag(takes_context=True)
def export_query(context, table, fmt):
    """The current list's filters with ``format`` and ``table`` for a CSV/XLSX download link."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    query["format"] = fmt
    query["table"] = table
    return "?" + query.urlencode()
