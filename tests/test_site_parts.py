"""Parts of the site build tested on their own: entry Markdown, the front matter the engine
reads, and merging folders by renaming."""

from __future__ import annotations

import re

import pytest
import yaml
from mkdocs.utils.meta import get_data as mkdocs_get_data
from properdocs.utils.meta import get_data as properdocs_get_data

from smartregio.package.write import move_into
from smartregio.pages.generate import Links, front_matter, relative
from smartregio.pages.markdown import render


def test_entry_markdown_is_commonmark_with_tables_and_linkable_headings():
    html = render(
        "# Oben\n\n## Zwei Wörter\n\nText ~~alt~~ **neu**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "1. eins\n2. zwei\n"
    )
    assert "<h1" not in html  # the page owns the h1
    assert '<h2 id="abschnitt-oben">Oben</h2>' in html
    assert '<h2 id="abschnitt-zwei-woerter">Zwei Wörter</h2>' in html
    assert "<s>alt</s> <strong>neu</strong>" in html
    assert "<td>1</td>" in html and "<li>zwei</li>" in html


def test_table_columns_keep_their_alignment_and_nothing_else_of_style():
    html = render('| Jahr | Betrag |\n|:--|--:|\n| 2024 | 5 € |\n\n<p style="color:red">x</p>\n')
    assert '<td style="text-align:right">5 €</td>' in html
    assert '<th style="text-align:left">Jahr</th>' in html
    assert "color" not in html


def test_entry_markdown_keeps_only_safe_markup():
    html = render(
        'Text <script>alert(1)</script> [x](javascript:alert(1)) <a href="https://e.org" onclick="y">z</a>'
    )
    assert "<script" not in html and 'href="javascript' not in html and "onclick" not in html
    assert '<a href="https://e.org" rel="noopener noreferrer nofollow">z</a>' in html


@pytest.mark.parametrize(
    "value",
    [
        "Zeile\n---\nnoch eine\n...\n",  # would end a YAML block
        "\u2028 \u2029 \x85 \ufeff \x7f \x9f \ufffe",  # raw, YAML reads them differently or not at all
        'Anführung " und \\ und \t Tab, 😀, {{ 7*7 }}, <script>',
    ],
)
def test_front_matter_reaches_the_engine_unchanged(value):
    front = {"title": value, "nested": {"list": [value, 1, True, None]}, "body_html": value}
    meta_text = f"---\n{front_matter(front)}\n---\n"
    for get_data in (properdocs_get_data, mkdocs_get_data):  # exactly as each engine reads it
        body, meta = get_data(meta_text)
        assert meta == front and body == "", get_data.__module__
    assert yaml.safe_load(front_matter(front)) == front


def test_relative_links_work_under_any_prefix():
    assert relative("/loesungen/x/", "/loesungen/y/") == "../y/"
    assert relative("/loesungen/x/", "/kommunen/1/?a=b#c") == "../../kommunen/1/?a=b#c"
    assert relative("/", "/") == "./"
    assert relative("/a/", "/api/v1/x.json") == "../api/v1/x.json"


def test_links_kept_per_folder_are_the_links_of_each_page():
    """Pages of one folder share the links they have in common, never one that leads from a
    page to itself, to a page below it or to a neighbour whose name starts like its own."""
    pages = [
        "/",
        "/kommunen/",
        "/kommunen/0946/",
        "/kommunen/09461000/",
        "/kommunen/09461000/karte/",
        "/loesungen/x/",
        "/loesungen/xy/",
        "/a/b/c/",
        "/a/b/d/",
    ]
    targets = [
        "/",
        "/kommunen/",
        "/kommunen/0946/",
        "/kommunen/09461000/",
        "/kommunen/09461000/karte/",
        "/kommunen/09461000/?karte=1#k",
        "/kommunen/0946",
        "/loesungen/x/",
        "/loesungen/xy/",
        "/loesungen/x/#abschnitt",
        "/loesungen/",
        "/api/v1/x.json",
        "/a/b/",
        "/a/b/c/",
        "/a/b/d/x/",
        "/a/b/c/d.json",
        "/feed.xml",
        "/loesungen/x/?q=x#x",
    ]
    links = Links()
    for _round in range(2):  # the second round answers from what the first kept
        for here in pages:
            rel = links.of(here)
            for target in targets:
                assert rel(target) == relative(here, target), (here, target)


def test_move_into_merges_folders_without_copying(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    (source / "daten" / "latest").mkdir(parents=True)
    (source / "daten" / "latest" / "a.csv").write_text("a", encoding="utf-8")
    (source / "api").mkdir()
    (source / "api" / "x.json").write_text("{}", encoding="utf-8")
    (target / "daten").mkdir(parents=True)
    (target / "daten" / "index.html").write_text("seite", encoding="utf-8")
    inode = (source / "api" / "x.json").stat().st_ino
    move_into(source, target)
    assert (target / "daten" / "index.html").read_text(encoding="utf-8") == "seite"
    assert (target / "daten" / "latest" / "a.csv").read_text(encoding="utf-8") == "a"
    assert (target / "api" / "x.json").stat().st_ino == inode  # renamed, not copied
    (tmp_path / "again" / "api").mkdir(parents=True)
    (tmp_path / "again" / "api" / "x.json").write_text("[]", encoding="utf-8")
    with pytest.raises(FileExistsError):
        move_into(tmp_path / "again", target)
    assert re.fullmatch(r"\{\}", (target / "api" / "x.json").read_text(encoding="utf-8"))
