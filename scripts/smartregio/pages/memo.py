"""Entry and place pages kept by what they are made of, so an edit generates only the pages it
changes.

Every entry's and place's page is a function of its inputs alone — the entry's view (which holds
what the page shows of related entries and places), its text, its small map, the place's lists,
the front matter — and of the code, templates and installed packages (``scope``). The key of a
page is the SHA-256 of those inputs. A generation records each page's key and the SHA-256 of
the file it wrote (``build/cache/seiten/``, safe to delete); the next generation takes a page
whose key is unchanged from the last ``docs`` folder (a hard link, checked against the recorded
digest after linking) instead of rendering it. An edited entry changes its own view and the
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

FORMAT = 1
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)


def _digest_of(path: Path) -> str:
    """The SHA-256 of a regular file, never read through a symlink."""
    descriptor = os.open(path, _READ_FLAGS)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path}: keine gewöhnliche Datei")
        return hashlib.file_digest(handle, "sha256").hexdigest()


class PageMemo:
    """The keys and digests of the last generation into ``docs`` and those of this one."""

    def __init__(self, record: Path, docs: Path, scope: str, previous: dict[str, tuple[str, str]]) -> None:
        self.record = record
        self.docs = docs  # the last generation's folder, taken from while the next is written
        self.scope = scope
        self._salt = f"{FORMAT}\0{scope}\0".encode()
        self.previous = previous
        self.current: dict[str, tuple[str, str]] = {}
        self.taken = 0

    @classmethod
    def open(cls, cache: Path, docs: Path, scope: str, reuse: bool = True) -> PageMemo:
        """The memo of the generation into ``docs``; empty when there is none, it is unreadable,
        it was made with other code (``scope``), or ``reuse`` is off (everything rendered, the
        record renewed)."""
        name = hashlib.sha256(str(docs).encode("utf-8")).hexdigest()[:32]
        record = cache / "seiten" / f"{name}.json"
        previous: dict[str, tuple[str, str]] = {}
        if reuse and not docs.is_symlink():
            with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                data = json.loads(record.read_text(encoding="utf-8"))
                if data.get("format") == FORMAT and data.get("scope") == scope:
                    previous = {str(p): (str(k), str(d)) for p, (k, d) in data["pages"].items()}
        return cls(record, docs, scope, previous)

    def key(self, *inputs: object) -> str:
        """The key of a page made of ``inputs`` (plain data and dataclasses: equal values give
        equal bytes; a difference in the bytes of equal values only costs a rendering)."""
        return hashlib.sha256(self._salt + pickle.dumps(inputs, protocol=5)).hexdigest()

    def take(self, path: str, key: str, target_docs: Path) -> bool:
        """Link the last generation's page ``path`` into ``target_docs`` if it was made of the
        same inputs and is still the file that generation wrote; False: render it."""
        kept = self.previous.get(path)
        if kept is None or kept[0] != key:
            return False
        source, target = self.docs / path, target_docs / path
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
        self.current[path] = kept
        self.taken += 1
        return True

    def note(self, path: str, key: str, written: bytes) -> None:
        """A page rendered and written with these bytes."""
        self.current[path] = (key, hashlib.sha256(written).hexdigest())

    def digests(self) -> dict[str, str]:
        """The SHA-256 of every page this generation took or wrote (the engine's stage needs
        them and need not read those files again)."""
        return {path: digest for path, (_, digest) in self.current.items()}

    def save(self) -> None:
        """Keep this generation's keys for the next; a failure costs only the next one's time."""
        data = {"format": FORMAT, "scope": self.scope, "pages": dict(sorted(self.current.items()))}
        try:
            self.record.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.record.with_name(f"{self.record.name}.{os.getpid()}")
            temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            temporary.replace(self.record)
        except OSError:
            self.record.unlink(missing_ok=True)
