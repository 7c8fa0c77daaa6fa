"""The search stage: pages go to Pagefind's service from memory, each distinct text is marked
once, nothing but the bundle is written, and the same site gives the same bundle."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from smartregio.publish.compounds import Dictionary
from smartregio.publish.search import MAGIC, PagefindError, index_copy, index_site

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><nav>Navigation Startseite Lösungen Förderprojekte</nav></header>
<main><article data-pagefind-body><h1>{title}</h1><p>{text}</p>
<p>Gemeinsamer Absatz über Bürgerbeteiligung.</p></article></main></body></html>"""


class Counting(Dictionary):
    """A dictionary that counts the texts it is asked to mark."""

    def __init__(self, nouns: frozenset[str], names: frozenset[str]) -> None:
        super().__init__(nouns, names)
        self.texts: list[str] = []

    def mark(self, text: str, names: frozenset[str] = frozenset()) -> str:
        self.texts.append(text)
        return super().mark(text, names)


@pytest.fixture
def dictionary() -> Counting:
    return Counting(frozenset({"bürger", "beteiligung", "haushalt", "absatz"}), frozenset())


def write_site(site: Path) -> None:
    pages = {
        "index.html": PAGE.format(title="Start", text="Willkommen beim Bürgerhaushalt."),
        "loesungen/a/index.html": PAGE.format(title="Lösung A", text="Ein Bürgerhaushalt für alle."),
        "loesungen/b/index.html": PAGE.format(title="Lösung B", text="Noch ein Absatz."),
        # a listing without data-pagefind-body: Pagefind skips it
        "loesungen/index.html": "<html lang='de'><head></head><body><h1>Lösungen</h1></body></html>",
    }
    for name, html in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(html, encoding="utf-8")


def fragments(site: Path) -> dict[str, dict]:
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[len(MAGIC) :])
        found[fragment["url"]] = fragment
    return found


def bundle(site: Path) -> dict[str, bytes]:
    folder = site / "pagefind"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_pages_with_a_body_are_indexed_by_their_address_with_marked_compounds(tmp_path, dictionary):
    site = tmp_path / "site"
    write_site(site)
    index_site(site, dictionary)
    found = fragments(site)
    assert sorted(found) == ["/", "/loesungen/a/", "/loesungen/b/"]  # not the listing
    assert found["/loesungen/a/"]["meta"]["title"] == "Lösung A"
    assert "Bürger^haushalt" in found["/loesungen/a/"]["content"]  # the marked copy was read
    assert "Navigation" not in found["/"]["content"]  # only the body


def test_each_distinct_text_is_marked_once(tmp_path, dictionary):
    site = tmp_path / "site"
    write_site(site)
    index_site(site, dictionary)
    assert dictionary.texts.count("Gemeinsamer Absatz über Bürgerbeteiligung.") == 1  # on three pages
    assert len(dictionary.texts) == len(set(dictionary.texts))


def test_nothing_but_the_bundle_is_written_and_the_same_site_gives_the_same_bytes(
    tmp_path, dictionary, monkeypatch
):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    first, second = tmp_path / "one", tmp_path / "two"
    for site in (first, second):
        write_site(site)
    before = {p for p in first.rglob("*")}
    index_site(first, dictionary)
    index_site(second, dictionary)
    assert {p for p in first.rglob("*") if "pagefind" not in p.relative_to(first).parts} == before
    assert list(temporary.iterdir()) == []  # no marked copy of the site anywhere
    assert bundle(first) == bundle(second)


def test_a_failing_pagefind_is_said_in_german(tmp_path, dictionary, monkeypatch):
    site = tmp_path / "site"
    write_site(site)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(PagefindError, match="Pagefind ist fehlgeschlagen: Pagefind hat sich beendet"):
        index_site(site, dictionary)


def test_the_copy_keeps_the_head_and_the_body_and_leaves_out_header_and_navigation(dictionary):
    copy = index_copy(PAGE.format(title="Start", text="Text."), dictionary)
    assert "<title>Start</title>" in copy
    assert "Navigation" not in copy
    assert copy.index("</head>") < copy.index("data-pagefind-body")


def test_what_pagefind_ignores_all_of_is_not_sent_and_the_index_stays_the_same(tmp_path, dictionary):
    """An element with ``data-pagefind-ignore="all"`` (a place page's long lists) is left out of
    the copy, nested elements of its kind included; one that Pagefind only leaves out of the
    index keeps its filters. The bundle is the one Pagefind makes from the whole page."""
    ignored = (
        '<section data-pagefind-ignore="all"><h2>Liste</h2><section><p>Innen Haushalt</p></section>'
        '<span data-pagefind-filter="land">Bayern</span></section>'
        '<div data-pagefind-ignore><span data-pagefind-filter="sammlung">Kommunen</span>Ohne Index</div>'
        "<p>Danach Absatz.</p>"
    )
    copy = index_copy(PAGE.format(title="Ort", text=ignored), dictionary)
    assert "Liste" not in copy and "Innen" not in copy and "Bayern" not in copy
    assert 'data-pagefind-filter="sammlung">Kommunen</span>' in copy and "Danach" in copy
    assert copy.count("<section") == copy.count("</section") == 0
    site = tmp_path / "site"
    (site / "ort").mkdir(parents=True)
    (site / "ort/index.html").write_text(PAGE.format(title="Ort", text=ignored), encoding="utf-8")
    index_site(site, dictionary)
    (fragment,) = fragments(site).values()
    assert "Haushalt" not in fragment["content"] and "Danach" in fragment["content"]
    assert fragment["filters"] == {"sammlung": ["Kommunen"]}


def test_block_ends_keep_words_apart_in_the_excerpt(tmp_path, dictionary):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html lang="de"><head><title>Bamberg</title></head><body><main><article data-pagefind-body>'
        "<h1>Bamberg</h1><dl><dt>Amtlicher Schlüssel</dt><dd>09461000</dd><dt>Art</dt>"
        "<dd>Kreisfreie Stadt</dd></dl></article></main></body></html>",
        encoding="utf-8",
    )
    index_site(site, dictionary)
    content = fragments(site)["/"]["content"]
    assert "Schlüssel 09461000 Art Kreisfreie" in content  # not „Schlüssel09461000 ArtKreisfreie“


def test_the_vocabulary_holds_the_indexed_words_by_first_letter(tmp_path, dictionary):
    site = tmp_path / "site"
    write_site(site)
    (site / "ignored" / "index.html").parent.mkdir()
    (site / "ignored" / "index.html").write_text(
        '<html lang="de"><body><article data-pagefind-body><h1>Seite</h1>'
        "<nav data-pagefind-ignore><div>Versteckwort</div><div>Nochverstecktes</div></nav>"
        "<p>Sichtbarwort</p></article></body></html>",
        encoding="utf-8",
    )
    index_site(site, dictionary)
    words = {
        path.stem: dict(json.loads(path.read_text(encoding="utf-8")))
        for path in (site / "pagefind" / "woerter").glob("*.json")
    }
    assert words["b"]["Bürgerbeteiligung"] == 3  # on three pages
    assert words["g"]["Gemeinsamer"] == 3
    assert "Sichtbarwort" in words["s"]
    every = {w for letter in words.values() for w in letter}
    assert not {"Versteckwort", "Nochverstecktes", "Navigation"} & every  # not indexed: no suggestion
    assert all(len(w) >= 4 for w in every)
