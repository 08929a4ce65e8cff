"""Every table exports (gcm_portal/core/tables.py): ``?format=csv|xlsx&table=<name>`` answers a download
of a page's table with the page's filters; an unknown format or table is a 404; the links keep the
filters and drop the page number."""

from __future__ import annotations

import io

import pytest
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import path
from django.views import View
from openpyxl import load_workbook

from gcm_portal.core.charts import Series, bar_chart
from gcm_portal.core.tables import Table, TableExportMixin, chart_table

pytestmark = pytest.mark.django_db

CHART = bar_chart(title="Notes", description="Notes per state", categories=["a", "b"], series=[Series("n", [1, 2])])
READS = []


class NotesView(TableExportMixin, View):
    export_name = "kit"

    def export_tables(self):
        country = self.request.GET.get("country", "")

        def rows():
            READS.append(country)
            return [("=SUM(A1)", 3, country), ("plain", 1.5, country)]

        return {"notes": Table(["Title", "Count", "Country"], rows), "chart": chart_table(CHART)}

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") is None:
            return HttpResponse("the page")
        return super().get(request, *args, **kwargs)


urlpatterns = [path("notes/", NotesView.as_view())]


@pytest.mark.urls(__name__)
def test_the_page_is_the_page_until_a_format_is_asked_for(client):
    READS.clear()
    assert client.get("/notes/?country=GH").content == b"the page"
    assert READS == []  # rows are read only when exported


@pytest.mark.urls(__name__)
def test_csv_of_the_first_table_with_the_filters_and_safe_cells(client):
    response = client.get("/notes/?country=GH&format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="kit-notes.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines() == ["Title,Count,Country", "'=SUM(A1),3,GH", "plain,1.5,GH"]


@pytest.mark.urls(__name__)
def test_xlsx_of_a_named_table_keeps_numbers(client):
    response = client.get("/notes/?format=xlsx&table=notes")
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Title", "Count", "Country") and rows[2][1] == 1.5
    chart = client.get("/notes/?format=csv&table=chart")
    assert b"".join(chart.streaming_content).decode("utf-8-sig").splitlines()[1:] == ["a,1", "b,2"]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("query", ["format=pdf", "format=csv&table=nothing"])
def test_unknown_formats_and_tables_are_not_found(client, query):
    assert client.get(f"/notes/?{query}").status_code == 404


def test_export_links_keep_the_filters_and_drop_the_page():
    request = RequestFactory().get("/notes/", {"country": "GH", "page": "3"})
    html = Template('{% include "includes/export_links.html" with table="notes" label="Notes" %}').render(
        Context({"request": request})
    )
    assert "?country=GH&amp;format=csv&amp;table=notes" in html
    assert "?country=GH&amp;format=xlsx&amp;table=notes" in html
    assert "page=" not in html and "(Notes)" in html
