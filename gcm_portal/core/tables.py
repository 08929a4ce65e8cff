"""Every table a page shows can be downloaded as CSV or XLSX, with the page's filters.

A view declares its tables; the page links to them with ``{% include "includes/export_links.html" with
table="name" %}`` (``{% load tables %}`` gives ``{% export_query table "csv" %}`` for other links)::

    class ProgrammeListView(TableExportMixin, FilteredListView):
        export_name = "migration-mptf"

        def export_tables(self):
            return {"programmes": Table(["Code", "Title"], lambda: ((p.code, p.title) for p in self.get_queryset()))}

``?format=csv`` or ``?format=xlsx`` (and ``&table=<name>`` where a page has several tables) answers the
download instead of the page: streamed CSV or an XLSX workbook (:mod:`gcm_portal.core.exports`). Rows are
read only when exported. An unknown format or table is a 404.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import Http404

from .exports import csv_response, xlsx_response

__all__ = ["EXPORT_FORMATS", "Table", "TableExportMixin", "chart_table"]

EXPORT_FORMATS = ("csv", "xlsx")


@dataclass
class Table:
    """A table's header and a callable that yields its rows (read only when exporting)."""

    header: list[str]
    rows: Callable[[], Iterable[Iterable]]


def chart_table(chart) -> Table:
    """The data table of a :class:`gcm_portal.core.charts.Chart`."""
    return Table(list(chart.columns), lambda: chart.rows)


class TableExportMixin:
    export_name = "gcm-portal"

    def export_tables(self) -> dict[str, Table]:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt is None:
            return super().get(request, *args, **kwargs)
        if fmt not in EXPORT_FORMATS:
            raise Http404
        tables = self.export_tables()
        name = request.GET.get("table") or next(iter(tables))
        if name not in tables:
            raise Http404
        table = tables[name]
        filename = f"{self.export_name}-{name}.{fmt}"
        if fmt == "csv":
            return csv_response(filename, table.header, table.rows())
        return xlsx_response(filename, table.header, list(table.rows()), sheet=name)
