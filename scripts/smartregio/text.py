"""Small text helpers shared by the generator and the scaffolder."""

from __future__ import annotations

import re
import unicodedata

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def slugify(text: str, max_length: int = 64) -> str:
    """ASCII id from German text: „Gieß den Kiez“ → ``giess-den-kiez``."""
    text = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_length].rstrip("-")


def format_eur(value: float) -> str:
    """German money format: 8462000 → „8.462.000 €“."""
    whole = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return whole.replace(",", "X").replace(".", ",").replace("X", ".") + " €"


def format_date(value) -> str:
    return value.strftime("%d.%m.%Y")
