"""A map of Germany as plain numbers for an SVG template: no tiles, no third party.

The outline is Natural Earth 1:50m (public domain), shipped as ``assets/germany.geojson``.
Coordinates are projected with an equirectangular projection scaled by cos(51°), which
keeps Germany's shape faithful enough at this size.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

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


def project(lon: float, lat: float) -> Point:
    return Point(round((lon - WEST) * K * SCALE, 1), round((NORTH - lat) * SCALE, 1))


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
