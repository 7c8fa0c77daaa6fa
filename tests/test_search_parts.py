"""The search index made in parts: Pagefind indexes runs of pages in processes of their own
(its memory grows with the pages it holds) and the parts are joined into one bundle. The
joined bundle is the one bundle of the whole site, byte for byte, and its word index is cut
into chunks exactly where Pagefind cuts its own."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest

from smartregio.publish import search
from smartregio.publish.compounds import Dictionary
from smartregio.publish.pagefind_service import PagefindService
from smartregio.publish.search import PagefindError, index_site
from smartregio.publish.searchparts import ENTRY, JoinError, decode, encode, join_bundles

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><article data-pagefind-body><h1>{title}</h1>{meta}<p>{text}</p>
<span hidden data-pagefind-filter="sammlung">{section}</span></article></main></body></html>"""

WORDS = [
    "Bürger",
    "Haushalt",
    "Parken",
    "Wärme",
    "Klima",
    "Daten",
    "Schule",
    "Verwaltung",
    "Beteiligung",
    "Karte",
    "Sensor",
]


@pytest.fixture
def dictionary() -> Dictionary:
    return Dictionary(frozenset({"bürger", "haushalt", "wärme", "planung"}), frozenset())


def write_site(site: Path, pages: int, seed: int = 3) -> None:
    """Pages of two sections; only some carry keywords (a metadata field the first part lacks,
    so the later parts' field numbers move) and some words carry diacritics."""
    rng = random.Random(seed)
    for n in range(pages):
        section = "loesungen" if n % 3 else "foerderprojekte"
        words = " ".join(rng.choice(WORDS) for _ in range(40)) + f" Eintrag{n} Wärmeplanung"
        meta = f'<p data-pagefind-meta="schlagworte">Schlagwort{n % 4}</p>' if n >= 5 else ""
        path = site / section / f"e{n:03d}" / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            PAGE.format(title=f"Eintrag {n}", meta=meta, text=words, section=section), encoding="utf-8"
        )


def bundle(site: Path) -> dict[str, bytes]:
    folder = site / "pagefind"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def indexed_afresh(site: Path, fresh: Path, dictionary: Dictionary, part_pages: int) -> dict[str, bytes]:
    """The bundle of a copy of ``site``'s pages indexed without a cache."""
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("pagefind"))
    index_site(fresh, dictionary, part_pages=part_pages)
    return bundle(fresh)


def meta_of(files: dict[str, bytes]) -> list:
    info = json.loads(files[ENTRY])["languages"]["de"]
    return decode(files[f"pagefind.{info['hash']}.pf_meta"])


def test_a_site_indexed_in_parts_gives_the_bundle_of_one_part_byte_for_byte(tmp_path, dictionary):
    whole, parted = tmp_path / "whole", tmp_path / "parted"
    for site in (whole, parted):
        write_site(site, 23)
    index_site(whole, dictionary)
    index_site(parted, dictionary, part_pages=4)  # six parts, the last one shorter
    assert bundle(parted) == bundle(whole)
    meta = meta_of(bundle(whole))
    assert len(meta[1]) == 23 and meta[5] == ["schlagworte", "title"]
    words = {w[0]: w for chunk in meta[2] for w in decode(bundle(whole)[f"index/{chunk[2]}.pf_index"])[0]}
    # „Wärme“ is a diacritic variant of the stem „warm“, on every page; keywords have metadata positions
    assert words["warm"][2][0][0] == "wärme" and len(words["warm"][2][0][1]) == 23
    assert all(page[2] for page in words["schlagwort1"][1])


def test_the_word_index_is_cut_where_pagefind_cuts_its_own():
    """A site big enough for several chunks, indexed by one Pagefind process: joining that one
    part gives Pagefind's chunks, with the same ranges and the same words, pages and positions."""
    rng = random.Random(5)
    pages = []
    for n in range(400):
        text = " ".join(f"wort{rng.randrange(3000)}" for _ in range(120))
        pages.append((f"/p{n}/", PAGE.format(title=f"Seite {n}", meta="", text=text, section="x")))
    with PagefindService() as service:
        service.add_html(pages)
        raw = service.files()
    own = meta_of(raw)
    assert len(own[2]) >= 3  # Pagefind cut its index into several chunks
    joined = join_bundles([raw])
    ours = meta_of(joined)
    assert [c[:2] for c in ours[2]] == [c[:2] for c in own[2]]
    for mine, theirs in zip(ours[2], own[2], strict=True):
        assert decode(joined[f"index/{mine[2]}.pf_index"]) == decode(raw[f"index/{theirs[2]}.pf_index"])
    assert ours[1] == own[1] and ours[5] == own[5]


def part(pages: list[tuple[str, int, bytes]], words: list, fields: list[str], version: str = "1.5.2") -> dict:
    """A hand-made Pagefind bundle: pages as (fragment name, word count, fragment bytes)."""
    files = {"pagefind.js": b"// Pagefind"}
    for name, _count, data in pages:
        files[f"fragment/{name}.pf_fragment"] = data
    files["index/de_c0.pf_index"] = encode([words])
    files["filter/de_f0.pf_filter"] = encode(["sammlung", [["A", list(range(len(pages)))]]])
    meta = [
        version,
        [[n, c] for n, c, _ in pages],
        [[words[0][0], words[-1][0], "de_c0"]],
        [["sammlung", "de_f0"]],
        [],
        fields,
    ]
    files["pagefind.de_m0.pf_meta"] = encode(meta)
    files[ENTRY] = json.dumps(
        {"version": version, "languages": {"de": {"hash": "de_m0", "wasm": "de", "page_count": len(pages)}}}
    ).encode()
    return files


def test_joining_moves_page_numbers_and_field_numbers_and_keeps_colliding_fragments_apart():
    first = part(
        [("de_aaa", 3, b"eins"), ("de_bbb", 4, b"zwei")],
        [["haus", [[0, [-25, 1], []], [1, [-25, 2], []]], []]],
        ["title"],
    )
    second = part(
        [("de_aaa", 5, b"drei")],  # the same short name for another page
        [
            ["haus", [[0, [-25, 7], [-2, 0]]], [["häus", [[0, [-25, 3], []]]]]],
            ["klima", [[0, [-25, 1], []]], []],
        ],
        ["schlagworte", "title"],
    )
    joined = join_bundles([first, second])
    meta = meta_of(joined)
    assert meta[5] == ["schlagworte", "title"]
    names = [page[0] for page in meta[1]]
    assert names[:2] == ["de_aaa", "de_bbb"] and names[2] != "de_aaa"
    assert (
        joined[f"fragment/{names[2]}.pf_fragment"] == b"drei"
        and joined["fragment/de_aaa.pf_fragment"] == b"eins"
    )
    words = {w[0]: w for c in meta[2] for w in decode(joined[f"index/{c[2]}.pf_index"])[0]}
    # pages 0 and 1 of the first part, page 0 of the second is page 2: counted from page 1, +1;
    # the first part's „title“ (field 0) is field 1 now, the second part's fields stay
    assert words["haus"][1] == [[0, [-25, 1], []], [1, [-25, 2], []], [1, [-25, 7], [-2, 0]]]
    assert words["haus"][2] == [["häus", [[2, [-25, 3], []]]]]
    assert words["klima"][1] == [[2, [-25, 1], []]]
    (filter_file,) = [h for _n, h in meta[3]]
    assert decode(joined[f"filter/{filter_file}.pf_filter"]) == ["sammlung", [["A", [0, 1, 2]]]]
    assert json.loads(joined[ENTRY])["languages"]["de"]["page_count"] == 3


def test_parts_that_cannot_be_joined_are_refused():
    one = part([("de_a", 1, b"a")], [["w", [[0, [1], []]], []]], [])
    with pytest.raises(JoinError, match="verschiedener Pagefind-Versionen"):
        join_bundles([one, part([("de_b", 1, b"b")], [["w", [[0, [1], []]], []]], [], version="1.4.0")])
    sorted_part = part([("de_b", 1, b"b")], [["w", [[0, [1], []]], []]], [])
    meta = decode(sorted_part["pagefind.de_m0.pf_meta"])
    meta[4] = [["datum", [0]]]
    sorted_part["pagefind.de_m0.pf_meta"] = encode(meta)
    with pytest.raises(JoinError, match="Sortierungen"):
        join_bundles([one, sorted_part])
    other_script = {**part([("de_c", 1, b"c")], [["w", [[0, [1], []]], []]], []), "pagefind.js": b"// anders"}
    with pytest.raises(JoinError, match=r"verschiedene Dateien pagefind\.js"):
        join_bundles([one, other_script])


def test_a_failed_join_is_said_in_german(tmp_path, dictionary, monkeypatch):
    site = tmp_path / "site"
    write_site(site, 6)

    def refuse(parts, cache=None):
        raise JoinError("die Teile haben verschiedene Dateien pagefind.js")

    monkeypatch.setattr(search, "join_bundles", refuse)
    with pytest.raises(
        PagefindError, match="Die Teile des Suchindex ließen sich nicht zusammenführen: die Teile"
    ):
        index_site(site, dictionary, part_pages=2)


def test_an_empty_site_still_gets_a_bundle(tmp_path, dictionary):
    site = tmp_path / "site"
    (site / "leer").mkdir(parents=True)
    (site / "leer/index.html").write_text(
        "<html lang='de'><body><h1>Ohne Suchtext</h1></body></html>", encoding="utf-8"
    )
    index_site(site, dictionary, part_pages=2)
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_a_kept_part_is_not_indexed_again_and_the_bundle_stays_the_same(tmp_path, dictionary, monkeypatch):
    """With the cache under build/cache/suche/, a rebuild indexes only the parts whose pages
    changed; the bundle equals one made without the cache. A damaged kept part is indexed again."""
    from smartregio.publish.searchcache import SUFFIX, PartCache

    indexed: list[int] = []
    original = search._index_part

    def counted(pages, cache=None, key=""):
        indexed.append(len(pages))
        return original(pages, cache, key)

    monkeypatch.setattr(search, "_index_part", counted)

    def again(site: Path, cache: PartCache) -> None:  # into a new bundle folder, as a build does
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        index_site(site, dictionary, part_pages=4, cache=cache)

    site, fresh = tmp_path / "site", tmp_path / "fresh"
    write_site(site, 23)
    cache = PartCache(tmp_path / "cache" / "suche")
    again(site, cache)
    assert len(indexed) == 6
    first = bundle(site)
    indexed.clear()
    again(site, cache)
    assert indexed == [] and bundle(site) == first
    page = site / "loesungen" / "e010" / "index.html"  # the fourth part's
    page.write_text(page.read_text(encoding="utf-8").replace("Eintrag 10", "Eintrag zehn"), encoding="utf-8")
    again(site, cache)
    assert indexed == [4]
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("pagefind"))
    index_site(fresh, dictionary, part_pages=4)
    assert bundle(site) == bundle(fresh) != first
    kept = sorted(cache.root.glob(f"*{SUFFIX}"))
    assert len(kept) == 6  # the changed part's old bundle is gone
    kept[0].write_bytes(b"kaputt")
    indexed.clear()
    again(site, cache)
    assert indexed == [4] and bundle(site) == bundle(fresh)
    indexed.clear()
    again(site, PartCache(cache.root, reuse=False))
    assert len(indexed) == 6 and bundle(site) == bundle(fresh)


def test_a_kept_part_naming_a_path_outside_its_bundle_is_not_taken(tmp_path):
    """A kept part's file names become paths in the site: one with ``..`` or an absolute name is
    indexed anew instead of being written where it points."""
    import zipfile

    from smartregio.publish.searchcache import SUFFIX, PartCache

    cache = PartCache(tmp_path / "suche")
    cache.put("gut", {"pagefind.js": b"x"})
    assert cache.get("gut") == {"pagefind.js": b"x"}
    for bad in ("../../ausserhalb.txt", "/etc/ausserhalb"):
        with zipfile.ZipFile(tmp_path / "suche" / f"boese{SUFFIX}", "w") as kept:
            kept.writestr(bad, b"x")
        assert cache.get("boese") is None


def test_pages_the_engine_wrote_as_before_are_not_marked_again(tmp_path, dictionary, monkeypatch):
    """A part whose pages are the bytes of an earlier build is taken with its words' counts,
    without marking a page; in a part with a changed page only that page is marked again (the
    others' marks are kept by the digest of their HTML): a change outside what Pagefind reads
    (the page's frame) finds the part's bundle kept, a change of the text indexes that part.
    Damaged marks mark the part whole. Bundle and vocabulary are those of a build without the
    cache each time."""
    from smartregio.publish.searchcache import MARKS_SUFFIX, PartCache

    marked: list[str] = []  # the pages marked, by their title
    indexed: list[int] = []
    index_copy, index_part = search.index_copy, search._index_part

    def counted_copy(html, *args, **kwargs):
        marked.append(re.search(r"<title>(.*?)</title>", html).group(1))
        return index_copy(html, *args, **kwargs)

    def counted_index(pages, cache=None, key=""):
        indexed.append(len(pages))
        return index_part(pages, cache, key)

    monkeypatch.setattr(search, "index_copy", counted_copy)
    monkeypatch.setattr(search, "_index_part", counted_index)
    site, cache = tmp_path / "site", PartCache(tmp_path / "cache" / "suche")
    write_site(site, 23)

    def again(scope: str = "code") -> dict[str, bytes]:
        marked.clear()
        indexed.clear()
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        index_site(site, dictionary, part_pages=4, cache=cache, scope=scope)
        return bundle(site)

    first = again()
    assert len(marked) == 23 and len(indexed) == 6
    assert again() == first and marked == [] and indexed == []
    page = site / "loesungen" / "e010" / "index.html"  # the fourth part's
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<main>", "<main class='neu'>"), encoding="utf-8")
    assert again() == first and marked == ["Eintrag 10"] and indexed == []
    page.write_text(html.replace("Eintrag 10", "Eintrag zehn"), encoding="utf-8")
    changed = again()
    assert marked == ["Eintrag zehn"] and indexed == [4] and changed != first
    assert changed == indexed_afresh(
        site, tmp_path / "fresh", dictionary, 4
    )  # the vocabulary too: counted from kept and marked parts
    # damaged or cut-short marks are not taken: the part's pages are all marked again
    kept_marks = sorted(cache.root.glob(f"*{MARKS_SUFFIX}"))
    # one per part, named by position and scope
    assert [re.sub(r"-[0-9a-f]{16}\.", ".", m.name) for m in kept_marks] == [
        f"teil-{n}{MARKS_SUFFIX}" for n in range(6)
    ]
    for marks in kept_marks:
        marks.write_bytes(marks.read_bytes()[:-20])
    page.write_text(html, encoding="utf-8")
    assert again() == first and len(marked) == 4
    # other code (``scope``) marks everything again, without unpacking the marks it cannot
    # use; the bundles are kept by what was marked, the old marks are gone
    unpacked: list[str] = []
    read = PartCache._read

    def counted_read(self, name):
        data = read(self, name)  # a name not there raises: nothing read
        if name.endswith(MARKS_SUFFIX):
            unpacked.append(name)
        return data

    monkeypatch.setattr(PartCache, "_read", counted_read)
    assert again("other code") == first and len(marked) == 23 and indexed == [] and unpacked == []
    renewed = sorted(cache.root.glob(f"*{MARKS_SUFFIX}"))
    assert len(renewed) == 6 and not set(renewed) & set(kept_marks)


def test_the_join_decodes_only_changed_parts_and_compresses_only_changed_chunks(
    tmp_path, dictionary, monkeypatch
):
    """The join keeps each part's word table and each chunk's compressed bytes: after an edit
    it decodes the word index of the changed part only and compresses only chunks whose words
    changed. A damaged or foreign table or chunk in the cache is not taken; every bundle equals
    one joined without the cache, and the cache keeps only what the last join used."""
    from smartregio.publish import searchparts
    from smartregio.publish.searchcache import CHUNK_SUFFIX, TABLE_SUFFIX, PartCache

    decoded: list[str] = []
    compressed: list[int] = []
    rows, compress = searchparts._rows, searchparts.gzip.compress

    def counted_rows(part, chunks, field_ids):
        decoded.append(chunks[0][2])
        return rows(part, chunks, field_ids)

    def counted_compress(data, *args, **kwargs):
        if data.startswith(searchparts.MAGIC + b"\x81"):  # a chunk of the word index
            compressed.append(len(data))
        return compress(data, *args, **kwargs)

    monkeypatch.setattr(searchparts, "_rows", counted_rows)
    monkeypatch.setattr(searchparts.gzip, "compress", counted_compress)
    monkeypatch.setattr(searchparts, "TABLES_BESIDE_FROM", 10**6)  # every table made (and counted) here
    rng = random.Random(7)
    site, cache = tmp_path / "site", PartCache(tmp_path / "cache" / "suche")
    for n in range(200):  # enough words for several chunks
        text = " ".join(f"wort{rng.randrange(2000)}" for _ in range(200))
        path = site / "x" / f"p{n:03d}" / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title=f"Seite {n}", meta="", text=text, section="x"), encoding="utf-8")

    def again() -> dict[str, bytes]:
        decoded.clear()
        compressed.clear()
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        index_site(site, dictionary, part_pages=50, cache=cache)
        return bundle(site)

    first = again()
    chunks = len(meta_of(first)[2])
    assert len(decoded) == 4 and chunks >= 4
    assert again() == first and decoded == [] and compressed == []
    page = site / "x" / "p160" / "index.html"  # the fourth part's: one word for another
    page.write_text(
        page.read_text(encoding="utf-8").replace("Seite 160", "Seite zweihundert"), encoding="utf-8"
    )
    changed = again()
    assert len(decoded) == 1 and 1 <= len(compressed) < chunks
    assert changed != first and changed == indexed_afresh(site, tmp_path / "fresh", dictionary, 50)
    tables, kept_chunks = (
        sorted(cache.root.glob(f"*{TABLE_SUFFIX}")),
        sorted(cache.root.glob(f"*{CHUNK_SUFFIX}")),
    )
    assert len(tables) == 4 and len(kept_chunks) == chunks  # the last join's only
    tables[0].write_bytes(b"\xa1\x01\x02")  # CBOR, but no table
    tables[1].write_bytes(b"kaputt")
    kept_chunks[0].write_bytes(compress(b"etwas anderes"))
    kept_chunks[1].write_bytes(b"kaputt")
    assert again() == changed and len(decoded) == 2
    assert len(compressed) == 2


def test_word_tables_made_in_a_second_process_give_the_same_bundle_and_are_kept(
    tmp_path, dictionary, monkeypatch
):
    """With enough parts half of their word tables are made by a forked second process: the
    bundle is the one made by this process alone, and the tables it sent are kept for the next
    join like the others (which then makes none)."""
    from smartregio import processes
    from smartregio.publish import searchparts
    from smartregio.publish.searchcache import TABLE_SUFFIX, PartCache

    site = tmp_path / "site"
    write_site(site, 23)
    alone = indexed_afresh(site, tmp_path / "alone", dictionary, 3)  # eight parts
    started: list[object] = []
    original = processes.Beside.start.__func__
    monkeypatch.setattr(
        processes.Beside,
        "start",
        classmethod(lambda cls, *args: started.append(original(cls, *args)) or started[-1]),
    )
    monkeypatch.setattr(searchparts, "TABLES_BESIDE_FROM", 2)
    cache = PartCache(tmp_path / "cache" / "suche")
    index_site(site, dictionary, part_pages=3, cache=cache)
    assert bundle(site) == alone
    assert len(started) == 1 and started[0] is not None  # the second process made tables
    assert len(list(cache.root.glob(f"*{TABLE_SUFFIX}"))) == 8
    started.clear()
    shutil.rmtree(site / "pagefind")
    index_site(site, dictionary, part_pages=3, cache=cache)
    assert bundle(site) == alone and started == []  # every table from the cache: none made

    def broken(*args):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(searchparts, "_made_tables", broken)  # the second process fails
    shutil.rmtree(site / "pagefind")
    index_site(site, dictionary, part_pages=3)
    assert bundle(site) == alone and len(started) == 1  # its half made here instead


def test_pages_the_engine_took_from_the_last_site_are_not_even_read(tmp_path, dictionary, monkeypatch):
    """The cache keeps each page's digest by path, inode, size and time: a page that is the same
    file as in the last build is not opened. A page written just before the build looked at it
    is read again next time (a change in the same tick of the clock would keep size and time),
    one changed in place is read, a page changed in place behind an old time stamp is caught
    when its part is marked, and a damaged record is not taken. The bundle is the one made
    without the cache each time."""
    import os
    import time

    from smartregio.publish.searchcache import PAGE_STATS, PartCache

    opened: list[str] = []

    def counted_open(file, *args, **kwargs):  # every page the search stage reads
        if str(file).endswith(".html"):
            opened.append(Path(file).parent.name)
        return open(file, *args, **kwargs)

    monkeypatch.setattr(search, "open", counted_open, raising=False)
    site, cache = tmp_path / "site", PartCache(tmp_path / "cache" / "suche")
    write_site(site, 23)

    def age(*pages: Path, seconds: int = 60) -> None:
        for page in pages or site.rglob("*.html"):
            os.utime(page, ns=(time.time_ns(), time.time_ns() - seconds * 1_000_000_000))

    def again() -> dict[str, bytes]:
        opened.clear()
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        index_site(site, dictionary, part_pages=4, cache=cache, scope="code")
        return bundle(site)

    first = again()
    assert len(opened) == 23
    assert again() == first and len(opened) == 23  # written just now: not kept, read again
    age()
    assert again() == first and len(opened) == 23  # looked at long after they were written
    assert again() == first and opened == []
    page = site / "loesungen" / "e010" / "index.html"  # the fourth part's
    page.write_text(page.read_text(encoding="utf-8").replace("Eintrag 10", "Eintrag zehn"), encoding="utf-8")
    age(page, seconds=30)
    changed = again()
    # read, then the rest of its part to mark it (e007, e008, e011); no other page opened
    assert opened[0] == "e010" and sorted(opened[1:]) == ["e007", "e008", "e011"]
    assert changed == indexed_afresh(site, tmp_path / "fresh", dictionary, 4) != first
    # changed in place keeping size and time stamp (not what the engine does): when its part
    # is marked for another reason, the page read then is marked, and no source pair is kept
    # under the stale digest — the page's old text back later gives the old text's bundle
    before = page.stat()
    page.write_text(
        page.read_text(encoding="utf-8").replace("Eintrag zehn", "Eintrag elf!"), encoding="utf-8"
    )
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    neighbour = site / "loesungen" / "e011" / "index.html"
    neighbour.write_text(neighbour.read_text(encoding="utf-8") + " ", encoding="utf-8")
    age(neighbour, seconds=20)
    assert again() == indexed_afresh(site, tmp_path / "fresh", dictionary, 4)
    page.write_text(
        page.read_text(encoding="utf-8").replace("Eintrag elf!", "Eintrag zehn"), encoding="utf-8"
    )
    age(page, seconds=10)
    assert again() == indexed_afresh(site, tmp_path / "fresh", dictionary, 4)
    (cache.root / PAGE_STATS).write_text('{"x": "kaputt"}', encoding="utf-8")
    assert again() == indexed_afresh(site, tmp_path / "fresh", dictionary, 4) and len(opened) >= 23


def test_fragments_the_last_site_holds_with_the_same_bytes_are_linked_not_written(tmp_path, dictionary):
    """A rebuild links each fragment the last site's bundle holds with the same bytes (an edit
    changes few of them) and writes the others: a changed page's, one edited by hand in the
    last site, one replaced there by a symlink (not followed). The bundle is that of a build
    without the last site, and the last site's files stay as they were, though the new
    bundle's metadata is rewritten after the fragments are in."""
    last_site, site = tmp_path / "last", tmp_path / "site"
    write_site(last_site, 12)
    index_site(last_site, dictionary, part_pages=5)
    last = last_site / "pagefind"
    fragments = sorted((last / "fragment").iterdir())
    edited, linked_away = fragments[0], fragments[1]
    edited.write_bytes(edited.read_bytes()[:-1] + b"x")  # the same name, other bytes
    outside = tmp_path / "outside.pf_fragment"
    outside.write_bytes(linked_away.read_bytes())
    linked_away.unlink()
    linked_away.symlink_to(outside)
    before = {p.relative_to(last): (p.is_symlink(), p.read_bytes()) for p in last.rglob("*") if p.is_file()}

    shutil.copytree(last_site, site, ignore=shutil.ignore_patterns("pagefind"))
    page = site / "loesungen" / "e004" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Eintrag 4", "Eintrag vier"), encoding="utf-8")
    index_site(site, dictionary, part_pages=5, last=last)

    assert bundle(site) == indexed_afresh(site, tmp_path / "fresh", dictionary, 5)
    after = {p.relative_to(last): (p.is_symlink(), p.read_bytes()) for p in last.rglob("*") if p.is_file()}
    assert after == before and outside.read_bytes() == before[linked_away.relative_to(last)][1]
    last_inodes = {p.lstat().st_ino for p in (last / "fragment").iterdir()}
    new = sorted((site / "pagefind" / "fragment").iterdir())
    shared = [p.name for p in new if p.lstat().st_ino in last_inodes]
    written = {p.name for p in new} - set(shared)
    assert not any(p.is_symlink() for p in new)
    # the changed page's fragment, the edited and the linked-away one are written; all else linked
    assert {edited.name, linked_away.name} <= written and len(written) == 3
    assert len(shared) == len(new) - 3
    # a last bundle whose fragment folder is a link is not linked from at all
    shutil.rmtree(site / "pagefind")
    (tmp_path / "moved").mkdir()
    (last / "fragment").rename(tmp_path / "moved" / "fragment")
    (last / "fragment").symlink_to(tmp_path / "moved" / "fragment")
    index_site(site, dictionary, part_pages=5, last=last)
    assert all(p.stat().st_nlink == 1 for p in (site / "pagefind" / "fragment").iterdir())
