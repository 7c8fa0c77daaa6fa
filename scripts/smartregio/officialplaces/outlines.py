"""Simplified outlines of Länder and Kreise for maps on a phone.

The whole coverage is simplified at once (``shapely.coverage_simplify``), so a border two
areas share stays one line: the same vertices on both sides, no gaps or overlaps. Simplified
in the source projection (metres), then transformed to WGS84 and rounded; identical vertices
stay identical through both steps. Every geometry is written as a MultiPolygon, the form
``boundaries.py`` reads.
"""

from __future__ import annotations

import json

import numpy as np
import shapely
from pyproj import Transformer

from .derive import WGS84, Shape

# Visvalingam–Whyatt tolerance in metres (about the side of the triangles removed)
LAENDER_TOLERANCE_M = 500.0
KREISE_TOLERANCE_M = 1000.0
OUTLINE_DECIMALS = 4  # about 10 m, far below what the simplification removes


def simplified(shapes: list[Shape], tolerance: float, epsg: int) -> list[shapely.Geometry]:
    """The outlines in WGS84, simplified together so shared borders stay shared."""
    geometries = np.array([shape.geometry for shape in shapes], dtype=object)
    simple = shapely.coverage_simplify(geometries, tolerance)
    to_wgs = Transformer.from_crs(epsg, WGS84, always_xy=True)
    return list(shapely.transform(simple, lambda xy: np.column_stack(to_wgs.transform(xy[:, 0], xy[:, 1]))))


def multipolygon(geometry: shapely.Geometry, decimals: int = OUTLINE_DECIMALS) -> list:
    """GeoJSON MultiPolygon coordinates, rounded, repeated vertices dropped, rings that
    rounding collapsed left out."""
    polygons = []
    for part in shapely.get_parts(geometry):
        if not isinstance(part, shapely.Polygon):
            continue
        rings = [_ring(part.exterior.coords, decimals)]
        if len(rings[0]) < 4:
            continue
        rings += [r for r in (_ring(hole.coords, decimals) for hole in part.interiors) if len(r) >= 4]
        polygons.append(rings)
    return polygons


def _ring(coords, decimals: int) -> list[list[float]]:
    ring: list[list[float]] = []
    for x, y in coords:
        point = [round(x, decimals), round(y, decimals)]
        if not ring or ring[-1] != point:
            ring.append(point)
    return ring


def feature_collection(
    shapes: list[Shape], geometries: list[shapely.Geometry], meta: dict, land_key: str
) -> bytes:
    """A compact GeoJSON FeatureCollection; ``land_key`` is the property naming the Land
    (``code`` as in the existing Länder file, ``land`` for Kreise)."""
    features = []
    for shape, geometry in zip(shapes, geometries, strict=True):
        properties = {"key": shape.key, "name": shape.name, land_key: shape.land}
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": {"type": "MultiPolygon", "coordinates": multipolygon(geometry)},
            }
        )
    data = {"type": "FeatureCollection", **meta, "features": features}
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
