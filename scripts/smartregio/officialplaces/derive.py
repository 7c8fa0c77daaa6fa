"""The rows of ``places.csv``: kinds from BKG's types, a point inside, the area.

Kinds from ``BEZ`` (the official type as BKG writes it):

- LAN: every record is a Land → ``land``.
- KRS: ``Landkreis``, ``Kreis`` → ``landkreis``; ``Kreisfreie Stadt``, ``Stadtkreis`` →
  ``stadtkreis``; ``Regionalverband``, ``Region``, ``Städteregion`` → ``region``. BKG writes
  ``Landkreis`` for Region Hannover and Regionalverband Saarbrücken and ``Kreis`` for the
  Städteregion Aachen and marks them with IBZ 45 and 46 instead, so those IBZ are ``region``.
- VWG (real Gemeindeverbände, key: the 9 digits of the ARS): ``Amt`` → ``amt``,
  ``Verbandsgemeinde`` → ``verbandsgemeinde``, ``Samtgemeinde`` → ``samtgemeinde``,
  ``Verwaltungsgemeinschaft``, ``Vereinbarte Verwaltungsgemeinschaft`` and ``Erfüllende
  Gemeinde`` (Thüringen: one Gemeinde administers its neighbours, a Verwaltungsgemeinschaft by
  agreement) → ``verwaltungsgemeinschaft``, ``Verwaltungsverband``, ``Gemeindeverwaltungsverband``
  → ``verwaltungsverband``. ``Einheitsgemeinde``, ``Gemeinschaftsfreie``, ``Amtsfreie`` and
  ``Verbandsfreie Gemeinde`` are a single Gemeinde that the layer lists as its own Verband: not
  a place of their own, and their Gemeinde has no ``verband``. The counts check the types: a
  real Verband has at least two Gemeinden, a single one at most one (in VG5000 2021 the
  real ones have 2 to 71, the single ones 0 or 1; 0 where only gemeindefreie Gebiete remain).
- GEM: ``kreisfreie-stadt`` for the only Gemeinde of a ``stadtkreis`` whose AGS ends in 000;
  else ``stadt`` when BEZ names a Stadt (Stadt, Große Kreisstadt, Hansestadt …), ``gemeinde``
  for Gemeinde, Markt, Flecken and the like. ``Gemeindefreies Gebiet`` is left out.

An unknown BEZ is refused with its file and record, not guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import shapely
from pyproj import Transformer

from . import PlacesError
from .layers import Layer, Record, Source

KREIS_KINDS = {
    "Landkreis": "landkreis",
    "Kreis": "landkreis",
    "Kreisfreie Stadt": "stadtkreis",
    "Stadtkreis": "stadtkreis",
    "Regionalverband": "region",
    "Region": "region",
    "Städteregion": "region",
}
REGION_IBZ = {45, 46}
VERBAND_KINDS = {
    "Amt": "amt",
    "Verbandsgemeinde": "verbandsgemeinde",
    "Samtgemeinde": "samtgemeinde",
    "Verwaltungsgemeinschaft": "verwaltungsgemeinschaft",
    "Vereinbarte Verwaltungsgemeinschaft": "verwaltungsgemeinschaft",
    "Erfüllende Gemeinde": "verwaltungsgemeinschaft",
    "Verwaltungsverband": "verwaltungsverband",
    "Gemeindeverwaltungsverband": "verwaltungsverband",
}
SINGLE_GEMEINDE = {
    "Einheitsgemeinde",
    "Gemeinschaftsfreie Gemeinde",
    "Amtsfreie Gemeinde",
    "Verbandsfreie Gemeinde",
}
GEMEINDE_WORDS = ("gemeinde", "markt", "flecken")
KINDS = (
    "land",
    "landkreis",
    "stadtkreis",
    "region",
    *sorted(set(VERBAND_KINDS.values())),
    "kreisfreie-stadt",
    "stadt",
    "gemeinde",
)
EQUAL_AREA = 3035  # ETRS89 / LAEA Europe
WGS84 = 4326
DECIMALS = 5


@dataclass
class PlaceRow:
    key: str
    name: str
    kind: str
    bez: str
    land: str
    kreis: str = ""
    verband: str = ""
    lat: float = 0.0
    lon: float = 0.0
    area_km2: float = 0.0


@dataclass
class Shape:
    """An area for the outlines: key, name, Land code and the unsimplified geometry."""

    key: str
    name: str
    land: str
    geometry: shapely.Geometry


@dataclass
class Derived:
    rows: list[PlaceRow]
    laender: list[Shape]
    kreise: list[Shape]
    left_out: list[str] = field(default_factory=list)  # AGS of gemeindefreie Gebiete


def derive(source: Source, land_codes: dict[str, str]) -> Derived:
    """Rows for every Land, Kreis, real Gemeindeverband and Gemeinde; raises PlacesError."""
    layers = source.layers
    errors: list[str] = []
    for layer in layers.values():
        errors += _duplicates(layer)
    if errors:
        raise PlacesError(errors)
    rows: list[tuple[PlaceRow, shapely.Geometry]] = []
    laender, kreise = [], []
    lan = layers["LAN"]
    for record in lan.records:
        code = land_codes.get(record.ars)
        if code is None:
            errors.append(f"{_where(lan, record)}: Den Landesschlüssel {record.ars} kennt laender.csv nicht.")
            continue
        rows.append((PlaceRow(record.ars, record.name, "land", record.bez, code), record.geometry))
        laender.append(Shape(record.ars, record.name, code, record.geometry))
    krs = layers["KRS"]
    kreis_kinds: dict[str, str] = {}
    for record in krs.records:
        kind = "region" if record.ibz in REGION_IBZ else KREIS_KINDS.get(record.bez)
        code = land_codes.get(record.ars[:2])
        if kind is None:
            errors.append(_unknown(krs, record, KREIS_KINDS))
            continue
        if code is None:
            errors.append(
                f"{_where(krs, record)}: Den Landesschlüssel {record.ars[:2]} kennt laender.csv nicht."
            )
            continue
        kreis_kinds[record.ars] = kind
        rows.append((PlaceRow(record.ars, record.name, kind, record.bez, code), record.geometry))
        kreise.append(Shape(record.ars, record.name, code, record.geometry))
    gem = layers["GEM"]
    gemeinden = [r for r in gem.records if "gemeindefrei" not in r.bez.casefold()]
    left_out = sorted(r.ags for r in gem.records if "gemeindefrei" in r.bez.casefold())
    members = Counter(r.ars[:9] for r in gemeinden)
    per_kreis = Counter(r.ags[:5] for r in gemeinden)
    vwg = layers["VWG"]
    verbaende: set[str] = set()
    for record in vwg.records:
        count = members[record.ars]
        if record.bez in SINGLE_GEMEINDE:
            if count > 1:
                errors.append(
                    f"{_where(vwg, record)}: „{record.bez}“ steht für eine einzelne Gemeinde, hat aber "
                    f"{count} Gemeinden in {gem.file}."
                )
            continue
        kind = VERBAND_KINDS.get(record.bez)
        if kind is None:
            errors.append(_unknown(vwg, record, {**VERBAND_KINDS, **dict.fromkeys(SINGLE_GEMEINDE)}))
            continue
        if count < 2:
            errors.append(
                f"{_where(vwg, record)}: Der Gemeindeverband („{record.bez}“) hat nur {count} Gemeinde(n) "
                f"in {gem.file}; erwartet werden mindestens zwei."
            )
            continue
        kreis = record.ars[:5]
        if kreis not in kreis_kinds:
            errors.append(f"{_where(vwg, record)}: Den Kreis {kreis} gibt es in {krs.file} nicht.")
            continue
        verbaende.add(record.ars)
        row = PlaceRow(record.ars, record.name, kind, record.bez, land_codes[record.ars[:2]], kreis)
        rows.append((row, record.geometry))
    known_verbaende = {r.ars for r in vwg.records}
    for record in gemeinden:
        kreis = record.ags[:5]
        if kreis not in kreis_kinds:
            errors.append(f"{_where(gem, record)}: Den Kreis {kreis} gibt es in {krs.file} nicht.")
            continue
        if record.ars[:9] not in known_verbaende:
            errors.append(f"{_where(gem, record)}: Den Verband {record.ars[:9]} gibt es in {vwg.file} nicht.")
            continue
        kind = _gemeinde_kind(record, kreis_kinds[kreis], per_kreis[kreis])
        if kind is None:
            errors.append(_unknown(gem, record, {"Gemeinde": "", "Stadt": "", "Markt": "", "Flecken": ""}))
            continue
        verband = record.ars[:9] if record.ars[:9] in verbaende else ""
        row = PlaceRow(record.ags, record.name, kind, record.bez, land_codes[record.ags[:2]], kreis, verband)
        rows.append((row, record.geometry))
    if errors:
        raise PlacesError(errors)
    _measure(rows, source.epsg)
    ordered = sorted((row for row, _ in rows), key=lambda row: row.key)
    return Derived(ordered, sorted(laender, key=_key), sorted(kreise, key=_key), left_out)


def _key(shape: Shape) -> str:
    return shape.key


def _where(layer: Layer, record: Record) -> str:
    key = record.ags if layer.name == "GEM" else record.ars
    return f"{layer.file}: Datensatz {record.number} ({key} {record.name})"


def _unknown(layer: Layer, record: Record, known: dict) -> str:
    listed = ", ".join(f"„{name}“" for name in sorted(known))
    return f"{_where(layer, record)}: Unbekannte Bezeichnung BEZ „{record.bez}“; bekannt sind {listed}."


def _duplicates(layer: Layer) -> list[str]:
    seen: dict[str, Record] = {}
    errors = []
    for record in layer.records:
        key = record.ags if layer.name == "GEM" else record.ars
        if key in seen:
            errors.append(
                f"{_where(layer, record)}: Der Schlüssel {key} steht schon in Datensatz {seen[key].number}."
            )
        else:
            seen[key] = record
    return errors


def _gemeinde_kind(record: Record, kreis_kind: str, in_kreis: int) -> str | None:
    bez = record.bez.casefold()
    if kreis_kind == "stadtkreis" and record.ags.endswith("000") and in_kreis == 1:
        return "kreisfreie-stadt"
    if "stadt" in bez:
        return "stadt"
    if any(word in bez for word in GEMEINDE_WORDS):
        return "gemeinde"
    return None


def largest_part(geometry: shapely.Geometry) -> shapely.Geometry:
    parts = shapely.get_parts(geometry)
    return parts[int(np.argmax(shapely.area(parts)))]


def _measure(rows: list[tuple[PlaceRow, shapely.Geometry]], epsg: int) -> None:
    """Fill in lat/lon (a point inside, checked after rounding) and the area in km²."""
    geometries = np.array([geometry for _, geometry in rows], dtype=object)
    points = inner_points(geometries, epsg)
    areas = area_km2(geometries, epsg)
    for (row, _), (lat, lon), area in zip(rows, points, areas, strict=True):
        row.lat, row.lon, row.area_km2 = lat, lon, area


def area_km2(geometries: np.ndarray, epsg: int) -> list[float]:
    """Areas in an equal-area projection, rounded to 2 decimals."""
    to_equal = Transformer.from_crs(epsg, EQUAL_AREA, always_xy=True)
    projected = shapely.transform(
        geometries, lambda xy: np.column_stack(to_equal.transform(xy[:, 0], xy[:, 1]))
    )
    return [round(float(a) / 1e6, 2) for a in shapely.area(projected)]


def inner_points(geometries: np.ndarray, epsg: int) -> list[tuple[float, float]]:
    """(lat, lon) of a point inside each geometry's largest part, rounded to 5 decimals and
    checked by transforming the rounded point back: the centre of the largest inscribed circle
    first, then the point on the surface, then the rounded neighbours of both."""
    to_wgs = Transformer.from_crs(epsg, WGS84, always_xy=True)
    parts = np.array([largest_part(g) for g in geometries], dtype=object)
    tolerance = np.maximum(np.sqrt(shapely.area(parts)) / 1000, 1.0)
    centres = shapely.get_point(shapely.maximum_inscribed_circle(parts, tolerance), 0)
    lon, lat = _rounded(to_wgs, shapely.get_x(centres), shapely.get_y(centres))
    inside = _inside(to_wgs, parts, lon, lat)
    result = list(zip(lat.tolist(), lon.tolist(), strict=True))
    for index in np.flatnonzero(~inside):
        result[index] = _nudged(to_wgs, parts[index], centres[index])
    return result


def _rounded(to_wgs: Transformer, x, y) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = to_wgs.transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.round(lon, DECIMALS), np.round(lat, DECIMALS)


def _inside(to_wgs: Transformer, parts, lon, lat) -> np.ndarray:
    x, y = to_wgs.transform(lon, lat, direction="INVERSE")
    return shapely.contains_xy(parts, x, y)


def _nudged(to_wgs: Transformer, part: shapely.Geometry, centre: shapely.Geometry) -> tuple[float, float]:
    step = 10.0**-DECIMALS
    for start in (centre, shapely.point_on_surface(part)):
        lon0, lat0 = _rounded(to_wgs, [shapely.get_x(start)], [shapely.get_y(start)])
        for dx in (0, -1, 1, -2, 2):
            for dy in (0, -1, 1, -2, 2):
                lon, lat = np.round(lon0 + dx * step, DECIMALS), np.round(lat0 + dy * step, DECIMALS)
                if _inside(to_wgs, part, lon, lat)[0]:
                    return float(lat[0]), float(lon[0])
    x, y = shapely.get_x(centre), shapely.get_y(centre)
    raise PlacesError(
        [f"Kein Punkt mit {DECIMALS} Nachkommastellen liegt in der Fläche bei {x:.0f}/{y:.0f}."]
    )
