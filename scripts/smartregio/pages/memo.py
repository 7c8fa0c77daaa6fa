"""Entry and place pages kept by what they are made of, so an edit generates only the pages it
changes.

Every entry's and place's page is a function of its inputs alone — the entry's view (which holds
what the page shows of related entries and places), its text, its small map, the place's lists,
the front matter — and of the code, templates and installed packages (``scope``). The key of a
page is the SHA-256 of those inputs. A generation records each page's key and the SHA-256,
size and modification time of the file it wrote (``build/cache/seiten/``, safe to delete); the
next generation takes a page whose key is unchanged from the last ``docs`` folder instead of
rendering it: its folder moved over while the file has the recorded size and time, otherwise a
hard link checked against the recorded digest; never through a symlink. (A hand edit that keeps
a file's size and time is not seen; ``build/docs/`` is smartregio's own working folder, and
``--no-cache`` renders everything.) An edited entry changes its own view and the
views of the entries and places that show it, and so exactly their keys: those are rendered
again, nothing else. A taken page has the bytes a rendering would write: the result is that of
a full generation (``tests/test_build_cache.py`` compares after a series of edits).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import stat
from pathlib import Path

from ..atomic import write_text
from ..inputs import MAX_TABLE_BYTES, InputError, InputTree, open_regular

FORMAT = 2
Kept = tuple[str, str, int, int]  # a page's key, the SHA-256, size and modification time of its file


def _digest_of(path: Path) -> str:
    """The SHA-256 of a regular file, never read through a symlink."""
    with open_regular(path) as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class PageMemo:
    """The keys and digests of the last generation into ``docs`` and those of this one."""

    FOLDER = "seiten"  # under the project's build/cache/

    def __init__(self, record: Path, docs: Path, scope: str, previous: dict[str, Kept]) -> None:
        self.record = record
        self.docs = docs  # the last generation's folder, taken from while the next is written
        self.scope = scope
        self._salt = f"{FORMAT}\0{scope}\0".encode()
        self.previous = previous
        self.current: dict[str, Kept] = {}
        self.taken = 0
        self._made: set[Path] = set()  # section folders made in the new generation's folder
        self._sections: dict[Path, bool] = {}

    @classmethod
    def open(cls, cache: Path, docs: Path, scope: str, reuse: bool = True) -> PageMemo:
        """The memo of the generation into ``docs``; empty when there is none, it is unreadable,
        it was made with other code (``scope``), or ``reuse`` is off (everything rendered, the
        record renewed)."""
        name = hashlib.sha256(str(docs).encode("utf-8")).hexdigest()[:32]
        record = cache / cls.FOLDER / f"{name}.json"
        return cls(record, docs, scope, cls._read(record, docs, scope) if reuse else {})

    @staticmethod
    def _read(record: Path, docs: Path, scope: str) -> dict[str, Kept]:
        previous: dict[str, Kept] = {}
        if not docs.is_symlink():
            # a regular file only (no FIFO to block on, no link to follow), of a sane size
            with contextlib.suppress(InputError, ValueError, TypeError, AttributeError):
                text = InputTree(record.parent).read_text(record.name, MAX_TABLE_BYTES)
                data = json.loads(text)
                if data.get("format") == FORMAT and data.get("scope") == scope:
                    previous = {
                        str(p): (str(k), str(d), int(size), int(time))
                        for p, (k, d, size, time) in data["pages"].items()
                    }
        return previous

    def spec(self) -> tuple[Path, Path, str, bool]:
        """What another process needs to open this memo again (``of_spec``), small to send:
        the record is not written before this generation ends."""
        return self.record, self.docs, self.scope, bool(self.previous)

    @classmethod
    def of_spec(cls, spec: tuple[Path, Path, str, bool]) -> PageMemo:
        record, docs, scope, read = spec
        return cls(record, docs, scope, cls._read(record, docs, scope) if read else {})

    def key(self, *inputs: object) -> str:
        """The key of a page made of ``inputs`` (plain data and dataclasses: equal values give
        equal bytes; a difference in the bytes of equal values only costs a rendering)."""
        return hashlib.sha256(self._salt + pickle.dumps(inputs, protocol=5)).hexdigest()

    def take(self, path: str, key: str, target_docs: Path) -> bool:
        """Bring the last generation's page ``path`` (``<section>/<key>/index.md``) into
        ``target_docs`` if it was made of the same inputs and is still the file that generation
        wrote; False: render it."""
        kept = self.previous.get(path)
        if kept is None or kept[0] != key:
            return False
        source, target = self.docs / path, target_docs / path
        if not (self._move(source, target, kept) or self._link(source, target, kept)):
            return False
        self.current[path] = kept
        self.taken += 1
        return True

    def _move(self, source: Path, target: Path, kept: Kept) -> bool:
        """Move the page's own folder over whole — one rename instead of a new folder, a link
        and a read of the file (the last folder is removed after the swap anyway) — when it
        holds that file alone, unchanged since it was written (size and time as recorded)."""
        folder, into = source.parent, target.parent
        try:
            if self._linked(folder.parent) or folder.is_symlink():
                return False
            info = os.lstat(source)
            if not stat.S_ISREG(info.st_mode) or (info.st_size, info.st_mtime_ns) != kept[2:]:
                return False
            if os.listdir(folder) != [source.name] or os.path.lexists(into):
                return False
            if into.parent not in self._made:
                into.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(into.parent)
            os.rename(folder, into)
        except OSError:
            return False
        return True

    def _linked(self, section: Path) -> bool:
        """Whether a section folder of the last generation is a symlink (nothing is taken
        through one; checked once per folder)."""
        if section not in self._sections:
            self._sections[section] = section.is_symlink()
        return self._sections[section]

    def _link(self, source: Path, target: Path, kept: Kept) -> bool:
        """A hard link to the file, taken only while its bytes have the recorded digest."""
        try:
            if not stat.S_ISREG(os.lstat(source).st_mode):
                return False
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target, follow_symlinks=False)
            if _digest_of(target) != kept[1]:  # changed since: render it
                target.unlink()
                return False
        except OSError:
            with contextlib.suppress(OSError):
                if os.path.lexists(target):
                    target.unlink()
            return False
        return True

    def note(self, path: str, key: str, written: bytes, target: Path) -> None:
        """A page rendered and written to ``target`` with these bytes."""
        info = os.stat(target)
        self.current[path] = (key, hashlib.sha256(written).hexdigest(), info.st_size, info.st_mtime_ns)

    def hand_over(self) -> tuple[dict[str, Kept], int]:
        """What this copy of the memo recorded since the last call (pages and how many were
        taken), emptied: another process wrote these pages for the memo's owner."""
        records, taken = self.current, self.taken
        self.current, self.taken = {}, 0
        return records, taken

    def add(self, records: dict[str, Kept], taken: int) -> None:
        """Pages another process wrote or took into this generation's folder (``hand_over``)."""
        self.current.update(records)
        self.taken += taken

    def digests(self) -> dict[str, str]:
        """The SHA-256 of every page this generation took or wrote (the engine's stage needs
        them and need not read those files again)."""
        return {path: kept[1] for path, kept in self.current.items()}

    def save(self) -> None:
        """Keep this generation's keys for the next; a failure costs only the next one's time."""
        data = {"format": FORMAT, "scope": self.scope, "pages": dict(sorted(self.current.items()))}
        try:
            write_text(self.record, json.dumps(data, separators=(",", ":")))
        except OSError:
            with contextlib.suppress(OSError):
                self.record.unlink(missing_ok=True)
