"""Tables people download: streamed CSV and XLSX, safe to open in a spreadsheet.

:func:`csv_response` writes rows as they are read (memory stays flat for any number of rows);
:func:`xlsx_response` writes a workbook in openpyxl's write-only mode. Both neutralise text cells a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) by prefixing an apostrophe, as OWASP recommends; numbers stay numbers in XLSX.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

__all__ = ["csv_response", "safe_cell", "xlsx_response"]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """``value`` as text a spreadsheet shows as text: a cell starting with a formula character (after
    any leading spaces or line breaks, which some spreadsheets drop) gets an apostrophe in front."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" \n").startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([safe_cell(h) for h in header])  # the BOM lets spreadsheets read UTF-8
        for row in rows:
            yield writer.writerow([safe_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_value(value):
    if value is None or isinstance(value, bool | int | float | Decimal | date | datetime):
        return float(value) if isinstance(value, Decimal) else value
    return safe_cell(value)


def xlsx_response(filename: str, header: list[str], rows: Iterable[Iterable], *, sheet: str = "Data") -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    worksheet.append([safe_cell(h) for h in header])
    for row in rows:
        worksheet.append([_xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
