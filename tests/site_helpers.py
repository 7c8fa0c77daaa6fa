"""Helpers for tests that build a real site and look at it in a real browser."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from smartregio.pipeline import build_site
from smartregio.progress import Progress
from smartregio.project import Project
from smartregio_dev.localserve import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: F401 - the tests use them

REPO = Path(__file__).resolve().parents[1]


def build(data: Path, site: Path, work: Path, progress: Progress | None = None, use_cache: bool = True):
    """Build ``data`` into ``site`` with the repository's configuration and templates."""
    return build_site(data, site, Project(REPO, build_root=work), progress, use_cache=use_cache)


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


def wait_for_hits(page) -> None:
    """Until the first batch of hits is on screen, each of them: hits show one by one as their
    excerpts arrive, and the list says it is busy until the last of the batch is in."""
    from playwright.sync_api import expect

    # the catalogue's own list, rendered with the page, is replaced by the script's: the
    # script's is in once it marks the list as drawn
    expect(page.locator("[data-sr-results][data-sr-drawn]")).to_be_attached()
    expect(page.locator("[data-sr-results] > li").first).to_be_attached()
    expect(page.locator("[data-sr-results]")).not_to_have_attribute("aria-busy", "true")


# waiting on conditions, not for a fixed time
NO_ANIMATION = "() => document.getAnimations().every(a => a.playState !== 'running')"
IDLE = "() => new Promise(done => requestIdleCallback(() => done(true), {timeout: 1000}))"


def settle(page, timeout: float = 10_000) -> None:
    """Until the page is quiet: no request for 500 ms (Playwright's networkidle), no animation
    or transition running, and the browser idle once more, so whatever the page's scripts set
    off (a fetch, a fade-in, a list built after loading) has started or ended. Needs JavaScript."""
    page.wait_for_load_state("networkidle", timeout=timeout)
    page.wait_for_function(NO_ANIMATION, timeout=timeout)
    page.evaluate(IDLE)


def poll(page, expression: str, seconds: float = 2.0) -> bool:
    """Whether ``expression`` becomes true within ``seconds``, evaluated again and again: with
    JavaScript switched off wait_for_function cannot poll inside the page."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            return False
    return True


def named_keys(catalogue) -> set[str]:
    """The places an entry names (lead, partners, origin, used_by), computed from the entries."""
    return {
        key
        for items in catalogue.entries.values()
        for entry in items.values()
        for key in [
            *getattr(entry, "origin", []),
            *getattr(entry, "used_by", []),
            *getattr(entry, "partners", []),
        ]
        + ([entry.lead] if getattr(entry, "lead", None) else [])
    }


def project_copy(root: Path) -> Path:
    """A copy of the project (package, pages, templates, issue forms, configuration) in ``root``,
    for tests that change the code itself and run it in a fresh interpreter (:func:`run_fresh`)."""
    shutil.copytree(
        REPO / "scripts/smartregio", root / "scripts/smartregio", ignore=shutil.ignore_patterns("__pycache__")
    )
    for part in ("content", "overrides", ".github"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def run_fresh(project: Path, *args: str) -> subprocess.CompletedProcess:
    """``smartregio …`` in a new interpreter that imports the package copied into ``project``."""
    env = {**os.environ, "PYTHONPATH": str(project / "scripts"), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "smartregio", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
