"""A small locator map for a place's page, drawn at build time: its Land, its Kreis, its point.

Plain SVG in the page (no script, no tiles, no request). The outlines come from the simplified
official boundaries (``kreise-grenzen.geojson``, ``laender-grenzen.geojson``) and are simplified
again to the map's own resolution, so a page carries a few kilobytes of paths.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from shapely.geometry import MultiPolygon, Polygon

from ..boundaries import LandShape
from ..models import Place

SIZE = 220  # px, the longer side of the map
PAD = 6  # px around the Land
TOLERANCE_PX = 0.6  # simplification: finer than the eye sees at this size


@dataclass(frozen=True)
class Frame:
    """An equirectangular projection that fits one Land into SIZE × SIZE pixels."""

    west: float
    north: float
    scale: float  # px per degree of longitude
    squeeze: float  # cos(latitude): degrees of longitude are shorter than those of latitude
    width: int
    height: int

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (PAD + (lon - self.west) * self.scale, PAD + (self.north - lat) * self.scale / self.squeeze)


@dataclass(frozen=True)
class LocatorMap:
    width: int
    height: int
    land: str  # path data
    kreis: str  # path data ("" for a Land or when unknown)
    x: float
    y: float


class Locator:
    """Locator maps for every place, from the Länder and Kreise outlines (each frame and path
    drawn once per locator: the caches live and go with it, never beyond one build)."""

    def __init__(self, laender: dict[str, LandShape], kreise: dict[str, LandShape]) -> None:
        self.laender = laender
        self.kreise = kreise
        self.frame = functools.cache(self._frame)
        self.path = functools.cache(self._path)

    def _frame(self, land: str) -> Frame | None:
        shape = self.laender.get(land)
        if shape is None:
            return None
        west, south, east, north = shape.bbox
        squeeze = math.cos(math.radians((north + south) / 2))
        span_x, span_y = (east - west) * squeeze, north - south
        scale = (SIZE - 2 * PAD) / max(span_x, span_y) * squeeze  # px per degree of longitude
        width = round((east - west) * scale + 2 * PAD)
        height = round((north - south) * scale / squeeze + 2 * PAD)
        return Frame(west, north, scale, squeeze, width, height)

    def _path(self, kind: str, key: str, land: str) -> str:
        shapes = self.laender if kind == "land" else self.kreise
        shape, frame = shapes.get(key), self.frame(land)
        if shape is None or frame is None:
            return ""
        polygons = [
            Polygon(
                [frame.xy(*p) for p in polygon[0]], [[frame.xy(*p) for p in hole] for hole in polygon[1:]]
            )
            for polygon in shape.polygons
            if len(polygon[0]) >= 4
        ]
        simple = MultiPolygon(polygons).simplify(TOLERANCE_PX, preserve_topology=True)
        parts = list(simple.geoms) if hasattr(simple, "geoms") else [simple]
        return " ".join(_ring(ring) for part in parts for ring in (part.exterior, *part.interiors))

    def draw(self, place: Place) -> LocatorMap | None:
        frame = self.frame(place.land)
        if frame is None:
            return None
        kreis = place.key if len(place.key) == 5 else place.kreis
        x, y = frame.xy(place.lon, place.lat)
        return LocatorMap(
            frame.width,
            frame.height,
            self.path("land", place.land, place.land),
            self.path("kreis", kreis, place.land) if kreis else "",
            round(x, 1),
            round(y, 1),
        )


def _ring(ring) -> str:
    points = list(ring.coords)[:-1]
    if len(points) < 3:
        return ""
    first, *rest = points
    return f"M{first[0]:.1f} {first[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest) + "Z"
