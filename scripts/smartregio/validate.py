"""Turn pydantic's findings into located German problems."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Problems
from .suggest import nearest
from .text import format_number
from .types import ID_PATTERN, PLACE_KEY_PATTERN

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]

PATTERN_TEXT = {
    ID_PATTERN: "Nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche (z. B. „smart-village-app“).",
    PLACE_KEY_PATTERN: "Ein amtlicher Schlüssel hat 5 (Kreis), 8 (Gemeinde) oder 9 (Gemeindeverband) "
    "Ziffern.",
    r"^https?://\S+$": "Die Adresse muss mit https:// oder http:// beginnen.",
    r"^(https?://|mailto:)\S+$": "Die Adresse muss mit https://, http:// oder mailto: beginnen.",
    r"^[^;\n]+$": "Ohne Semikolon und Zeilenumbruch.",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "Keine gültige E-Mail-Adresse (Beispiel: daten@beispiel.de).",
}

MESSAGES = {
    "missing": "Pflichtfeld fehlt.",
    "string_type": "Erwartet wird Text.",
    "int_type": "Erwartet wird eine ganze Zahl.",
    "int_parsing": "Erwartet wird eine ganze Zahl.",
    "int_from_float": "Erwartet wird eine ganze Zahl.",
    "float_type": "Erwartet wird eine Zahl (ohne Einheit, Punkt als Dezimalzeichen).",
    "float_parsing": "Erwartet wird eine Zahl (ohne Einheit, Punkt als Dezimalzeichen).",
    "bool_type": "Erwartet wird true oder false.",
    "bool_parsing": "Erwartet wird true oder false.",
    "list_type": "Erwartet wird eine Liste (je Wert eine Zeile, die mit „- “ beginnt).",
    "date_type": "Erwartet wird ein Datum in der Form JJJJ-MM-TT.",
    "date_parsing": "Erwartet wird ein Datum in der Form JJJJ-MM-TT.",
    "date_from_datetime_parsing": "Erwartet wird ein Datum in der Form JJJJ-MM-TT.",
    "date_from_datetime_inexact": "Erwartet wird ein Datum ohne Uhrzeit (JJJJ-MM-TT).",
    "dict_type": "Erwartet werden Felder der Form „name: Wert“.",
    "model_type": "Erwartet werden Felder der Form „name: Wert“.",
    "finite_number": "Erwartet wird eine endliche Zahl.",
}


# error kinds whose message our own validators wrote in German already
OWN_MESSAGES = frozenset(
    {
        "vocabulary",
        "url",
        "url_scheme",
        "spdx",
        "future_date",
        "cross_field",
        "text",
        "reserved_id",
        "plain_number",
        "too_many",
    }
)


def _number(value: Any) -> str:
    """A limit as German text: 100.000, 1.000.000.000.000."""
    return format_number(value) if isinstance(value, int | float) else str(value)


def german_message(error: Mapping[str, Any], fields: list[str], written: str | None = None) -> str:
    """German text for one pydantic error; ``written`` is the value as it stood in the file."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    value = written if written is not None else given
    if given == "" and kind in ("string_too_short", "string_pattern_mismatch", "url", "url_scheme", "spdx"):
        return "Das Feld ist noch leer; bitte ausfüllen."
    if kind == "extra_forbidden":
        field = str(error["loc"][-1])
        hint = nearest(field, fields)
        text = "Unbekanntes Feld."
        return text + (f" Meinten Sie „{hint}“?" if hint else f" Bekannt sind: {', '.join(fields)}.")
    if kind == "string_type" and isinstance(given, int | float) and not isinstance(given, bool):
        return f'Erwartet wird Text; bitte den Wert in Anführungszeichen setzen: "{value}".'
    if kind == "string_pattern_mismatch":
        return PATTERN_TEXT.get(
            ctx.get("pattern"), f"Wert hat nicht die erwartete Form ({ctx.get('pattern')})."
        )
    if kind == "string_too_short":
        return f"Text ist zu kurz (mindestens {ctx.get('min_length')} Zeichen)."
    if kind == "string_too_long":
        length, limit = _number(len(str(value))), _number(ctx.get("max_length"))
        return f"Text ist zu lang: {length} Zeichen, höchstens {limit}."
    if kind == "too_short":
        return f"Mindestens {ctx.get('min_length')} Wert(e) angeben."
    if kind == "too_long":
        return f"Höchstens {_number(ctx.get('max_length'))} Werte angeben."
    if kind in ("greater_than_equal", "greater_than"):
        return f"Der Wert muss mindestens {_number(ctx.get('ge', ctx.get('gt')))} sein."
    if kind in ("less_than_equal", "less_than"):
        return f"Der Wert darf höchstens {_number(ctx.get('le', ctx.get('lt')))} sein."
    if kind.startswith("date") and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"Das Datum {value} gibt es nicht (Form JJJJ-MM-TT)."
    if kind in MESSAGES:
        return MESSAGES[kind]
    if kind in OWN_MESSAGES:
        return error["msg"]
    return f"Ungültiger Wert ({error['msg']})."


def _record_fields(model: type[BaseModel], loc: Loc) -> list[str] | None:
    """The field names of a sub-record model when ``loc`` points into a list of records."""
    if len(loc) < 2 or not isinstance(loc[1], int) or str(loc[0]) not in model.model_fields:
        return None
    from .fields import field_infos

    info = next(i for i in field_infos(model) if i.name == loc[0])
    return list(info.nested.model_fields) if info.nested else None


def validate_model(
    model: type[M],
    data: Mapping[str, Any],
    reference: Any,
    line_of: Callable[[Loc], int],
    path: str,
    problems: Problems,
    written: Mapping[Loc, str] | None = None,
) -> M | None:
    """Validate ``data`` against ``model``; on failure add every problem and return None.
    ``written`` (numbers as they stood in the file) lets a model refuse 0x10 that YAML read as 16."""
    try:
        return model.model_validate(data, context={"reference": reference, "numbers": written or {}})
    except ValidationError as exc:
        fields = list(model.model_fields)
        for error in exc.errors(include_url=False):
            loc: Loc = tuple(error["loc"])
            if error["type"] == "cross_field":
                loc = (error["ctx"]["field"],)
            field = str(loc[0]) if loc else ""
            inner = _record_fields(model, loc)
            message = german_message(error, inner or fields, (written or {}).get(loc))
            items = [part for part in loc[1:] if isinstance(part, int)]
            if inner is not None and len(loc) > 2:
                # a field of a sub-record, e.g. measures[2].title
                field = f"{loc[0]}[{loc[1] + 1}].{loc[2]}"
            elif items:
                message = f"Eintrag {items[0] + 1}: {message}"
            problems.add(path, line_of(loc), field, message)
        return None
