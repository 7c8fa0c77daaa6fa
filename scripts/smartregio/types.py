"""Annotated field types shared by the entry models.

Markers (``Vocabulary``, ``Reference``) say what a field points to; validators, the
Table Schema, the JSON Schema and the link step all read them, so each rule lives once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from .apinames import RESERVED_IDS
from .cells import formula_problem
from .limits import FIRST_YEAR, LAST_YEAR, MAX_AMOUNT, MAX_LINE, MAX_TAG, MAX_URL, latest_date
from .spdx import read_spdx

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# names Windows reserves for devices: a file „con.md“ cannot be checked out there
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)
# characters that reorder or hide text (bidi overrides and isolates): a name would render reversed
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# what a text may not contain: C0 and C1 controls, bidi overrides and isolates, lone
# surrogates; tab and line feed are allowed in multi-line texts only
_UNSHOWABLE = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff"
_BAD_CHAR = re.compile(f"[{_UNSHOWABLE}\\t\\n]")
_BAD_CHAR_MULTILINE = re.compile(f"[{_UNSHOWABLE}]")


def text_problem(value: str, multiline: bool = False) -> str | None:
    """Why a text cannot be shown or published as it stands: control or bidi characters, lone
    surrogates, or a start a spreadsheet reads as a formula (``cells.formula_problem``: the
    same rule the package writer and the table importer apply, so validate refuses it first)."""
    if problem := formula_problem(value):
        return problem
    found = (_BAD_CHAR_MULTILINE if multiline else _BAD_CHAR).search(value)
    if found is None:  # one scan in C: every text of every entry and place passes here
        return None
    char = found.group()
    code = ord(char)
    if char in BIDI_CONTROLS:
        return (
            f"Der Text enthält ein Zeichen, das die Schreibrichtung umkehrt (U+{code:04X}); bitte entfernen."
        )
    if 0xD800 <= code <= 0xDFFF:
        return f"Der Text enthält ein ungültiges Zeichen (U+{code:04X}); bitte entfernen."
    return f"Der Text enthält ein Steuerzeichen (U+{code:04X}); bitte entfernen."


PLACE_KEY_PATTERN = r"^(\d{5}|\d{8}|\d{9})$"


@dataclass(frozen=True)
class Vocabulary:
    """The field takes a code from ``data/reference/vocabularies/<name>.csv``."""

    name: str


@dataclass(frozen=True)
class Reference:
    """The field names another entry (``collection``) or a place (``places``).

    A reference links both pages: the referenced entry's page lists the entries that name it
    under ``backlink`` (by default the naming collection's title); ``section``, when given, lists
    the referenced entries on the naming entry's own page as well, beside its facts.

    ``weaker`` marks a claim that a stronger one of the same two entries makes redundant (a
    project *uses* a solution – unless another field says it *developed* it): the pages list the
    pair once, under the stronger relation."""

    collection: str
    section: str | None = None
    backlink: str | None = None
    weaker: bool = False


@dataclass(frozen=True)
class Unit:
    """The unit of a number (``EUR``): the pages show it with the value, not in the label."""

    code: str


def _error(kind: str, message: str, **ctx: object) -> PydanticCustomError:
    return PydanticCustomError(kind, message, ctx)


def vocabulary_check(name: str):
    def check(value: str, info: ValidationInfo) -> str:
        reference = (info.context or {}).get("reference")
        if reference is None:
            return value
        codes = reference.vocabularies.get(name)
        if codes is None or value in codes:
            return value
        from .suggest import nearest

        hint = nearest(value, list(codes))
        allowed = ", ".join(codes)
        message = f"„{value}“ ist kein erlaubter Wert."
        message += f" Meinten Sie „{hint}“?" if hint else ""
        message += f" Erlaubt: {allowed}."
        raise _error("vocabulary", message.replace("{", "{{").replace("}", "}}"))

    return check


def vocab(name: str):
    """A string restricted to one controlled vocabulary."""
    return Annotated[str, Vocabulary(name), AfterValidator(vocabulary_check(name))]


def _check_url(value: str, schemes: tuple[str, ...]) -> str:
    parts = urlsplit(value.strip())
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        shown = f"„{scheme}:“" if scheme else "keines"
        allowed = " oder ".join(f"{s}:" for s in schemes)
        raise _error(
            "url_scheme",
            f"Nur Adressen mit {allowed} sind erlaubt (Schema: {shown}).",
        )
    if scheme == "mailto":
        if "@" not in parts.path:
            raise _error("url", "Die E-Mail-Adresse nach „mailto:“ fehlt oder ist unvollständig.")
    elif not parts.netloc or " " in value.strip():
        raise _error("url", "Keine vollständige Webadresse (Beispiel: https://www.beispiel.de/).")
    elif "@" in parts.netloc:
        raise _error(
            "url",
            "Die Adresse enthält Zugangsdaten vor dem Servernamen („…@“); sie führt woanders hin, "
            "als sie aussieht. Bitte nur https://server/pfad angeben.",
        )
    if value != value.strip():
        raise _error("url", "Die Adresse hat Leerzeichen am Anfang oder Ende.")
    return value


def _web_url(value: str) -> str:
    return _check_url(value, ("https", "http"))


def _contact_url(value: str) -> str:
    return _check_url(value, ("https", "http", "mailto"))


WebUrl = Annotated[
    str,
    Field(json_schema_extra={"format": "uri"}, pattern=r"^https?://\S+$", max_length=MAX_URL),
    AfterValidator(_web_url),
]
ContactUrl = Annotated[
    str,
    Field(pattern=r"^(https?://|mailto:)\S+$", max_length=MAX_URL),
    AfterValidator(_contact_url),
]


def _not_in_future(value: date) -> date:
    if value > latest_date():
        raise _error("future_date", "Das Datum liegt in der Zukunft.")
    return value


ReviewDate = Annotated[date, AfterValidator(_not_in_future)]


def _spdx_problem(expression: str) -> str | None:
    reading = read_spdx(expression)
    if reading.errors:
        return "; ".join(reading.errors)
    if reading.normalized != expression:
        return f"bitte in SPDX-Schreibweise angeben: „{reading.normalized}“"
    return None


def _spdx(value: str) -> str:
    problem = _spdx_problem(value)
    if problem:
        raise _error(
            "spdx",
            f"Keine gültige SPDX-Lizenzangabe ({problem}). Beispiele: MIT, GPL-3.0-or-later, "
            "EUPL-1.2, AGPL-3.0-only OR EUPL-1.2.".replace("{", "{{").replace("}", "}}"),
        )
    return value


Spdx = Annotated[str, Field(min_length=1, max_length=MAX_LINE), AfterValidator(_spdx)]


def _entry_id(value: str) -> str:
    if value in WINDOWS_RESERVED:
        raise _error(
            "reserved_id",
            f"„{value}“ ist unter Windows als Dateiname reserviert; bitte eine andere Kennung wählen.",
        )
    if value in RESERVED_IDS:
        raise _error(
            "reserved_id",
            f"„{value}“ ist als Kennung reserviert: Unter diesem Namen legt die Sammlung eigene Dateien "
            f"ab (api/v1/…/{value}.json), der Eintrag verlöre seine. Bitte eine andere Kennung wählen.",
        )
    return value


EntryId = Annotated[str, Field(pattern=ID_PATTERN, max_length=64), AfterValidator(_entry_id)]
PlaceKey = Annotated[str, Field(pattern=PLACE_KEY_PATTERN), Reference("places")]
ShortText = Annotated[str, Field(min_length=1, max_length=MAX_LINE)]
Tag = Annotated[str, Field(min_length=1, max_length=MAX_TAG, pattern=r"^[^;\n]+$")]

# digits with at most one point, no sign but minus, no leading zero: what a reader takes it for
_PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")


def _shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _plain_number(value: object, info: ValidationInfo) -> object:
    """A number as a reader takes it: YAML reads true as 1, 0x10 as 16, 017 as 15, 1_000 and
    1:20 as numbers too, and 1e6 as text; none of them is what a contributor meant to write."""
    if isinstance(value, bool):
        raise _error("plain_number", "Erwartet wird eine Zahl, nicht true oder false.")
    if isinstance(value, float) and not math.isfinite(value):
        raise _error("plain_number", "Erwartet wird eine endliche Zahl.")
    if isinstance(value, str):
        if not _PLAIN_NUMBER.fullmatch(value.strip()):
            message = (
                f"„{value}“ ist keine Zahl. Erwartet werden nur Ziffern, Punkt als Dezimalzeichen, "
                "ohne Einheit und ohne Tausenderpunkte (z. B. 8000000 oder 8000000.50)."
            )
            raise _error("plain_number", message.replace("{", "{{").replace("}", "}}"))
        return value
    written = ((info.context or {}).get("numbers") or {}).get((info.field_name,))
    if isinstance(value, int | float) and written is not None and not _PLAIN_NUMBER.fullmatch(written):
        raise _error(
            "plain_number",
            f"„{written}“ liest YAML als {_shown(value)}. Bitte die Zahl nur mit Ziffern und Punkt "
            "schreiben: ohne 0x oder 0o davor, ohne führende Null, Unterstrich, Doppelpunkt oder "
            "Exponenten.",
        )
    return value


def _positive_zero(value: float) -> float:
    """-0.0 is 0: written as „-0.0“ in the data it would show as „-0 €“."""
    return value + 0.0


# the constraints stand before the validator that wraps them, so the schemas see them
Amount = Annotated[
    float,
    Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False),
    BeforeValidator(_plain_number),
    AfterValidator(_positive_zero),
    Unit("EUR"),
]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR), BeforeValidator(_plain_number)]


def ref(collection: str, *, section: str | None = None, backlink: str | None = None, weaker: bool = False):
    """An id of an entry in ``collection``; ``section`` and ``backlink`` name the lists of related
    entries on the two pages it links, ``weaker`` yields to a stronger claim (see :class:`Reference`)."""
    marker = Reference(collection, section, backlink, weaker)
    return Annotated[str, Field(pattern=ID_PATTERN, max_length=64), marker]
