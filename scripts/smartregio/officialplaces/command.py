"""``smartregio places SOURCE_DIR``: read, derive, apply the overlay, write; and say what it did."""

from __future__ import annotations

import gzip
import json
import os
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problems
from ..reference import LAENDER_FILE, read_rows
from . import PlacesError
from .derive import KINDS, Shape, derive
from .layers import read_source
from .outlines import KREISE_TOLERANCE_M, LAENDER_TOLERANCE_M, feature_collection, simplified
from .overlay import Applied, apply_overlay
from .write import places_csv, write_all

PLACES = "places.csv"
LAENDER_OUTLINES = "laender-grenzen.geojson"
KREISE_OUTLINES = "kreise-grenzen.geojson"
GEBIETSSTAND = "gebietsstand.json"
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
BKG_URL = "https://www.bkg.bund.de"


@dataclass
class Outcome:
    written: list[Path]
    lines: list[str]


def land_codes(data_dir: Path) -> dict[str, str]:
    """2-digit Landesschlüssel → 2-letter code, from the project's ``laender.csv``."""
    path = Path(os.path.abspath(data_dir)) / "reference" / LAENDER_FILE
    problems = Problems()
    rows = read_rows(path, str(path), problems, root=Path(os.path.abspath(data_dir)))
    if problems:
        raise PlacesError([p.as_text() for p in problems])
    codes = {row.get("key", "").strip(): row.get("code", "").strip() for _, row in rows}
    if not codes or "" in codes or "" in codes.values():
        raise PlacesError([f"{path}: Jede Zeile braucht code und key."])
    return codes


def run(source_dir: Path, out: Path, data_dir: Path) -> Outcome:
    """Everything checked first, then written all at once; raises PlacesError."""
    started = time.perf_counter()
    codes = land_codes(data_dir)
    source = read_source(source_dir)
    derived = derive(source, codes)
    applied = apply_overlay(out, derived.rows, source.gebietsstand)
    by_key = {row.key: row for row in derived.rows}
    laender = _follow(derived.laender, applied, by_key)
    kreise = _follow(derived.kreise, applied, by_key)
    year = source.gebietsstand.year
    attribution = f"© GeoBasis-DE / BKG {year} (Daten verändert)"
    stand = source.gebietsstand.strftime("%d.%m.%Y")
    common = {"source": BKG_URL, "licence": LICENCE, "licence_url": LICENCE_URL, "attribution": attribution}
    laender_meta = {
        "name": "laender-grenzen",
        "description": f"Grenzen der Länder (vereinfacht) aus {source.product} des BKG, Gebietsstand "
        f"{stand}.",
        **common,
    }
    kreise_meta = {
        "name": "kreise-grenzen",
        "description": f"Grenzen der Kreise (vereinfacht) aus {source.product} des BKG, Gebietsstand "
        f"{stand}.",
        **common,
    }
    counts = Counter(row.kind for row in derived.rows)
    files = {
        PLACES: places_csv(derived.rows),
        LAENDER_OUTLINES: feature_collection(
            laender, simplified(laender, LAENDER_TOLERANCE_M, source.epsg), laender_meta, "code"
        ),
        KREISE_OUTLINES: feature_collection(
            kreise, simplified(kreise, KREISE_TOLERANCE_M, source.epsg), kreise_meta, "land"
        ),
    }
    summary = {
        "product": source.product,
        "gebietsstand": source.gebietsstand.isoformat(),
        "attribution": attribution,
        "url": BKG_URL,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "counts": {
            **{kind: counts[kind] for kind in KINDS},
            "gesamt": len(derived.rows),
            "gemeindefreie_gebiete_ausgelassen": len(derived.left_out),
            "gebietsaenderungen": applied.count,
        },
        "crs": f"EPSG:{source.epsg}",
    }
    files[GEBIETSSTAND] = (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    written = write_all(out, files)
    lines = [f"{source.product}, Gebietsstand {stand} ({source_dir}):"]
    if source.gebietsstand_note:
        lines.append(f"  Hinweis: {source.gebietsstand_note}")
    lines.append("  " + ", ".join(f"{counts[kind]} {kind}" for kind in KINDS if counts[kind]))
    lines.append(
        f"  {len(derived.left_out)} gemeindefreie Gebiete (Forsten, Seen, Truppenübungsplätze) ausgelassen; "
        f"{applied.count} Gebietsänderung(en) angewendet."
    )
    for name, data in files.items():
        lines.append(f"  {out / name}: {len(data):,} Bytes, gzip {len(gzip.compress(data, 9)):,} Bytes")
    lines.append(f"  Dauer: {time.perf_counter() - started:.1f} s")
    return Outcome(written, lines)


def _follow(shapes: list[Shape], applied: Applied, by_key: dict) -> list[Shape]:
    """The outlines under the keys and names the overlay gave their places."""
    result = []
    for shape in shapes:
        key = applied.keys.get(shape.key, shape.key)
        row = by_key.get(key) if key else None
        if row is not None:
            result.append(Shape(row.key, row.name, row.land, shape.geometry))
    return result
