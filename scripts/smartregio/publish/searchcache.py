"""The search index's parts kept between builds, under the project's ``build/cache/suche/``.

A part (see :mod:`searchparts`) is a run of marked pages; its Pagefind bundle depends on nothing
else but Pagefind's version. A build keeps each part's bundle under a digest of both and takes it
back when the same part comes again, so an edit re-indexes only the parts whose pages changed
(Pagefind itself cannot change an index it has written). Beside each part it keeps which part
the pages as the engine wrote them gave (by a digest of their HTML, the code and the dictionary)
with the counts of their words, so the pages of an unchanged part are not even read into the
marking again, and the digest of each page with where and when the engine wrote it
(:class:`PageStats`), so a page the engine took unchanged from the last site is not even read.
And the marked text and words of each page of the part last marked at each position, by the
digest of the page's HTML (:meth:`PartCache.marks`), so an edit marks only the pages it changed,
not the whole part they are in.
Safe to delete: a missing or unreadable part is marked and indexed again.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import os
import tempfile
import time
import zipfile
import zlib
from importlib import metadata
from pathlib import Path, PurePosixPath

import cbor2

from ..atomic import write_bytes, write_text
from ..inputs import MAX_TABLE_BYTES, InputError, InputTree
from ..outputs import working_prefix

SUFFIX = ".teil"
SOURCE_SUFFIX = ".quelle.json"  # which part the pages as the engine wrote them gave
TABLE_SUFFIX = ".woerter"  # a part's word table for the join (CBOR, see searchparts.Postings)
CHUNK_SUFFIX = ".pf_index"  # a joined chunk of the word index, compressed
MARKS_SUFFIX = ".markiert"  # the marked text and words of the pages of the part at a position
_SUFFIXES = (SUFFIX, SOURCE_SUFFIX, TABLE_SUFFIX, CHUNK_SUFFIX, MARKS_SUFFIX)
PAGE_STATS = "seiten.json"  # each page's digest by where and when it was written (PageStats)
MAX_MARKS_BYTES = 4 * MAX_TABLE_BYTES  # a part's marks unpacked (~3 MB for 500 pages)
Mark = tuple[str | None, list[str]]  # a page's marked text (None: not indexed) and its words


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "unbekannt"


def source_key(scope: str, pages: list[tuple[str, str]]) -> str:
    """A digest of what a part's marked pages are made of: the pages' addresses and the digests
    of their HTML as the engine wrote it, and ``scope`` (the code, the packages, the
    dictionary, the proper names)."""
    digest = hashlib.sha256(f"{_pagefind_version()}\0{scope}\0".encode())
    for url, page_digest in pages:
        for value in (url, page_digest):
            encoded = value.encode("utf-8")
            digest.update(len(encoded).to_bytes(8, "big") + encoded)
    return digest.hexdigest()


class PageStats:
    """Each page's SHA-256 and whether Pagefind reads it, by its path, device, inode, size and
    modification time, as ``git`` keeps its index: the engine links a page it did not render
    again from the last site (the same inode, untouched), so its digest is known without
    reading it. A page written less than :data:`RACY_NS` before it was looked at is not kept
    (a change within the same tick of the file system's clock would keep size and time)."""

    RACY_NS = 2_000_000_000

    def __init__(self, kept: dict[str, list] | None = None) -> None:
        self.kept = kept or {}
        self.seen: dict[str, list] = {}
        self.looked = time.time_ns()

    @staticmethod
    def _stamp(info: os.stat_result) -> list[int]:
        return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns]

    def known(self, path: str, info: os.stat_result) -> tuple[str, bool] | None:
        """The digest and whether Pagefind reads the page, if the file is the one looked at."""
        record = self.kept.get(path)
        if record is None or record[:4] != self._stamp(info):
            return None
        self.seen[path] = record
        return record[4], record[5]

    def note(self, path: str, info: os.stat_result, digest: str, indexed: bool) -> None:
        if info.st_mtime_ns < self.looked - self.RACY_NS:
            self.seen[path] = [*self._stamp(info), digest, indexed]

    @classmethod
    def parse(cls, data: bytes) -> PageStats:
        """The kept records; anything else than a mapping of path to a well-formed record is
        not taken (the pages are then read)."""
        kept = json.loads(data)
        if not isinstance(kept, dict):
            raise ValueError("keine Zuordnung")
        for path, record in kept.items():
            if not (
                isinstance(path, str)
                and isinstance(record, list)
                and len(record) == 6
                and all(isinstance(n, int) and not isinstance(n, bool) for n in record[:4])
                and isinstance(record[4], str)
                and isinstance(record[5], bool)
            ):
                raise ValueError("kein Seiteneintrag")
        return cls(kept)

    def dumps(self) -> str:
        return json.dumps(self.seen, sort_keys=True, separators=(",", ":"))


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

    FOLDER = "suche"  # under build/cache/, one folder per site

    def __init__(self, root: Path, reuse: bool = True) -> None:
        self.root = root
        self.reuse = reuse
        self.joined: set[str] = set()  # the tables and chunks of this build's join

    def get(self, key: str) -> dict[str, bytes] | None:
        if not self.reuse:
            return None
        try:  # a regular file only (no FIFO to block on, no link to follow)
            with zipfile.ZipFile(io.BytesIO(self._read(f"{key}{SUFFIX}"))) as kept:
                names = kept.namelist()
                # the names become paths in the site's bundle: only plain relative ones, as
                # Pagefind's service gives them (see pagefind_service.files)
                if any(PurePosixPath(n).is_absolute() or ".." in PurePosixPath(n).parts for n in names):
                    return None
                return {name: kept.read(name) for name in names}
        except (InputError, OSError, zipfile.BadZipFile, KeyError, ValueError):
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

    @staticmethod
    def marks_name(position: int, scope: str) -> str:
        """The marks' name names their scope: after a change of code, dictionary or names no
        build unpacks marks it cannot use (26 parts' at 10,000 entries: 0.35 s)."""
        return f"teil-{position}-{hashlib.sha256(scope.encode('utf-8')).hexdigest()[:16]}"

    def marks(self, position: int, scope: str) -> dict[str, Mark]:
        """The marked text (None: a page Pagefind skips) and the words of each page of the part
        last marked at ``position``, by the SHA-256 of the page's HTML, if they were marked
        with the same code, dictionary and names (``scope``); empty otherwise."""
        if not self.reuse:
            return {}
        try:
            packed = self._read(f"{self.marks_name(position, scope)}{MARKS_SUFFIX}")
            inflate = zlib.decompressobj()
            raw = inflate.decompress(packed, MAX_MARKS_BYTES)
            if inflate.unconsumed_tail or not inflate.eof:  # larger than allowed, or cut short
                return {}
            kept = cbor2.loads(raw)
            if not (isinstance(kept, list) and len(kept) == 2 and kept[0] == scope):
                return {}
            marks: dict[str, Mark] = {}
            for digest, mark in dict(kept[1]).items():
                text, words = mark
                if not (
                    isinstance(digest, str)
                    and (text is None or isinstance(text, str))
                    and isinstance(words, list)
                    and all(isinstance(w, str) for w in words)
                ):
                    return {}
                marks[digest] = (text, words)
            return marks
        except (InputError, zlib.error, cbor2.CBORDecodeError, ValueError, TypeError, RecursionError):
            return {}

    def put_marks(self, position: int, scope: str, marks: dict[str, Mark]) -> None:
        """Keep the marks of the part just marked at ``position`` (those of an earlier part
        there are replaced)."""
        data = zlib.compress(cbor2.dumps([scope, marks]), 1)
        with contextlib.suppress(OSError):  # not kept: the next edit marks the whole part
            write_bytes(self.root / f"{self.marks_name(position, scope)}{MARKS_SUFFIX}", data)

    def page_stats(self) -> PageStats:
        """The pages' digests of the last build (none without ``reuse`` or when unreadable)."""
        if self.reuse:
            with contextlib.suppress(InputError, ValueError, TypeError):
                return PageStats.parse(self._read(PAGE_STATS))
        return PageStats()

    def put_page_stats(self, stats: PageStats) -> None:
        with contextlib.suppress(OSError):  # not kept: the next build reads every page
            write_text(self.root / PAGE_STATS, stats.dumps())

    # --- the join's (see searchparts.JoinCache) -----------------------------------------
    def table(self, key: str) -> list | None:
        """A part's word table, kept when its word index was joined before."""
        self.joined.add(key)
        if not self.reuse:
            return None
        try:
            kept = cbor2.loads(self._read(f"{key}{TABLE_SUFFIX}"))
        except (InputError, cbor2.CBORDecodeError, ValueError, TypeError, RecursionError):
            return None
        return kept if isinstance(kept, list) else None  # its rows are checked as they are read

    def put_table(self, key: str, table: list) -> None:
        self.joined.add(key)
        with contextlib.suppress(OSError):  # not kept: the next join decodes the part again
            write_bytes(self.root / f"{key}{TABLE_SUFFIX}", cbor2.dumps(table))

    def chunk(self, key: str, raw: bytes) -> bytes | None:
        """A joined chunk's compressed bytes, kept if they give ``raw`` back."""
        self.joined.add(key)
        if not self.reuse:
            return None
        try:
            data = self._read(f"{key}{CHUNK_SUFFIX}")
            return data if gzip.decompress(data) == raw else None
        except (InputError, OSError, EOFError, zlib.error):
            return None

    def put_chunk(self, key: str, data: bytes) -> None:
        self.joined.add(key)
        with contextlib.suppress(OSError):  # not kept: the next join compresses it again
            write_bytes(self.root / f"{key}{CHUNK_SUFFIX}", data)

    def _read(self, name: str) -> bytes:
        # a regular file only (no FIFO to block on, no link to follow)
        return InputTree(self.root).read_bytes(name, MAX_TABLE_BYTES)

    def keep_only(self, keys: set[str]) -> None:
        """Remove the parts, sources, word tables and chunks of earlier builds that this one
        did not use (``keys`` and this build's join); the next join starts a new record."""
        keys, self.joined = keys | self.joined, set()
        if not self.root.is_dir():
            return
        for suffix in _SUFFIXES:
            for path in self.root.glob(f"*{suffix}"):
                if path.name.removesuffix(suffix) not in keys:
                    with contextlib.suppress(OSError):
                        path.unlink()
