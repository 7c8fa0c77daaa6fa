"""Section pages filled into the engine's rendering of their shape (``engine/frames.py``) are
byte for byte the pages the engine renders itself, whatever their strings hold; a template
that writes a string in a way the frames do not know makes the engine render every page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smartregio.addresses import SECTIONS
from smartregio.engine import frames
from smartregio.engine import mkdocs as mkdocs_engine
from smartregio.pages.generate import Page, write_page

from .site_helpers import REPO, tree_digest

SECTION_FOLDERS = tuple(SECTIONS.values())

# strings a frame must carry through unchanged: every character a filter changes, the frames'
# own tokens and folder names, a heading of the body's own, script in the JSON-LD
ODD = "A & B <i>kursiv</i> \"zitiert\" 'einfach' ü € \u27e6a0&<>\"' \u27e7 srrahmena0 %E2%9F%A6"


def crafted_pages(docs: Path) -> None:
    """Pages of the shapes the generator writes and some it does not write today."""
    meta = {"collection": "solutions", "collection_title": "Lösungen", "collection_url": "/loesungen/"}
    write_page(
        docs,
        Page(
            "loesungen/mit-eigener-ueberschrift/index.md",
            {
                "template": "entry.html",
                "hide": ["toc"],
                "title": ODD,
                "description": "",
                "smartregio": {
                    **meta,
                    "key": "a&b c/d",
                    "json_url": "/api/v1/x.json?a=1&b=<2>",
                    "compare": True,
                    "jsonld": {"name": "</script><script>alert(1)</script>", "list": [ODD, 1, None]},
                },
            },
            f"<h1>Eigene Überschrift</h1>\n<p>{ODD}</p>",
        ),
    )
    write_page(
        docs,
        Page("loesungen/fast-leer/index.md", {"template": "entry.html", "title": ODD}, "<p>kurz</p>"),
    )
    write_page(  # a folder name the frames leave to the engine
        docs,
        Page("loesungen/Gross_Schreibung/index.md", {"template": "entry.html", "title": "Groß"}, "<p>x</p>"),
    )


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    """The generated pages of the test data, a hostile entry and the crafted pages."""
    from .test_site_build import build_with_hostile_entry

    root = build_with_hostile_entry(tmp_path_factory.mktemp("frames"))
    crafted_pages(root / "work" / "docs")
    return root / "work" / "docs"


def render(docs: Path, site: Path, config: Path = REPO / "mkdocs.yml") -> None:
    site.mkdir()
    mkdocs_engine.render(config, docs, site, SECTION_FOLDERS, build_date=1_700_000_000, package="properdocs")


@pytest.mark.parametrize("per_worker", [10_000, 1])
def test_every_section_page_is_filled_as_the_engine_renders_it(docs, tmp_path, monkeypatch, per_worker):
    """In this process and in a worker per core: the same bytes as the engine's own pages, and
    every page of a known shape filled (the engine rendered only the probes and the rest)."""
    monkeypatch.setattr(mkdocs_engine, "FILL_PER_WORKER", per_worker)
    planned: list[frames.Plan] = []
    original = mkdocs_engine._Fillers.plan

    def spy(self):
        planned.append(original(self))
        return planned[-1]

    made: list[frames.Frame | None] = []
    frame_of = frames.frame_of
    monkeypatch.setattr(mkdocs_engine._Fillers, "plan", spy)
    monkeypatch.setattr(frames, "frame_of", lambda *args: made.append(frame_of(*args)) or made[-1])
    render(docs, tmp_path / "framed")
    monkeypatch.setattr(mkdocs_engine, "FRAMES", False)
    render(docs, tmp_path / "engine")
    framed, engine = tree_digest(tmp_path / "framed"), tree_digest(tmp_path / "engine")
    assert framed == engine
    (plan,) = planned
    assert plan.unframed == ["loesungen/Gross_Schreibung/index.md"]
    pages = len(frames.section_pages(docs, SECTION_FOLDERS))
    assert plan.framed == pages - 1 and plan.framed >= 10
    assert len(made) == len(plan.shapes) >= 6 and None not in made  # every shape was framed
    assert not any(frames.FOLDER_PREFIX in name for name in framed)  # no probe left behind
    sitemap = (tmp_path / "framed" / "sitemap.xml").read_text(encoding="utf-8")
    assert "loesungen/fast-leer/" in sitemap and frames.FOLDER_PREFIX not in sitemap
    own = (tmp_path / "framed" / "loesungen/mit-eigener-ueberschrift/index.html").read_text(encoding="utf-8")
    assert own.count("<h1") == 1 and "<h1>Eigene Überschrift</h1>" in own
    assert "</script><script>alert(1)" not in own  # the JSON-LD stays inside its script
    # the probes' pages are gone from the docs folder too
    assert not [p for p in docs.rglob("*") if frames.FOLDER_PREFIX in p.name]


def test_a_template_that_writes_a_string_in_an_unknown_way_has_the_engine_render_every_page(
    docs, tmp_path, monkeypatch
):
    """``| upper`` is not among the forms the frames fill: the probes disagree, and the engine
    renders every page, the same bytes as without frames."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", project / "overrides")
    entry = project / "overrides" / "entry.html"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(
        text.replace("{% block content %}", "{% block content %}<p>{{ page.meta.title | upper }}</p>", 1),
        encoding="utf-8",
    )
    filled: list[int] = []
    monkeypatch.setattr(frames.Share, "fill", lambda self, site, made: filled.append(1))
    render(docs, tmp_path / "framed", project / "mkdocs.yml")
    assert filled == []  # no page was filled
    monkeypatch.setattr(mkdocs_engine, "FRAMES", False)
    render(docs, tmp_path / "engine", project / "mkdocs.yml")
    assert tree_digest(tmp_path / "framed") == tree_digest(tmp_path / "engine")
    page = (tmp_path / "framed" / "loesungen/fast-leer/index.html").read_text(encoding="utf-8")
    assert "<p>A &AMP; B" in page or "A & B <I>KURSIV</I>" in page


def test_only_the_generators_own_front_matter_is_framed(tmp_path):
    """A page whose front matter YAML might read otherwise than JSON (not written as the
    generator writes it) or that has Markdown after it is left to the engine."""
    page = tmp_path / "index.md"
    page.write_text('---\n{"title": "x"}\n---\n', encoding="utf-8")
    assert frames.read_page(page) == {"title": "x"}
    for text in (
        '---\n{"title":"x"}\n---\n',  # not the generator's spacing
        '---\n{"n": 1e5}\n---\n',  # YAML 1.1 reads 1e5 as a string
        '---\n{"title": "x"}\n---\n# Text\n',
        "---\ntitle: x\n---\n",
        "---\n[1, 2]\n---\n",
    ):
        page.write_text(text, encoding="utf-8")
        assert frames.read_page(page) is None, text
    # a page that is a symlink (to a file the generator could have written) is not read
    page.write_text('---\n{"title": "x"}\n---\n', encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(page)
    assert frames.read_page(link) is None


def test_a_page_changed_between_plan_and_fill_is_not_filled(tmp_path):
    """A page is filled only from the bytes it was planned from: one changed in between, even
    with the same shape (another title), stops the fill with its name; the pages are not cut
    into shape and slots a second time."""
    docs = tmp_path / "docs"
    for key in ("a", "b"):
        write_page(
            docs, Page(f"loesungen/{key}/index.md", {"template": "entry.html", "title": key}, "<p>x</p>")
        )
    share = frames.Share(docs, ["loesungen/a/index.md", "loesungen/b/index.md"])
    plan = share.plan()
    assert plan.framed == 2 and not plan.unframed
    shape = next(iter(plan.shapes))
    frame = frames.Frame(("<title>", (0, "escape"), "</title>", None))
    write_page(docs, Page("loesungen/b/index.md", {"template": "entry.html", "title": "neu"}, "<p>x</p>"))
    with pytest.raises(ValueError, match=r"loesungen/b/index\.md änderte sich"):
        share.fill(tmp_path / "site", {shape: frame})
    assert (tmp_path / "site/loesungen/a/index.html").read_text(encoding="utf-8") == "<title>a</title>a"


def test_the_engine_reads_the_docs_folder_and_writes_nothing_into_it(docs, tmp_path):
    """The engine's run gets a folder of its own with the pages it renders and the probes; the
    docs folder stays as it was, down to its folders' times (the probes once came and went
    there), and nothing of the run's folder is left beside it."""

    def state(folder: Path) -> dict[str, tuple[int, int]]:
        return {
            str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_nlink) for p in folder.rglob("*")
        }

    before = state(docs)
    beside = sorted(p.name for p in docs.parent.iterdir())
    render(docs, tmp_path / "site")
    assert state(docs) == before
    assert sorted(p.name for p in docs.parent.iterdir()) == beside
    assert (tmp_path / "site/loesungen/fast-leer/index.html").is_file()


def test_the_run_s_folder_has_all_but_the_pages_left_out(tmp_path):
    """Everything of the docs folder under the same paths and with the same bytes, but of the
    section pages only those named; a file beside a left-out page stays (as ``exclude_docs``
    left it), and the folder goes when the run ends."""
    from smartregio.engine.selection import selected_docs

    docs = tmp_path / "work" / "docs"
    files = {
        "index.md": "Start",
        "assets/site.css": "body{}",
        "loesungen/index.md": "Katalog",
        "loesungen/a/index.md": "A",
        "loesungen/b/index.md": "B",
        "loesungen/c/index.md": "C",
        "loesungen/c/bild.svg": "<svg/>",
        "loesungen/c/teil/mehr.txt": "mehr",
        "kommunen/01001000/index.md": "Flensburg",
        "programme/x/index.md": "nicht gewählt",
    }
    for path, text in files.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    with selected_docs(docs, ("loesungen", "kommunen"), ["loesungen/b/index.md"]) as selected:
        assert selected.parent.parent == docs.parent
        seen = {
            str(p.relative_to(selected)): p.read_text(encoding="utf-8")
            for p in selected.rglob("*")
            if p.is_file()
        }
        assert not (selected / "loesungen/a").exists() and not (selected / "kommunen/01001000").exists()
        left_out = ("loesungen/a/index.md", "loesungen/c/index.md", "kommunen/01001000/index.md")
        assert seen == {path: text for path, text in files.items() if path not in left_out}
        assert (selected / "loesungen/b/index.md").stat().st_ino == (
            docs / "loesungen/b/index.md"
        ).stat().st_ino
    assert sorted(p.name for p in docs.parent.iterdir()) == ["docs"]


@pytest.mark.parametrize("kind", ["link", "pipe"])
def test_the_run_s_folder_takes_no_link_and_no_pipe_from_the_docs_folder(tmp_path, kind):
    """The docs folder holds regular files only: a link (to a file outside the project) or a
    pipe there stops the run's folder with the file named, nothing is read through it or
    waited on, and nothing is left beside the docs folder."""
    import os

    from smartregio.engine.selection import selected_docs

    docs = tmp_path / "work" / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "index.md").write_text("Start", encoding="utf-8")
    outside = tmp_path / "geheim.txt"
    outside.write_text("nicht für die Website", encoding="utf-8")
    odd = docs / "assets" / "seltsam.css"
    if kind == "link":
        odd.symlink_to(outside)
    else:
        os.mkfifo(odd)
    with (
        pytest.raises(OSError, match=r"seltsam\.css: keine gewöhnliche Datei"),
        selected_docs(docs, ("loesungen",), []),
    ):
        pass
    assert sorted(p.name for p in docs.parent.iterdir()) == ["docs"]
