"""The folders smartregio may write: its own, and no other.

A build or ``package --out`` replaces its target folder whole. That is only safe for a folder
smartregio made: a new or empty one, or one that carries the marker file smartregio leaves in
every output (as MkDocs refuses to clean a folder that holds ``mkdocs.yml``). The project root,
its sources (``data/``, ``content/``, ``overrides/``, ``scripts/``, ``tests/``, ``.git``) and the
folders above them are never replaced, whatever the command line says.

Working folders beside a target carry ``smartregio-<pid>-`` in their name; a later start
removes those whose process is gone (a build killed with ``kill -9`` leaves them behind).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

MARKER = ".smartregio-ausgabe"
MARKER_TEXT = (
    "Diesen Ordner hat smartregio geschrieben; der nächste Lauf ersetzt ihn ganz.\n"
    "This folder was written by smartregio; the next run replaces it whole.\n"
)
# folders of a project that no output may replace, contain or sit inside
SOURCES = ("data", "content", "overrides", "scripts", "tests", ".git", ".github")
_WORKING = re.compile(r"\..*smartregio-(?P<pid>\d+)-[a-z0-9_]{8}")


class OutputError(Exception):
    """A target folder smartregio will not replace; the message says why, in German."""


def working_prefix(name: str) -> str:
    """Name prefix of a working folder beside a target: ``.<name>-smartregio-<pid>-``."""
    return f".{name}-smartregio-{os.getpid()}-"


def remove_stale(parent: Path) -> list[Path]:
    """Remove working folders in ``parent`` left by runs that no longer exist."""
    removed = []
    try:
        names = os.listdir(parent)
    except OSError:
        return removed
    for name in names:
        match = _WORKING.fullmatch(name)
        path = parent / name
        if not match or path.is_symlink() or not path.is_dir() or _alive(int(match["pid"])):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def claim(
    target: Path, project_root: Path | None, data_dir: Path | None = None, owned: Iterable[Path] = ()
) -> Path:
    """Check that ``target`` may be replaced whole; returns it resolved.

    Never the project root or a folder above it, never a source folder (``data/``, ``content/``
    …, and the data folder named on the command line) or anything inside one. ``owned`` are
    the project's default output folders (``site/``, ``build/docs``), smartregio's by
    definition, even when written by a version before the marker."""
    if target.is_symlink():
        raise OutputError(
            f"{target}: Das Ziel ist eine Verknüpfung (Symlink); bitte einen echten Ordner angeben."
        )
    resolved = target.resolve()
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        raise OutputError(f"{target}: Das Wurzel- oder Home-Verzeichnis ersetzt smartregio nicht.")
    sources = []
    if project_root is not None:
        root = project_root.resolve()
        if root.is_relative_to(resolved):
            raise OutputError(
                f"{target}: Dieser Ordner ist das Projekt oder enthält es; er wird nicht ersetzt."
            )
        sources += [root / name for name in SOURCES]
    if data_dir is not None:
        sources.append(data_dir.resolve())
    for source in sources:
        if source.is_relative_to(resolved) or resolved.is_relative_to(source):
            raise OutputError(
                f"{target}: Dieser Ordner gehört zu den Quellen des Projekts ({source.name}/) oder enthält "
                "sie; smartregio schreibt Ausgaben nur in eigene Ordner wie site/ oder einen neuen Ordner."
            )
    if not resolved.exists():
        return resolved
    if not resolved.is_dir():
        raise OutputError(f"{target}: Das Ziel ist eine Datei, kein Ordner.")
    if resolved in {p.resolve() for p in owned} or (resolved / MARKER).is_file():
        return resolved
    if (resolved / "mkdocs.yml").exists() or (resolved / ".git").exists():
        raise OutputError(
            f"{target}: Der Ordner enthält ein Projekt (mkdocs.yml oder .git); er wird nicht ersetzt."
        )
    if any(resolved.iterdir()):
        raise OutputError(
            f"{target}: Der Ordner ist nicht leer und wurde nicht von smartregio angelegt (die Datei "
            f"{MARKER} fehlt). Er würde ganz ersetzt; bitte einen neuen oder leeren Ordner angeben."
        )
    return resolved


def refuse_links(folders: Iterable[Path], root: Path) -> None:
    """Folders smartregio writes into without replacing them (its cache under ``build/``):
    none may be a symlink, which would carry the writes out of the project."""
    for folder in folders:
        if folder.is_symlink():
            name = folder.relative_to(root) if folder.is_relative_to(root) else folder
            raise OutputError(
                f"{name}: Der Ordner ist eine Verknüpfung (Symlink); smartregio schreibt dort nur in "
                "einen echten Ordner des Projekts. Bitte die Verknüpfung entfernen (build/cache/ "
                "darf gelöscht werden, der nächste Bau legt ihn neu an)."
            )


def mark(folder: Path) -> None:
    """Leave the marker that lets the next run replace ``folder``."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
