"""Join Pagefind bundles of disjoint sets of pages into one bundle.

Pagefind holds the whole index of a site in memory while it writes it out, about 85 KB per
page here: 1.4 GB for the 12,500 pages of a site with 10,000 entries, and more for more
(Pagefind offers no setting against it, see Pagefind/pagefind#842). The search stage
therefore gives the pages to Pagefind in parts, each part to a Pagefind process of its own,
and joins the parts' bundles here into the bundle one process would have written: the same
pages with the same fragments, every word with all its pages and positions, the same
filters and metadata fields. Only the page numbers of the later parts move up, and the word
index is cut into chunks again by Pagefind's own rule (:func:`chunk_words`), so that a
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
from collections.abc import Iterable, Iterator
from itertools import groupby, pairwise
from operator import itemgetter
from pathlib import PurePosixPath

import cbor2

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


def join_bundles(parts: list[dict[str, bytes]]) -> dict[str, bytes]:
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
        meta_name, pages = _join_language(joined, language, metas)
        entry["languages"][language] = {"hash": meta_name, "wasm": wasm.pop(), "page_count": pages}
    joined[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return joined


def _join_language(joined: dict[str, bytes], language: str, metas: list) -> tuple[str, int]:
    """Write the joined fragments, word index, filters and metadata of one language into
    ``joined``; returns the metadata's name and the number of pages. The word index is read
    one chunk of each part at a time, in word order, and written as its chunks fill."""
    version = metas[0][1][0]
    fields = sorted({field for _part, meta in metas for field in meta[5]})
    pages: list[list] = []
    filters: dict[str, dict[str, list[int]]] = {}
    streams = []
    for part, meta in metas:
        if meta[0] != version or len(meta) != 6:
            raise JoinError(f"unbekanntes Format der Pagefind-Metadaten ({meta[0]})")
        if meta[4]:
            raise JoinError("Sortierungen (data-pagefind-sort) lassen sich nicht zusammenführen")
        offset = len(pages)
        for fragment, word_count in meta[1]:
            data = part[f"fragment/{fragment}.pf_fragment"]
            if joined.get(f"fragment/{fragment}.pf_fragment", data) == data:
                joined[f"fragment/{fragment}.pf_fragment"] = data
            else:  # two parts gave different pages the same short name
                fragment = content_name(joined, "fragment", f"{language}_", ".pf_fragment", data)
            pages.append([fragment, word_count])
        field_ids = [fields.index(field) for field in meta[5]]
        streams.append(
            _words(part, meta[2], offset, None if field_ids == list(range(len(fields))) else field_ids)
        )
        for _name, filter_file in meta[3]:
            name, values = decode(part[f"filter/{filter_file}.pf_filter"])
            into = filters.setdefault(name, {})
            for value, numbers in values:
                into.setdefault(value, []).extend(number + offset for number in numbers)
    chunks = [
        [
            words[0][0],
            words[-1][0],
            content_name(joined, "index", f"{language}_", ".pf_index", encode([words])),
        ]
        for words in chunk_words(_joined_words(streams))
    ]
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


def _words(part: dict[str, bytes], chunks: list, offset: int, field_ids: list[int] | None) -> Iterator[tuple]:
    """A part's words in order, one chunk read at a time: ``(word, offset, pages, variants)``;
    metadata positions moved to the joined list of fields where it differs."""
    for _from, _to, chunk in chunks:
        for word, word_pages, variants in decode(part[f"index/{chunk}.pf_index"])[0]:
            if field_ids is not None:
                word_pages = _refield(word_pages, field_ids)
                variants = [[form, _refield(form_pages, field_ids)] for form, form_pages in variants]
            yield word, offset, word_pages, variants


def _refield(word_pages: list, field_ids: list[int]) -> list:
    """The pages with their metadata positions' field numbers (``-1 - field``) moved."""
    return [
        [page[0], page[1], [-(field_ids[-n - 1] + 1) if n < 0 else n for n in page[2]]] if page[2] else page
        for page in word_pages
    ]


def _joined_words(streams: list[Iterator[tuple]]) -> Iterator[list]:
    """``[word, pages, variants]`` in word order, each word's pages of all parts in one list
    (the parts' order is kept among equal words: ``heapq.merge`` is stable)."""
    for word, group in groupby(heapq.merge(*streams, key=itemgetter(0)), key=itemgetter(0)):
        group = list(group)
        forms: dict[str, list] = {}
        for _word, offset, _pages, variants in group:
            for form, form_pages in variants:
                forms.setdefault(form, []).append((offset, form_pages))
        own = _concatenated([(offset, word_pages) for _word, offset, word_pages, _variants in group])
        yield [word, own, [[form, _concatenated(lists)] for form, lists in forms.items()]]


def _concatenated(lists: list[tuple[int, list]]) -> list:
    """One page list from the parts' lists, whose page numbers count from the previous page and
    from 0 within a part: only each part's first page changes (the part's offset added, the
    previous part's last page taken off)."""
    if len(lists) == 1 and lists[0][0] == 0:
        return lists[0][1]
    out: list = []
    last = 0
    for offset, word_pages in lists:
        if not word_pages:
            continue
        first = word_pages[0]
        out.append([first[0] + offset - last, first[1], first[2]])
        out.extend(word_pages[1:])
        last = offset + sum(page[0] for page in word_pages)
    return out


def chunk_words(words: Iterable[list]) -> Iterator[list[list]]:
    """The words (``[word, pages, variants]``, in Pagefind's order: by code point, as Rust
    orders strings) cut where Pagefind 1.5 cuts: after the word with which a chunk's page and
    position entries reach :data:`CHUNK_ENTRIES`. Checked against Pagefind's own bundles:
    the same chunks."""
    chunk: list[list] = []
    size = 0
    for word in words:
        # Pagefind counts the word's own pages only, not those of its diacritic variants
        size += sum(len(page[1]) + len(page[2]) + 1 for page in word[1])
        chunk.append(word)
        if size >= CHUNK_ENTRIES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


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
