"""The search index's parts kept between builds, under the project's ``build/cache/suche/``.

A part (see :mod:`searchparts`) is a run of marked pages; its Pagefind bundle depends on nothing
else but Pagefind's version. A build keeps each part's bundle under a digest of both and takes it
back when the same part comes again, so an edit re-indexes only the parts whose pages changed
(Pagefind itself cannot change an index it has written). Beside each part it keeps which part
the pages as the engine wrote them gave (by a digest of their HTML, the code and the dictionary)
with the counts of their words, so the pages of an unchanged part are not even read into the
marking again. Safe to delete: a missing or unreadable part is marked and indexed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path, PurePosixPath

from ..atomic import write_text
from ..inputs import MAX_TABLE_BYTES, InputError, InputTree
from ..outputs import working_prefix

SUFFIX = ".teil"
SOURCE_SUFFIX = ".quelle.json"  # which part the pages as the engine wrote them gave


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "unbekannt"


def source_key(scope: str, pages: list[tuple[str, bytes]]) -> str:
    """A digest of what a part's marked pages are made of: the pages' addresses and HTML as the
    engine wrote it, and ``scope`` (the code, the packages, the dictionary, the proper names)."""
    digest = hashlib.sha256(f"{_pagefind_version()}\0{scope}\0".encode())
    for url, html in pages:
        encoded = url.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)
        digest.update(len(html).to_bytes(8, "big") + html)
    return digest.hexdigest()


def part_key(pages: list[tuple[str, str]]) -> str:
    """A digest of Pagefind's version and the part's pages (address and marked text)."""
    digest = hashlib.sha256(_pagefind_version().encode("utf-8"))
    for url, text in pages:
        for value in (url, text):
            data = value.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class PartCache:
    """Parts' bundles by key in ``root``; ``reuse=False`` takes nothing back (a build without
    the cache) but keeps what it makes."""

    def __init__(self, root: Path, reuse: bool = True) -> None:
        self.root = root
        self.reuse = reuse

    def get(self, key: str) -> dict[str, bytes] | None:
        if not self.reuse:
            return None
        try:
            with zipfile.ZipFile(self.root / f"{key}{SUFFIX}") as kept:
                names = kept.namelist()
                # the names become paths in the site's bundle: only plain relative ones, as
                # Pagefind's service gives them (see pagefind_service.files)
                if any(PurePosixPath(n).is_absolute() or ".." in PurePosixPath(n).parts for n in names):
                    return None
                return {name: kept.read(name) for name in names}
        except (OSError, zipfile.BadZipFile, KeyError, ValueError):
            return None

    def put(self, key: str, files: dict[str, bytes]) -> None:
        """Keep ``files`` under ``key``: written beside and renamed into place; a failure to keep
        costs only the next build's time."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=working_prefix("teil"), dir=self.root)
            with os.fdopen(handle, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as kept:
                for name, data in sorted(files.items()):
                    kept.writestr(name, data)
            os.replace(temporary, self.root / f"{key}{SUFFIX}")
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temporary)

    def source(self, key: str) -> tuple[str, dict[str, int]] | None:
        """The key of the marked part that the pages of ``key`` (``source_key``) gave, and the
        number of those pages using each word (the vocabulary's counts), if kept: the pages
        need not be marked again."""
        if not self.reuse:
            return None
        try:  # a regular file only (no FIFO to block on, no link to follow)
            kept = json.loads(InputTree(self.root).read_text(f"{key}{SOURCE_SUFFIX}", MAX_TABLE_BYTES))
            marked, counts = str(kept["part"]), kept["words"]
            if not isinstance(counts, dict) or not all(
                isinstance(w, str) and isinstance(n, int) for w, n in counts.items()
            ):
                return None
            return marked, counts
        except (InputError, ValueError, KeyError, TypeError):
            return None

    def put_source(self, key: str, marked: str, counts: dict[str, int]) -> None:
        """Keep which marked part the pages of ``key`` gave, with their words' counts."""
        text = json.dumps({"part": marked, "words": counts}, ensure_ascii=False, sort_keys=True)
        with contextlib.suppress(OSError):  # not kept: the next build marks the part again
            write_text(self.root / f"{key}{SOURCE_SUFFIX}", text)

    def keep_only(self, keys: set[str]) -> None:
        """Remove the parts (and sources) of earlier builds that this one did not use."""
        if not self.root.is_dir():
            return
        for suffix in (SUFFIX, SOURCE_SUFFIX):
            for path in self.root.glob(f"*{suffix}"):
                if path.name.removesuffix(suffix) not in keys:
                    with contextlib.suppress(OSError):
                        path.unlink()
