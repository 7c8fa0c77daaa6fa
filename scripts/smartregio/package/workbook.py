"""The layout of the published Excel workbook, shared by its writer and the table importer.

The workbook is for people: German sheet names, labels beside codes, names beside keys. The
importer must still read a downloaded workbook back, so the few rules that make that possible
live here, before both: the contents sheet maps each sheet to its table in the package, and
the added columns carry a suffix that marks them as derived.
"""

from __future__ import annotations

import re

CONTENTS_SHEET = "Inhalt"
CONTENTS_HEADER = ("Blatt", "Tabelle im Datenpaket", "Titel", "Beschreibung", "Zeilen")
FIELDS_SHEET = "Felder"

LABEL_SUFFIX = " (Bezeichnung)"  # beside a vocabulary code: its German label
NAME_SUFFIX = " (Name)"  # beside a key or id: the place's or the entry's name
DERIVED = re.compile(r"^(?P<column>.+) \((?:Bezeichnung|Name)\)$")

SHEET_NAME_LIMIT = 31  # Excel's limit
_ILLEGAL = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    """An Excel-legal, unique sheet name from a table's German title (``Lösungen: Im Einsatz
    in`` → ``Lösungen – Im Einsatz in``), shortened with „…“ beyond 31 characters."""
    text = _ILLEGAL.sub(" ", title.replace(": ", " – ")).strip(" '")
    text = re.sub(r"\s+", " ", text) or "Tabelle"
    candidate, number = _fit(text, ""), 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        candidate, number = _fit(text, f" ({number})"), number + 1
    return candidate


def _fit(text: str, suffix: str) -> str:
    room = SHEET_NAME_LIMIT - len(suffix)
    return (text if len(text) <= room else text[: room - 1].rstrip() + "…") + suffix


def derived_column(header: str) -> str | None:
    """For an added label or name column, the header of the column it explains; else None."""
    match = DERIVED.match(header.strip())
    return match.group("column") if match else None
