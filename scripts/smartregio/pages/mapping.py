"""A map of Germany as plain numbers for an SVG template: no tiles, no third party.

The outline is Natural Earth 1:50m (public domain), shipped as ``assets/germany.geojson``;
the small maps of solution pages draw the official Länder outlines instead (``land_outline``).
Coordinates are projected with an equirectangular projection scaled by cos(51°), which
keeps Germany's shape faithful enough at this size.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from ..boundaries import LandShape

OUTLINE = Path(__file__).parent / "assets" / "germany.geojson"
WIDTH = 600
WEST, EAST, SOUTH, NORTH = 5.7, 15.2, 47.2, 55.1
K = math.cos(math.radians(51))
SCALE = WIDTH / ((EAST - WEST) * K)
HEIGHT = round((NORTH - SOUTH) * SCALE)


@dataclass
class Point:
    x: float
    y: float


def project(lon: float, lat: float, width: int = WIDTH) -> Point:
    scale = SCALE * width / WIDTH
    return Point(round((lon - WEST) * K * scale, 1), round((NORTH - lat) * scale, 1))


def height(width: int) -> int:
    return round(HEIGHT * width / WIDTH)


def land_outline(shapes: Mapping[str, LandShape], width: int, tolerance: float = 0.8) -> str:
    """SVG path data of every Land's outer rings at ``width`` pixels: simplified by
    Douglas–Peucker to ``tolerance`` pixels, in whole pixels and relative steps, so a map
    inlined in every solution page stays about 6 KB (2 KB compressed)."""
    parts = []
    for code in sorted(shapes):
        for polygon in shapes[code].polygons:
            points = [project(lon, lat, width) for lon, lat in polygon[0]]
            kept = _simplify([(p.x, p.y) for p in points], tolerance)
            pixels = [(round(x), round(y)) for x, y in kept]
            pixels = [p for i, p in enumerate(pixels) if i == 0 or p != pixels[i - 1]]
            xs, ys = {x for x, _ in pixels}, {y for _, y in pixels}
            if len(pixels) < 4 or (max(xs) - min(xs) < 2 and max(ys) - min(ys) < 2):
                continue  # an island smaller than two pixels
            steps = "".join(f"l{x2 - x1} {y2 - y1}" for (x1, y1), (x2, y2) in pairwise(pixels))
            parts.append(f"M{pixels[0][0]} {pixels[0][1]}{steps}z".replace(" -", "-"))
    return "".join(parts)


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: keep the point farthest from the chord while it is farther than
    ``tolerance``, recursively (iterative, so long rings need no deep recursion)."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        best, index = 0.0, 0
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * (px - x1) - dx * (py - y1)) / length
            else:  # a closed ring's chord has no length: the distance from its point
                distance = math.hypot(px - x1, py - y1)
            if distance > best:
                best, index = distance, i
        if best > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def outline_paths() -> list[str]:
    """SVG path data of Germany's outline (one string per polygon)."""
    geometry = json.loads(OUTLINE.read_text(encoding="utf-8"))["geometry"]
    paths = []
    for polygon in geometry["coordinates"]:
        for ring in polygon:
            points = [project(lon, lat) for lon, lat in ring]
            paths.append("M" + "L".join(f"{p.x},{p.y}" for p in points) + "Z")
    return paths


def attribution() -> str:
    return json.loads(OUTLINE.read_text(encoding="utf-8"))["properties"]["source"]
