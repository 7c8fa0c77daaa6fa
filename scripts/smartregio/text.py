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


# keeps a number and its unit on one line („1,15 Mrd. €“ never breaks), in every script and page
NBSP = "\u00a0"
_SCALES = ((1_000_000_000, "Mrd."), (1_000_000, "Mio."))


def format_eur_compact(value: float) -> str:
    """Short German money format for tiles and cards: 1146000000 → „1,15 Mrd. €“, 820000000 →
    „820 Mio. €“; below a million the exact amount. Three significant digits at most, because
    a tile or card is read at a glance (the entry page keeps the exact amount); the spaces are
    non-breaking, so the amount is never split across lines."""
    for scale, unit in _SCALES:
        if abs(value) >= scale * 0.9995:  # 999.600.000 rounds to „1 Mrd.“, not „1.000 Mio.“
            scaled = value / scale
            digits = max(0, 3 - len(str(int(abs(round(scaled, 2))))))
            text = format_number(round(scaled, digits), digits)
            if "," in text:  # „12,50“ → „12,5“, „8,00“ → „8“
                text = text.rstrip("0").rstrip(",")
            return f"{text}{NBSP}{unit}{NBSP}€"
    return format_eur(value).replace(" ", NBSP)


def plural(count: int, one: str, many: str) -> str:
    """„1 Lösung“, „2 Lösungen“, „0 Lösungen“ – the count in German format with its noun."""
    return f"{format_number(count)} {one if count == 1 else many}"


def format_date(value) -> str:
    return value.strftime("%d.%m.%Y")


def utc_today() -> date:
    """Today as the data knows it: in UTC, the same on every machine whatever its time zone."""
    return datetime.now(UTC).date()
