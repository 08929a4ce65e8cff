"""Server-rendered charts, calendar feeds, XLSX exports and version history."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string

from gcm_portal.core.calendar import CalendarEvent, ics_calendar, ics_response
from gcm_portal.core.charts import Series, bar_chart, time_chart
from gcm_portal.core.exports import xlsx_response
from gcm_portal.core.versions import fingerprint_of, snapshot_changes, version_record, versions_of
from tests.factories.kit import make_note

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg) -> ElementTree.Element:
    return ElementTree.fromstring(str(svg))


def test_bar_chart_is_valid_svg_with_a_title_and_one_bar_per_value():
    chart = bar_chart(
        title="Deposits by donor",
        description="USD deposited by each donor",
        categories=["Germany", "Mexico & <co>"],
        series=[Series("Pledged", [10, 5]), Series("Deposited", [8, None])],
        category_label="Donor",
    )
    root = parse(chart.svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Deposits by donor"
    assert len(root.findall(f"{SVG}rect")) == 4 + 2  # four bars and a two-entry legend
    assert "Mexico &amp; &lt;co&gt;" in str(chart.svg)
    assert chart.columns == ["Donor", "Pledged", "Deposited"]
    assert chart.rows == [["Germany", "10", "8"], ["Mexico & <co>", "5", "—"]]


def test_bar_lengths_are_proportional_to_values():
    chart = bar_chart(title="t", description="d", categories=["a", "b"], series=[Series("s", [5, 10])])
    widths = [float(r.get("width")) for r in parse(chart.svg).findall(f"{SVG}rect")]
    assert widths[1] == pytest.approx(2 * widths[0])


def test_time_chart_draws_steps_through_every_point_and_lists_them():
    dates = [date(2020, 10, 19), date(2021, 3, 18), date(2021, 6, 24)]
    chart = time_chart(title="Champions", description="Count", dates=dates, series=[Series("Champions", [14, 20, 23])])
    root = parse(chart.svg)
    path = root.find(f"{SVG}path").get("d")
    assert path.startswith("M") and path.count("H") == 2 and path.count("V") == 2
    assert len(root.findall(f"{SVG}circle")) == 3
    assert chart.rows == [["2020-10-19", "14"], ["2021-03-18", "20"], ["2021-06-24", "23"]]


def test_the_chart_template_shows_the_table_too():
    chart = bar_chart(title="t", description="d", categories=["a"], series=[Series("s", [Decimal("1.5")])])
    html = render_to_string("includes/chart.html", {"chart": chart, "id": "c1"})
    assert "<svg" in html and "<table" in html and '<th scope="row">a</th>' in html and "1.50" in html


def test_calendar_escapes_folds_and_marks_all_day_events():
    text = ics_calendar(
        [
            CalendarEvent(uid="a-1", title="Meeting; Rabat, hybrid", start=date(2022, 3, 25), location="Rabat"),
            CalendarEvent(
                uid="a-2",
                title="Talk " + "é" * 60,
                start=datetime(2026, 5, 4, 14, 0, tzinfo=UTC),
                end=datetime(2026, 5, 4, 15, 0, tzinfo=UTC),
                description="Line one\nLine two",
            ),
        ],
        name="Activities",
    )
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Meeting\\; Rabat\\, hybrid" in text
    assert "DTSTART;VALUE=DATE:20220325" in text and "DTEND;VALUE=DATE:20220326" in text
    assert "DTSTART:20260504T140000Z" in text and "DESCRIPTION:Line one\\nLine two" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.count("BEGIN:VEVENT") == 2


def test_calendar_response_type():
    response = ics_response([], name="Empty", filename="empty.ics")
    assert response["Content-Type"].startswith("text/calendar")


def test_xlsx_export_keeps_numbers_and_neutralises_formulas():
    from openpyxl import load_workbook

    response = xlsx_response("t.xlsx", ["name", "amount"], [["=SUM(A1)", Decimal("12.5")], ["plain", 3]])
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [("name", "amount"), ("'=SUM(A1)", 12.5), ("plain", 3)]
    assert response["Content-Disposition"] == 'attachment; filename="t.xlsx"'


@pytest.mark.django_db
def test_versions_are_numbered_fingerprinted_and_filtered_for_the_public(user):
    note = make_note(user, "A note")
    first = version_record(obj=note, snapshot={"title": "A note"}, actor=user, note="Submitted")
    second = version_record(obj=note, snapshot={"title": "A better note"}, actor=user, published=True)
    assert (first.number, second.number) == (1, 2)
    assert second.fingerprint == fingerprint_of({"title": "A better note"})
    assert list(versions_of(note)) == [second, first]
    assert list(versions_of(note, published_only=True)) == [second]
    assert snapshot_changes(first.snapshot, second.snapshot) == [
        {"field": "title", "before": "A note", "after": "A better note"}
    ]
