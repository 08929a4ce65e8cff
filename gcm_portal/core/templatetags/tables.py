"""``{% export_query table "csv" %}``: the current page's query (filters kept, page dropped) asking for
one of its tables as a download (see gcm_portal.core.tables)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def export_query(context, table, fmt):
    query = context["request"].GET.copy()
    query.pop("page", None)
    query["format"] = fmt
    query["table"] = table
    return "?" + query.urlencode()
