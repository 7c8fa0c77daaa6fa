"""Small text helpers shared by the generator and the scaffolder."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def slugify(text: str, max_length: int = 64) -> str:
    """ASCII id from German text: „Gieß den Kiez“ → ``giess-den-kiez``."""
    text = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_length].rstrip("-")


def format_number(value: float, decimals: int | None = None) -> str:
    """German number format: 8462000 → „8.462.000“, 51.4556 → „51,4556“.

    Whole numbers lose a trailing „.0“ (a float read back from CSV must not show as
    „64000000,0“); ``decimals`` fixes the places after the comma.
    """
    if decimals is None:
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    else:
        text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def format_eur(value: float) -> str:
    """German money format: 8462000 → „8.462.000 €“."""
    return format_number(value, 0 if float(value).is_integer() else 2) + " €"


def plural(count: int, one: str, many: str) -> str:
    """„1 Lösung“, „2 Lösungen“, „0 Lösungen“ – the count in German format with its noun."""
    return f"{format_number(count)} {one if count == 1 else many}"


def format_date(value) -> str:
    return value.strftime("%d.%m.%Y")


def utc_today() -> date:
    """Today as the data knows it: in UTC, the same on every machine whatever its time zone."""
    return datetime.now(UTC).date()
