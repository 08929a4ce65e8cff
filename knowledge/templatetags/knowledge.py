"""Template helpers of the hub: times in an event's own time zone, and labels for stored codes."""

from __future__ import annotations

from django import template
from django.utils import formats

from knowledge.choices import SupportKind

register = template.Library()

_SUPPORT_KINDS = dict(SupportKind.choices)


@register.filter
def in_zone(value, zone):
    """A datetime as the organisers announced it, in the event's time zone."""
    if not value:
        return ""
    return formats.date_format(value.astimezone(zone), "DATETIME_FORMAT")


@register.filter
def zone_abbreviation(value, zone) -> str:
    return value.astimezone(zone).strftime("%Z") if value else ""


@register.filter
def support_kinds(codes) -> str:
    return ", ".join(str(_SUPPORT_KINDS.get(code, code)) for code in codes or [])


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)
