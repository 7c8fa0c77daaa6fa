"""Where the parts of a site project live, and its settings, read once.

The pipeline, the preview server and the benchmark all need the same answers (where
``mkdocs.yml``, ``content/`` and the generated pages are); they take them from here.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from .inputs import KIND_PROBLEMS, InputTree
from .problems import Problems
from .settings import SiteSettings, load_settings


class ProjectError(Exception):
    """No project around the folder a command runs in."""


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
    def issue_forms(self) -> Path:
        """The repository's issue forms, which the Mitmachen page links."""
        return self.root / ".github" / "ISSUE_TEMPLATE"

    @property
    def docs(self) -> Path:
        return (self.build_root or self.root / "build") / "docs"

    @property
    def cache(self) -> Path:
        """What a build keeps for the next one (the search's word sets): in the project's own
        ``build/`` folder, whatever the work folder, so every build of the project shares it and
        nothing is written under the home folder."""
        return self.root / "build" / "cache"

    @functools.cached_property
    def settings(self) -> SiteSettings:
        """Read once per project; ``SettingsError`` names every wrong setting with its line."""
        return load_settings(self.config_file)

    def site_url(self) -> str:
        return self.settings.base_url

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    def refused_files(self) -> Problems:
        """Symlinks and special files among what the build reads from the project besides
        ``data/`` (hand-written pages, template overrides, issue forms, settings): the build
        refuses them all at once rather than publish ``/proc/self/environ`` or hang on a FIFO."""
        problems = Problems()
        root = Path(os.path.abspath(self.root))
        tree = InputTree(root)
        for folder in (self.content, self.overrides, self.issue_forms):
            for path, message in tree.refused(folder.relative_to(self.root)):
                problems.add(str(path), 0, "", message)  # relative to the project root
        for file in (self.config_file, self.root / "CHANGELOG.md"):
            kind = tree.kind(file.relative_to(self.root))
            if kind in KIND_PROBLEMS:
                problems.add(file.name, 0, "", KIND_PROBLEMS[kind])
        return problems


def find_project(data_dir: Path) -> Project:
    """The project around the working folder or the data folder: where ``mkdocs.yml`` is."""
    roots = list(dict.fromkeys((Path.cwd(), data_dir.resolve().parent)))
    for root in roots:
        if (root / "mkdocs.yml").is_file():
            return Project(root)
    raise ProjectError(
        f"Kein smartregio-Projekt gefunden: {' und '.join(map(str, roots))} enthält keine mkdocs.yml. "
        "Bitte im Projektordner aufrufen (dort, wo mkdocs.yml und data/ liegen)."
    )
