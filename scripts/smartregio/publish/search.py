"""Run Pagefind on the built site and make its output reproducible.

Pagefind reads a copy of the pages in which German compounds are written in their parts
(see :mod:`compounds`) and code blocks are left out: a reader searches prose, not the YAML
of an example entry. The copy goes to Pagefind's service from memory, page by page as it is
marked (see :mod:`pagefind_service`); the pages the reader gets stay as they are.

Pagefind writes each filter's values in hash-map order, which differs from run to run, and
names files by their content. We re-encode the filter files with values in sorted order,
rename them by their new content, and rewrite the metadata that points at them, so the
same site always gives the same bytes.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import re
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import cbor2

from ..addresses import API, API_ADDRESSES
from ..inputs import open_regular
from .compounds import Dictionary
from .pagefind_service import PagefindService, PagefindServiceError
from .searchcache import Mark, PageStats, PartCache, part_key, source_key
from .searchparts import MAGIC, JoinError, join_bundles
from .vocabulary import Vocabulary, words_of

Page = TypeVar("Page")


class PagefindError(Exception):
    pass


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise PagefindError(f"unerwartetes Pagefind-Format: {path.name}")
    return cbor2.loads(raw[len(MAGIC) :])


def _write(folder: Path, prefix: str, suffix: str, value, digits: int) -> str:
    """Write ``value`` as a Pagefind file named by its content; returns the hash part of the name."""
    payload = MAGIC + cbor2.dumps(value)
    name = f"{prefix}{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    return name


def canonicalise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, file_hash in meta[3]:
            path = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = _read(path)
            values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])
            path.unlink()
            filters.append(
                [name, _write(bundle / "filter", f"{language}_", ".pf_filter", [filter_name, values], 7)]
            )
        meta[3] = sorted(filters)
        meta[4] = sorted(meta[4], key=lambda item: item[0])
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}_", ".pf_meta", meta, 10).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# markup Pagefind never shows, a code block, a tag, the text between tags, or a „<“ that
# opens no tag (kept as it is): every character of the page is in one of them
_HTML_PART = re.compile(
    r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->)|(<pre\b.*?</pre\s*>)|(<[^>]*>)|([^<]+)|(<)",
    re.DOTALL | re.IGNORECASE,
)


def index_copy(
    html: str,
    dictionary: Dictionary,
    names: frozenset[str] = frozenset(),
    marked: dict[str, tuple[str, tuple[str, ...]]] | None = None,
    words: set[str] | None = None,
) -> str | None:
    """The page as Pagefind should read it: compounds marked (but not the proper ``names``),
    code blocks left out. Filter values stay as they are: the catalogue filters by them. None
    for a page without ``data-pagefind-body``, which Pagefind skips (a catalogue listing).

    Only what Pagefind reads is kept: the ``<html>`` tag (the language), the title and the
    article that holds the body; header, navigation, footer and scripts around it are most of
    a page's bytes. ``marked`` keeps the texts marked so far: a text that repeats across pages
    (a label, a place) is marked once. ``words`` gets the words of the text indexed (see
    :mod:`vocabulary`).

    The page's parts are listed by one ``findall`` and gone through in a plain loop (a
    callback per part from ``re.sub`` took a third longer: a page has ~400 parts, a site at
    10,000 entries five million)."""
    body = html.find("data-pagefind-body")
    if body < 0:
        return None
    start = html.rfind("<", 0, body)
    end = html.rfind("</article>")  # the page's main article, which holds the body
    end = end + len("</article>") if end > start else len(html)
    memo = marked if marked is not None else {}
    out = [_frame(html, start)]
    append = out.append
    tag = ""  # the last tag outside an element Pagefind ignores whole
    # the element Pagefind ignores that we are in, how deep, and whether it ignores „all“
    ignored: list = [None, 0, False]
    for kept, _code, tag_now, text, lone in _HTML_PART.findall(html, start, end):
        if ignored[2]:  # inside data-pagefind-ignore="all": Pagefind reads nothing of it
            if tag_now and _may_track(tag_now, ignored):
                _track_ignored(tag_now, ignored)
            elif lone:
                append(lone)
            continue
        if tag_now:
            tag = tag_now
            if _may_track(tag, ignored):
                _track_ignored(tag, ignored)
                if ignored[2]:
                    continue  # not sent at all (place pages' long lists were most of their bytes)
            # „Schlüssel</dt><dd>0946…“ stays two words in an excerpt
            append(tag + " " if _ends_block(tag) else tag)
        elif text:
            if "data-pagefind-filter" in tag:
                append(text)
                continue
            done = memo.get(text)
            if done is None:
                # its distinct words, each kept once for all texts (a build has ~80,000 texts)
                done = memo[text] = (
                    dictionary.mark(text, names),
                    tuple({sys.intern(w) for w in words_of(text)}),
                )
            if words is not None and ignored[0] is None:
                words.update(done[1])
            append(done[0])
        elif kept or lone:  # a script, style or comment, or a lone „<“; a code block is left out
            append(kept or lone)
    append("</body></html>")
    return "".join(out)


# the end of an element that a browser shows on a line of its own (or a line break)
_BLOCK_END = re.compile(
    r"</(?:p|li|dt|dd|td|th|tr|h[1-6]|div|section|caption|figcaption|blockquote)\s*>|<br\b",
    re.IGNORECASE,
)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][\w-]*)")


def _ends_block(tag: str) -> bool:
    """Whether ``tag`` ends a block (:data:`_BLOCK_END`); closing tags are few, looked up once."""
    if tag[1] == "/":
        return _closing_ends_block(tag)
    return tag[1] in "bB" and _BLOCK_END.match(tag) is not None


@functools.lru_cache(maxsize=4096)
def _closing_ends_block(tag: str) -> bool:
    return _BLOCK_END.match(tag) is not None


def _may_track(tag: str, ignored: list) -> bool:
    """Whether ``tag`` can change what :func:`_track_ignored` follows: outside an ignored
    element only a tag that says ``data-pagefind-ignore``, inside one only a tag of its name
    (a cheap test first: most of a page's tags are neither, and this runs for every tag)."""
    return "data-pagefind-ignore" in tag if ignored[0] is None else ignored[0] in tag.lower()


def _track_ignored(tag: str, ignored: list) -> None:
    """Follow the element with ``data-pagefind-ignore`` we are in (its words are not indexed,
    so they are no suggestions; with ``="all"`` not even its filters and meta count, so it is
    not sent): ``ignored`` is [its tag name or None, how deep, whether it is „all“]."""
    found = _TAG_NAME.match(tag)
    if not found or tag.endswith("/>"):
        return
    closing, name = found.group(1) == "/", found.group(2).lower()
    if ignored[0] is None:
        if not closing and "data-pagefind-ignore" in tag:
            ignored[0], ignored[1] = name, 1
            ignored[2] = _IGNORE_ALL.search(tag) is not None
    elif name == ignored[0]:
        ignored[1] += -1 if closing else 1
        if ignored[1] == 0:
            ignored[0], ignored[2] = None, False


_IGNORE_ALL = re.compile(r"""data-pagefind-ignore\s*=\s*["']?all\b""")


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.IGNORECASE | re.DOTALL)


def _frame(html: str, before: int) -> str:
    """``<html lang>`` and ``<head><title>`` of the page, as Pagefind needs them."""
    opening = _HTML_TAG.search(html, 0, before)
    title = _TITLE.search(html, 0, before)
    return (
        (opening.group(0) if opening else "<html>")
        + "<head>"
        + (title.group(0) if title else "")
        + "</head><body>"
    )


@dataclass(frozen=True, slots=True)
class SitePage:
    """A page Pagefind reads: its address, its file, the SHA-256 of its HTML and, when the
    page was read to learn that digest, the HTML."""

    url: str
    path: str
    digest: str
    html: bytes | None = None

    def read(self) -> bytes:
        if self.html is not None:
            return self.html
        with open(self.path, "rb") as handle:
            return handle.read()


def pages_to_index(
    site: Path, stats: PageStats | None = None, listed: list[str] | None = None
) -> Iterator[SitePage]:
    """Every page Pagefind should read (those with ``data-pagefind-body``), in address order,
    of the HTML files ``listed`` (:func:`html_files`, by default listed now). A page ``stats``
    knows (the same file as in the last build) is not read; the others are read once, and
    ``stats`` notes them."""
    stats = stats if stats is not None else PageStats()
    root = str(site)
    for relative in html_files(site) if listed is None else listed:
        page = os.path.join(root, relative)
        known = stats.known(relative, os.stat(page))
        if known is not None:
            if known[1]:
                yield SitePage(page_url(relative), page, known[0])
            continue
        with open(page, "rb") as handle:
            info, html = os.fstat(handle.fileno()), handle.read()
        digest, indexed = hashlib.sha256(html).hexdigest(), b"data-pagefind-body" in html
        stats.note(relative, info, digest, indexed)
        if indexed:
            yield SitePage(page_url(relative), page, digest, html)


def page_url(relative: str) -> str:
    """The address Pagefind gives a page file: ``a/b/index.html`` → ``/a/b/``."""
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return f"/{relative[: -len('index.html')]}"
    return f"/{relative}"


def html_files(site: Path) -> list[str]:
    """The site's HTML files as relative POSIX paths, in code point order (symlinks are
    neither followed nor listed: the engine writes none). Listed once per build, by the
    engine's stage, which writes the last of them (22,500 folders at 10,000 entries)."""
    found: list[str] = []
    _list_html(str(site), "", found)
    found.sort()
    return found


def _list_html(root: str, prefix: str, found: list[str]) -> None:
    with os.scandir(os.path.join(root, prefix) if prefix else root) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _list_html(root, f"{prefix}{entry.name}/", found)
            elif entry.name.endswith(".html") and entry.is_file(follow_symlinks=False):
                found.append(prefix + entry.name)


#: pages per Pagefind process: Pagefind holds ~85 KB per page while it writes its index, so a
#: part stays small however large the site (see :mod:`searchparts`); and an edit marks and
#: indexes only its part again (500 pages: the one-entry rebuild at 10,000 entries ~1 s
#: faster than with 1,000, a full index as fast within this machine's spread)
PART_PAGES = 500
#: Pagefind processes at work at once (each indexes on one core)
PARALLEL_PARTS = 2


class _Marker:
    """Marks pages as Pagefind should read them (:func:`index_copy`), each distinct text once
    per build, counting the words of each page for the vocabulary."""

    def __init__(self, dictionary: Dictionary, names: frozenset[str]) -> None:
        self.dictionary = dictionary
        self.names = names
        self.marked: dict[str, tuple[str, tuple[str, ...]]] = {}  # a text: marked, its words

    @functools.cached_property
    def scope(self) -> str:
        """What a page's marking depends on besides its HTML and the code (asked only with a
        cache: the dictionary's fingerprint sorts a quarter of a million words)."""
        text = self.dictionary.fingerprint + "\0" + "\n".join(sorted(self.names))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def mark(
        self, pages: list[tuple[str, bytes]], earlier: dict[str, Mark] | None = None
    ) -> tuple[list[tuple[str, str]], dict[str, int], dict[str, Mark]]:
        """The part's marked pages, per word how many of them use it, and the marks of its
        pages by the digest of their HTML. A page whose HTML has a digest in ``earlier`` (the
        marks of the part last marked at the same place, with the same scope) is not marked
        again: an edit marks the pages it changed, not every page of their part."""
        counts: Counter[str] = Counter()
        marked = []
        marks: dict[str, Mark] = {}
        for url, html in pages:
            digest = hashlib.sha256(html).hexdigest()
            mark = marks.get(digest) or (earlier.get(digest) if earlier else None)
            if mark is None:
                words: set[str] = set()
                text = index_copy(html.decode("utf-8"), self.dictionary, self.names, self.marked, words)
                mark = (text, sorted(words))
            marks[digest] = mark
            text, page_words = mark
            if text is not None:
                counts.update(page_words)
                marked.append((url, text))
        return marked, dict(counts), marks


def index_site(
    site: Path,
    dictionary: Dictionary,
    names: frozenset[str] = frozenset(),
    part_pages: int = PART_PAGES,
    cache: PartCache | None = None,
    scope: str = "",
    last: Path | None = None,
    listed: list[str] | None = None,
) -> None:
    """Index the built site (German from <html lang>) into ``site/pagefind``, compounds split
    by ``dictionary``; ``names`` are proper names whose parts are no search terms (see
    :meth:`compounds.Dictionary.proper_names`). The pages go to Pagefind's service from
    memory, as they are read and marked: no marked copy of the site is written. A site of
    more than ``part_pages`` pages is indexed in parts of that many, in address order, by
    Pagefind processes side by side, and the parts are joined into one bundle. With a
    ``cache``, a part whose pages are the same as in an earlier build is taken from it
    (``scope``: what else the pages' marking depends on, the code and packages), and the join
    takes the word tables of unchanged parts and the chunks it compressed before. ``last``: the
    bundle of the site this one replaces, whose fragments with the same bytes are linked, not
    written again (see :func:`write_bundle`). ``listed``: the site's HTML files, if the
    caller listed them already (:func:`html_files`)."""
    vocabulary = Vocabulary()
    marker = _Marker(dictionary, names)
    stats = cache.page_stats() if cache else None
    try:
        pages = pages_to_index(site, stats, listed)
        parts, keys = _index_in_parts(pages, marker, vocabulary, part_pages, cache, scope)
        files = join_bundles(parts, cache)
    except PagefindServiceError as exc:
        raise PagefindError(f"Pagefind ist fehlgeschlagen: {exc}") from None
    except JoinError as exc:
        raise PagefindError(f"Die Teile des Suchindex ließen sich nicht zusammenführen: {exc}") from None
    if cache:
        cache.keep_only(keys)
        cache.put_page_stats(stats)
    bundle = site / "pagefind"
    write_bundle(bundle, files, last)
    canonicalise(bundle)
    write_hit_numbers(site, files)
    vocabulary.write(bundle)  # for „Meinten Sie …?“


FRAGMENTS = "fragment"  # the bundle's folder of page fragments, most of its files


def write_bundle(bundle: Path, files: dict[str, bytes], last: Path | None = None) -> None:
    """Write Pagefind's ``files`` into ``bundle``. A fragment that the ``last`` bundle holds with
    the same bytes is hard-linked from there instead (an edit changes few of 12,500; creating
    the files is most of writing them). Only fragments: no file of the bundle that is later
    rewritten in place may share the last site's file. Nothing is linked through a symlink,
    and a link is kept only once its own bytes are read back equal."""
    linkable = last is not None and _real_folder(last) and _real_folder(last / FRAGMENTS)
    folders: set[Path] = set()
    for name, content in sorted(files.items()):
        path = bundle / name
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        if linkable and name.startswith(f"{FRAGMENTS}/") and _linked_same(last / name, path, content):
            continue
        path.write_bytes(content)


def _real_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _linked_same(source: Path, target: Path, content: bytes) -> bool:
    """Whether ``target`` is now a hard link to ``source``, a regular file with ``content``."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return False
    try:
        with open_regular(target) as handle:  # a link to a link or a pipe is not opened
            if handle.read(len(content) + 1) == content:
                return True
    except OSError:
        pass
    with contextlib.suppress(OSError):
        target.unlink()
    return False


def _index_in_parts(
    pages: Iterator[SitePage],
    marker: _Marker,
    vocabulary: Vocabulary,
    part_pages: int,
    cache: PartCache | None = None,
    scope: str = "",
) -> tuple[list[dict[str, bytes]], set[str]]:
    """Pagefind's bundle of each run of ``part_pages`` pages, in order, and the cache's keys
    of the parts. The pages are marked
    in this thread while up to :data:`PARALLEL_PARTS` Pagefind processes index the parts
    before; at most one part more waits, so the marked text in memory stays small. A part
    the ``cache`` holds is not indexed again — and not even marked again when the engine wrote
    the same pages as then; those indexed are kept in it."""
    running: list[Future[dict[str, bytes]]] = []
    keys: set[str] = set()
    with ThreadPoolExecutor(max_workers=PARALLEL_PARTS) as pool:
        try:
            for position, run in enumerate(_runs(pages, part_pages)):
                kept = None
                if cache:
                    marking = f"{scope}\0{marker.scope}"
                    source = source_key(marking, [(p.url, p.digest) for p in run])
                    known = cache.source(source)
                    if known is not None and (kept := cache.get(known[0])) is not None:
                        key, counts = known
                if kept is None:
                    htmls = [(p.url, p.read()) for p in run]
                    earlier = cache.marks(position, marking) if cache else None
                    part, counts, marks = marker.mark(htmls, earlier)
                    if cache:
                        cache.put_marks(position, marking, marks)
                    key = part_key(part) if cache else ""
                    kept = cache.get(key) if cache else None
                    # a page read now is the one whose digest the source names (not changed in
                    # place since it was looked at), or the pair is not kept
                    if cache and all(
                        p.html is not None or hashlib.sha256(html).hexdigest() == p.digest
                        for p, (_url, html) in zip(run, htmls, strict=True)
                    ):
                        cache.put_source(source, key, counts)
                vocabulary.add_counts(counts)
                if kept is not None:
                    done: Future[dict[str, bytes]] = Future()
                    done.set_result(kept)
                    running.append(done)
                else:
                    running.append(pool.submit(_index_part, part, cache, key))
                if cache:
                    keys.update((key, source, cache.marks_name(position, marking)))
                while sum(not future.done() for future in running) > PARALLEL_PARTS:
                    wait(running, return_when=FIRST_COMPLETED)
            parts = [future.result() for future in running]
        finally:
            for future in running:
                future.cancel()
    return parts, keys


def _runs(pages: Iterator[Page], size: int) -> Iterator[list[Page]]:
    """Runs of ``size`` pages; one empty run for no pages (Pagefind writes an empty bundle)."""
    run: list[tuple[str, str]] = []
    given = False
    for page in pages:
        run.append(page)
        if len(run) == size:
            yield run
            run, given = [], True
    if run or not given:
        yield run


def _index_part(
    pages: list[tuple[str, str]], cache: PartCache | None = None, key: str = ""
) -> dict[str, bytes]:
    with PagefindService() as service:
        service.add_html(pages)
        files = service.files()
    if cache:
        cache.put(key, files)
    return files


def write_hit_numbers(site: Path, files: dict[str, bytes]) -> None:
    """For each catalogue, ``pagefind/nummern/<section>.json``: Pagefind's page id of each
    entry → the entry's number in the catalogue's facet index (its ``adressen.json`` order).
    A text hit in a catalogue then finds its card and its place in the chosen order without
    Pagefind's sort index (which every search would download) and without its fragment.
    The page ids come from the fragments of the joined bundle (``files``), each read only as
    far as its address."""
    page_ids: dict[str, str] = {}
    for path, data in files.items():
        folder, _slash, name = path.partition("/")
        if folder == "fragment" and name.endswith(".pf_fragment"):
            page_ids[_fragment_url(data)] = name.removesuffix(".pf_fragment")
    out = site / "pagefind" / "nummern"
    out.mkdir(exist_ok=True)
    for addresses in sorted((site / API).glob(f"*/{API_ADDRESSES}.json")):
        urls = json.loads(addresses.read_text(encoding="utf-8"))
        numbers = {page_ids[u]: n for n, u in enumerate(urls) if u in page_ids}
        (out / f"{addresses.parent.name}.json").write_text(
            json.dumps(dict(sorted(numbers.items())), separators=(",", ":")), encoding="utf-8"
        )


_URL_FIRST = MAGIC + b'{"url":'


def _fragment_url(data: bytes) -> str:
    """A fragment's address: Pagefind writes it first, so only the start is decompressed
    (the whole fragment where the start does not hold it)."""
    head = zlib.decompressobj(wbits=31).decompress(data, 4096)
    if head.startswith(_URL_FIRST):
        with contextlib.suppress(ValueError):
            url, _end = json.JSONDecoder().raw_decode(head.decode("utf-8", "ignore"), len(_URL_FIRST))
            if isinstance(url, str):
                return url
    raw = gzip.decompress(data)
    if not raw.startswith(MAGIC):
        raise PagefindError("unerwartetes Pagefind-Format: Fragment")
    return json.loads(raw[len(MAGIC) :])["url"]
