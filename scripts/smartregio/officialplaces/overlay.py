"""Territorial changes after BKG's Gebietsstand: ``gebietsaenderungen.csv`` in the output folder.

BKG publishes once a year; a Gemeinde renamed or moved in between is corrected here, one
change per row, each with the official source it comes from, so nothing is typed without a
reference. Columns: ``key,change,field,value,valid_from,source,note``. ``change`` is

- ``set``: ``field`` (name, bez, kind, kreis, verband) gets ``value``; a new ``kreis`` also sets
  ``land`` from its first two digits, an empty ``verband`` takes the Gemeinde out of one;
- ``rekey``: the place gets the key ``value`` (same length); rows that name the old key as
  their ``kreis`` or ``verband`` follow;
- ``remove``: the place no longer exists (``field`` and ``value`` empty).

Rows apply in file order; ``valid_from`` must lie after the Gebietsstand (an older change is
already in BKG's data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..problems import Problems
from ..reference import read_rows
from . import PlacesError
from .derive import KINDS, PlaceRow

OVERLAY_FILE = "gebietsaenderungen.csv"
COLUMNS = ("key", "change", "field", "value", "valid_from", "source", "note")
FIELDS = ("name", "bez", "kind", "kreis", "verband")
HEADER = ",".join(COLUMNS) + "\n"


@dataclass
class Applied:
    count: int
    keys: dict[str, str | None]  # old key -> new key, None when removed


def apply_overlay(out: Path, rows: list[PlaceRow], gebietsstand: date) -> Applied:
    """Apply the overlay in ``out`` (if any) to ``rows`` in place; raises PlacesError with
    every malformed row."""
    path = out / OVERLAY_FILE
    keys: dict[str, str | None] = {}
    if not path.is_file() and not path.is_symlink():
        return Applied(0, keys)
    problems = Problems()
    shown = str(path)
    table = read_rows(path, shown, problems, root=out)
    errors = [p.as_text() for p in problems]
    if not errors and table:
        missing = [c for c in COLUMNS if c not in table[0][1]]
        if missing:
            raise PlacesError([f"{shown}: Es fehlen die Spalten {', '.join(missing)}."])
    by_key = {row.key: row for row in rows}
    count = 0
    for line, cells in table:
        message = _apply(cells, by_key, gebietsstand, keys)
        if message:
            errors.append(f"{shown}:{line}: {message}")
        else:
            count += 1
    if errors:
        raise PlacesError(errors)
    rows[:] = sorted(by_key.values(), key=lambda row: row.key)
    return Applied(count, keys)


def _apply(
    cells: dict[str, str], by_key: dict[str, PlaceRow], gebietsstand: date, keys: dict[str, str | None]
) -> str:
    """The German problem of one row, or "" once it is applied."""
    key, change = cells["key"].strip(), cells["change"].strip()
    name, value = cells["field"].strip(), cells["value"].strip()
    if not re.fullmatch(r"https?://\S+", cells["source"].strip()):
        return "Jede Änderung braucht in „source“ die Webadresse ihrer amtlichen Quelle."
    try:
        valid_from = date.fromisoformat(cells["valid_from"].strip())
    except ValueError:
        return f"„{cells['valid_from']}“ in „valid_from“ ist kein Datum der Form JJJJ-MM-TT."
    if valid_from <= gebietsstand:
        return (
            f"Die Änderung gilt ab {valid_from}, nicht nach dem Gebietsstand {gebietsstand}; "
            "sie steht schon in den Daten des BKG."
        )
    row = by_key.get(key)
    if row is None:
        return f"Den Schlüssel „{key}“ gibt es nicht (auch nicht nach den Zeilen davor)."
    if change == "remove":
        if name or value:
            return "Bei „remove“ bleiben „field“ und „value“ leer."
        del by_key[key]
        _follow(keys, key, None)
        return ""
    if change == "rekey":
        if not (value.isdigit() and len(value) == len(key)):
            return f"Der neue Schlüssel „{value}“ muss wie „{key}“ {len(key)} Ziffern haben."
        if value in by_key:
            return f"Den Schlüssel „{value}“ gibt es schon."
        del by_key[key]
        row.key = value
        by_key[value] = row
        for other in by_key.values():
            other.kreis = value if other.kreis == key else other.kreis
            other.verband = value if other.verband == key else other.verband
        _follow(keys, key, value)
        return ""
    if change != "set":
        return f"Unbekannte Änderung „{change}“; möglich sind set, rekey und remove."
    if name not in FIELDS:
        return f"Das Feld „{name}“ lässt sich nicht ändern; möglich sind {', '.join(FIELDS)}."
    if name == "kind" and value not in KINDS:
        return f"Die Art „{value}“ gibt es nicht; möglich sind {', '.join(KINDS)}."
    if name == "kreis" and (len(value) != 5 or value not in by_key):
        return f"Den Kreis „{value}“ gibt es nicht."
    if name == "verband" and value and (len(value) != 9 or value not in by_key):
        return f"Den Gemeindeverband „{value}“ gibt es nicht."
    if name in ("name", "bez", "kind") and not value:
        return f"„{name}“ braucht einen Wert."
    setattr(row, name, value)
    if name == "kreis":
        row.land = by_key[value].land
    return ""


def _follow(keys: dict[str, str | None], old: str, new: str | None) -> None:
    """Record that ``old`` became ``new``, also for earlier keys that had become ``old``."""
    for first, current in keys.items():
        if current == old:
            keys[first] = new
    keys.setdefault(old, new)
