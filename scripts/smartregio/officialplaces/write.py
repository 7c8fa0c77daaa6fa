"""Writing the derived files all or none.

The output folder is usually ``data/reference``, which holds other tables too, so it is not
replaced whole: every file is written to a working folder beside it first (named as
``outputs.working_prefix`` names them, so a killed run's leftovers are removed next time) and
only then moved in, one rename per file. Nothing is moved before everything is written.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

from ..outputs import remove_stale, working_prefix
from . import PlacesError
from .derive import PlaceRow

PLACES_COLUMNS = ("key", "name", "kind", "bez", "land", "kreis", "verband", "lat", "lon", "area_km2")


def places_csv(rows: list[PlaceRow]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PLACES_COLUMNS)
    for row in rows:
        writer.writerow(
            (
                row.key,
                row.name,
                row.kind,
                row.bez,
                row.land,
                row.kreis,
                row.verband,
                f"{row.lat:.5f}",
                f"{row.lon:.5f}",
                f"{row.area_km2:.2f}",
            )
        )
    return buffer.getvalue().encode("utf-8")


def write_all(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` (name → bytes) into ``out``; all or none of them."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise PlacesError([f"{out}: Das Ziel ist kein Ordner (oder eine Verknüpfung)."])
    for name in files:
        if (out / name).is_symlink() or (out / name).is_dir():
            raise PlacesError(
                [f"{out / name}: Das Ziel ist eine Verknüpfung oder ein Ordner; nichts geschrieben."]
            )
    out.mkdir(parents=True, exist_ok=True)
    parent = out.resolve().parent
    remove_stale(parent)
    work = Path(tempfile.mkdtemp(prefix=working_prefix(out.name), dir=parent))
    try:
        for name, data in files.items():
            (work / name).write_bytes(data)
            os.chmod(work / name, 0o644)
        written = []
        for name in files:
            os.replace(work / name, out / name)
            written.append(out / name)
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)
