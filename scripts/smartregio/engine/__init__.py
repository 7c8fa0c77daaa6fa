"""The site engine: the one replaceable last stage that turns generated Markdown into HTML.

Only this package knows an engine. Every other stage writes Markdown pages with front matter
and template overrides under ``overrides/``; ``renderer(name)`` picks the engine that builds
them. Engines are extensions (``extensions.Engine``) registered as entry points of the group
``smartregio.engines``: the built-in ``properdocs`` (ProperDocs, the continuation of MkDocs 1.x,
with Material: the default), ``mkdocs`` (MkDocs 1.6 with Material) and ``zensical`` are
registered in ``pyproject.toml`` like any other. Why ProperDocs: ARCHITECTURE.md, „The engine
after May 2027“.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path

from ..extensions import ENGINES_GROUP, Engine, ExtensionError, load, registered
from .errors import EngineError

DEFAULT = "properdocs"


@dataclass(frozen=True)
class BuiltinEngine:
    """An engine of this package: its name and title, and the module whose ``render`` it runs
    (looked up at each call, so the module stays the one place that defines it)."""

    name: str
    title: str
    module: str
    incremental: bool = False  # the module has ``render_pages`` and ``render_changed``

    def render(
        self,
        config_file: Path,
        docs_dir: Path,
        site_dir: Path,
        shard_sections: tuple[str, ...] = (),
        site_url: str | None = None,
        build_date: int | None = None,
    ) -> None:
        sys.modules[self.module].render(
            config_file, docs_dir, site_dir, shard_sections, site_url=site_url, build_date=build_date
        )

    def render_pages(
        self,
        config_file: Path,
        docs_dir: Path,
        site_dir: Path,
        shard_sections: tuple[str, ...],
        pages: frozenset[str],
        previous: Path,
        site_url: str | None = None,
        build_date: int | None = None,
    ) -> int:
        return sys.modules[self.module].render_pages(
            config_file,
            docs_dir,
            site_dir,
            shard_sections,
            pages,
            previous,
            site_url=site_url,
            build_date=build_date,
        )

    def render_changed(
        self,
        config_file: Path,
        docs_dir: Path,
        site_dir: Path,
        site_url: str | None = None,
        build_date: int | None = None,
        compiled: MutableMapping[str, bytes] | None = None,
    ) -> None:
        sys.modules[self.module].render_changed(
            config_file, docs_dir, site_dir, site_url=site_url, build_date=build_date, compiled=compiled
        )


def engine_names() -> list[str]:
    """The registered engines' names (for ``--engine``), without importing any."""
    return list(registered(ENGINES_GROUP))


def engine(name: str = DEFAULT) -> Engine:
    """The registered engine ``name``; raises :class:`EngineError` in German."""
    try:
        return load(ENGINES_GROUP, name)
    except ExtensionError as exc:
        raise EngineError(f"Engine: {exc}") from exc


def renderer(name: str = DEFAULT) -> Callable[..., None]:
    """The engine's ``render(config_file, docs_dir, site_dir, shard_sections=(), site_url=None,
    build_date=None)``; ``build_date`` (seconds since 1970, UTC) replaces the clock."""
    return engine(name).render


def render(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    shard_sections: tuple[str, ...] = (),
    build_date: int | None = None,
) -> None:
    """Render with the default engine."""
    renderer(DEFAULT)(config_file, docs_dir, site_dir, shard_sections, build_date=build_date)


__all__ = ["DEFAULT", "EngineError", "engine", "engine_names", "render", "renderer"]
