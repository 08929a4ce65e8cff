"""Maps drawn on the server as SVG, from shapes an app ships: no tiles, no script, no outside request,
and always a table beside them (like ``core/charts.py``).

An app loads its shapes (``{code: MapShape}``, e.g. country outlines keyed by M49 code, projected to
the map's own units) and marks the places it wants to show::

    world = world_map(
        title="Champion countries", description="...", shapes=shapes, width=1000, height=460,
        marks=[MapMark(code="288", label="Ghana", url="/champions/countries/gh/", detail="since 2020")],
    )

Every shape is drawn; marked shapes get the class ``map-marked`` and a dot at their label point (so a
small country stays visible), each a link with its name as the accessible title. ``rows`` feed the
table alternative, and ``unplaced`` lists marks with no shape at this scale (the table still lists them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["MapMark", "MapShape", "WorldMap", "world_map"]


@dataclass(frozen=True)
class MapShape:
    path: str  # SVG path data in map units
    x: float  # label point
    y: float


@dataclass(frozen=True)
class MapMark:
    code: str
    label: str
    url: str = ""
    detail: str = ""


@dataclass
class WorldMap:
    title: str
    description: str
    svg: SafeString
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    unplaced: list[MapMark] = field(default_factory=list)


def _safe_path(path: str) -> str:
    # Path data is numbers and the letters M, L, Z: anything else is dropped.
    return "".join(ch for ch in path if ch in "0123456789.,-MLZ ")


def world_map(
    *,
    title: str,
    description: str,
    shapes: dict[str, MapShape],
    marks: Sequence[MapMark],
    width: int,
    height: int,
    columns: Sequence[str] = ("", ""),
) -> WorldMap:
    marked = {m.code: m for m in marks}
    body = [f'<rect class="map-sea" x="0" y="0" width="{width}" height="{height}"/>']
    for code, shape in shapes.items():
        if code not in marked:
            body.append(f'<path class="map-land" d="{_safe_path(shape.path)}"/>')
    unplaced = []
    for mark in marks:
        shape = shapes.get(mark.code)
        if shape is None:
            unplaced.append(mark)
            continue
        name = escape(mark.label) + (f" ({escape(mark.detail)})" if mark.detail else "")
        inner = (
            f'<path class="map-marked" d="{_safe_path(shape.path)}"/>'
            f'<circle class="map-dot" cx="{shape.x:.1f}" cy="{shape.y:.1f}" r="5"/>'
        )
        if mark.url:
            body.append(f'<a href="{escape(mark.url)}" class="map-link"><title>{name}</title>{inner}</a>')
        else:
            body.append(f"<g><title>{name}</title>{inner}</g>")
    # With links inside, the map is a group of links (an image would hide them from screen readers).
    role = "group" if any(m.url for m in marks) else "img"
    svg = mark_safe(  # every interpolated text is escaped, path data filtered
        f'<svg class="map" viewBox="0 0 {width} {height}" role="{role}" aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title><desc>{escape(description)}</desc>'
        f"{''.join(body)}</svg>"
    )
    rows = [[m.label, m.detail] for m in marks]
    return WorldMap(title, description, svg, list(columns), rows, unplaced)
