"""The one way smartregio reads the project's own files: regular files inside their tree.

``content/``, ``data/`` (entries, reference tables, stored releases), ``overrides/`` and the
issue forms come from pull requests, so a file there may be a symlink to ``/proc/self/environ``,
a FIFO that blocks forever, a device that never ends, or a path that climbs out with ``..``.
Every read goes through :class:`InputTree`: each folder on the way is opened without following
symlinks (``openat`` with ``O_NOFOLLOW``), the file must be a regular file, its size is checked
before a byte is read, and every failure becomes an :class:`InputError` with a German message
instead of a traceback or a hang.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .text import format_number

# the largest file of each kind the project reads; checked before reading
MAX_TEXT_BYTES = 1_000_000  # an entry, a reference table, a YAML file
MAX_TABLE_BYTES = 50_000_000  # the place table of every municipality, the boundaries for maps
MAX_ASSET_BYTES = 20_000_000  # an image or a download among the hand-written pages
MAX_RELEASE_FILE_BYTES = 200_000_000  # one stored download of a release

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


@contextmanager
def open_regular(path: Path) -> Iterator[BinaryIO]:
    """A file of smartregio's own working folders (``build/``, the site) opened for reading
    if it is a regular file and not a symlink; ``OSError`` otherwise. A FIFO put in its place
    does not block the open, and nothing is read through a link (the folders on the way are
    smartregio's own; a contributor's files go through :class:`InputTree`)."""
    descriptor = os.open(path, _FILE_FLAGS)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path}: keine gewöhnliche Datei")
        yield handle


class InputError(Exception):
    """A file the project may not or cannot read; ``message`` is German and names no secret."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Item:
    """One name in a folder listing, classified without following it."""

    name: str
    kind: str  # "file", "dir", "link" or "other" (device, FIFO, socket)


def _os_message(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.EACCES, errno.EPERM):
        return "Keine Leseberechtigung für diese Datei; bitte die Rechte prüfen (chmod)."
    if exc.errno == errno.ELOOP:
        return "Verknüpfungen (Symlinks) sind im Projekt nicht erlaubt; bitte die Datei selbst ablegen."
    if exc.errno == errno.ENOENT:
        return "Die Datei fehlt."
    if exc.errno == errno.ENOTDIR:
        return "Ein Teil des Pfads ist kein Ordner."
    return f"Die Datei kann nicht gelesen werden ({exc.strerror or exc})."


class InputTree:
    """A folder whose files smartregio reads; nothing outside it and no symlink inside it."""

    def __init__(self, root: Path) -> None:
        self.given = Path(os.path.abspath(root))  # as the caller named it
        self.root = Path(os.path.realpath(root))  # the operator's choice of root may be a link

    # --- paths -------------------------------------------------------------------------------
    def relative(self, path: Path | str) -> PurePosixPath:
        """``path`` (absolute, or relative to the root) as parts below the root; refuses ``..``
        and anything outside the tree."""
        given = Path(path)
        absolute = Path(os.path.abspath(given if given.is_absolute() else self.given / given))
        for root in (self.given, self.root):
            if absolute.is_relative_to(root):
                rel = absolute.relative_to(root)
                break
        else:
            raise InputError("Der Pfad liegt außerhalb des Projekts.")
        parts = PurePosixPath(*rel.parts) if rel.parts else PurePosixPath()
        if any(part in ("..", "") for part in parts.parts):
            raise InputError("Der Pfad liegt außerhalb des Projekts.")
        return parts

    @contextmanager
    def _folder_fd(self, parts: tuple[str, ...]) -> Iterator[int]:
        """A descriptor of the folder ``root/parts``, opened one level at a time, no symlinks."""
        try:
            fd = os.open(self.root, _DIR_FLAGS)
        except OSError as exc:
            raise InputError(_folder_message(exc)) from None
        try:
            for part in parts:
                try:
                    child = os.open(part, _DIR_FLAGS, dir_fd=fd)
                except OSError as exc:
                    raise InputError(_folder_message(exc)) from None
                os.close(fd)
                fd = child
            yield fd
        finally:
            os.close(fd)

    # --- reading -----------------------------------------------------------------------------
    def read_bytes(self, path: Path | str, limit: int = MAX_TEXT_BYTES) -> bytes:
        """The bytes of a regular file in the tree, at most ``limit`` of them."""
        parts = self.relative(path).parts
        if not parts:
            raise InputError("Das ist ein Ordner, keine Datei.")
        with self._folder_fd(parts[:-1]) as folder:
            try:
                fd = os.open(parts[-1], _FILE_FLAGS, dir_fd=folder)
            except OSError as exc:
                raise InputError(_os_message(exc)) from None
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputError("Das ist ein Ordner, keine Datei.")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(
                    "Das ist keine gewöhnliche Datei (Gerät, Pipe oder Socket); solche Dateien liest "
                    "smartregio nicht."
                )
            if info.st_size > limit:
                raise InputError(
                    f"Datei ist zu groß ({format_number(info.st_size)} Bytes, "
                    f"höchstens {format_number(limit)})."
                )
            chunks, total = [], 0
            while total <= limit:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            if total > limit:  # grew while being read
                raise InputError(f"Datei ist zu groß (mehr als {format_number(limit)} Bytes).")
            return b"".join(chunks)
        except OSError as exc:
            raise InputError(_os_message(exc)) from None
        finally:
            os.close(fd)

    def read_text(self, path: Path | str, limit: int = MAX_TEXT_BYTES) -> str:
        """UTF-8 text (with or without BOM) of a regular file in the tree."""
        raw = self.read_bytes(path, limit)
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(
                f"Zeile {line}: Datei ist nicht in UTF-8 gespeichert (Byte 0x{raw[exc.start]:02X}). "
                "Bitte als UTF-8 speichern."
            ) from None

    # --- listing -----------------------------------------------------------------------------
    def kind(self, path: Path | str) -> str:
        """ "file", "dir", "link", "other" or "missing" — without following a symlink."""
        parts = self.relative(path).parts
        if not parts:
            return "dir"
        try:
            with self._folder_fd(parts[:-1]) as folder:
                info = os.stat(parts[-1], dir_fd=folder, follow_symlinks=False)
        except InputError:
            return "missing"
        except FileNotFoundError:
            return "missing"
        except OSError:
            return "other"
        return _kind(info.st_mode)

    def list(self, folder: Path | str = "") -> list[Item]:
        """The names in a folder of the tree, sorted, each classified without following it."""
        parts = self.relative(folder).parts
        with self._folder_fd(parts) as fd:
            items = []
            try:
                for name in os.listdir(fd):
                    try:
                        info = os.stat(name, dir_fd=fd, follow_symlinks=False)
                    except OSError:
                        items.append(Item(name, "other"))
                        continue
                    items.append(Item(name, _kind(info.st_mode)))
            except OSError as exc:
                raise InputError(_folder_message(exc)) from None
        return sorted(items, key=lambda item: item.name)

    def walk(self, folder: Path | str = "") -> Iterator[tuple[PurePosixPath, Item]]:
        """Every name below ``folder``, depth first, sorted; symlinked folders are not entered."""
        base = self.relative(folder)
        for item in self.list(base):
            yield base / item.name, item
            if item.kind == "dir":
                yield from self.walk(base / item.name)

    def refused(self, folder: Path | str = "") -> list[tuple[PurePosixPath, str]]:
        """Every name below ``folder`` that smartregio will not read, with the reason."""
        if self.kind(folder) == "missing":
            return []
        try:
            return [
                (path, KIND_PROBLEMS[item.kind])
                for path, item in self.walk(folder)
                if item.kind in KIND_PROBLEMS
            ]
        except InputError as exc:
            return [(self.relative(folder), exc.message)]

    def copy_into(self, folder: Path | str, target: Path, limit: int = MAX_ASSET_BYTES) -> int:
        """Copy the regular files below ``folder`` to ``target`` (new), byte by byte through
        :meth:`read_bytes`; a symlink or special file raises :class:`InputError`."""
        base = self.relative(folder)
        target.mkdir(parents=True)
        count = 0
        for path, item in self.walk(base):
            out = target / path.relative_to(base)
            if item.kind == "dir":
                out.mkdir()
            elif item.kind == "file":
                out.write_bytes(self.read_bytes(path, limit))
                count += 1
            else:
                raise InputError(f"{path}: {KIND_PROBLEMS[item.kind]}")
        return count


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    return "other"


def _folder_message(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
        return (
            "Der Ordner ist eine Verknüpfung (Symlink) oder kein Ordner; verknüpfte Ordner liest "
            "smartregio nicht."
        )
    if exc.errno == errno.ENOENT:
        return "Der Ordner fehlt."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "Keine Leseberechtigung für diesen Ordner; bitte die Rechte prüfen (chmod)."
    return f"Der Ordner kann nicht gelesen werden ({exc.strerror or exc})."


KIND_PROBLEMS = {
    "link": "Verknüpfungen (Symlinks) sind im Projekt nicht erlaubt; bitte die Datei selbst ablegen.",
    "other": "Das ist keine gewöhnliche Datei (Gerät, Pipe oder Socket); solche Dateien liest "
    "smartregio nicht.",
}
