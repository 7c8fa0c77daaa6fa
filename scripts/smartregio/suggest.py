"""Nearest-match hints for misspelt names and values."""

from __future__ import annotations

import difflib
from collections.abc import Sequence


def nearest(value: object, options: Sequence[str]) -> str | None:
    """The closest option to ``value``, if any is close enough to be a likely typo."""
    if not isinstance(value, str) or not options:
        return None
    lowered = {option.lower(): option for option in options}
    if value.lower() in lowered:
        return lowered[value.lower()]
    matches = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[matches[0]] if matches else None
