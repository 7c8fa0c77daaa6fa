"""SPDX licence expressions, read once for the whole package: the models, the publiccode.yml
import and its standard check all ask here (license-expression's SPDX list)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class SpdxReading:
    errors: tuple[str, ...]  # empty when the expression is valid SPDX
    normalized: str | None  # the expression in SPDX spelling, when it could be read


@lru_cache(maxsize=4096)
def read_spdx(expression: str) -> SpdxReading:
    """What license-expression makes of ``expression``; an unreadable one is an error, never an
    exception (the library reports most problems itself and raises for a few odd inputs)."""
    from license_expression import ExpressionError, ParseError, get_spdx_licensing

    try:
        info = get_spdx_licensing().validate(expression)
    # its own errors, and the AttributeError its error handler raises for a key with a character
    # it does not know („MIT §“: 'ExpressionError' object has no attribute 'token_string')
    except (ExpressionError, ParseError, AttributeError, TypeError, ValueError):
        return SpdxReading(("der Ausdruck lässt sich nicht lesen",), None)
    return SpdxReading(tuple(info.errors), info.normalized_expression or None)
