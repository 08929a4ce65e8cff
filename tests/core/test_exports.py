"""Downloadable tables (gcm_portal/core/exports.py): formula cells neutralised, streamed UTF-8 CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.http import StreamingHttpResponse

from gcm_portal.core.exports import csv_response, safe_cell


@pytest.mark.parametrize("value", ["=SUM(A1:A2)", "+1", "-1", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_safe_cell_prefixes_formula_starts(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Ghana", "Ghana"), ("a=b", "a=b"), ("x =y", "x =y"), ("", ""), (None, ""), (12, "12"), (1.5, "1.5")],
)
def test_safe_cell_leaves_other_values(value, expected):
    assert safe_cell(value) == expected


def test_csv_response_streams_a_bom_and_neutralised_cells():
    consumed = []

    def rows():
        for row in (["Ghana", "=1+1"], ["Côte d'Ivoire", "@SUM(A1)"], ["Mexico", 3]):
            consumed.append(row[0])
            yield row

    response = csv_response("notes.csv", ["Country", "Value"], rows())
    assert isinstance(response, StreamingHttpResponse)
    assert response.streaming
    assert consumed == []  # rows are read as the response is sent, not before
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="notes.csv"'
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    assert content.count("\ufeff") == 1
    assert list(csv.reader(io.StringIO(content.removeprefix("\ufeff")))) == [
        ["Country", "Value"],
        ["Ghana", "'=1+1"],
        ["Côte d'Ivoire", "'@SUM(A1)"],
        ["Mexico", "3"],
    ]
