"""The simplified official outlines of the Länder and Kreise (``data/reference/*-grenzen.geojson``,
written by ``smartregio places``), as the maps draw them. Points need no check against them any
more: each place's point is derived inside its own polygon."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

BOUNDARIES_FILE = "laender-grenzen.geojson"
KREISE_FILE = "kreise-grenzen.geojson"

Ring = list[tuple[float, float]]  # (lon, lat)


@dataclass(frozen=True)
class LandShape:
    code: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each: outer ring, then holes
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

    def contains(self, lat: float, lon: float) -> bool:
        return any(
            _in_ring(polygon[0], lon, lat) and not any(_in_ring(hole, lon, lat) for hole in polygon[1:])
            for polygon in self.polygons
        )


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


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


@dataclass(frozen=True)
class OutlineFile:
    """One official outline file as the site serves it (under ``/karte/``) and the data page and
    DCAT list it: current facts with their own licence, served once, not per version."""

    name: str  # "laender" or "kreise"
    title: str
    path: str  # site path, e.g. "/karte/kreise.geojson"
    bytes: int
    sha256: str


OUTLINE_TITLES = {"laender": "Grenzen der Länder", "kreise": "Grenzen der Kreise"}


def outline_files(outlines: dict[str, str]) -> list[OutlineFile]:
    """The outlines read from ``data/reference`` (name → GeoJSON text), Länder first."""
    files = []
    for name in ("laender", "kreise"):
        if name in outlines:
            data = outlines[name].encode("utf-8")
            files.append(
                OutlineFile(
                    name,
                    OUTLINE_TITLES[name],
                    f"/karte/{name}.geojson",
                    len(data),
                    hashlib.sha256(data).hexdigest(),
                )
            )
    return files
