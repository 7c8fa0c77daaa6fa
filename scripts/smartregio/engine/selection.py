"""The engine's input folder with only some of the section pages, for a run that renders few.

A run that renders the navigation and a few hundred section pages used to read the whole
folder and leave the other pages out by MkDocs' ``exclude_docs``: MkDocs made a ``File`` of
each of the 22,000 pages at national size and matched it against the patterns, two seconds
of every such run. Here the run gets a folder of its own, made of hard links, in which the
left-out pages are not: it walks a few hundred files, and reads the same bytes under the
same paths, so every page renders as before.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..outputs import working_prefix

PAGE = "index.md"


@contextlib.contextmanager
def selected_docs(docs_dir: Path, sections: Iterable[str], pages: Iterable[str]) -> Iterator[Path]:
    """``docs_dir`` without the pages ``<section>/<key>/index.md`` of ``sections`` other than
    ``pages``; everything else of it is there, also any other file in a page's folder (as
    ``exclude_docs`` left it). The folder lies beside ``docs_dir`` (the build's work folder,
    one file system, so hard links work; copies where they do not) and is removed on leaving.
    The docs folder holds regular files only (the generator writes them, content with links
    is refused before): anything else raises ``OSError``, and nothing is read through it."""
    kept = {page.removesuffix(f"/{PAGE}") for page in pages}
    with tempfile.TemporaryDirectory(prefix=working_prefix("seiten"), dir=docs_dir.parent) as work:
        selected = Path(work) / "docs"
        selected.mkdir()
        chosen = frozenset(sections)
        for entry in _entries(docs_dir):
            if entry.name in chosen and entry.is_dir(follow_symlinks=False):
                _section(Path(entry.path), selected / entry.name, kept)
            else:
                _take(entry, selected / entry.name)
        yield selected


def _section(source: Path, target: Path, kept: set[str]) -> None:
    """A section's folder: its own files, the folders of the pages kept, and of the others
    whatever is in them besides their page (a folder made only when something is)."""
    target.mkdir()
    for entry in _entries(source):
        if not entry.is_dir(follow_symlinks=False) or f"{source.name}/{entry.name}" in kept:
            _take(entry, target / entry.name)
            continue
        made = False
        for inner in _entries(Path(entry.path)):
            if inner.name == PAGE:
                continue
            if not made:
                (target / entry.name).mkdir()
                made = True
            _take(inner, target / entry.name / inner.name)


def _take(entry: os.DirEntry, target: Path) -> None:
    """A folder whole, or a file (:func:`link_or_copy`)."""
    if entry.is_dir(follow_symlinks=False):
        target.mkdir()
        for inner in _entries(Path(entry.path)):
            _take(inner, target / inner.name)
        return
    link_or_copy(Path(entry.path), target)


def link_or_copy(source: Path, target: Path) -> None:
    """The same bytes under a second name: a hard link where the file system allows it, else a
    copy (no file is ever written through both names). Only a regular file is taken: a link,
    a pipe or a device raises ``OSError`` (an incremental build then renders all)."""
    if not stat.S_ISREG(os.lstat(source).st_mode):
        raise OSError(f"{source}: keine gewöhnliche Datei")
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:  # no hard links here (another file system)
        shutil.copy2(source, target, follow_symlinks=False)


def _entries(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as found:
        return sorted(found, key=lambda entry: entry.name)
