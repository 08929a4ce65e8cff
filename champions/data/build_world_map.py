"""Build ``world_map.json`` (country outlines as SVG paths, with a label point) from Natural Earth's
1:110m countries as packaged in the ``world-atlas`` npm package (TopoJSON).

A developer tool, run by hand when the outlines should change; the portal only reads the output::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python champions/data/build_world_map.py package/countries-110m.json > champions/data/world_map.json

Projection: equirectangular, 1000 x 460 units (longitude -180..180, latitude 84..-62), coordinates
rounded to one decimal; Antarctica is left out. Country keys are ISO 3166-1 numeric codes, which are
the M49 codes of ``taxonomy.Country.m49``.
"""

from __future__ import annotations

import json
import sys

WIDTH, HEIGHT = 1000, 460
NORTH, SOUTH = 84.0, -62.0


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) * WIDTH / 360, (NORTH - lat) * HEIGHT / (NORTH - SOUTH)


def ring(arcs, indices) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return [project(lon, lat) for lon, lat in points]


def area_and_centroid(points):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        xs, ys = zip(*points, strict=True)
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return abs(area / 2), (cx / (3 * area), cy / (3 * area))


def path_of(rings) -> str:
    parts = []
    for points in rings:
        simplified = []
        for x, y in points:
            point = (round(x), round(y))
            if not simplified or simplified[-1] != point:
                simplified.append(point)
        if len(simplified) < 3:
            continue
        # A ring crossing the antimeridian would draw a line across the map: break it there instead.
        runs, run = [], [simplified[0]]
        for point in simplified[1:]:
            if abs(point[0] - run[-1][0]) > WIDTH / 2:
                runs.append(run)
                run = []
            run.append(point)
        runs.append(run)
        closed = len(runs) == 1
        for run in runs:
            if len(run) > 1:
                parts.append("M" + "L".join(f"{x},{y}" for x, y in run) + ("Z" if closed else ""))
    return "".join(parts)


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decode_arcs(topology)
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        if not code or code == "010":  # features without an ISO code; Antarctica
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings, best = [], (0.0, (0.0, 0.0))
        for polygon in polygons:
            outer = ring(arcs, polygon[0])
            rings.append(outer)
            rings.extend(ring(arcs, hole) for hole in polygon[1:])
            measured = area_and_centroid(outer)
            if measured[0] >= best[0]:
                best = measured
        countries[code] = {
            "name": geometry.get("properties", {}).get("name", ""),
            "d": path_of(rings),
            "x": round(best[1][0], 1),
            "y": round(best[1][1], 1),
        }
    json.dump(
        {
            "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain), "
            "via the world-atlas 2.0.2 npm package (ISC licence)",
            "width": WIDTH,
            "height": HEIGHT,
            "countries": dict(sorted(countries.items())),
        },
        sys.stdout,
        ensure_ascii=False,
        separators=(",", ":"),
    )


if __name__ == "__main__":
    main(sys.argv[1])
