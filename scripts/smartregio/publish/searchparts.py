"""Join Pagefind bundles of disjoint sets of pages into one bundle.

Pagefind holds the whole index of a site in memory while it writes it out, about 85 KB per
page here: 1.4 GB for the 12,500 pages of a site with 10,000 entries, and more for more
(Pagefind offers no setting against it, see Pagefind/pagefind#842). The search stage
therefore gives the pages to Pagefind in parts, each part to a Pagefind process of its own,
and joins the parts' bundles here into the bundle one process would have written: the same
pages with the same fragments, every word with all its pages and positions, the same
filters and metadata fields. Only the page numbers of the later parts move up, and the word
index is cut into chunks again by Pagefind's own rule (:func:`_joined_chunks`), so that a
query loads about as many bytes as from Pagefind's own bundle.

The formats are Pagefind 1.5's (``pagefind_bin`` is pinned): gzip of ``pagefind_dcd`` and
CBOR. The metadata is ``[version, pages, chunks, filters, sorts, meta fields]``, a page
``[fragment, words]``, a chunk ``[from, to, file]``; a word index is ``[[word, pages,
variants]]`` with each page ``[number, positions, meta positions]`` and the numbers counted
from the previous page of the list; a filter is ``[name, [[value, [page numbers]]]]``.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import json
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import groupby, pairwise
from operator import itemgetter
from pathlib import PurePosixPath
from typing import NamedTuple, Protocol

import cbor2

from .. import processes

MAGIC = b"pagefind_dcd"

#: Pagefind closes a chunk of its word index once its words' page and position entries
#: reach this many (``chunk_index`` in Pagefind's index module)
CHUNK_ENTRIES = 20_000

ENTRY = "pagefind-entry.json"
_PARTS_OF_INDEX = ("index", "filter", "fragment")


class JoinError(Exception):
    """The parts cannot be joined (Pagefind versions differ, or a feature the join does not
    know is in use); the message says which."""


def decode(data: bytes):
    raw = gzip.decompress(data)
    if not raw.startswith(MAGIC):
        raise JoinError("unerwartetes Pagefind-Format (Kennung fehlt)")
    return cbor2.loads(raw[len(MAGIC) :])


def encode(value) -> bytes:
    """A Pagefind file's bytes; ``mtime=0``: the same value always gives the same bytes."""
    return gzip.compress(MAGIC + cbor2.dumps(value), compresslevel=9, mtime=0)


def content_name(files: dict[str, bytes], folder: str, prefix: str, suffix: str, data: bytes) -> str:
    """Store ``data`` as ``folder/<prefix><hash><suffix>`` named by its content, seven hex
    digits as Pagefind names its files, more where another content took that name."""
    digest = hashlib.sha256(data).hexdigest()
    for digits in range(7, len(digest) + 1):
        name = f"{prefix}{digest[:digits]}"
        path = f"{folder}/{name}{suffix}" if folder else f"{name}{suffix}"
        if files.get(path, data) == data:
            files[path] = data
            return name
    raise JoinError(f"kein freier Dateiname für {prefix}…{suffix}")  # not reached: sha256 names differ


def join_bundles(parts: list[dict[str, bytes]], cache: JoinCache | None = None) -> dict[str, bytes]:
    """One bundle (file path → bytes) from the bundles of ``parts``, whose pages are disjoint;
    the pages keep the order of the parts. A single part goes through the same steps, so
    that a site indexed in one part or in several gives the same bytes."""
    if not parts:
        raise JoinError("keine Teile zum Zusammenführen")
    entries = [json.loads(part[ENTRY]) for part in parts]
    versions = {entry["version"] for entry in entries}
    if len(versions) != 1:
        raise JoinError(f"Teile verschiedener Pagefind-Versionen: {', '.join(sorted(versions))}")
    joined: dict[str, bytes] = {}
    for path, data in parts[0].items():  # Pagefind's scripts, styles and WebAssembly
        if (
            path != ENTRY
            and not path.endswith(".pf_meta")
            and PurePosixPath(path).parts[0] not in _PARTS_OF_INDEX
        ):
            for part in parts[1:]:
                if part.get(path) != data:
                    raise JoinError(f"die Teile haben verschiedene Dateien {path}")
            joined[path] = data
    entry = dict(entries[0])  # in Pagefind's order of keys
    entry["languages"] = {}
    for language in sorted({lang for e in entries for lang in e["languages"]}):
        having = [
            (part, e["languages"][language])
            for part, e in zip(parts, entries, strict=True)
            if language in e["languages"]
        ]
        wasm = {info["wasm"] for _part, info in having}
        if len(wasm) != 1:
            raise JoinError(f"verschiedene WebAssembly-Dateien für die Sprache {language}")
        metas = [(part, decode(part[f"pagefind.{info['hash']}.pf_meta"])) for part, info in having]
        meta_name, pages = _join_language(joined, language, metas, cache)
        entry["languages"][language] = {"hash": meta_name, "wasm": wasm.pop(), "page_count": pages}
    joined[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return joined


class JoinCache(Protocol):
    """What a join keeps between builds (``searchcache.PartCache``): each part's word table,
    under a digest of the part's word index, and each chunk's compressed bytes, under a digest
    of its CBOR. An edit then decodes only the parts it changed and compresses only the chunks
    whose words it changed."""

    def table(self, key: str) -> list | None: ...
    def put_table(self, key: str, table: list) -> None: ...
    def chunk(self, key: str, raw: bytes) -> bytes | None: ...
    def put_chunk(self, key: str, data: bytes) -> None: ...


def _join_language(
    joined: dict[str, bytes], language: str, metas: list, cache: JoinCache | None = None
) -> tuple[str, int]:
    """Write the joined fragments, word index, filters and metadata of one language into
    ``joined``; returns the metadata's name and the number of pages. The word index is joined
    from the parts' word tables (:class:`Postings`, kept in ``cache``) in word order and
    written as its chunks fill."""
    version = metas[0][1][0]
    fields = sorted({field for _part, meta in metas for field in meta[5]})
    pages: list[list] = []
    filters: dict[str, dict[str, list[int]]] = {}
    for _part, meta in metas:
        if meta[0] != version or len(meta) != 6:
            raise JoinError(f"unbekanntes Format der Pagefind-Metadaten ({meta[0]})")
        if meta[4]:
            raise JoinError("Sortierungen (data-pagefind-sort) lassen sich nicht zusammenführen")
    moves = []
    for _part, meta in metas:
        field_ids = [fields.index(field) for field in meta[5]]
        moves.append(None if field_ids == list(range(len(fields))) else field_ids)
    made = _tables([(part, meta[2], moved) for (part, meta), moved in zip(metas, moves, strict=True)], cache)
    tables = []
    for (part, meta), table in zip(metas, made, strict=True):
        offset = len(pages)
        for fragment, word_count in meta[1]:
            data = part[f"fragment/{fragment}.pf_fragment"]
            if joined.get(f"fragment/{fragment}.pf_fragment", data) == data:
                joined[f"fragment/{fragment}.pf_fragment"] = data
            else:  # two parts gave different pages the same short name
                fragment = content_name(joined, "fragment", f"{language}_", ".pf_fragment", data)
            pages.append([fragment, word_count])
        tables.append((offset, table))
        for _name, filter_file in meta[3]:
            name, values = decode(part[f"filter/{filter_file}.pf_filter"])
            into = filters.setdefault(name, {})
            for value, numbers in values:
                into.setdefault(value, []).extend(number + offset for number in numbers)
    chunks = []
    for first, last, data in _compressed(_joined_chunks(tables), cache):
        chunks.append([first, last, content_name(joined, "index", f"{language}_", ".pf_index", data)])
    _trim_ranges(chunks)
    filter_files = [
        [
            name,
            content_name(
                joined, "filter", f"{language}_", ".pf_filter", encode([name, sorted(values.items())])
            ),
        ]
        for name, values in sorted(filters.items())
    ]
    meta = encode([version, pages, chunks, filter_files, [], fields])
    return content_name(joined, "", f"pagefind.{language}_", ".pf_meta", meta).removeprefix("pagefind."), len(
        pages
    )


#: threads compressing chunks: zlib lets go of the interpreter while it compresses
COMPRESSING = 2


def _compressed(
    chunks: Iterator[tuple[str, str, bytes]], cache: JoinCache | None
) -> list[tuple[str, str, bytes]]:
    """Each chunk's gzip bytes, in order: from ``cache`` where it kept them, the others
    compressed side by side (level 9, no time stamp: the same bytes every time)."""
    done: list[tuple[str, str, bytes | Future[bytes]]] = []
    with ThreadPoolExecutor(max_workers=COMPRESSING) as pool:
        for first, last, raw in chunks:
            key = hashlib.sha256(raw).hexdigest()
            data = cache.chunk(key, raw) if cache else None
            if data is None:
                data = pool.submit(_compress, raw, key, cache)
            done.append((first, last, data))
    return [(first, last, data if isinstance(data, bytes) else data.result()) for first, last, data in done]


def _compress(raw: bytes, key: str, cache: JoinCache | None) -> bytes:
    data = gzip.compress(raw, compresslevel=9, mtime=0)
    if cache:
        cache.put_chunk(key, data)
    return data


class Postings(NamedTuple):
    """A word's pages in one part, kept as Pagefind's CBOR: joining parts changes only the
    number of each part's first page (a page's number counts from the previous page of the
    list), so the other pages' bytes are copied as they are, never decoded into objects.
    (A tuple: a kept table's ~80,000 rows at 10,000 entries are made without a dataclass's
    per-field set-up.)"""

    count: int  # pages in the list
    first: int  # the first page's number within the part
    first_rest: bytes  # the first page's positions and metadata positions, encoded
    rest: bytes  # the other pages, encoded one after the other
    last: int  # the last page's number within the part
    entries: int  # page and position entries, by which Pagefind cuts its chunks

    @classmethod
    def of(cls, word_pages: list) -> Postings:
        if not word_pages:
            return cls(0, 0, b"", b"", 0, 0)
        head = word_pages[0]
        rest = cbor2.dumps(word_pages[1:])[len(_head(4, len(word_pages) - 1)) :]
        return cls(
            len(word_pages),
            head[0],
            cbor2.dumps(head[1]) + cbor2.dumps(head[2]),
            rest,
            sum(page[0] for page in word_pages),
            sum(len(page[1]) + len(page[2]) + 1 for page in word_pages),
        )

    def stored(self) -> list:
        return list(self)

    @classmethod
    def kept(cls, value: list) -> Postings:
        count, first, first_rest, rest, last, entries = value
        if not (
            type(count) is int  # not bool, not a subclass
            and type(first) is int
            and type(last) is int
            and type(entries) is int
            and count >= 0
            and first >= 0
            and last >= 0
            and entries >= 0
            and type(first_rest) is bytes
            and type(rest) is bytes
        ):
            raise ValueError("kein Seiteneintrag")
        return cls(count, first, first_rest, rest, last, entries)


# a part's word table: ``(word, its pages, [(diacritic variant, its pages)])`` in word order
Row = tuple[str, Postings, list[tuple[str, Postings]]]
TABLE_FORMAT = "1"


#: word tables to make at least for a forked second process to make half of them (a full
#: build at 10,000 entries makes 26, six seconds of one core; an edit takes most from the cache)
TABLES_BESIDE_FROM = 4


def _tables(
    wanted: list[tuple[dict[str, bytes], list, list[int] | None]], cache: JoinCache | None
) -> list[list[Row]]:
    """Each part's word table (``(part, chunks, field_ids)`` each): from ``cache`` when its word
    index was joined before; of the others, made here, half in a forked second process where
    there are enough of them (it sends them as the cache keeps them, which is quick to read;
    if it fails, its half is made here too)."""
    keys = [_table_key(*one) if cache else "" for one in wanted]
    tables: list[list[Row] | None] = [_kept_table(cache, key) if cache else None for key in keys]
    missing = [n for n, table in enumerate(tables) if table is None]
    theirs = missing[1::2]
    beside = None
    if len(missing) >= TABLES_BESIDE_FROM:
        beside = processes.Beside.start(_made_tables, wanted, theirs)
    mine = missing[0::2] if beside is not None else missing
    try:
        for n in mine:
            tables[n] = rows = list(_rows(*wanted[n]))
            if cache:
                cache.put_table(keys[n], _stored(rows))
    except BaseException:
        if beside is not None:
            beside.stop()
        raise
    if beside is not None:
        try:
            made = cbor2.loads(beside.result())
        except processes.BesideFailed:
            made = [_stored(list(_rows(*wanted[n]))) for n in theirs]  # made here instead
        for n, stored in zip(theirs, made, strict=True):
            tables[n] = [_kept_row(row) for row in stored]
            if cache:
                cache.put_table(keys[n], stored)
    return [table for table in tables if table is not None]  # each one made or kept by now


def _table_key(part: dict[str, bytes], chunks: list, field_ids: list[int] | None) -> str:
    digest = hashlib.sha256(f"{TABLE_FORMAT}\0{field_ids}\0".encode())
    for _from, _to, chunk in chunks:
        data = part[f"index/{chunk}.pf_index"]
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _kept_table(cache: JoinCache, key: str) -> list[Row] | None:
    kept = cache.table(key)
    if kept is None:
        return None
    try:
        return [_kept_row(row) for row in kept]
    except (ValueError, TypeError):
        return None  # not a table of this format: made again


def _stored(rows: list[Row]) -> list:
    """A word table as the cache keeps it (and the second process sends it)."""
    return [
        [word, own.stored(), [[form, pages.stored()] for form, pages in variants]]
        for word, own, variants in rows
    ]


def _made_tables(wanted: list, numbers: list[int]) -> bytes:
    """The second process's share of ``_tables``: as the cache keeps them, CBOR-encoded (quicker
    to send and read than the rows pickled)."""
    return cbor2.dumps([_stored(list(_rows(*wanted[n]))) for n in numbers])


def _kept_row(row: list) -> Row:
    word, own, variants = row
    if type(word) is not str:
        raise ValueError("kein Wort")
    forms = []
    for form, pages in variants:
        if type(form) is not str:
            raise ValueError("kein Wort")
        forms.append((form, Postings.kept(pages)))
    return word, Postings.kept(own), forms


def _rows(part: dict[str, bytes], chunks: list, field_ids: list[int] | None) -> Iterator[Row]:
    """A part's words in order, one chunk decoded at a time; metadata positions moved to the
    joined list of fields where it differs."""
    for _from, _to, chunk in chunks:
        for word, word_pages, variants in decode(part[f"index/{chunk}.pf_index"])[0]:
            if field_ids is not None:
                word_pages = _refield(word_pages, field_ids)
                variants = [[form, _refield(form_pages, field_ids)] for form, form_pages in variants]
            yield (
                word,
                Postings.of(word_pages),
                [(form, Postings.of(form_pages)) for form, form_pages in variants],
            )


def _refield(word_pages: list, field_ids: list[int]) -> list:
    """The pages with their metadata positions' field numbers (``-1 - field``) moved."""
    return [
        [page[0], page[1], [-(field_ids[-n - 1] + 1) if n < 0 else n for n in page[2]]] if page[2] else page
        for page in word_pages
    ]


def _joined_chunks(tables: list[tuple[int, list[Row]]]) -> Iterator[tuple[str, str, bytes]]:
    """The joined word index as chunks ``(first word, last word, file content before
    compression)``: the words of all parts in Pagefind's order (by code point, as Rust orders
    strings), a word's pages of all parts in one list (the parts' order kept: ``heapq.merge``
    is stable), cut where Pagefind 1.5 cuts: after the word with which a chunk's page and
    position entries reach :data:`CHUNK_ENTRIES`. Checked against Pagefind's own bundles:
    the same chunks."""
    streams = [_keyed(offset, table) for offset, table in tables]
    pieces: list[bytes] = []
    first = ""
    size = 0
    for word, group in groupby(heapq.merge(*streams, key=itemgetter(0)), key=itemgetter(0)):
        group = list(group)
        forms: dict[str, list[tuple[int, Postings]]] = {}
        for _word, offset, (_w, _own, variants) in group:
            for form, postings in variants:
                forms.setdefault(form, []).append((offset, postings))
        own = [(offset, row[1]) for _word, offset, row in group]
        if not pieces:
            first = word
        pieces.append(
            b"\x83"
            + _text(word)
            + _page_list(own)
            + _head(4, len(forms))
            + b"".join(b"\x82" + _text(form) + _page_list(lists) for form, lists in forms.items())
        )
        # Pagefind counts the word's own pages only, not those of its diacritic variants
        size += sum(postings.entries for _offset, postings in own)
        if size >= CHUNK_ENTRIES:
            yield first, word, MAGIC + b"\x81" + _head(4, len(pieces)) + b"".join(pieces)
            pieces, size = [], 0
    if pieces:
        yield first, word, MAGIC + b"\x81" + _head(4, len(pieces)) + b"".join(pieces)


def _keyed(offset: int, table: list[Row]) -> Iterator[tuple[str, int, Row]]:
    for row in table:
        yield row[0], offset, row


def _page_list(lists: list[tuple[int, Postings]]) -> bytes:
    """One page list from the parts' lists: only each part's first page changes (the part's
    offset added, the previous part's last page taken off)."""
    out = [_head(4, sum(postings.count for _offset, postings in lists))]
    last = 0
    for offset, postings in lists:
        if postings.count:
            number = postings.first + offset - last
            out.append(b"\x83" + (_head(0, number) if number >= 0 else _head(1, -1 - number)))
            out.append(postings.first_rest + postings.rest)
            last = offset + postings.last
    return b"".join(out)


def _head(major: int, value: int) -> bytes:
    """A CBOR head in its shortest form (as ``cbor2`` and Pagefind write it)."""
    kind = major << 5
    if value < 24:
        return bytes((kind | value,))
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes((kind | extra,)) + value.to_bytes(size, "big")
    raise JoinError("Zahl zu groß für CBOR")


def _text(value: str) -> bytes:
    data = value.encode("utf-8")
    return _head(3, len(data)) + data


def _trim_ranges(chunks: list[list]) -> None:
    """Pagefind's chunk ranges: between two chunks, each bound shortened to one character
    past the two words' common start (``chunk_meta`` in Pagefind's index module)."""
    for before, after in pairwise(chunks):
        a, b = before[1], after[0]
        common = 0
        while common < len(a) and common < len(b) and a[common] == b[common]:
            common += 1
        if a[: common + 1] >= before[0]:
            before[1] = a[: common + 1]
        after[0] = b[: common + 1]
