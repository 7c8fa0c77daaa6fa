"""``smartregio serve``: the preview is the whole site (search, filters, API, downloads), built
again after each change and reloaded in the open pages; an invalid change keeps the last good
site and is shown with where it is wrong."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

from smartregio.load import load_catalogue
from smartregio.preview import (
    Builder,
    Preview,
    Watcher,
    answer_and_build,
    preview_server,
    preview_site,
    regeneration_failed,
    watched,
)

from .conftest import make_data
from .site_helpers import REPO, project_with_config

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect


def _change(path: Path, old: str, new: str, step: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    later = path.stat().st_mtime_ns + step * 1_000_000_000  # whatever the clock's resolution
    os.utime(path, ns=(later, later))


@pytest.fixture
def preview(tmp_path):
    project = project_with_config(tmp_path / "project", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    data = make_data(project.root / "data")
    preview = Preview(data, project, preview_site(project))
    assert preview.rebuild()
    return preview


def test_the_preview_builds_the_whole_site_and_keeps_the_last_good_one(preview):
    site = preview.site
    page = site / "loesungen/stadtnavi/index.html"
    assert "Zweiter Absatz." in page.read_text(encoding="utf-8")
    for part in ("pagefind/pagefind.js", "api/v1/loesungen/stadtnavi.json", "daten/latest/datapackage.json"):
        assert (site / part).is_file(), part  # search, API and downloads, as in the site
    entry = preview.data_dir / "solutions/stadtnavi.md"
    _change(entry, "Zweiter Absatz.", "Geänderter Absatz.")
    assert preview.rebuild() and preview.status() == {"version": 2, "problem": None}
    assert "Geänderter Absatz." in page.read_text(encoding="utf-8")
    _change(entry, "transfer_readiness: P5", "transfer_readiness: P9")
    assert not preview.rebuild()
    status = preview.status()
    assert status["version"] == 2 and "solutions/stadtnavi.md" in status["problem"]
    assert "transfer_readiness" in status["problem"]
    assert "Geänderter Absatz." in page.read_text(encoding="utf-8")  # the last good site


def test_an_edited_entry_shows_at_once_as_the_full_build_will_write_it(preview):
    """The quick pass: the edited entry's page is served before the full build, and it is the
    page the full build then writes, byte for byte."""
    entry = preview.data_dir / "solutions/stadtnavi.md"
    page = "loesungen/stadtnavi/index.html"
    _change(entry, "Zweiter Absatz.", "Sofort sichtbar.")
    assert preview.update(frozenset({entry})) is True
    assert preview.status() == {"version": 2, "problem": None}
    ahead = preview.page(page)
    assert ahead is not None and "Sofort sichtbar." in ahead.decode("utf-8")
    assert "Sofort sichtbar." not in (preview.site / page).read_text(encoding="utf-8")  # not built yet
    assert preview.page("loesungen/index.html") is None  # only the edited entry's page
    assert preview.rebuild()
    assert preview.page(page) is None  # the site has it now
    assert (preview.site / page).read_bytes() == ahead


def test_the_quick_pass_compiles_the_templates_once_and_an_edited_template_again(
    preview, monkeypatch, tmp_path
):
    """The engine's templates are compiled when the quick pass follows a full build and kept
    in memory, the generator's are compiled then too: an edit's answer compiles none and is
    still the page the full build writes. A template whose source changed is compiled again
    (the kept code is checked against it)."""
    import jinja2

    from smartregio.engine.mkdocs import KeptTemplates

    compiled = []
    compile_template = jinja2.Environment.compile

    def counted(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    assert preview.quick.compiled  # filled when the quick pass followed the build
    entry = preview.data_dir / "solutions/stadtnavi.md"
    _change(entry, "Zweiter Absatz.", "Ohne Übersetzen.")
    assert preview.update(frozenset({entry})) is True
    assert compiled == []  # neither the engine's nor the generator's (compiled when it followed)
    _change(entry, "Ohne Übersetzen.", "Ohne Übersetzen. Wieder.", 2)
    assert preview.update(frozenset({entry})) is True
    assert compiled == []
    ahead = preview.page("loesungen/stadtnavi/index.html")
    assert ahead is not None and b"Ohne \xc3\x9cbersetzen." in ahead
    assert preview.rebuild() and (preview.site / "loesungen/stadtnavi/index.html").read_bytes() == ahead
    # the kept code of a template is taken only for the source it was compiled from
    (tmp_path / "t").mkdir()
    template = tmp_path / "t/seite.html"
    template.write_text("eins {{ x }}", encoding="utf-8")
    store: dict[str, bytes] = {}

    def rendered() -> str:
        loader = jinja2.FileSystemLoader(tmp_path / "t")
        return (
            jinja2.Environment(loader=loader, bytecode_cache=KeptTemplates(store))
            .get_template("seite.html")
            .render(x=1)
        )

    compiled.clear()
    assert rendered() == "eins 1" and rendered() == "eins 1" and compiled == ["seite.html"]
    template.write_text("zwei {{ x }}", encoding="utf-8")
    assert rendered() == "zwei 1" and compiled == ["seite.html", "seite.html"]


def test_an_invalid_edit_is_shown_at_once_and_other_changes_wait_for_the_full_build(preview):
    entry = preview.data_dir / "solutions/stadtnavi.md"
    _change(entry, "transfer_readiness: P5", "transfer_readiness: P9")
    assert preview.update(frozenset({entry})) is False
    status = preview.status()
    assert status["version"] == 1 and "solutions/stadtnavi.md" in status["problem"]
    assert "transfer_readiness" in status["problem"]
    assert preview.page("loesungen/stadtnavi/index.html") is None
    page = preview.project.content / "stufenplan.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNeu.\n", encoding="utf-8")
    assert preview.update(frozenset({page})) is None  # a page of the site: the full build answers
    entry.unlink()
    assert preview.update(frozenset({entry})) is None  # a removed entry: the full build answers


def test_an_edit_the_engine_cannot_render_quickly_is_left_to_the_full_build(preview, monkeypatch):
    from smartregio.engine import EngineError

    class Refusing:
        """An engine whose quick run warns (a strict full run reports the same)."""

        def render_changed(self, *args, **kwargs) -> None:
            raise EngineError("Doc file contains a link to 'fehlt.md', which is not found")

    monkeypatch.setattr(preview.quick, "engine", Refusing())
    entry = preview.data_dir / "solutions/stadtnavi.md"
    _change(entry, "Zweiter Absatz.", "Nicht schnell.")
    assert preview.update(frozenset({entry})) is None  # the full build answers, with its report
    assert preview.status() == {"version": 1, "problem": None}


def test_the_preview_reads_changed_settings(preview):
    """mkdocs.yml is watched: a changed setting shows in the next build's pages."""
    config = preview.project.config_file
    _change(
        config,
        "    # operator:\n    #   name: Stadt Musterhausen",
        "    operator:\n      name: Stadt Vorschauhausen",
    )
    assert preview.rebuild()
    assert "Stadt Vorschauhausen" in (preview.site / "impressum/index.html").read_text(encoding="utf-8")


def test_the_preview_reports_a_failed_build_and_goes_on_watching(preview, capsys):
    entry = preview.data_dir / "solutions/stadtnavi.md"
    calls = []

    def flaky(changed: frozenset[Path]) -> bool:
        """Fails inside smartregio the first time (a bug, as the preview meets one)."""
        assert changed == {entry}
        calls.append(len(calls))
        if len(calls) == 1:
            load_catalogue(None)  # type: ignore[arg-type]
        return preview.rebuild()

    watcher = Watcher(watched(preview.data_dir, preview.project), flaky, interval=0.05)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        _change(entry, "Zweiter Absatz.", "Erster Versuch.", 1)
        for _ in range(400):
            if calls:
                break
            threading.Event().wait(0.05)
        assert calls == [0]
        _change(entry, "Erster Versuch.", "Zweiter Versuch.", 2)  # still watching: builds the next change
        out = err = ""
        for _ in range(600):
            captured = capsys.readouterr()
            out, err = out + captured.out, err + captured.err
            if len(calls) == 2 and "Vorschau neu gebaut." in out:
                break
            threading.Event().wait(0.05)
        assert len(calls) == 2 and thread.is_alive()
    finally:
        stop.set()
        thread.join(5)
    page = (preview.site / "loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    assert "Zweiter Versuch" in page
    assert "Die Vorschau konnte nicht neu gebaut werden: TypeError: " in err
    assert re.search(
        r" \(in smartregio/[a-z_/]+\.py:\d+, \w+\)\. Die Vorschau zeigt den letzten Stand", err
    ), err


def test_a_failed_build_names_the_file_or_the_code_where_it_failed(tmp_path):
    try:
        Path(tmp_path / "fehlt" / "x.md").read_text(encoding="utf-8")
    except OSError as exc:
        message = regeneration_failed(exc)
    assert message.startswith(f"Die Vorschau konnte nicht neu gebaut werden: {tmp_path}/fehlt/x.md: ")
    try:
        load_catalogue(None)  # type: ignore[arg-type]
    except TypeError as exc:
        message = regeneration_failed(exc)
    assert re.search(r"TypeError: .* \(in smartregio/[a-z/]+\.py:\d+, \w+\)\. ", message), message


@pytest.fixture
def served(preview):
    server = preview_server(preview, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    builder = Builder(preview)
    watcher = Watcher(
        watched(preview.data_dir, preview.project), answer_and_build(preview, builder), interval=0.2
    )
    stop = threading.Event()
    threading.Thread(target=watcher.run, args=(stop,), daemon=True).start()
    threading.Thread(target=builder.run, args=(stop,), daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    stop.set()
    server.shutdown()
    server.server_close()


def test_in_the_preview_search_and_filters_work_and_an_edit_shows_by_itself(served, preview, page):
    page.goto(served + "/suche/?q=stadtnavi")
    expect(page.locator("[data-sr-results] h2 a").first).to_have_attribute("href", re.compile("stadtnavi"))
    page.goto(served + "/loesungen/")
    page.locator("[data-sr-facets] > summary").click()
    page.locator("[data-facet=handlungsfeld] input").first.check()
    expect(page.locator("[data-sr-status]")).to_contain_text("gefunden")
    expect(page.locator("[data-sr-results] > li")).to_have_count(1)

    page.goto(served + "/loesungen/stadtnavi/")
    entry = preview.data_dir / "solutions/stadtnavi.md"
    _change(entry, "Zweiter Absatz.", "In der Vorschau geändert. Zitronenfalter.")
    expect(page.locator("article")).to_contain_text("In der Vorschau geändert.", timeout=60_000)  # reloaded
    # the full build follows in its own process: then the search knows the new text too
    for _ in range(1200):
        if preview.page("loesungen/stadtnavi/index.html") is None:
            break
        threading.Event().wait(0.1)
    assert "In der Vorschau geändert." in (preview.site / "loesungen/stadtnavi/index.html").read_text(
        encoding="utf-8"
    )
    page.goto(served + "/suche/?q=Zitronenfalter")
    expect(page.locator("[data-sr-results] h2 a").first).to_have_attribute("href", re.compile("stadtnavi"))
    page.goto(served + "/loesungen/stadtnavi/")

    _change(entry, "transfer_readiness: P5", "transfer_readiness: P9", 2)
    problem = page.locator("[role=alert].sr-preview-problem")
    expect(problem).to_contain_text("solutions/stadtnavi.md", timeout=60_000)
    expect(problem).to_contain_text("transfer_readiness")
    expect(page.locator("article")).to_contain_text("In der Vorschau geändert.")  # the last good page
    _change(entry, "transfer_readiness: P9", "transfer_readiness: P5", 3)
    expect(problem).to_have_count(0, timeout=60_000)
    assert page.errors == []


def test_the_benchmark_measures_an_edit_until_the_preview_serves_it(preview):
    from smartregio.engine import DEFAULT
    from smartregio_dev.bench_site import preview_edit

    figures = preview_edit(preview.data_dir, preview.site, preview.project, DEFAULT)
    assert 0 < figures["preview_edit_s"] < 60  # it gives up, and fails here, after 120 s


def test_the_watcher_sees_every_file_by_time_and_size_and_follows_no_linked_folder(tmp_path):
    from smartregio.preview import _snapshot

    data = tmp_path / "data"
    (data / "solutions").mkdir(parents=True)
    entry = data / "solutions/a.md"
    entry.write_text("eins", encoding="utf-8")
    outside = tmp_path / "draussen"
    outside.mkdir()
    (outside / "geheim.md").write_text("x", encoding="utf-8")
    (data / "verlinkt").symlink_to(outside)
    settings = tmp_path / "mkdocs.yml"
    settings.write_text("site_name: x\n", encoding="utf-8")
    before = _snapshot([data, settings, tmp_path / "fehlt"])
    assert set(before) == {str(entry), str(settings)}
    stamp = entry.stat().st_mtime_ns
    entry.write_text("zwei!", encoding="utf-8")
    os.utime(entry, ns=(stamp, stamp))  # the same time, another size: still a change
    assert _snapshot([data, settings])[str(entry)] != before[str(entry)]


def test_a_kept_load_reads_only_changed_files_and_gives_what_a_fresh_load_gives(tmp_path, monkeypatch):
    from smartregio import load

    data = make_data(tmp_path / "data")
    cache = load.LoadCache()
    read = []
    original = load._load_file
    monkeypatch.setattr(load, "_load_file", lambda job, ref: read.append(job.path.name) or original(job, ref))
    first, problems = load.load_catalogue(data, cache)
    assert not problems and len(read) == first.count()
    read.clear()
    entry = data / "solutions/stadtnavi.md"
    _change(entry, "transfer_readiness: P5", "transfer_readiness: P9")
    kept, kept_problems = load.load_catalogue(data, cache)
    assert read == ["stadtnavi.md"]  # only the edited file was read again
    fresh, fresh_problems = load.load_catalogue(data)
    assert (
        kept_problems.as_text() == fresh_problems.as_text()
        and "transfer_readiness" in kept_problems.as_text()
    )
    assert kept.entries == fresh.entries
    read.clear()
    vocabulary = next((data / "reference/vocabularies").glob("*.csv"))
    _change(vocabulary, "\n", "\n", 3)  # a reference table touched: every entry is checked again
    load.load_catalogue(data, cache)
    assert len(read) == first.count()


def test_a_kept_load_checks_the_links_of_changed_entries_only_while_no_entry_comes_or_goes(
    tmp_path, monkeypatch
):
    """The links of an entry whose file did not change are not checked again; when an entry is
    removed, every entry is checked again, and the reference to the removed one is reported on
    the entry naming it, as a fresh load reports it."""
    from smartregio import links, load

    data = make_data(tmp_path / "data")
    cache = load.LoadCache()
    checked = []
    original = links._check_entry

    def counted(catalogue, ref_fields, fields, entry_file, *args, **kwargs):
        checked.append(entry_file.path)
        return original(catalogue, ref_fields, fields, entry_file, *args, **kwargs)

    monkeypatch.setattr(links, "_check_entry", counted)
    first, problems = load.load_catalogue(data, cache)
    assert not problems and len(checked) == first.count()
    checked.clear()
    project = data / "funding-projects/projekt-muenchen.md"
    _change(project, "solutions: [stadtnavi]", "solutions: [stadtnavi, stadnavi-x]")
    _, kept_problems = load.load_catalogue(data, cache)
    assert checked == ["data/funding-projects/projekt-muenchen.md"]
    assert "stadnavi-x" in kept_problems.as_text()
    assert kept_problems.as_text() == load.load_catalogue(data)[1].as_text()
    checked.clear()
    _change(project, "solutions: [stadtnavi, stadnavi-x]", "solutions: [stadtnavi]", 2)
    (data / "solutions/stadtnavi.md").unlink()
    catalogue, kept_problems = load.load_catalogue(data, cache)
    assert len(checked) == catalogue.count()
    fresh_problems = load.load_catalogue(data)[1]
    assert "stadtnavi" in kept_problems.as_text() and kept_problems.as_text() == fresh_problems.as_text()


def test_the_quick_pass_writes_through_no_link_or_pipe_in_its_folder(preview, tmp_path):
    """A link to a file outside (or a pipe) put into the quick pass's folder: the folder is made
    anew, nothing outside is written, and the next edit is answered again."""
    quick = preview.quick
    outside = tmp_path / "draussen.md"
    outside.write_text("unberührt", encoding="utf-8")
    planted = quick.docs / "stufenplan.md"
    planted.unlink()
    planted.symlink_to(outside)
    os.mkfifo(quick.site / "rohr")
    entry = preview.data_dir / "solutions/stadtnavi.md"
    _change(entry, "Zweiter Absatz.", "Nach dem Link.")
    assert preview.update(frozenset({entry})) is None  # the folder went: the full build answers
    assert not quick.folder.exists() and outside.read_text(encoding="utf-8") == "unberührt"
    assert preview.rebuild()  # after the full build the quick pass is ready again
    assert not planted.is_symlink() and quick.ready
    _change(entry, "Nach dem Link.", "Wieder schnell.", 2)
    assert preview.update(frozenset({entry})) is True
    assert b"Wieder schnell." in preview.page("loesungen/stadtnavi/index.html")
    assert outside.read_text(encoding="utf-8") == "unberührt"


def test_the_quick_pass_reads_the_relations_again_only_when_an_edit_changes_a_link(preview, monkeypatch):
    """Relations over the whole catalogue are made after each full build and kept while an edit
    changes only text; an edit of a reference field makes them anew. Each quick page is the page the
    full build then writes, byte for byte."""
    from smartregio.pages import views

    made: list[int] = []
    original = views.Relations.__init__

    def counted(self, catalogue):
        made.append(1)
        original(self, catalogue)

    monkeypatch.setattr(views.Relations, "__init__", counted)
    entry = preview.data_dir / "solutions/stadtnavi.md"
    page = "loesungen/stadtnavi/index.html"
    steps = [
        # made after the last full build (``follow``), kept while only text changes
        (lambda: _change(entry, "Zweiter Absatz.", "Erster Schritt."), 0),
        (lambda: _change(entry, "Erster Schritt.", "Zweiter Schritt.", 2), 0),  # text only: kept
        (lambda: _change(entry, "funding_projects: [projekt-muenchen]\n", "", 3), 1),  # a link
        (lambda: _change(entry, "Zweiter Schritt.", "Dritter Schritt.", 4), 0),
    ]
    for step, relations_made in steps:
        made.clear()
        step()
        assert preview.update(frozenset({entry})) is True
        assert len(made) == relations_made
        ahead = preview.page(page)
        made.clear()
        assert preview.rebuild()
        assert (preview.site / page).read_bytes() == ahead
