"""The Länder boundaries (``data/reference/laender-grenzen.geojson``): is a point in its Land?

The boundaries are generalised (about 1:10 million), so a point counts as inside when it lies
within ``TOLERANCE_KM`` of its Land's outline; that still catches a point in the wrong Land
or a swapped latitude and longitude.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

BOUNDARIES_FILE = "laender-grenzen.geojson"
KREISE_FILE = "kreise-grenzen.geojson"
TOLERANCE_KM = 3.0

Ring = list[tuple[float, float]]  # (lon, lat)


@dataclass(frozen=True)
class LandShape:
    code: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each: outer ring, then holes
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

    def in_bbox(self, lat: float, lon: float) -> bool:
        west, south, east, north = self.bbox
        return west <= lon <= east and south <= lat <= north

    def contains(self, lat: float, lon: float) -> bool:
        return any(
            _in_ring(polygon[0], lon, lat) and not any(_in_ring(hole, lon, lat) for hole in polygon[1:])
            for polygon in self.polygons
        )

    def distance_km(self, lat: float, lon: float) -> float:
        """Distance from the point to the nearest edge of the outline (0 when inside)."""
        if self.contains(lat, lon):
            return 0.0
        scale = math.cos(math.radians(lat))
        best = math.inf
        for polygon in self.polygons:
            for ring in polygon:
                for (x1, y1), (x2, y2) in pairwise(ring):
                    best = min(
                        best, _segment_distance((lon - x1) * scale, lat - y1, (x2 - x1) * scale, y2 - y1)
                    )
        return best * 111.2


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _segment_distance(px: float, py: float, dx: float, dy: float) -> float:
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, (px * dx + py * dy) / length))
    return math.hypot(px - t * dx, py - t * dy)


def load_shapes(path: Path, text: str | None = None) -> dict[str, LandShape]:
    """Land code → shape; raises ``ValueError`` for a file that is not the expected GeoJSON.
    ``text`` is the file as the project's reader returned it (checked, size-limited)."""
    data = json.loads(path.read_text(encoding="utf-8") if text is None else text)
    shapes = {}
    for feature in data["features"]:
        code = feature["properties"].get("code") or feature["properties"]["key"]  # Land code, Kreis key
        polygons = tuple(
            tuple([(float(x), float(y)) for x, y in ring] for ring in polygon)
            for polygon in feature["geometry"]["coordinates"]
        )
        xs = [x for polygon in polygons for x, _ in polygon[0]]
        ys = [y for polygon in polygons for _, y in polygon[0]]
        shapes[code] = LandShape(
            code, feature["properties"]["name"], polygons, (min(xs), min(ys), max(xs), max(ys))
        )
    return shapes


def where(shapes: dict[str, LandShape], lat: float, lon: float) -> LandShape | None:
    """The Land the point lies in, if any."""
    return next((s for s in shapes.values() if s.in_bbox(lat, lon) and s.contains(lat, lon)), None)
