"""The error every engine raises when it refuses the generated pages."""

from __future__ import annotations


class EngineError(Exception):
    """The engine refused the generated pages (a bug in the generator or a hand-written page)."""
