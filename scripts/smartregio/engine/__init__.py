"""The site engine: the one replaceable last stage that turns generated Markdown into HTML.

Only this package knows an engine. Every other stage writes Markdown pages with front matter
and template overrides under ``overrides/``; ``renderer(name)`` picks the engine that builds
them: ``mkdocs`` (MkDocs with Material, the default) or ``zensical``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from .errors import EngineError

ENGINES = ("mkdocs", "zensical")
TITLES = {"mkdocs": "MkDocs", "zensical": "Zensical"}  # as progress reports name them
DEFAULT = "mkdocs"

Render = Callable[..., None]


def renderer(name: str = DEFAULT) -> Render:
    """The engine's ``render(config_file, docs_dir, site_dir, shard_sections=(), site_url=None,
    build_date=None)``; ``build_date`` (seconds since 1970, UTC) replaces the clock."""
    if name not in ENGINES:
        raise EngineError(f"Unbekannte Engine „{name}“. Möglich: {', '.join(ENGINES)}.")
    return importlib.import_module(f".{name}", __name__).render


def render(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    shard_sections: tuple[str, ...] = (),
    build_date: int | None = None,
) -> None:
    """Render with the default engine."""
    renderer(DEFAULT)(config_file, docs_dir, site_dir, shard_sections, build_date=build_date)


__all__ = ["DEFAULT", "ENGINES", "TITLES", "EngineError", "render", "renderer"]
