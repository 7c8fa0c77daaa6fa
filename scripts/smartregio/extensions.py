"""smartregio's extension points, each a small typed contract (in the manner of Datasette's hook
specifications): an **engine** renders the generated Markdown pages into HTML, a **download
format** writes the data package in one more format, an **importer** turns outside input into
entries.

An extension is registered as a Python entry point of its group (``pyproject.toml``,
``[project.entry-points."smartregio.engines"]`` …) that names an object fulfilling the contract.
The built-in ones are registered exactly so, in smartregio's own ``pyproject.toml``: there is no
second way in. Each registered extension is documented in ARCHITECTURE.md (a test checks it).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

ENGINES_GROUP = "smartregio.engines"
FORMATS_GROUP = "smartregio.formats"
IMPORTERS_GROUP = "smartregio.importers"


class ExtensionError(Exception):
    """A registered extension cannot be loaded or does not fulfil its contract (German message)."""


@runtime_checkable
class Engine(Protocol):
    """Renders the docs folder into a site folder. ``build_date`` (seconds since 1970, UTC)
    replaces the clock; ``site_url`` replaces the configured address (a stored version's copy);
    ``shard_sections`` names folders of entry pages the engine may split across processes."""

    name: str
    title: str  # as progress reports name it: „MkDocs“

    def render(
        self,
        config_file: Path,
        docs_dir: Path,
        site_dir: Path,
        shard_sections: tuple[str, ...] = (),
        site_url: str | None = None,
        build_date: int | None = None,
    ) -> None: ...


@runtime_checkable
class DownloadFormat(Protocol):
    """Writes the written data package (``package``: its folder with ``datapackage.json``) in one
    format into ``target`` as files named after ``name``; returns (path, German title) for each
    file, which the data page lists with size and checksum. ``order`` places it in the list of
    downloads; ``label``, ``mediatype`` and ``file_type`` (EU file-type code) describe its files."""

    name: str
    title: str
    order: int
    label: str
    mediatype: str
    file_type: str

    def write(self, package: Path, target: Path, name: str) -> list[tuple[Path, str]]: ...


@runtime_checkable
class Importer(Protocol):
    """``smartregio import <name> …``: declares its arguments, then turns them into an outcome
    (the entries written or the problems found, and notes) through ``importers.entries``."""

    name: str
    help: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> Any: ...


CONTRACTS: Mapping[str, type] = MappingProxyType(
    {ENGINES_GROUP: Engine, FORMATS_GROUP: DownloadFormat, IMPORTERS_GROUP: Importer}
)


@dataclass(frozen=True)
class Registered:
    """One entry point of a group, not yet loaded: its name and where it points."""

    group: str
    name: str
    value: str  # "module:attribute"

    def load(self) -> Any:
        """The extension object; raises :class:`ExtensionError` when it cannot be imported or
        does not fulfil its group's contract."""
        try:
            found = metadata.EntryPoint(self.name, self.value, self.group).load()
        except (ImportError, AttributeError) as exc:
            raise ExtensionError(
                f"Die Erweiterung „{self.name}“ ({self.value}) lässt sich nicht laden: {exc}"
            ) from exc
        contract = CONTRACTS[self.group]
        if not isinstance(found, contract) or found.name != self.name:
            raise ExtensionError(
                f"Die Erweiterung „{self.name}“ ({self.value}) erfüllt den Vertrag {contract.__name__} nicht."
            )
        return found


def registered(group: str) -> dict[str, Registered]:
    """The extensions registered for ``group``, by name, sorted; nothing is imported yet."""
    points = metadata.entry_points(group=group)
    return {p.name: Registered(group, p.name, p.value) for p in sorted(points, key=lambda p: p.name)}


def load(group: str, name: str) -> Any:
    """One extension of ``group`` by name; raises :class:`ExtensionError` naming the known ones."""
    known = registered(group)
    if name not in known:
        raise ExtensionError(f"Unbekannt: „{name}“. Möglich: {', '.join(known) or '–'}.")
    return known[name].load()


def load_all(group: str) -> list[Any]:
    """Every extension of ``group``, in name order."""
    return [entry.load() for entry in registered(group).values()]
