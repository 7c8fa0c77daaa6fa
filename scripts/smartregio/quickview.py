"""The preview's first answer to an edit: the edited entries' own pages, within a second.

A full build takes half a minute on the shipped data (every page, the search index, the
downloads). After an edit of entry files only, the preview first checks the whole data as the
build does (unchanged files are not read again, see ``load.LoadCache``), then makes the pages
of just those entries and lets the engine render just them, beside a copy of the navigation's
pages from the last full build (the engine's „dirty“ run, ``render_changed``). An entry page is
outside the navigation, so its HTML is the one the full build will write. The preview serves
these pages until the full build that follows has them (``preview.py``).
"""

from __future__ import annotations

import gc
import os
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .addresses import SECTIONS
from .catalogue import COLLECTIONS, Catalogue
from .engine import engine as engine_named
from .load import LoadCache, load_catalogue
from .pages.generate import Generator, write_page
from .pages.views import Relations, Views
from .pipeline import source_date
from .problems import Problems
from .project import Project


@dataclass
class Answer:
    """What the quick pass found: the problems of the data (then no page), or the HTML of each
    edited entry's page by its path in the site (``loesungen/ckan/index.html``)."""

    problems: Problems | None = None
    pages: dict[str, bytes] = field(default_factory=dict)


class QuickPages:
    """The quick pass's own folders (``docs/`` and ``site/`` under ``folder``) and what it keeps
    between edits: the last load, the engine and the engine's compiled templates."""

    def __init__(self, data_dir: Path, project: Project, folder: Path, engine: str) -> None:
        self.data_dir = data_dir
        self.project = project
        self.folder = folder
        self.docs = folder / "docs"
        self.site = folder / "site"
        self.cache = LoadCache()
        self.engine = engine_named(engine)
        self.compiled: dict[str, bytes] = {}  # the templates the engine compiled (in memory)
        self.ready = False  # the navigation's pages are there (after the first ``follow``)
        self._last: tuple[Catalogue, Relations] | None = None  # the last answer's catalogue

    def follow(self, docs: Path, project: Project) -> None:
        """Take the navigation's pages and files from a full build's ``docs`` (each file only
        when its bytes changed, so the engine renders again only those), drop the entry pages of
        earlier edits (the full build has them now) and render what changed."""
        self.project = project  # the build read the settings anew
        if not hasattr(self.engine, "render_changed"):
            return
        self._own_folder()
        wanted = set(_navigation_files(docs))
        for rel in wanted:
            source, target = docs / rel, self.docs / rel
            data = source.read_bytes()
            if not target.is_file() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        if self.docs.is_dir():
            for rel in set(_all_files(self.docs)) - wanted:
                (self.docs / rel).unlink()
                for folder in (self.docs / rel).parents:  # an emptied entry folder goes too
                    if folder == self.docs or any(folder.iterdir()):
                        break
                    folder.rmdir()
        for section in SECTIONS.values():  # the earlier edits' HTML: the full build has them
            for page in (self.site / section).glob("*/index.html"):
                shutil.rmtree(page.parent)
        # the next edit reads only its own file, and finds the relations made
        catalogue, problems = load_catalogue(self.data_dir, self.cache)
        self._last = None if problems else (catalogue, Relations(catalogue))
        warm = self._warm(*self._last) if self._last is not None else []
        self.engine.render_changed(self.project.config_file, self.docs, self.site, compiled=self.compiled)
        for path in warm:  # rendered for their templates only: the full build has these pages
            (self.docs / path).unlink()
            shutil.rmtree((self.site / path).parent, ignore_errors=True)
        # the collector's full pass over the catalogue just loaded, now rather than in the
        # reader's first edit (a third of a second at 10,000 entries)
        gc.collect()
        self.ready = True

    def _warm(self, catalogue: Catalogue, relations: Relations) -> list[str]:
        """Write one entry's page of each collection for the engine's next run: the generator's
        and the engine's templates of an entry page are then compiled before the first edit,
        not while the reader waits for it. Returns the pages' paths."""
        generator = self._generator(catalogue, relations)
        paths = []
        for collection, entries in catalogue.entries.items():
            entry = next(iter(entries.values()), None)
            if entry is not None:
                page = generator.entry_page(collection, entry)
                write_page(self.docs, page)
                paths.append(page.path)
        return paths

    def _generator(self, catalogue: Catalogue, relations: Relations) -> Generator:
        """The project's generator over views made with the kept ``relations``."""
        views = Views(catalogue, self.project.settings.smartregio.edit_url, relations=relations)
        return Generator.for_project(self.project, catalogue, views=views)

    def answer(self, changed: Iterable[Path]) -> Answer | None:
        """The pages of the entries in ``changed``, or the data's problems; None when the change
        is not only to existing entry files (the full build does the rest) or nothing is ready."""
        if self.ready:
            self._own_folder()
        if not self.ready or not hasattr(self.engine, "render_changed"):
            return None
        edited = [_entry_of(path, self.data_dir) for path in changed]
        if not edited or None in edited:
            return None
        catalogue, problems = load_catalogue(self.data_dir, self.cache)
        problems.extend(self.project.refused_files())
        if problems:
            return Answer(problems=problems)
        # the last load's relations again when the edit changed no link (``Relations.of``)
        relations = Relations.of(catalogue, self._last)
        self._last = (catalogue, relations)
        generator = self._generator(catalogue, relations)
        paths = []
        for collection, key in sorted(set(edited)):  # type: ignore[type-var]
            entry = catalogue.entries[collection].get(key)
            if entry is None:
                return None
            page = generator.entry_page(collection, entry)
            write_page(self.docs, page)
            paths.append(f"{SECTIONS[collection]}/{key}/index.html")
        self.engine.render_changed(
            self.project.config_file,
            self.docs,
            self.site,
            build_date=source_date(catalogue),
            compiled=self.compiled,
        )
        return Answer(pages={path: (self.site / path).read_bytes() for path in paths})

    def _own_folder(self) -> None:
        """The quick pass writes only into real folders and files of its own: anything else
        found in its folder (a link to elsewhere, a pipe) and the folder goes, to be made anew
        (the next ``follow`` fills it; until then the full build answers)."""
        if self.folder.is_symlink():
            self.folder.unlink()
            self.ready = False
            return
        for top, dirs, files in os.walk(self.folder):
            for name in dirs + files:
                mode = os.lstat(os.path.join(top, name)).st_mode
                if not (stat.S_ISDIR(mode) if name in dirs else stat.S_ISREG(mode)):
                    shutil.rmtree(self.folder)
                    self.ready = False
                    return


def _entry_of(path: Path, data_dir: Path) -> tuple[str, str] | None:
    """(collection, id) of an existing entry file, else None."""
    try:
        rel = path.relative_to(data_dir)
    except ValueError:
        return None
    if len(rel.parts) != 2 or rel.parts[0] not in COLLECTIONS or rel.suffix != ".md":
        return None
    if not path.is_file() or path.is_symlink():
        return None
    return rel.parts[0], rel.stem


def _navigation_files(docs: Path) -> Iterable[str]:
    """Every file of ``docs`` but the entry and place pages (``<section>/<key>/index.md``)."""
    sections = set(SECTIONS.values())
    for top, dirs, files in os.walk(docs):
        rel = Path(top).relative_to(docs)
        if len(rel.parts) == 1 and rel.parts[0] in sections:
            dirs[:] = []  # the section's own page only: below it are the entries' pages
        for name in files:
            yield (rel / name).as_posix()


def _all_files(folder: Path) -> Iterable[str]:
    for top, _, files in os.walk(folder):
        rel = Path(top).relative_to(folder)
        for name in files:
            yield (rel / name).as_posix()
