"""``smartregio build``: validate → package → generate → engine → post-build → swap in.

Everything is written into staging folders beside the targets and swapped in with renames
at the end, so a failure at any step leaves the previous site untouched. The same input
gives byte-identical output: timestamps come from the data, every listing is sorted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

import yaml

from ..catalogue import Catalogue
from ..load import load_catalogue
from ..package.write import replace_dir, write_package
from ..problems import Problems
from .api import write_api
from .engine import render
from .generate import Generator
from .pagefind_index import index_site
from .views import Views


class BuildError(Exception):
    def __init__(self, message: str, problems: Problems | None = None) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass
class Project:
    """Where the parts of a site project live; by default the repository itself."""

    root: Path
    build_root: Path | None = None  # where generated pages go; default <root>/build

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def docs(self) -> Path:
        return (self.build_root or self.root / "build") / "docs"

    def settings(self) -> dict:
        config = yaml.safe_load(self.config_file.read_text(encoding="utf-8")) or {}
        return (config.get("extra") or {}).get("smartregio") or {}


def source_date(catalogue: Catalogue) -> int:
    """A build timestamp taken from the data (the newest review), never from the clock."""
    dates = [e.last_reviewed for items in catalogue.entries.values() for e in items.values()]
    newest = max(dates) if dates else datetime(2024, 1, 1).date()
    return int(datetime.combine(newest, time(12), tzinfo=UTC).timestamp())


def generate_docs(catalogue: Catalogue, project: Project) -> Path:
    """Write the engine's input folder afresh (staged, then swapped in)."""
    project.docs.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".docs-", dir=project.docs.parent)) / "docs"
    try:
        Generator(catalogue, project.settings().get("edit_url")).write(project.content, staging)
        replace_dir(staging, project.docs)
    finally:
        shutil.rmtree(staging.parent, ignore_errors=True)
    return project.docs


def build_site(data_dir: Path, site_dir: Path, project: Project) -> Catalogue:
    catalogue, problems = load_catalogue(data_dir)
    if problems:
        raise BuildError("Die Daten sind ungültig; die Website wurde nicht gebaut.", problems)
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date(catalogue))
    docs = generate_docs(catalogue, project)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        render(project.config_file, docs, staging)
        write_package(catalogue, data_dir, staging / "daten" / "latest")
        write_api(catalogue, Views(catalogue, project.settings().get("edit_url")), staging)
        index_site(staging)
        replace_dir(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return catalogue
