"""Reading BKG's shapefile set (VG5000 or VG250) and refusing what is not one.

Every file goes through :class:`~smartregio.inputs.InputTree` (regular files, no symlinks,
size checked) and is handed to pyshp from memory. All problems of the set are collected
before anything is derived, so one run names every missing or broken file.

What the data itself says (VG5000, Gebietsstand 01.01.2021, printed with pyshp): ``GF`` is 9
for land areas and 8 for the sea and the Bodensee (only the LAN layer has those); BKG's
documentation of VG250 names 4 for land with structure and 2 for water with structure. Land
records are kept, water records dropped, any other ``GF`` refused rather than guessed.
"""

from __future__ import annotations

import codecs
import io
import re
import struct
import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import shapefile
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import shape as to_geometry

from ..inputs import InputError, InputTree
from . import PlacesError

PRODUCTS = ("VG5000", "VG250")
EPSG_CODES = {31467: "DHDN / Gauß-Krüger Zone 3", 25832: "ETRS89 / UTM Zone 32N"}
LAYERS = ("LAN", "KRS", "VWG", "GEM")
PARTS = (".shp", ".shx", ".dbf", ".prj")
LAND_GF = {4, 9}
WATER_GF = {1, 2, 8}
KEY_DIGITS = {"LAN": 2, "KRS": 5, "VWG": 9, "GEM": 12}  # length of ARS in each layer
REQUIRED_FIELDS = ("ARS", "GEN", "BEZ", "GF")
MAX_LAYER_BYTES = 1_000_000_000  # VG250's GEM layer is about 100 MB


@dataclass(frozen=True)
class Record:
    """One land area of a layer; ``number`` is the record's 1-based position in the file."""

    number: int
    ars: str
    ags: str
    name: str
    bez: str
    ibz: int | None
    geometry: shapely.Geometry
    wsk: date | None = None


@dataclass
class Layer:
    name: str
    file: str  # the .dbf as messages name it
    records: list[Record] = field(default_factory=list)
    dropped: int = 0  # water records


@dataclass
class Source:
    product: str
    epsg: int
    layers: dict[str, Layer]
    gebietsstand: date
    gebietsstand_note: str = ""


def read_source(source: Path) -> Source:
    """The four layers of the set in ``source``; raises :class:`PlacesError`."""
    tree = InputTree(source)
    try:
        names = {item.name: item.kind for item in tree.list("")}
    except InputError as exc:
        raise PlacesError([f"{source}: {exc.message}"]) from None
    product = _product(source, names)
    errors: list[str] = []
    for layer in LAYERS:
        for ext in PARTS:
            name = f"{product}_{layer}{ext}"
            if name not in names:
                errors.append(
                    f"{source / name}: Die Datei fehlt; jede Ebene braucht {', '.join(PARTS)} "
                    f"(Ebenen {', '.join(LAYERS)})."
                )
    if errors:
        raise PlacesError(errors)
    epsgs: dict[str, int] = {}
    layers: dict[str, Layer] = {}
    for layer in LAYERS:
        base = f"{product}_{layer}"
        try:
            epsg = _projection(tree, source, f"{base}.prj")
            encoding = _encoding(tree, source, f"{base}.cpg", names)
            layers[layer] = _read_layer(tree, source, base, layer, encoding)
            epsgs[base] = epsg
        except PlacesError as exc:
            errors += exc.messages
    if len(set(epsgs.values())) > 1:
        listed = ", ".join(f"{name}: EPSG:{code}" for name, code in sorted(epsgs.items()))
        errors.append(f"{source}: Die Ebenen haben verschiedene Projektionen ({listed}).")
    if errors:
        raise PlacesError(errors)
    day, note = _gebietsstand(tree, source, names, layers)
    return Source(product, next(iter(epsgs.values())), layers, day, note)


def _product(source: Path, names: dict[str, str]) -> str:
    found = [p for p in PRODUCTS if any(name.startswith(f"{p}_") for name in names)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise PlacesError(
            [
                f"{source}: Keine Shapefiles von VG5000 oder VG250 gefunden; erwartet werden Dateien wie "
                "VG250_GEM.shp oder VG5000_GEM.shp (Ebenen GEM, VWG, KRS, LAN)."
            ]
        )
    raise PlacesError([f"{source}: Der Ordner enthält VG5000 und VG250; bitte nur einen Datensatz angeben."])


def _read(tree: InputTree, source: Path, name: str) -> bytes:
    try:
        return tree.read_bytes(name, MAX_LAYER_BYTES)
    except InputError as exc:
        raise PlacesError([f"{source / name}: {exc.message}"]) from None


def _projection(tree: InputTree, source: Path, name: str) -> int:
    """The EPSG code of the ``.prj``: only the two BKG ships are accepted (ESRI's WKT of
    EPSG:31467 reads as its twin EPSG:5677, so the projections are compared, not the codes)."""
    text = _read(tree, source, name).decode("utf-8", "replace").strip()
    expected = " oder ".join(f"EPSG:{code} ({label})" for code, label in EPSG_CODES.items())
    try:
        crs = CRS.from_wkt(text)
    except CRSError:
        raise PlacesError(
            [f"{source / name}: Die Projektion ist nicht lesbar; erwartet wird {expected}."]
        ) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # PROJ strings lose details we do not compare
        given = _proj_string(crs)
        for code in EPSG_CODES:
            if crs.to_epsg() == code or given == _proj_string(CRS.from_epsg(code)):
                return code
    raise PlacesError([f"{source / name}: Unerwartete Projektion „{crs.name}“; erwartet wird {expected}."])


def _proj_string(crs: CRS) -> str:
    parts = crs.to_proj4().split()
    return " ".join(sorted(p for p in parts if not p.startswith(("+towgs84", "+nadgrids", "+type"))))


def _encoding(tree: InputTree, source: Path, name: str, names: dict[str, str]) -> str:
    """The codec the ``.cpg`` names (UTF-8 without one, as BKG writes it)."""
    if name not in names:
        return "utf-8"
    text = _read(tree, source, name).decode("ascii", "replace").strip()
    codec = f"cp{text}" if text.isdigit() else text
    try:
        return codecs.lookup(codec).name
    except LookupError:
        raise PlacesError(
            [
                f"{source / name}: Unbekannte Zeichenkodierung „{text}“; erwartet wird z. B. UTF-8 "
                "oder ISO-8859-1."
            ]
        ) from None


def _read_layer(tree: InputTree, source: Path, base: str, layer: str, encoding: str) -> Layer:
    dbf_name = f"{base}.dbf"
    shown = str(source / dbf_name)
    files = {ext: _read(tree, source, f"{base}{ext}") for ext in (".shp", ".shx", ".dbf")}
    result = Layer(layer, shown)
    number = 0
    try:
        reader = shapefile.Reader(
            shp=io.BytesIO(files[".shp"]),
            shx=io.BytesIO(files[".shx"]),
            dbf=io.BytesIO(files[".dbf"]),
            encoding=encoding,
            encodingErrors="strict",
        )
        fields = [f[0] for f in reader.fields[1:]]
        missing = [name for name in (*REQUIRED_FIELDS, "AGS") if name not in fields]
        if missing:
            raise PlacesError([f"{shown}: Es fehlen die Spalten {', '.join(missing)}."])
        if reader.numShapes is not None and reader.numShapes != reader.numRecords:
            raise PlacesError(
                [
                    f"{shown}: {reader.numRecords} Datensätze, aber {reader.numShapes} Flächen in "
                    f"{base}.shx; die Dateien gehören nicht zusammen oder sind beschädigt."
                ]
            )
        for number in range(1, reader.numRecords + 1):
            item = reader.shapeRecord(number - 1)
            record = _record(item, number, layer, shown)
            if record is not None:
                result.records.append(record)
            else:
                result.dropped += 1
    except (UnicodeDecodeError, shapefile.DbfStringDataLoss, shapefile.dbfFileException) as exc:
        if isinstance(exc, shapefile.dbfFileException) and "decode" not in str(exc):
            raise PlacesError(
                [f"{shown}: {_record_no(number)}Die .dbf-Datei ist beschädigt oder unvollständig ({exc})."]
            ) from None
        raise PlacesError(
            [
                f"{shown}: Datensatz {number}: Die Namen lassen sich nicht als {encoding} lesen; "
                f"stimmt die Zeichenkodierung in {base}.cpg?"
            ]
        ) from None
    except (shapefile.ShapefileException, struct.error, EOFError, IndexError, TypeError, ValueError) as exc:
        raise PlacesError(
            [
                f"{shown}: {_record_no(number)}Die Dateien der Ebene {base} sind beschädigt oder "
                f"unvollständig ({exc})."
            ]
        ) from None
    return result


def _record_no(number: int) -> str:
    return f"Datensatz {number}: " if number else ""


def _record(item: shapefile.ShapeRecord, number: int, layer: str, shown: str) -> Record | None:
    values = item.record.as_dict()
    where = f"{shown}: Datensatz {number}"
    gf = values["GF"]
    if gf in WATER_GF:
        return None
    if gf not in LAND_GF:
        raise PlacesError([f"{where}: Unbekannter Wert GF={gf}; erwartet werden Landflächen (4 oder 9)."])
    ars = str(values["ARS"]).strip()
    if not re.fullmatch(rf"\d{{{KEY_DIGITS[layer]}}}", ars):
        raise PlacesError(
            [f"{where}: Der Regionalschlüssel ARS „{ars}“ hat nicht {KEY_DIGITS[layer]} Ziffern."]
        )
    ags = str(values["AGS"]).strip()
    if layer == "GEM" and not re.fullmatch(r"\d{8}", ags):
        raise PlacesError([f"{where} (ARS {ars}): Der Gemeindeschlüssel AGS „{ags}“ hat nicht 8 Ziffern."])
    if item.shape.shapeType not in (shapefile.POLYGON, shapefile.POLYGONZ, shapefile.POLYGONM):
        raise PlacesError([f"{where} (ARS {ars}): Keine Fläche (Shape-Typ {item.shape.shapeType})."])
    geometry = to_geometry(item.shape.__geo_interface__)
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry, method="structure")
    if geometry.is_empty or geometry.area <= 0:
        raise PlacesError([f"{where} (ARS {ars}): Die Fläche ist leer."])
    ibz = values.get("IBZ")
    wsk = values.get("WSK")
    return Record(
        number,
        ars,
        ags,
        str(values["GEN"]).strip(),
        str(values["BEZ"]).strip(),
        ibz if isinstance(ibz, int) else None,
        geometry,
        wsk if isinstance(wsk, date) else None,
    )


def _gebietsstand(
    tree: InputTree, source: Path, names: dict[str, str], layers: dict[str, Layer]
) -> tuple[date, str]:
    """From ``aktualitaet.txt`` (``01.01.2021``) as BKG ships it; else the latest date of
    effect (WSK) in the data, with a note."""
    if "aktualitaet.txt" in names:
        text = _read(tree, source, "aktualitaet.txt").decode("utf-8", "replace").strip()
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        try:
            if match:
                return date(int(match[3]), int(match[2]), int(match[1])), ""
        except ValueError:
            pass
        raise PlacesError(
            [f"{source / 'aktualitaet.txt'}: „{text[:40]}“ ist kein Datum der Form TT.MM.JJJJ."]
        )
    dates = [r.wsk for layer in layers.values() for r in layer.records if r.wsk]
    if not dates:
        raise PlacesError(
            [f"{source / 'aktualitaet.txt'}: Die Datei fehlt und die Daten nennen kein WSK-Datum."]
        )
    return max(dates), "aktualitaet.txt fehlt; Gebietsstand ist das jüngste Wirksamkeitsdatum (WSK)."
