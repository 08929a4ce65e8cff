"""Money and shares as the trust fund's pages show them."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def usd(value):
    """``USD 1,234,567`` (with cents only when there are some) in the reader's number format; an em
    dash for no value. Exact: a page never rounds a recorded amount."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    decimals = 0 if value == value.to_integral_value() else 2
    value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"USD {number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)}"


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
