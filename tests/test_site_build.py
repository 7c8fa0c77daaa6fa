"""The built site: every page type, hostile entries made harmless, no third-party requests
in the markup, atomic and reproducible builds."""

from __future__ import annotations

import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from smartregio.addresses import SECTIONS
from smartregio.engine import DEFAULT, EngineError
from smartregio.engine import mkdocs as mkdocs_engine
from smartregio.load import load_catalogue
from smartregio.pipeline import BuildError, build_site
from smartregio.project import Project

from .site_helpers import REPO, build, named_keys, serve, status, tree_digest

PAGE_TYPES = [
    "index.html",
    "loesungen/index.html",
    "loesungen/stadtnavi/index.html",
    "foerderprojekte/index.html",
    "foerderprojekte/mpsc-ulm/index.html",
    "leitfaeden/index.html",
    "leitfaeden/stadt-app-uebernehmen/index.html",
    "programme/index.html",
    "programme/modellprojekte-smart-cities/index.html",
    "kommunen/index.html",
    "kommunen/08115021/index.html",
    "karte/index.html",
    "vergleich/index.html",
    "suche/index.html",
    "stufenplan/index.html",
    "transfer/index.html",
    "mitmachen/index.html",
    "daten/index.html",
    "impressum/index.html",
    "datenschutz/index.html",
    "barrierefreiheit/index.html",
    "api/v1/index.json",
    "api/v1/loesungen/stadtnavi.json",
    "api/v1/kommunen/08115021.json",
    "daten/latest/datapackage.json",
    "pagefind/pagefind.js",
]


@pytest.fixture(scope="module")
def site(shipped_site) -> Path:
    return shipped_site  # built once per run (tests/conftest.py); these tests only read it


def test_every_page_type_exists(site):
    missing = [p for p in PAGE_TYPES if not (site / p).is_file()]
    assert not missing


def test_every_entry_and_place_has_a_page(site):
    catalogue, _ = load_catalogue(REPO / "data")
    sections = {
        "solutions": "loesungen",
        "funding-projects": "foerderprojekte",
        "guidelines": "leitfaeden",
        "programmes": "programme",
    }
    for collection, section in sections.items():
        for key in catalogue.entries[collection]:
            assert (site / section / key / "index.html").is_file(), (section, key)
            assert (site / "api/v1" / section / f"{key}.json").is_file()
    named = named_keys(catalogue)
    for key in named:
        assert (site / "kommunen" / key / "index.html").is_file()
        assert (site / "api/v1/kommunen" / f"{key}.json").is_file()


def test_entry_page_shows_readable_german_not_field_names(site):
    html = (site / "loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    facts = html[html.index('class="sr-facts"') : html.index("</aside>")]
    text = re.sub(r"<[^>]+>", " ", facts)
    for label in ("Handlungsfeld", "Entwicklungsstand", "Lizenz", "Im Einsatz in", "Transferreife"):
        assert label in text
    # one action field: the label in the singular; several tags: in the plural
    assert "Handlungsfelder" not in text and "Schlagwörter" in text
    for raw in ("action_fields", "used_by", "transfer_readiness", "development_status"):
        assert raw not in text
    assert "P5 Transfer" in text  # the phase's label, not its bare code
    assert "Mobilität und Verkehr" in text and "Ludwigsburg" in text
    assert "Eintrag bearbeiten" in html and "edit/main/data/solutions/stadtnavi.md" in html
    assert "api/v1/loesungen/stadtnavi.json" in html and "Zuletzt geprüft" in html


def test_cross_links_go_both_ways(site):
    solution = (site / "loesungen/civitas-core/index.html").read_text(encoding="utf-8")
    assert "../../foerderprojekte/mpsc-paderborn/" in solution
    project = (site / "foerderprojekte/mpsc-paderborn/index.html").read_text(encoding="utf-8")
    assert "../../loesungen/civitas-core/" in project
    assert "../../programme/modellprojekte-smart-cities/" in project
    programme = (site / "programme/modellprojekte-smart-cities/index.html").read_text(encoding="utf-8")
    assert "../../foerderprojekte/mpsc-paderborn/" in programme
    place = (site / "kommunen/08118048/index.html").read_text(encoding="utf-8")
    assert "../../loesungen/stadtnavi/" in place


def test_catalogue_lists_every_entry_without_javascript(site):
    catalogue, _ = load_catalogue(REPO / "data")
    html = (site / "foerderprojekte/index.html").read_text(encoding="utf-8")
    for key in catalogue.entries["funding-projects"]:
        assert f'href="{key}/"' in html


EXTERNAL_SRC = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.I,
)
LINK = re.compile(r"<link\b[^>]*>", re.I)
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon"}


def external_loads(text: str) -> list[str]:
    """Markup that makes a browser fetch from another host (a canonical link does not)."""
    found = [m.group(0)[:80] for m in EXTERNAL_SRC.finditer(text)]
    for tag in LINK.findall(text):
        rel = re.search(r"""rel=["']?([^"'>]+)""", tag)
        href = re.search(r"""href=["']?((?:https?:)?//[^"'> ]+)""", tag)
        if href and rel and set(rel.group(1).lower().split()) & LOADING_RELS:
            found.append(tag[:80])
    return found


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"} and "pagefind" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders.extend((str(path.relative_to(site)), hit) for hit in external_loads(text))
    assert offenders == []


def test_the_external_load_check_can_fail():
    assert external_loads('<link rel="stylesheet" href="https://fonts.googleapis.com/css">')
    assert external_loads('<script src="//cdn.example/x.js"></script>')
    assert not external_loads('<link rel="canonical" href="https://smartregio.example.org/">')


HOSTILE = """---
id: boese-loesung
name: "<script>alert('name')</script> & Co"
summary: "Harmlos? <img src=x onerror=alert('summary')> {{ 7*7 }} \\" onmouseover=\\"alert(1)"
action_fields: [mobilitaet]
tags: ["<b>fett</b>", "{{ config }}"]
development_status: stable
open_source: true
licence: MIT
repository: https://example.org/repo?a=1&b="x"
provider: "{% raw %}{{ 7*7 }}{% endraw %}"
transfer_readiness: P3
sources: ["https://example.org/quelle"]
last_reviewed: 2025-01-15
---
# Überschrift

Text mit <script>alert('body')</script> und <img src=x onerror="alert('img')">
und einem [Link](javascript:alert('link')) und <a href="javascript:alert('a')">noch einem</a>,
<iframe src="https://evil.example/"></iframe> <style>body{display:none}</style>
<form action="https://evil.example/"><input name=x></form>
![Bild](https://evil.example/pixel.png) und {{ 7*7 }} und {% if true %}Vorlage{% endif %}.

<div onclick="alert('div')">Klick</div>
"""


def build_with_hostile_entry(root: Path) -> Path:
    """The test data and ``HOSTILE`` built into ``root / "site"`` (generated pages in
    ``root / "work" / "docs"``); returns ``root``."""
    from .conftest import make_data

    data = make_data(root / "data")
    (data / "solutions/boese-loesung.md").write_text(HOSTILE, encoding="utf-8")
    build(data, root / "site", root / "work")
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return build_with_hostile_entry(tmp_path_factory.mktemp("hostile")) / "site"


class Markup(HTMLParser):
    """Tags and attributes as a browser would see them (escaped text is not markup)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text.append(data)


def dangerous(html: str) -> list[str]:
    found = []
    for tag, attrs in Markup(html).tags:
        # the catalogue's own forms and „Kommune finden“
        ours = any(mark in attrs for mark in ("data-sr-filters", "data-sr-pick", "data-sr-finder"))
        if tag in {"script", "iframe", "form", "style", "object", "embed", "img"} and not ours:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{tag} {name}")
            if name in {"href", "src", "action"} and value.strip().lower().startswith(
                ("javascript:", "data:")
            ):
                found.append(f"{tag} {name}={value}")
    return found


def test_hostile_entry_is_harmless_on_its_page(hostile_site):
    html = (hostile_site / "loesungen/boese-loesung/index.html").read_text(encoding="utf-8")
    main = html[html.index("<div data-pagefind-body>") : html.index("</article>")]
    assert dangerous(main) == []
    text = "".join(Markup(main).text)
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "{% if true %}Vorlage{% endif %}" in text
    assert "<b>fett</b>" in text  # shown as text, not as markup
    assert "<script>alert('name')</script> & Co" in text


def test_the_markup_check_can_fail():
    assert dangerous('<img src=x onerror="alert(1)">')
    assert dangerous('<a href="javascript:alert(1)">x</a>')
    assert not dangerous("<p>&lt;img src=x onerror=alert(1)&gt;</p>")


def test_hostile_entry_is_harmless_in_listings_and_head(hostile_site):
    for page in ("loesungen/index.html", "vergleich/index.html", "index.html"):
        html = (hostile_site / page).read_text(encoding="utf-8")
        assert dangerous(html[html.index("<article") : html.index("</article>")]) == [], page
    head = (
        (hostile_site / "loesungen/boese-loesung/index.html").read_text(encoding="utf-8").split("</head>")[0]
    )
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    assert "<" not in title
    description = re.search(r'<meta name="description" content="([^"]*)"', head).group(1)
    assert "onmouseover" in description and '"' not in description  # quote stays inside the attribute
    document = json.loads((hostile_site / "api/v1/loesungen/boese-loesung.json").read_text(encoding="utf-8"))
    assert document["title"].startswith("<script>")  # data stays data; escaping is the reader's job


def test_two_builds_are_byte_identical(tmp_path):
    """A second build in another process (other hash seed) gives the same bytes."""
    import os
    import subprocess
    import sys

    from .conftest import make_data

    data = make_data(tmp_path / "data")
    build(data, tmp_path / "a", tmp_path / "work")
    env = {**os.environ, "PYTHONHASHSEED": "4711", "PYTHONPATH": str(REPO / "scripts")}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "smartregio",
            "build",
            "--data",
            str(data),
            "--site-dir",
            str(tmp_path / "b"),
            "--work-dir",
            str(tmp_path / "work-b"),  # never the checkout's own build/
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_a_build_leaves_the_environment_as_it_was_and_dates_pages_from_the_data(tmp_path):
    """The engine gets the build date from the data for its own run; nothing of it (or of
    what MkDocs and its theme set on import) stays in the process environment."""
    import os

    from .conftest import make_data

    data = make_data(tmp_path / "data")
    before = dict(os.environ)
    build(data, tmp_path / "site", tmp_path / "work")
    assert dict(os.environ) == before
    sitemap = (tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2025-01-15"}  # the newest review


def test_a_build_from_another_folder_writes_nothing_under_home(tmp_path):
    """``smartregio build`` run from elsewhere with an empty home folder: the search's word
    sets and the build's record are kept in the project's build/cache/, nothing lands in the
    home or working folder."""
    import os
    import subprocess
    import sys

    from .conftest import make_data
    from .site_helpers import project_with_config

    root = tmp_path / "projekt"
    project_with_config(root, (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    make_data(root / "data")
    home, elsewhere = tmp_path / "home", tmp_path / "anderswo"
    home.mkdir()
    elsewhere.mkdir()
    env = {name: value for name, value in os.environ.items() if not name.startswith("XDG_")}
    env.update(HOME=str(home), PYTHONPATH=str(REPO / "scripts"), PYTHONDONTWRITEBYTECODE="1")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "smartregio",
            "-q",
            "build",
            "--data",
            str(root / "data"),
            "--site-dir",
            str(root / "site"),
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert (root / "site/index.html").is_file()
    assert sorted(home.rglob("*")) == []
    assert sorted(elsewhere.rglob("*")) == []
    # the search's word sets and index parts, the generated pages' keys and the record of the
    # last build (no stored release)
    kept = sorted(p.name[:13] for p in (root / "build/cache").iterdir())
    assert kept == ["german-nouns-", "seiten", "suche", "websites"]


def test_invalid_data_stops_the_build_and_keeps_the_old_site(tmp_path, cli, monkeypatch):
    from .conftest import make_data

    data = make_data(tmp_path / "data")
    build(data, tmp_path / "site", tmp_path / "work")
    before = tree_digest(tmp_path / "site")
    path = data / "solutions/stadtnavi.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("open_source: true", "open_source: 5"), encoding="utf-8"
    )
    with pytest.raises(BuildError) as failure:
        build(data, tmp_path / "site", tmp_path / "work")
    assert "open_source" in failure.value.problems.as_text()
    assert tree_digest(tmp_path / "site") == before
    monkeypatch.chdir(REPO)
    result = cli("build", "--data", str(data), "--site-dir", str(tmp_path / "site"))
    assert result.code == 1
    assert re.search(r"stadtnavi\.md:8: open_source: ", result.err)
    assert tree_digest(tmp_path / "site") == before


def test_engine_failure_keeps_the_old_site(tmp_path, monkeypatch):
    from .conftest import make_data

    data = make_data(tmp_path / "data")
    build(data, tmp_path / "site", tmp_path / "work")
    before = tree_digest(tmp_path / "site")

    def broken(config_file, docs_dir, site_dir, shard_sections=(), **options):
        (Path(site_dir) / "half.html").write_text("halb", encoding="utf-8")
        raise EngineError("kaputt")

    monkeypatch.setattr(f"smartregio.engine.{DEFAULT}.render", broken)
    with pytest.raises(EngineError):  # without the cache, which knows that nothing changed
        build(data, tmp_path / "site", tmp_path / "work", use_cache=False)
    assert tree_digest(tmp_path / "site") == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]


def test_failure_in_the_download_process_keeps_the_old_site(tmp_path, monkeypatch):
    from .conftest import make_data

    data = make_data(tmp_path / "data")
    build(data, tmp_path / "site", tmp_path / "work")
    before = tree_digest(tmp_path / "site")

    def broken(*args, **kwargs):
        raise OSError("Datenträger voll")

    monkeypatch.setattr("smartregio.pipeline.compile_downloads", broken)
    with pytest.raises(BuildError, match="Datenträger voll"):
        build(data, tmp_path / "site", tmp_path / "work", use_cache=False)
    assert tree_digest(tmp_path / "site") == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_failed_download_process_keeps_its_traceback_for_v(tmp_path, monkeypatch, cli):
    """One line by default; with -v the side process's traceback, which says where it failed."""
    from .conftest import make_data

    data = make_data(tmp_path / "data")

    def broken(*args, **kwargs):
        raise RuntimeError("kaputt im Nebenprozess")

    monkeypatch.setattr("smartregio.pipeline.compile_downloads", broken)
    monkeypatch.setenv("SMARTREGIO_START_METHOD", "fork")  # the side process sees the patch
    monkeypatch.chdir(REPO)
    args = (
        "build",
        "--data",
        str(data),
        "--site-dir",
        str(tmp_path / "site"),
        "--work-dir",
        str(tmp_path / "w"),
    )
    short = cli(*args)
    assert short.code == 1 and "Traceback" not in short.err
    assert short.err.strip().endswith(
        "Downloads und API konnten nicht geschrieben werden: RuntimeError: kaputt im Nebenprozess"
    )
    verbose = cli("-v", *args)
    assert verbose.code == 1
    assert "Traceback (most recent call last):" in verbose.err
    assert "in _side_outputs" in verbose.err and "in broken" in verbose.err
    assert verbose.err.rstrip().endswith("RuntimeError: kaputt im Nebenprozess")


@pytest.mark.parametrize(("cores", "per_run"), [(2, 3000), (3, 3000), (2, 2)])
def test_sharded_engine_runs_give_the_same_site(tmp_path, monkeypatch, cores, per_run):
    """Engine runs sharing the entry pages produce exactly the files of one run, also when
    there are more runs than cores (a few pages per run: at most a core's worth at a time)."""
    from .conftest import make_data

    data = make_data(tmp_path / "data")
    build(data, tmp_path / "one", tmp_path / "work")
    # shards are the engine's way when the section pages cannot be framed (``engine/frames.py``)
    monkeypatch.setattr("smartregio.engine.mkdocs.FRAMES", False)
    monkeypatch.setattr("smartregio.engine.mkdocs.SHARD_FROM", 1)
    monkeypatch.setattr("smartregio.engine.mkdocs.PAGES_PER_RUN", per_run)
    monkeypatch.setattr("smartregio.engine.mkdocs.os.cpu_count", lambda: cores)
    started: list[tuple[int, int]] = []
    original = mkdocs_engine._run_at_most

    def counted(runs, at_once):
        started.append((len(runs), at_once))
        original(runs, at_once)

    monkeypatch.setattr(mkdocs_engine, "_run_at_most", counted)
    build(data, tmp_path / "two", tmp_path / "work")
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")
    sitemap = (tmp_path / "two" / "sitemap.xml").read_text(encoding="utf-8")
    assert "loesungen/stadtnavi/" in sitemap and "kommunen/09162000/" in sitemap
    runs, at_once = started[0]
    assert at_once == cores and (runs > cores if per_run == 2 else runs == cores)
    assert runs % cores == 0  # whole waves: no core waits while one run renders alone


@pytest.mark.parametrize(
    ("pages", "cores", "runs"),
    [
        (400, 2, 2),
        (5000, 2, 2),
        (12_400, 2, 4),
        (22_500, 2, 6),
        (22_500, 3, 6),
        (60_000, 2, 8),
        (9000, 16, 8),
    ],
)
def test_engine_runs_come_in_whole_waves(pages, cores, runs):
    """Runs of at most ``PAGES_PER_RUN`` pages, rounded up to a multiple of the cores."""
    assert mkdocs_engine._run_count(pages, cores) == runs


def test_spawned_workers_build_the_same_site(tmp_path, monkeypatch):
    """Windows and macOS start workers with ``spawn``: the downloads process, the engine's
    shards, the workers that fill framed pages and the package check must give the same bytes
    as with ``fork``."""
    from .conftest import make_data

    data = make_data(tmp_path / "data")
    monkeypatch.setattr("smartregio.engine.mkdocs.SHARD_FROM", 1)
    monkeypatch.setattr("smartregio.engine.mkdocs.FILL_PER_WORKER", 1)
    monkeypatch.setattr("smartregio.engine.mkdocs.os.cpu_count", lambda: 2)
    build(data, tmp_path / "fork", tmp_path / "work")
    monkeypatch.setenv("SMARTREGIO_START_METHOD", "spawn")
    build(data, tmp_path / "spawn", tmp_path / "work")
    monkeypatch.setattr("smartregio.engine.mkdocs.FRAMES", False)
    build(data, tmp_path / "shards", tmp_path / "work")
    assert (
        tree_digest(tmp_path / "fork") == tree_digest(tmp_path / "spawn") == tree_digest(tmp_path / "shards")
    )


ENGINES = ("properdocs", "mkdocs", "zensical")  # the default first, then the tested alternatives


@pytest.fixture(scope="module")
def engines(tmp_path_factory) -> dict[str, Path]:
    """The shipped entries rendered by each engine, by name. The place table is cut to the
    places the entries name and those they lie in: the same page types, a fraction of the
    12,000 place pages, so the alternatives' full builds stay within CI's time."""
    assert ENGINES[0] == DEFAULT
    root = tmp_path_factory.mktemp("engines")
    data = named_places_only(root / "data")
    for name in ENGINES:
        build_site(data, root / name, Project(REPO, build_root=root / f"w-{name}"), engine=name)
    return {name: root / name for name in ENGINES}


def named_places_only(target: Path) -> Path:
    """A copy of the shipped data whose places are those an entry names, their Verband, Kreis
    and Land; without the stored releases, whose pages the shipped site's tests cover (each
    engine would render every release again)."""
    import csv
    import io
    import shutil

    shutil.copytree(REPO / "data", target, ignore=shutil.ignore_patterns(".releases"))
    catalogue, _ = load_catalogue(REPO / "data")
    named = named_keys(catalogue) | set(catalogue.reference.contacts)  # a contact names its place too
    places = catalogue.reference.places
    keep = set(named)
    for key in named:
        place = places[key]
        keep |= {k for k in (place.kreis, place.verband, key[:2]) if k}
    path = target / "reference/places.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(row for row in rows if row["key"] in keep)
    path.write_text(out.getvalue(), encoding="utf-8")
    return target


GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def test_properdocs_and_mkdocs_build_the_same_bytes_but_for_the_generator_tag(engines):
    """ProperDocs continues MkDocs 1.6 with the same theme: every file of the site is the same,
    only the generator tag of the HTML pages names the engine."""
    properdocs_site, mkdocs_site = engines["properdocs"], engines["mkdocs"]
    files = {p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("*") if p.is_file()}
    assert files == {p.relative_to(properdocs_site) for p in properdocs_site.rglob("*") if p.is_file()}
    named = set()
    for rel in sorted(files):
        ours, theirs = (properdocs_site / rel).read_bytes(), (mkdocs_site / rel).read_bytes()
        if ours != theirs:
            assert GENERATOR.sub(b"", ours) == GENERATOR.sub(b"", theirs), rel
            named |= {GENERATOR.search(ours)[1], GENERATOR.search(theirs)[1]}
    assert {n.split(b",")[0] for n in named} == {b"mkdocs-ProperDocs 1.6.7", b"mkdocs-1.6.1"}


def test_zensical_builds_the_same_pages_with_their_key_facts(engines):
    mkdocs_site, zensical_site = engines["mkdocs"], engines["zensical"]
    pages = {p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("index.html")}
    assert pages == {p.relative_to(zensical_site) for p in zensical_site.rglob("index.html")}
    catalogue, _ = load_catalogue(REPO / "data")  # the same entries as the engines' data
    sections = {c: SECTIONS[c] for c in catalogue.entries}
    for collection, section in sections.items():
        for key, entry in catalogue.entries[collection].items():
            html = (zensical_site / section / key / "index.html").read_text(encoding="utf-8")
            assert 'class="sr-facts"' in html and "Eckdaten" in html, (section, key)
            title = getattr(entry, "name", None) or entry.title
            assert escape(title, quote=False) in html, (section, key)
            assert "Zuletzt geprüft" in html
    solution = (zensical_site / "loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    assert "EUPL-1.2 OR AGPL-3.0-only" in solution and "Ludwigsburg" in solution
    assert (zensical_site / "pagefind/pagefind.js").is_file()  # the search index is engine-neutral


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])  # mkdocs: the same bytes as properdocs
def test_the_header_search_field_is_seen_and_works_in_both_themes(engines, browser, engine):
    """Zensical draws a light header, Material a coloured one: the field must stand out
    (WCAG 1.4.11, 3:1 for its edge) on either, and search in place on /suche/."""
    from playwright.sync_api import expect

    site = engines[engine]
    with serve(site) as origin:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
        page = context.new_page()
        page.goto(origin + "/suche/?q=Haushalt", wait_until="networkidle")
        field = page.locator(".sr-header-search input")
        colours = field.evaluate("""input => {
            let n = input.closest('header'), bg = getComputedStyle(n).backgroundColor;
            while (n && /rgba\\(.*, 0\\)|transparent/.test(bg)) { n = n.parentElement; bg = n ? getComputedStyle(n).backgroundColor : 'rgb(255, 255, 255)'; }
            const s = getComputedStyle(input);
            return {header: bg, fill: s.backgroundColor, edge: parseFloat(s.borderTopWidth) ? s.borderTopColor : s.backgroundColor}; }""")
        assert (
            max(_contrast(colours["fill"], colours["header"]), _contrast(colours["edge"], colours["header"]))
            >= 3
        ), colours
        expect(field).to_have_value("Haushalt")  # the page's search, mirrored
        expect(status(page)).to_have_text(re.compile(r"^\d+ Treffer gefunden"))
        context.close()


def test_the_second_process_writes_a_share_of_the_place_pages_with_the_same_bytes(tmp_path, monkeypatch):
    """The build's second process takes chunks of the place pages once its downloads are
    written: the site is the one this process makes alone, and the pages it wrote are in the
    memo, so that the next build takes them instead of making them again."""
    from smartregio import pipeline

    from .conftest import make_data

    data = make_data(tmp_path / "data")
    shared, alone = tmp_path / "shared", tmp_path / "alone"
    monkeypatch.setenv("SMARTREGIO_START_METHOD", "fork")
    with monkeypatch.context() as patched:
        patched.setattr(pipeline.SideOutputs, "shares", property(lambda self: False))
        build(data, alone, tmp_path / "w2", use_cache=False)
    theirs_first(monkeypatch)
    finish = pipeline.SharedPlaces.finish
    theirs: list[int] = []

    def counted(self, memo):
        theirs.append(finish(self, memo))
        return theirs[-1]

    monkeypatch.setattr(pipeline.SharedPlaces, "finish", counted)
    build(data, shared, tmp_path / "w1", use_cache=False)
    assert theirs and theirs[0] >= 1  # the second process wrote place pages
    assert tree_digest(shared) == tree_digest(alone)
    # the next build, made in this process alone, renders the edited entry's page and takes
    # every place page from the last generation: those of the second process were recorded
    monkeypatch.setattr(pipeline.SideOutputs, "shares", property(lambda self: False))
    rendered: list[str] = []
    note = pipeline.PageMemo.note
    monkeypatch.setattr(
        pipeline.PageMemo, "note", lambda memo, path, *rest: rendered.append(path) or note(memo, path, *rest)
    )
    entry = sorted((data / "solutions").glob("*.md"))[0]
    entry.write_text(entry.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", encoding="utf-8")
    build(data, shared, tmp_path / "w1")
    assert f"loesungen/{entry.stem}/index.md" in rendered
    assert not [path for path in rendered if path.startswith("kommunen/")]


def theirs_first(monkeypatch) -> None:
    """Forked processes, a chunk per place page, and this process's share begun only once the
    second process has taken a chunk (it would otherwise take every chunk of a small site)."""
    import time

    from smartregio import pipeline

    monkeypatch.setenv("SMARTREGIO_START_METHOD", "fork")
    monkeypatch.setattr(pipeline, "PLACE_CHUNK", 1)
    mine = pipeline.SharedPlaces.mine

    def after_theirs(self, keys):
        deadline = time.monotonic() + 60
        while self.side.claims.value < 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        return mine(self, keys)

    monkeypatch.setattr(pipeline.SharedPlaces, "mine", after_theirs)


def test_a_failure_in_the_second_process_s_place_pages_is_named_and_keeps_the_site(tmp_path, monkeypatch):
    """A place page the second process cannot make stops the build with one German line that
    names the place pages (the traceback for ``-v``); the last site stays as it was."""
    import os

    from smartregio.pages.generate import Generator

    from .conftest import make_data

    data, site = make_data(tmp_path / "data"), tmp_path / "site"
    build(data, site, tmp_path / "work")
    before = tree_digest(site)
    theirs_first(monkeypatch)
    parent, drafts = os.getpid(), Generator.place_drafts

    def broken_there(self, keys):
        if os.getpid() != parent:
            raise RuntimeError("kaputt bei den Orten")
        return drafts(self, keys)

    monkeypatch.setattr(Generator, "place_drafts", broken_there)
    with pytest.raises(BuildError) as failed:
        build(data, site, tmp_path / "work", use_cache=False)
    assert (
        str(failed.value)
        == "Die Seiten der Orte konnten nicht geschrieben werden: RuntimeError: kaputt bei den Orten"
    )
    assert "in broken_there" in (failed.value.detail or "")
    assert tree_digest(site) == before


def test_the_places_surroundings_made_beside_or_here_give_the_same_site(tmp_path, monkeypatch):
    """The entries near every place are computed in a second process while this one computes
    the entries' views; if that process fails they are computed here: the same site."""
    from smartregio import pipeline

    from .conftest import make_data

    data = make_data(tmp_path / "data")
    monkeypatch.setenv("SMARTREGIO_START_METHOD", "fork")
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    made: list[bool] = []
    prepare = pipeline.place_pages.prepare
    monkeypatch.setattr(
        pipeline.place_pages,
        "prepare",
        lambda views, kept=None: made.append(kept is not None) or prepare(views, kept),
    )
    build(data, tmp_path / "beside", tmp_path / "w1", use_cache=False)

    def broken(catalogue, path):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(pipeline, "_surroundings_into", broken)
    build(data, tmp_path / "here", tmp_path / "w2", use_cache=False)
    assert made == [True, False]
    assert tree_digest(tmp_path / "beside") == tree_digest(tmp_path / "here")


def test_pages_that_fail_here_stop_the_second_process_before_its_folder_goes(tmp_path, monkeypatch):
    """When this process fails while the second one still writes place pages, the second is
    stopped before the staging folder is removed (it would make parts of it again), and the
    last site stays as it was."""
    import os
    import time

    from smartregio import pipeline
    from smartregio.pages.generate import Generator

    from .conftest import make_data

    data, site, work = make_data(tmp_path / "data"), tmp_path / "site", tmp_path / "work"
    build(data, site, work)
    before = tree_digest(site)
    theirs_first(monkeypatch)
    parent, drafts = os.getpid(), Generator.place_drafts

    def slow_there_broken_here(self, keys):
        if os.getpid() != parent:
            time.sleep(0.5)  # still writing when this process fails
            return drafts(self, keys)
        raise RuntimeError("kaputt hier")

    sides: list[pipeline.SideOutputs] = []
    start = pipeline.SideOutputs.start.__func__
    monkeypatch.setattr(
        pipeline.SideOutputs, "start", classmethod(lambda cls, *a: sides.append(start(cls, *a)) or sides[-1])
    )
    alive_at_removal: list[bool] = []
    rmtree = pipeline.shutil.rmtree

    def watched(path, *args, **kwargs):
        if Path(path).name.startswith(".docs-"):
            alive_at_removal.append(sides[-1].process.is_alive())
        return rmtree(path, *args, **kwargs)

    monkeypatch.setattr(Generator, "place_drafts", slow_there_broken_here)
    monkeypatch.setattr(pipeline.shutil, "rmtree", watched)
    with pytest.raises(RuntimeError, match="kaputt hier"):
        build(data, site, work, use_cache=False)
    assert alive_at_removal == [False]
    assert not [p.name for p in work.iterdir() if p.name.startswith(".docs-")]
    assert tree_digest(site) == before
