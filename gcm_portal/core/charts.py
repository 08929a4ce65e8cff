"""Charts drawn on the server as SVG: no script, no outside request, and always a table beside them.

Two shapes cover the portal's dashboards: :func:`bar_chart` (categories, e.g. money by donor, one or
more series side by side) and :func:`time_chart` (values over dates, drawn as steps or lines, e.g. the
number of champion countries or deposits against targets). Each returns a :class:`Chart` whose
``svg`` is safe markup for the template and whose ``rows`` feed the data table that every chart
carries (``templates/includes/chart.html`` renders both).

The SVG has ``role="img"``, a ``<title>`` and a ``<desc>``, scales with its container (``viewBox``),
and uses the CSS classes ``chart-series-0`` ... for colours, so styles and right-to-left pages stay
in the stylesheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["Chart", "Series", "bar_chart", "time_chart"]

WIDTH = 640
ROW_HEIGHT = 26
MARGIN_LEFT = 200
MARGIN_RIGHT = 80
PLOT_HEIGHT = 240
MARGIN_TOP = 16
MARGIN_BOTTOM = 36


@dataclass(frozen=True)
class Series:
    """One named series of values (numbers; None is "no value")."""

    label: str
    values: Sequence[float | int | Decimal | None]


@dataclass
class Chart:
    title: str
    description: str
    svg: SafeString
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)


def _number(value) -> float:
    return float(value or 0)


def _default_format(value) -> str:
    if value is None:
        return "—"
    number = _number(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.2f}"


def _nice_ceiling(value: float) -> float:
    """A round top for the axis (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop ends at 10 * power


def _svg(width: int, height: int, title: str, description: str, body: list[str]) -> SafeString:
    return mark_safe(  # every interpolated text below is escaped
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>{''.join(body)}</svg>"
    )


def bar_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_format: Callable = _default_format,
    category_label: str = "",
) -> Chart:
    """Horizontal bars, one group per category, one bar per series in each group."""
    top = _nice_ceiling(max((_number(v) for s in series for v in s.values), default=0))
    group_height = ROW_HEIGHT * max(len(series), 1) + 8
    height = MARGIN_TOP + group_height * len(categories) + MARGIN_BOTTOM
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    body = [
        f'<line class="chart-axis" x1="{MARGIN_LEFT}" y1="{MARGIN_TOP}" x2="{MARGIN_LEFT}" y2="{height - MARGIN_BOTTOM}"/>'
    ]
    for i, category in enumerate(categories):
        y = MARGIN_TOP + i * group_height
        body.append(
            f'<text class="chart-label" x="{MARGIN_LEFT - 8}" y="{y + group_height / 2}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(category)}</text>'
        )
        for j, s in enumerate(series):
            value = s.values[i] if i < len(s.values) else None
            length = plot_width * _number(value) / top
            bar_y = y + 4 + j * ROW_HEIGHT
            body.append(
                f'<rect class="chart-series-{j}" x="{MARGIN_LEFT}" y="{bar_y}" width="{length:.1f}" '
                f'height="{ROW_HEIGHT - 6}"><title>{escape(s.label)}: {escape(value_format(value))}</title></rect>'
                f'<text class="chart-value" x="{MARGIN_LEFT + length + 4:.1f}" y="{bar_y + (ROW_HEIGHT - 6) / 2}" '
                f'dominant-baseline="middle">{escape(value_format(value))}</text>'
            )
    body.append(
        f'<text class="chart-tick" x="{MARGIN_LEFT}" y="{height - 12}">0</text>'
        f'<text class="chart-tick" x="{WIDTH - MARGIN_RIGHT}" y="{height - 12}" text-anchor="end">'
        f"{escape(value_format(top))}</text>"
    )
    body += _legend(series, y=height - 12)
    columns = [category_label, *(s.label for s in series)]
    rows = [
        [category, *(value_format(s.values[i] if i < len(s.values) else None) for s in series)]
        for i, category in enumerate(categories)
    ]
    return Chart(title, description, _svg(WIDTH, height, title, description, body), columns, rows)


def time_chart(
    *,
    title: str,
    description: str,
    dates: Sequence[date],
    series: Sequence[Series],
    steps: bool = True,
    value_format: Callable = _default_format,
    date_label: str = "",
) -> Chart:
    """Values over dates: steps (a count that holds until it changes) or straight lines."""
    height = MARGIN_TOP + PLOT_HEIGHT + MARGIN_BOTTOM
    left, right = 60, WIDTH - 20
    top = _nice_ceiling(max((_number(v) for s in series for v in s.values), default=0))
    if dates:
        first, last = min(dates).toordinal(), max(dates).toordinal()
    else:
        first = last = 0
    span = max(last - first, 1)

    def x_of(day: date) -> float:
        return left + (right - left) * (day.toordinal() - first) / span

    def y_of(value) -> float:
        return MARGIN_TOP + PLOT_HEIGHT * (1 - _number(value) / top)

    body = [
        f'<line class="chart-axis" x1="{left}" y1="{MARGIN_TOP + PLOT_HEIGHT}" x2="{right}" y2="{MARGIN_TOP + PLOT_HEIGHT}"/>',
        f'<line class="chart-axis" x1="{left}" y1="{MARGIN_TOP}" x2="{left}" y2="{MARGIN_TOP + PLOT_HEIGHT}"/>',
        f'<text class="chart-tick" x="{left - 6}" y="{MARGIN_TOP + PLOT_HEIGHT}" text-anchor="end">0</text>',
        f'<text class="chart-tick" x="{left - 6}" y="{MARGIN_TOP + 10}" text-anchor="end">{escape(value_format(top))}</text>',
    ]
    if dates:
        body.append(
            f'<text class="chart-tick" x="{left}" y="{height - 20}">{min(dates).isoformat()}</text>'
            f'<text class="chart-tick" x="{right}" y="{height - 20}" text-anchor="end">{max(dates).isoformat()}</text>'
        )
    for j, s in enumerate(series):
        dated = [(d, v) for d, v in zip(dates, s.values, strict=False) if v is not None]
        if not dated:
            continue
        points = [(x_of(d), y_of(v)) for d, v in dated]
        path = [f"M{points[0][0]:.1f},{points[0][1]:.1f}"]
        for x, y in points[1:]:
            path.append(f"H{x:.1f}V{y:.1f}" if steps else f"L{x:.1f},{y:.1f}")
        body.append(f'<path class="chart-line chart-series-{j}" d="{"".join(path)}" fill="none"/>')
        for (x, y), (d, v) in zip(points, dated, strict=True):
            body.append(
                f'<circle class="chart-series-{j}" cx="{x:.1f}" cy="{y:.1f}" r="3">'
                f"<title>{escape(s.label)}, {d.isoformat()}: {escape(value_format(v))}</title></circle>"
            )
    body += _legend(series, y=height - 4)
    columns = [date_label, *(s.label for s in series)]
    rows = [
        [day.isoformat(), *(value_format(s.values[i] if i < len(s.values) else None) for s in series)]
        for i, day in enumerate(dates)
    ]
    return Chart(title, description, _svg(WIDTH, height, title, description, body), columns, rows)


def _legend(series: Sequence[Series], *, y: float) -> list[str]:
    if len(series) < 2:
        return []
    parts, x = [], 200
    for j, s in enumerate(series):
        parts.append(
            f'<rect class="chart-series-{j}" x="{x}" y="{y - 9}" width="10" height="10"/>'
            f'<text class="chart-legend" x="{x + 14}" y="{y}">{escape(s.label)}</text>'
        )
        x += 24 + 7 * len(s.label)
    return parts
