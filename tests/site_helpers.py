"""Helpers for tests that build a real site and look at it in a real browser."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from smartregio.pipeline import build_site
from smartregio.progress import SILENT, Progress
from smartregio.project import Project
from smartregio_dev.localserve import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: F401 - the tests use them

REPO = Path(__file__).resolve().parents[1]


def build(data: Path, site: Path, work: Path, progress: Progress = SILENT):
    """Build ``data`` into ``site`` with the repository's configuration and templates."""
    return build_site(data, site, Project(REPO, build_root=work), progress)


def project_with_config(root: Path, config: str) -> Project:
    """A project in ``root`` with its own ``mkdocs.yml`` and a copy of the repository's
    content, templates and issue forms (copies: the build refuses symlinked folders)."""
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for part in ("content", "overrides", ".github"):
        shutil.copytree(REPO / part, root / part)
    return Project(root, build_root=root / "work")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def status(page):
    """The live line that says how many hits a catalogue or the search found."""
    return page.locator("[data-sr-status]")


def named_keys(catalogue) -> set[str]:
    """The places an entry names (lead, partners, origin, used_by), computed from the entries."""
    return {
        key
        for items in catalogue.entries.values()
        for entry in items.values()
        for key in [*getattr(entry, "origin", []), *getattr(entry, "used_by", []), *getattr(entry, "partners", [])]
        + ([entry.lead] if getattr(entry, "lead", None) else [])
    }
