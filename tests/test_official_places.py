"""``smartregio places``: official places derived from BKG's VG5000/VG250 shapefiles.

A tiny VG250-like set is written with pyshp in every test (EPSG:25832, two Länder, a
Kreisfreie Stadt, a Kreis with an Amt of two Gemeinden, an Einheitsgemeinde, a gemeindefreies
Gebiet, a horseshoe-shaped Gemeinde whose centroid lies outside it, a region, a wiggly border
between the Länder); one test reads the real VG5000 2021 (tests/fixtures/bkg-vg5000-2021).
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import tarfile
import time
from pathlib import Path

import pytest
import shapefile
import shapely
from pyproj import CRS, Transformer
from pyproj.enums import WktVersion
from shapely.geometry import Polygon
from shapely.geometry.polygon import orient

from smartregio.boundaries import load_shapes
from smartregio.cli import main
from smartregio.officialplaces.command import run

# BKG's VG5000 2021 layers, unchanged, packed (see its README.md)
REAL_ARCHIVE = Path(__file__).resolve().parent / "fixtures/bkg-vg5000-2021/vg5000-2021.tar.xz"
PRJ = CRS(25832).to_wkt(WktVersion.WKT1_ESRI)
X0, Y0 = 500_000.0, 5_500_000.0  # near 49.6° N, 9° E
HEADER = "key,name,kind,bez,land,kreis,verband,lat,lon,area_km2"
OVERLAY_HEADER = "key,change,field,value,valid_from,source,note\n"
FIELDS = ("ARS", "AGS", "GEN", "BEZ", "IBZ", "GF")


def km(points) -> Polygon:
    """A polygon from kilometre coordinates, outer ring clockwise as shapefiles want it."""
    return orient(Polygon([(X0 + x * 1000, Y0 + y * 1000) for x, y in points]), sign=-1.0)


# the border between the two Länder at x = 20 km: wiggles the simplification removes
BORDER = [(20 + (0.3 if i % 2 else 0.0), i * 0.25) for i in range(41)]  # (20, 0) … (20, 10)
BORDER_LOW = [p for p in BORDER if p[1] <= 5]
BORDER_HIGH = [p for p in BORDER if p[1] >= 5]
HORSESHOE = [(5, 0), (12, 0), (12, 10), (10, 10), (10, 2), (7, 2), (7, 10), (5, 10)]

SHAPES = {
    "land01": km([(0, 0), *BORDER, (0, 10)]),
    "land02": km([*BORDER, (30, 10), (30, 0)]),
    "sea01": km([(0, -5), (20, -5), (20, 0), (0, 0)]),
    "k01001": km([(0, 0), (5, 0), (5, 10), (0, 10)]),
    "k01002": km([(5, 0), *BORDER, (5, 10)]),
    "k02001": km([*BORDER_LOW, (30, 5), (30, 0)]),
    "k02002": km([*BORDER_HIGH, (30, 10), (30, 5)]),
    "amt": km([(5, 0), (12, 0), (12, 10), (5, 10)]),
    "horseshoe": km(HORSESHOE),
    "gap": km([(7, 2), (10, 2), (10, 10), (7, 10)]),
    "einheit": km([(12, 0), (17, 0), (17, 10), (12, 10)]),
    "forst": km([(17, 0), *BORDER, (17, 10)]),
}


def layers() -> dict[str, list[tuple]]:
    """(ARS, AGS, GEN, BEZ, IBZ, GF, shape) per layer."""
    return {
        "LAN": [
            ("01", "01", "Nordland", "Land", 20, 4, "land01"),
            ("02", "02", "Südland", "Freistaat", 21, 4, "land02"),
            ("01", "01", "Nordland", "Land", 20, 2, "sea01"),  # the sea: dropped
        ],
        "KRS": [
            ("01001", "01001", "Musterstadt", "Kreisfreie Stadt", 40, 4, "k01001"),
            ("01002", "01002", "Kreis Nord", "Kreis", 42, 4, "k01002"),
            ("02001", "02001", "Region Süd", "Landkreis", 45, 4, "k02001"),
            ("02002", "02002", "Kreis Ost", "Landkreis", 43, 4, "k02002"),
        ],
        "VWG": [
            ("010010000", "--------", "Musterstadt", "Amtsfreie Gemeinde", 85, 4, "k01001"),
            ("010025001", "--------", "Amt Hufeisen", "Amt", 50, 4, "amt"),
            ("010020003", "--------", "Einheitsstadt", "Amtsfreie Gemeinde", 85, 4, "einheit"),
            ("010020004", "--------", "Forst", "Amtsfreie Gemeinde", 85, 4, "forst"),
            ("020010001", "--------", "Südstadt", "Einheitsgemeinde", 86, 4, "k02001"),
            ("020020001", "--------", "Ostdorf", "Einheitsgemeinde", 86, 4, "k02002"),
        ],
        "GEM": [
            ("010010000000", "01001000", "Musterstadt", "Stadt", 60, 4, "k01001"),
            ("010025001001", "01002001", "Hufeisen", "Gemeinde", 64, 4, "horseshoe"),
            ("010025001002", "01002002", "Mitte", "Stadt", 61, 4, "gap"),
            ("010020003003", "01002003", "Einheitsstadt", "Stadt", 61, 4, "einheit"),
            ("010020004004", "01002004", "Forst", "Gemeindefreies Gebiet", 65, 4, "forst"),
            ("020010001001", "02001001", "Südstadt", "Stadt", 61, 4, "k02001"),
            ("020020001001", "02002001", "Ostdorf", "Markt", 64, 4, "k02002"),
        ],
    }


def write_set(
    folder: Path, data: dict | None = None, encoding: str = "utf-8", product: str = "VG250"
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for layer, records in (data or layers()).items():
        base = folder / f"{product}_{layer}"
        with shapefile.Writer(str(base), shapeType=shapefile.POLYGON, encoding=encoding) as writer:
            for name, size in zip(FIELDS, (12, 8, 80, 60), strict=False):
                writer.field(name, "C", size)
            writer.field("IBZ", "N", 4)
            writer.field("GF", "N", 2)
            for *values, shape in records:
                geometry = SHAPES[shape]
                writer.poly([list(geometry.exterior.coords)])
                writer.record(*values)
        base.with_suffix(".prj").write_text(PRJ, encoding="ascii")
        base.with_suffix(".cpg").write_text("UTF-8", encoding="ascii")
    (folder / "aktualitaet.txt").write_text("01.01.2024\n", encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> dict[str, Path]:
    data = tmp_path / "data"
    (data / "reference").mkdir(parents=True)
    (data / "reference" / "laender.csv").write_text(
        "code,key,name\nSH,01,Schleswig-Holstein\nHH,02,Hamburg\n", encoding="utf-8"
    )
    return {"source": write_set(tmp_path / "vg250"), "data": data, "out": tmp_path / "out"}


def rows(out: Path) -> dict[str, dict[str, str]]:
    text = (out / "places.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    return {row["key"]: row for row in csv.DictReader(io.StringIO(text))}


def places(project: dict[str, Path], *extra: str) -> int:
    return main(
        [
            "places",
            str(project["source"]),
            "--data",
            str(project["data"]),
            "--out",
            str(project["out"]),
            *extra,
        ]
    )


def test_every_row_and_column(project, capsys):
    assert places(project) == 0
    said = capsys.readouterr().out
    assert "1 gemeindefreie Gebiete" in said and "ausgelassen" in said
    found = rows(project["out"])
    columns = ("name", "kind", "bez", "land", "kreis", "verband")
    assert {key: tuple(row[c] for c in columns) for key, row in found.items()} == {
        "01": ("Nordland", "land", "Land", "SH", "", ""),
        "02": ("Südland", "land", "Freistaat", "HH", "", ""),
        "01001": ("Musterstadt", "stadtkreis", "Kreisfreie Stadt", "SH", "", ""),
        "01002": ("Kreis Nord", "landkreis", "Kreis", "SH", "", ""),
        "02001": ("Region Süd", "region", "Landkreis", "HH", "", ""),
        "02002": ("Kreis Ost", "landkreis", "Landkreis", "HH", "", ""),
        "010025001": ("Amt Hufeisen", "amt", "Amt", "SH", "01002", ""),
        "01001000": ("Musterstadt", "kreisfreie-stadt", "Stadt", "SH", "01001", ""),
        "01002001": ("Hufeisen", "gemeinde", "Gemeinde", "SH", "01002", "010025001"),
        "01002002": ("Mitte", "stadt", "Stadt", "SH", "01002", "010025001"),
        "01002003": ("Einheitsstadt", "stadt", "Stadt", "SH", "01002", ""),
        "02001001": ("Südstadt", "stadt", "Stadt", "HH", "02001", ""),
        "02002001": ("Ostdorf", "gemeinde", "Markt", "HH", "02002", ""),
    }
    assert list(found) == sorted(found)
    for row in found.values():
        assert len(row["lat"].split(".")[1]) == 5 and len(row["lon"].split(".")[1]) == 5
        assert len(row["area_km2"].split(".")[1]) == 2
    stand = json.loads((project["out"] / "gebietsstand.json").read_text(encoding="utf-8"))
    assert stand["product"] == "VG250" and stand["gebietsstand"] == "2024-01-01"
    assert stand["attribution"] == "© GeoBasis-DE / BKG 2024 (Daten verändert)"
    assert (
        stand["licence_url"] == "https://www.govdata.de/dl-de/by-2-0"
        and stand["url"] == "https://www.bkg.bund.de"
    )
    assert stand["counts"]["gemeinde"] == 2 and stand["counts"]["gemeindefreie_gebiete_ausgelassen"] == 1


def test_points_inside_even_where_the_centroid_is_not(project):
    assert places(project) == 0
    found = rows(project["out"])
    to_utm = Transformer.from_crs(4326, 25832, always_xy=True)
    where = {
        "01": "land01",
        "02": "land02",
        "01001": "k01001",
        "01002": "k01002",
        "02001": "k02001",
        "02002": "k02002",
        "010025001": "amt",
        "01001000": "k01001",
        "01002001": "horseshoe",
        "01002002": "gap",
        "01002003": "einheit",
        "02001001": "k02001",
        "02002001": "k02002",
    }
    for key, row in found.items():
        x, y = to_utm.transform(float(row["lon"]), float(row["lat"]))
        assert SHAPES[where[key]].contains(shapely.Point(x, y)), key
    assert not SHAPES["horseshoe"].contains(SHAPES["horseshoe"].centroid)


def test_areas_in_an_equal_area_projection(project):
    assert places(project) == 0
    found = rows(project["out"])
    # UTM shrinks areas on its central meridian by 0.9996²; the equal-area projection does not
    assert float(found["01002001"]["area_km2"]) == pytest.approx(46 / 0.9996**2, rel=1e-3)
    assert float(found["02"]["area_km2"]) == pytest.approx(SHAPES["land02"].area / 1e6 / 0.9996**2, rel=2e-3)
    assert float(found["01001000"]["area_km2"]) == float(found["01001"]["area_km2"])


def test_einheitsgemeinde_and_gemeindefreies_gebiet(project):
    assert places(project) == 0
    found = rows(project["out"])
    for key in ("010020003", "020010001", "010010000", "010020004"):  # single Gemeinden as „Verband“
        assert key not in found
    assert "01002004" not in found  # gemeindefreies Gebiet
    assert found["01002003"]["verband"] == ""


def test_outlines_keep_shared_borders_shared(project):
    assert places(project) == 0
    kreise = json.loads((project["out"] / "kreise-grenzen.geojson").read_text(encoding="utf-8"))
    props = {f["properties"]["key"]: f["properties"] for f in kreise["features"]}
    assert props["01002"] == {"key": "01002", "name": "Kreis Nord", "land": "SH"}
    vertices = {
        f["properties"]["key"]: {
            tuple(p) for poly in f["geometry"]["coordinates"] for ring in poly for p in ring
        }
        for f in kreise["features"]
    }
    west = shapely.MultiPolygon(
        [[ring[0], ring[1:]] for ring in kreise["features"][1]["geometry"]["coordinates"]]
    )
    east = {
        key: shapely.MultiPolygon([[r[0], r[1:]] for r in f["geometry"]["coordinates"]])
        for key, f in zip(props, kreise["features"], strict=True)
    }
    assert kreise["features"][1]["properties"]["key"] == "01002"
    for neighbour in ("02001", "02002"):
        shared = {p for p in vertices[neighbour] if west.boundary.distance(shapely.Point(p)) < 1e-9}
        mine = {p for p in vertices["01002"] if east[neighbour].boundary.distance(shapely.Point(p)) < 1e-9}
        assert shared == mine and len(shared) >= 2
        assert west.intersection(east[neighbour]).area < 1e-12
    assert sum(len(v) for v in vertices.values()) < sum(
        len(SHAPES[s].exterior.coords) for s in ("k01001", "k01002", "k02001", "k02002")
    )
    laender = load_shapes(project["out"] / "laender-grenzen.geojson")
    assert set(laender) == {"SH", "HH"} and laender["SH"].name == "Nordland"
    raw = json.loads((project["out"] / "laender-grenzen.geojson").read_text(encoding="utf-8"))
    assert raw["features"][0]["properties"] == {"key": "01", "name": "Nordland", "code": "SH"}


def test_overlay_renames_moves_and_rekeys(project):
    project["out"].mkdir()
    (project["out"] / "gebietsaenderungen.csv").write_text(
        OVERLAY_HEADER
        + "01002002,set,name,Neumitte,2024-07-01,https://example.org/amtsblatt/1,Umbenennung\n"
        + "01002003,set,kreis,01001,2024-07-01,https://example.org/amtsblatt/2,\n"
        + "01002003,rekey,,01001003,2024-07-01,https://example.org/amtsblatt/2,neuer Schlüssel\n"
        + "02002,set,name,Kreis Osten,2024-07-01,https://example.org/amtsblatt/3,\n",
        encoding="utf-8",
    )
    assert places(project) == 0
    found = rows(project["out"])
    assert found["01002002"]["name"] == "Neumitte"
    assert "01002003" not in found
    assert (found["01001003"]["kreis"], found["01001003"]["name"]) == ("01001", "Einheitsstadt")
    kreise = json.loads((project["out"] / "kreise-grenzen.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["name"] for f in kreise["features"]} >= {"Kreis Osten"}
    stand = json.loads((project["out"] / "gebietsstand.json").read_text(encoding="utf-8"))
    assert stand["counts"]["gebietsaenderungen"] == 4


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("01002002,set,name,Neumitte,2024-07-01,,ohne Quelle\n", "Quelle"),
        ("01002002,set,name,Neumitte,2023-07-01,https://example.org/a,\n", "Gebietsstand"),
        ("09999999,set,name,Neumitte,2024-07-01,https://example.org/a,\n", "09999999"),
        ("01002002,set,kreis,09999,2024-07-01,https://example.org/a,\n", "09999"),
        ("01002002,merge,,,2024-07-01,https://example.org/a,\n", "merge"),
        ("01002002,rekey,,01002001,2024-07-01,https://example.org/a,\n", "gibt es schon"),
    ],
)
def test_malformed_overlay_writes_nothing(project, capsys, line, expected):
    project["out"].mkdir()
    overlay = project["out"] / "gebietsaenderungen.csv"
    overlay.write_text(OVERLAY_HEADER + line, encoding="utf-8")
    (project["out"] / "places.csv").write_text("alt\n", encoding="utf-8")
    assert places(project) == 1
    err = capsys.readouterr().err
    assert f"{overlay}:2:" in err and expected in err and "Nichts geschrieben." in err
    assert sorted(p.name for p in project["out"].iterdir()) == ["gebietsaenderungen.csv", "places.csv"]
    assert (project["out"] / "places.csv").read_text(encoding="utf-8") == "alt\n"


def _drop(name: str):
    def breaker(source: Path) -> str:
        (source / name).unlink()
        return name

    return breaker


def _prj(epsg: int):
    def breaker(source: Path) -> str:
        (source / "VG250_KRS.prj").write_text(CRS(epsg).to_wkt(WktVersion.WKT1_ESRI), encoding="ascii")
        return "VG250_KRS.prj"

    return breaker


def _truncate(source: Path) -> str:
    dbf = source / "VG250_GEM.dbf"
    dbf.write_bytes(dbf.read_bytes()[:-200])
    return "VG250_GEM.dbf"


def _codec(source: Path) -> str:
    (source / "VG250_VWG.cpg").write_text("KLINGONISCH", encoding="ascii")
    return "VG250_VWG.cpg"


def _latin1(source: Path) -> str:
    data = layers()
    data["GEM"][0] = ("010010000000", "01001000", "Bösdorf", "Stadt", 60, 4, "k01001")
    write_set(source, data, encoding="latin-1")  # the .cpg still says UTF-8
    return "VG250_GEM.dbf: Datensatz 1"


def _duplicate(source: Path) -> str:
    data = layers()
    data["GEM"].append(("010025001002", "01002002", "Mitte", "Stadt", 61, 4, "gap"))
    write_set(source, data)
    return "VG250_GEM.dbf: Datensatz 8"


@pytest.mark.parametrize(
    ("breaker", "expected"),
    [
        (_drop("VG250_GEM.shp"), "Die Datei fehlt"),
        (_drop("VG250_LAN.dbf"), "Die Datei fehlt"),
        (_drop("VG250_KRS.shx"), "Die Datei fehlt"),
        (_drop("VG250_VWG.prj"), "Die Datei fehlt"),
        (_prj(4326), "erwartet wird EPSG:31467"),
        (_prj(31468), "Unerwartete Projektion"),
        (_truncate, "beschädigt"),
        (_codec, "Unbekannte Zeichenkodierung"),
        (_latin1, "Die Namen lassen sich nicht als utf-8 lesen"),
        (_duplicate, "steht schon in Datensatz 3"),
    ],
)
def test_bad_input_writes_nothing(project, capsys, breaker, expected):
    project["out"].mkdir()
    (project["out"] / "places.csv").write_text("alt\n", encoding="utf-8")
    (project["out"] / "laender.csv").write_text("bleibt\n", encoding="utf-8")
    where = breaker(project["source"])
    assert places(project) == 1
    err = capsys.readouterr().err
    assert where in err and expected in err and "Nichts geschrieben." in err
    assert "Traceback" not in err
    assert sorted(p.name for p in project["out"].iterdir()) == ["laender.csv", "places.csv"]
    assert (project["out"] / "places.csv").read_text(encoding="utf-8") == "alt\n"
    assert [p.name for p in project["out"].parent.iterdir() if "smartregio" in p.name] == []


def test_missing_source_folder_and_other_product(project, capsys):
    assert main(["places", str(project["source"].parent / "fehlt"), "--data", str(project["data"])]) == 1
    assert "Der Ordner fehlt" in capsys.readouterr().err
    for path in project["source"].glob("VG250_*"):
        path.rename(path.with_name(path.name.replace("VG250", "VG1000")))
    assert places(project) == 1
    assert "Keine Shapefiles von VG5000 oder VG250" in capsys.readouterr().err


def test_default_out_is_the_data_folders_reference(project):
    assert main(["places", str(project["source"]), "--data", str(project["data"]), "-q"]) == 0
    reference = project["data"] / "reference"
    assert sorted(p.name for p in reference.iterdir()) == [
        "gebietsstand.json",
        "kreise-grenzen.geojson",
        "laender-grenzen.geojson",
        "laender.csv",
        "places.csv",
    ]


def test_real_vg5000(tmp_path):
    with tarfile.open(REAL_ARCHIVE) as archive:
        archive.extractall(tmp_path / "bkg", filter="data")
    real = tmp_path / "bkg/bkg-vg5000-2021"
    data = tmp_path / "data"
    (data / "reference").mkdir(parents=True)
    shutil.copy(Path(__file__).resolve().parents[1] / "data/reference/laender.csv", data / "reference")
    out = tmp_path / "out"
    started = time.perf_counter()
    outcome = run(real, out, data)
    assert time.perf_counter() - started < 60
    found = rows(out)
    kinds: dict[str, int] = {}
    for row in found.values():
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    assert kinds["land"] == 16
    assert kinds["landkreis"] + kinds["stadtkreis"] + kinds["region"] == 401
    assert kinds["gemeinde"] + kinds["stadt"] + kinds["kreisfreie-stadt"] == 10_997 - 207
    assert kinds["region"] == 3 and kinds["kreisfreie-stadt"] == 107
    assert found["072325008"]["name"] == "Bitburger Land" and found["072325008"]["kind"] == "verbandsgemeinde"
    assert found["11000000"]["kind"] == "kreisfreie-stadt" and found["09"]["land"] == "BY"
    members = [row for row in found.values() if row["verband"] == "072325008"]
    assert len(members) > 10 and all(row["kreis"] == "07232" for row in members)
    # every point inside its unsimplified polygon, Bitburger Land's among them
    reader_keys = {"LAN": "ARS", "KRS": "ARS", "VWG": "ARS", "GEM": "AGS"}
    to_gk = Transformer.from_crs(4326, 31467, always_xy=True)
    checked = 0
    for layer, field in reader_keys.items():
        with shapefile.Reader(str(real / f"VG5000_{layer}"), encoding="utf-8") as reader:
            for item in reader.iterShapeRecords():
                key = item.record[field]
                if key not in found or item.record["GF"] not in (4, 9):
                    continue
                row = found[key]
                x, y = to_gk.transform(float(row["lon"]), float(row["lat"]))
                geometry = shapely.geometry.shape(item.shape.__geo_interface__)
                assert geometry.contains(shapely.Point(x, y)), key
                checked += 1
    assert checked == len(found)
    sizes = {path.name: path.stat().st_size for path in out.iterdir()}
    assert sizes["kreise-grenzen.geojson"] < 1_000_000 and sizes["laender-grenzen.geojson"] < 300_000
    assert any("gzip" in line for line in outcome.lines)
    shapes = load_shapes(out / "laender-grenzen.geojson")
    assert len(shapes) == 16 and shapes["BY"].contains(48.1372, 11.5756)  # München
    assert math.isclose(float(found["09"]["area_km2"]), 70_542, rel_tol=0.01)
