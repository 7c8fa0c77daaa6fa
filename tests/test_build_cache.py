"""What a build keeps for the next one (``buildcache``): a build with nothing changed does
nothing, any change of data, pages or the written site builds again, the stored releases'
pages come from the cache, and a build without the cache writes the same bytes."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from smartregio.cli import main
from smartregio.pipeline import build_site
from smartregio.progress import VERBOSE, Progress

from .conftest import make_data
from .site_helpers import REPO, project_with_config, tree_digest


def _project(root):
    return project_with_config(root, (REPO / "mkdocs.yml").read_text(encoding="utf-8"))


def test_a_build_with_nothing_changed_does_nothing_and_every_change_builds_again(tmp_path):
    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    site = tmp_path / "site"
    first = build_site(data, site, project)
    assert not first.unchanged
    built = tree_digest(site)

    again = build_site(data, site, project)
    assert again.unchanged and again.summary == first.summary
    assert tree_digest(site) == built

    # the written site was changed by hand: the build writes it again, whole
    (site / "loesungen/stadtnavi/index.html").unlink()
    assert not build_site(data, site, project).unchanged
    assert tree_digest(site) == built

    # an entry changed: its page shows the change
    entry = data / "solutions/stadtnavi.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("name: stadtnavi", "name: stadtnavi Herrenberg"),
        encoding="utf-8",
    )
    assert not build_site(data, site, project).unchanged
    assert "stadtnavi Herrenberg" in (site / "loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    edited = tree_digest(site)

    # a hand-written page changed
    page = next(project.content.glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nEin neuer Absatz.\n", encoding="utf-8")
    assert not build_site(data, site, project).unchanged
    assert build_site(data, site, project).unchanged

    # without the cache the same inputs give the same bytes
    page.write_text(page.read_text(encoding="utf-8").replace("\nEin neuer Absatz.\n", ""), encoding="utf-8")
    shutil.rmtree(project.cache)
    assert not build_site(data, site, project).unchanged
    assert tree_digest(site) == edited


def test_the_command_says_when_the_site_is_unchanged(tmp_path, capsys, monkeypatch):
    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    monkeypatch.chdir(project.root)
    args = [
        "build",
        "--data",
        str(data),
        "--site-dir",
        str(tmp_path / "site"),
        "--work-dir",
        str(tmp_path / "w"),
    ]
    assert main(args) == 0
    assert "Website gebaut" in capsys.readouterr().out
    assert main(args) == 0
    said = capsys.readouterr()
    assert "Nichts zu tun" in said.err and "Website unverändert" in said.out
    assert main([*args, "--no-cache"]) == 0  # everything again, when asked
    assert "Website gebaut" in capsys.readouterr().out


def _git(root, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def _released_project(tmp_path):
    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    _git(project.root, "init", "-q")
    _git(project.root, "config", "user.email", "t@example.org")
    _git(project.root, "config", "user.name", "T")
    _git(project.root, "add", ".")
    _git(project.root, "commit", "-qm", "Daten")
    assert main(["release", "1.0.0", "--data", str(data), "--no-tag", "--date", "2026-01-10"]) == 0
    return project, data


def test_a_stored_release_is_rendered_once_and_copied_from_the_cache(tmp_path):
    project, data = _released_project(tmp_path)
    build_site(data, tmp_path / "a", project)
    kept = list((project.cache / "versionen").glob("1.0.0-*"))
    assert len(kept) == 1
    page = kept[0] / "loesungen/stadtnavi/index.html"
    assert page.is_file()

    # a second site folder: the version's pages are the kept ones, byte for byte
    build_site(data, tmp_path / "b", project)
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    # … and are really taken from the cache: a mark put into the kept copy shows up
    page.write_text(page.read_text(encoding="utf-8") + "<!-- aus dem Cache -->", encoding="utf-8")
    build_site(data, tmp_path / "c", project)
    assert (
        (tmp_path / "c/1.0.0/loesungen/stadtnavi/index.html")
        .read_text(encoding="utf-8")
        .endswith("<!-- aus dem Cache -->")
    )

    # without the cache: rendered again, the same bytes as the first build
    shutil.rmtree(project.cache)
    build_site(data, tmp_path / "d", project)
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "d")

    # a change of the project's templates is a new key: the version is rendered again
    (project.overrides / "main.html").write_text(
        (project.overrides / "main.html").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    build_site(data, tmp_path / "e", project)
    assert len(list((project.cache / "versionen").glob("1.0.0-*"))) == 2


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_incremental_build_gives_the_bytes_of_a_full_build_after_every_edit(tmp_path):
    """Edits, an addition and a deletion one after the other: each build renders only the
    entry pages whose generated file changed and takes the others from the site before; after
    each the site is byte for byte what a build without the cache writes."""
    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    site = tmp_path / "site"
    build_site(data, site, project)
    solution = data / "solutions/stadtnavi.md"
    added = data / "solutions/stadtnavi-zwei.md"
    steps = [
        lambda: _edit(solution, "die alle Verkehrsmittel verbindet", "die Bus, Bahn und Rad verbindet"),
        lambda: added.write_text(
            solution.read_text(encoding="utf-8")
            .replace("id: stadtnavi", "id: stadtnavi-zwei")
            .replace("name: stadtnavi", "name: stadtnavi Zwei")
            .replace("funding_projects: [projekt-muenchen]\n", ""),
            encoding="utf-8",
        ),
        lambda: _edit(
            data / "funding-projects/projekt-muenchen.md", 'partners: ["08115021"]', "partners: []"
        ),
        lambda: added.unlink(),
        lambda: _append(next(project.content.glob("*.md")), "\nEin neuer Absatz.\n"),
    ]
    for number, step in enumerate(steps):
        step()
        said = io.StringIO()
        assert not build_site(data, site, project, Progress(VERBOSE, said)).unchanged
        assert "unverändert aus dem letzten Bau" in said.getvalue(), said.getvalue()
        assert "Seiten von Einträgen und Orten unverändert" in said.getvalue(), said.getvalue()
        full = tmp_path / f"full-{number}"
        build_site(data, full, project, use_cache=False)
        assert tree_digest(site) == tree_digest(full), number


def _edit_and_build(data, site, project) -> str:
    """Change a sentence of stadtnavi's text and build again; what the build said (verbose)."""
    _edit(
        data / "solutions/stadtnavi.md",
        "die alle Verkehrsmittel verbindet",
        "die Bus, Bahn und Rad verbindet",
    )
    said = io.StringIO()
    build_site(data, site, project, Progress(VERBOSE, said))
    return said.getvalue()


def _generated(docs) -> dict[str, tuple[int, bytes]]:
    """The entry and place pages of a docs folder: their inode (a page taken from the last
    generation is a hard link to its file) and their bytes."""
    from smartregio.addresses import SECTIONS

    return {
        page.relative_to(docs).as_posix(): (page.stat().st_ino, page.read_bytes())
        for section in SECTIONS.values()
        for page in (docs / section).glob("*/index.md")
    }


def test_an_edit_generates_only_the_pages_that_show_it(tmp_path):
    """The entry and place pages are kept by what they are made of (``pages/memo.py``): after an
    edit exactly the pages whose bytes change are rendered again, the others are the last
    generation's files; a kept file changed by hand, or replaced by a symlink, is not taken."""
    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    site = tmp_path / "site"
    build_site(data, site, project)
    before = _generated(project.docs)
    said = _edit_and_build(data, site, project)
    after = _generated(project.docs)
    assert set(after) == set(before)
    rendered = {path for path in after if after[path][0] != before[path][0]}
    changed = {path for path in after if after[path][1] != before[path][1]}
    assert "loesungen/stadtnavi/index.md" in changed
    assert rendered == changed and len(changed) < len(after) / 2
    assert f"{len(after) - len(changed)} Seiten von Einträgen und Orten unverändert" in said

    # a kept page edited by hand, another replaced by a link to a file outside the project
    tampered, linked = sorted(set(after) - changed)[:2]
    (project.docs / tampered).write_text("---\n{}\n---\n", encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_bytes(after[linked][1])
    (project.docs / linked).unlink()
    (project.docs / linked).symlink_to(outside)
    _edit(
        data / "solutions/stadtnavi.md",
        "die Bus, Bahn und Rad verbindet",
        "die alle Verkehrsmittel verbindet",
    )
    build_site(data, site, project)
    again = _generated(project.docs)
    assert again[tampered][1] == after[tampered][1] and again[linked][1] == after[linked][1]
    assert not (project.docs / linked).is_symlink()
    full = tmp_path / "full"
    build_site(data, full, project, use_cache=False)
    assert tree_digest(site) == tree_digest(full)


def _append(path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_page_taken_from_the_previous_site_must_be_a_regular_file(tmp_path):
    """The engine takes unchanged pages from the site before only as regular files: a symlink
    there (to a file outside the project) stops it, and the build renders everything."""
    import pytest

    from smartregio.addresses import SECTIONS
    from smartregio.engine.mkdocs import render_pages

    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    site = tmp_path / "site"
    build_site(data, site, project)
    previous = tmp_path / "previous"
    shutil.copytree(site, previous)
    page = previous / "loesungen/stadtnavi/index.html"
    page.unlink()
    page.symlink_to("/etc/passwd")
    with pytest.raises(OSError, match="keine gewöhnliche Datei"):
        render_pages(
            project.config_file,
            project.docs,
            tmp_path / "out",
            tuple(SECTIONS.values()),
            frozenset(),
            previous,
        )


def test_the_engine_renders_only_pages_newer_than_their_html_and_refuses_warnings(tmp_path):
    """``render_changed`` (the preview's quick pass): a page whose file is newer than its HTML
    is rendered again, the others are left as they are; a warning is an error, as in a strict
    build, but for MkDocs' own note on such runs."""
    import os

    import pytest

    from smartregio.engine import EngineError
    from smartregio.engine import engine as engine_named

    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    build_site(data, tmp_path / "site", project)
    docs, site = tmp_path / "docs", tmp_path / "quick"
    shutil.copytree(project.docs, docs)
    render_changed = engine_named().render_changed
    render_changed(project.config_file, docs, site)
    entry, other = site / "loesungen/stadtnavi/index.html", site / "stufenplan/index.html"
    assert entry.is_file() and other.is_file()
    before = other.stat().st_mtime_ns
    source = docs / "loesungen/stadtnavi/index.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Zweiter Absatz.", "Nachgetragen."), encoding="utf-8"
    )
    later = entry.stat().st_mtime_ns + 2_000_000_000
    os.utime(source, ns=(later, later))
    render_changed(project.config_file, docs, site)
    assert "Nachgetragen." in entry.read_text(encoding="utf-8")
    assert other.stat().st_mtime_ns == before  # not rendered again
    broken = docs / "stufenplan.md"
    _append(broken, "\n[Verweis](fehlt.md)\n")
    os.utime(broken, ns=(later, later))
    with pytest.raises(EngineError, match=r"fehlt\.md"):
        render_changed(project.config_file, docs, site)


def test_a_failing_version_job_stops_the_build_in_german_and_leaves_the_site(tmp_path, monkeypatch, capsys):
    """The stored releases' pages are made in a background process while the current site is
    built: its failure is the build's failure, said as such, and the last site stays."""
    project, data = _released_project(tmp_path)
    site = tmp_path / "site"
    build_site(data, site, project)
    before = tree_digest(site)

    def broken(*args, **kwargs):
        raise RuntimeError("kaputt in der Version")

    monkeypatch.setattr("smartregio.pipeline.read_package", broken)  # only the job reads a release (fork)
    monkeypatch.chdir(project.root)
    args = ["build", "--no-cache", "--data", str(data), "--site-dir", str(site)]
    assert main(args) == 1
    said = capsys.readouterr().err
    assert "Traceback" not in said
    assert said.strip().endswith(
        "Die Seiten der Versionen konnten nicht gebaut werden: RuntimeError: kaputt in der Version"
    )
    assert tree_digest(site) == before
    assert not list(site.parent.glob(".site-*")) and not list(site.parent.glob(".daten-*"))


def test_a_failed_build_stops_the_version_job_and_what_it_started(tmp_path, monkeypatch):
    """When the current site's build fails while the versions are still being made, the job and
    the processes it started end with the build: nothing goes on writing afterwards."""
    import os
    import time

    from smartregio.pipeline import BuildError

    project, data = _released_project(tmp_path)
    pids = tmp_path / "pids"

    def slow(*args, **kwargs):
        child = subprocess.Popen(["sleep", "120"])  # stands for the version's engine runs
        pids.write_text(f"{os.getpid()} {child.pid}", encoding="utf-8")
        time.sleep(120)

    def failing(*args, **kwargs):
        for _ in range(200):  # until the version job has started its work
            if pids.exists():
                break
            time.sleep(0.1)
        raise BuildError("Absichtlich gescheitert.")

    monkeypatch.setattr("smartregio.pipeline.read_package", slow)  # in the job only
    monkeypatch.setattr("smartregio.pipeline.write_finder_index", failing)
    started = time.perf_counter()
    try:
        build_site(data, tmp_path / "site", project, use_cache=False)
    except BuildError as exc:
        assert str(exc) == "Absichtlich gescheitert."
    else:
        raise AssertionError("the build should have failed")
    assert time.perf_counter() - started < 60
    for pid in map(int, pids.read_text(encoding="utf-8").split()):
        for _ in range(50):  # the sleeping grandchild is reaped by init once it is stopped
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            if _zombie(pid):
                break
            time.sleep(0.1)
        else:
            raise AssertionError(f"process {pid} still runs")


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_the_last_generated_pages_are_removed_in_the_background_and_gone_when_the_build_ends(tmp_path):
    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    build_site(data, tmp_path / "site", project)
    old_page = next(project.docs.rglob("index.md"))
    inode = old_page.stat().st_ino
    build_site(data, tmp_path / "site", project, use_cache=False)
    assert not [p.name for p in project.docs.parent.iterdir() if "smartregio-" in p.name and p.is_dir()]
    assert next(project.docs.rglob("index.md")).stat().st_ino != inode  # written afresh


def test_the_last_site_is_removed_by_a_process_that_outlives_the_build(tmp_path, monkeypatch):
    """The build does not wait for the old site's files to be deleted: a process of its own
    removes the renamed folder after the build has ended; the new site is in place before."""
    import time

    from smartregio.package import write

    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    site = tmp_path / "site"
    build_site(data, site, project)
    before = tree_digest(site)
    ballast = site / "ballast"  # enough files that deleting them takes a while
    ballast.mkdir()
    for n in range(3000):
        (ballast / f"{n}.txt").write_text("x", encoding="utf-8")
    started = []
    run = subprocess.run

    def spy(args, *more, **options):
        done = run(args, *more, **options)
        if write._REMOVE in args:  # the build goes on while the old site still exists
            started.append((args[-1], Path(args[-1], "ballast").is_dir()))
        return done

    monkeypatch.setattr(write.subprocess, "run", spy)
    build_site(data, site, project, use_cache=False)
    assert tree_digest(site) == before
    [(folder, still_there)] = started
    assert still_there and Path(folder).parent == tmp_path and "-smartregio-" in folder
    for _ in range(100):
        if not Path(folder).exists():
            break
        time.sleep(0.1)
    assert not Path(folder).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_a_background_removal_left_by_a_killed_build_is_removed_by_the_next(tmp_path):
    from smartregio.outputs import remove_stale
    from smartregio.package.write import Removal, replace_dir

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/alt.md").write_text("alt", encoding="utf-8")
    (tmp_path / "neu").mkdir()
    (tmp_path / "neu/neu.md").write_text("neu", encoding="utf-8")
    removal = Removal()
    replace_dir(tmp_path / "neu", tmp_path / "docs", removal)
    removal.stop()
    assert [p.name for p in tmp_path.iterdir()] == ["docs"]
    assert [p.name for p in (tmp_path / "docs").iterdir()] == ["neu.md"]
    # a removal cut off (the build was killed) leaves a working folder of a gone process
    (tmp_path / "neu").mkdir()
    left = []

    class Killed(Removal):
        def remove(self, folder):
            left.append(folder)

    replace_dir(tmp_path / "neu", tmp_path / "docs", Killed())
    assert left and left[0].exists()
    gone = left[0].with_name(left[0].name.replace(f"-{os.getpid()}-", "-999999999-"))
    left[0].rename(gone)
    assert remove_stale(tmp_path) == [gone] and not gone.exists()


def test_each_entrys_view_is_computed_once_for_pages_data_page_and_api(tmp_path, monkeypatch):
    """The build computes the entries' views before it starts the process for downloads and
    API; that process and the page generator use the same ones."""
    from smartregio.pages.views import Views

    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    calls = tmp_path / "views.txt"
    original = Views._entry

    def counted(self, collection, entry):
        with calls.open("a", encoding="utf-8") as out:  # appended from either process
            out.write(f"{collection}/{entry.id}\n")
        return original(self, collection, entry)

    monkeypatch.setattr(Views, "_entry", counted)
    build_site(data, tmp_path / "site", project)
    computed = calls.read_text(encoding="utf-8").split()
    assert len(computed) == len(set(computed)) == 4  # the four entries of the test data
    assert "solutions/stadtnavi" in computed
    api = (tmp_path / "site/api/v1/loesungen/stadtnavi.json").read_text(encoding="utf-8")
    assert "stadtnavi" in api


@pytest.mark.parametrize(
    "linked",
    [
        "build",
        "build/cache",
        "build/cache/suche",
        "build/cache/versionen",
        "build/cache/seiten",
        "build/cache/websites",
    ],
)
def test_a_cache_folder_that_is_a_symlink_stops_the_build_before_anything_is_written(
    tmp_path, monkeypatch, capsys, linked
):
    """The cache is written into, not replaced: a symlink there would carry the writes out of
    the project, so the build refuses it, in German, naming the folder."""
    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    outside = tmp_path / "outside"
    outside.mkdir()
    link = project.root / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside, target_is_directory=True)
    monkeypatch.chdir(project.root)
    assert main(["build", "--data", str(data), "--site-dir", str(tmp_path / "site")]) == 1
    said = capsys.readouterr().err
    assert f"{linked}: Der Ordner ist eine Verknüpfung (Symlink)" in said and "Traceback" not in said
    assert list(outside.iterdir()) == []
    assert not (tmp_path / "site").exists()


def test_a_pipe_or_a_link_in_place_of_a_kept_record_is_not_read(tmp_path):
    """Every record the build keeps is read as a regular file only — the pages' keys, the
    search's page digests, sources, parts, word tables, chunks and marks, the site's record, the
    dictionary's word sets: a FIFO there (which would block the build) or a symlink to a file outside is passed
    over, and the build does the work anew, giving the bytes of a build without the cache."""
    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    site = tmp_path / "site"
    build_site(data, site, project)
    cache = project.cache
    records = [
        *sorted((cache / "seiten").glob("*.json")),
        *sorted((cache / "websites").glob("*.json")),
        *sorted(cache.glob("german-nouns-*.txt")),
        *sorted((cache / "suche").glob("*/seiten.json")),
        *(
            path
            for suffix in ("quelle.json", "teil", "woerter", "pf_index", "markiert")
            for path in sorted((cache / "suche").glob(f"*/*.{suffix}"))
        ),
    ]
    assert {path.suffix for path in records} == {
        ".json",
        ".txt",
        ".teil",
        ".woerter",
        ".pf_index",
        ".markiert",
    }
    assert "seiten.json" in {path.name for path in records}
    outside = tmp_path / "outside.json"
    outside.write_bytes(records[-1].read_bytes())
    for number, record in enumerate(records):
        record.unlink()
        if number % 2:
            record.symlink_to(outside)
        else:
            os.mkfifo(record)
    said = _edit_and_build(data, site, project)
    assert "Seiten von Einträgen und Orten unverändert" not in said
    full = tmp_path / "full"
    build_site(data, full, project, use_cache=False)
    assert tree_digest(site) == tree_digest(full)


def test_the_records_of_sites_not_built_for_a_while_are_removed(tmp_path):
    """The cache keeps records per site folder (search parts, page keys, site record): after a
    build, those of other sites beyond the six most recently built are removed, so the cache
    does not grow with every ``--site-dir`` ever built. A planted link goes, its target stays;
    a FIFO goes without being opened."""
    import time

    from smartregio.buildcache import KEEP_SITES

    project = _project(tmp_path / "project")
    data = make_data(project.root / "data")
    cache = project.cache
    hour_ago = time.time() - 3600
    for kind in ("suche", "seiten", "websites"):
        (cache / kind).mkdir(parents=True, exist_ok=True)
        for n in range(8):  # eight other sites, built a minute apart, alt0 first
            record = cache / kind / f"alt{n}"
            if kind == "suche":
                record.mkdir()
                (record / "teil.teil").write_bytes(b"x")
            else:
                record = record.with_suffix(".json")
                record.write_text("{}", encoding="utf-8")
            os.utime(record, (hour_ago + 60 * n, hour_ago + 60 * n))
    outside = tmp_path / "outside.json"
    outside.write_text("bleibt", encoding="utf-8")
    link = cache / "websites" / "verknuepft.json"
    link.symlink_to(outside)
    os.utime(link, (hour_ago - 60, hour_ago - 60), follow_symlinks=False)
    pipe = cache / "seiten" / "fifo.json"  # removed without being opened (it would block)
    os.mkfifo(pipe)
    os.utime(pipe, (hour_ago - 60, hour_ago - 60))
    build_site(data, tmp_path / "site", project)
    assert not pipe.exists()
    own = {}
    for kind, suffix in (("suche", ""), ("seiten", ".json"), ("websites", ".json")):
        names = {path.name for path in (cache / kind).iterdir()}
        others = {f"alt{n}{suffix}" for n in range(8)}
        assert names & others == {f"alt{n}{suffix}" for n in range(8 - KEEP_SITES, 8)}, kind
        assert len(names - others) == 1, kind  # this build's own record
        own[kind] = (names - others).pop()
    assert not link.is_symlink() and outside.read_text(encoding="utf-8") == "bleibt"
    # a second site: the first site's records are now among the six newest of the others
    # (the page keys are kept per work folder, the same for both builds: nothing more goes)
    build_site(data, tmp_path / "zweite", project)
    for kind, suffix in (("suche", ""), ("websites", ".json")):
        names = {path.name for path in (cache / kind).iterdir()}
        assert own[kind] in names and f"alt2{suffix}" not in names and f"alt3{suffix}" in names, kind
        assert len(names) == KEEP_SITES + 1, kind
    assert {path.name for path in (cache / "seiten").iterdir()} == {own["seiten"]} | {
        f"alt{n}.json" for n in range(8 - KEEP_SITES, 8)
    }


def test_the_site_state_is_the_digest_of_every_file_as_os_walk_lists_them(tmp_path):
    """``site_state`` walks the site with one ``scandir`` per folder; it gives the digest of the
    plain ``os.walk`` it replaced (files before subfolders, each in name order, links to
    folders not entered), and any write, move or deletion changes it."""
    import hashlib

    from smartregio.buildcache import site_state

    def walked(site):
        digest = hashlib.sha256()
        for root, dirs, files in os.walk(site):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                info = os.lstat(path)
                rel = os.path.relpath(path, site)
                digest.update(f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_mode}\n".encode())
        return digest.hexdigest()

    site = tmp_path / "site"
    for folder in ("a", "a-b", "a.b", "B", "ä", "a/b/c", "a-b/x"):
        (site / folder).mkdir(parents=True, exist_ok=True)
        for name in ("index.html", "z.json", "a-b.txt", "a"):
            (site / folder / name).write_text(folder + name, encoding="utf-8")
    (site / "top.xml").write_text("x", encoding="utf-8")
    (site / "link-to-file").symlink_to(site / "top.xml")
    (site / "link-to-folder").symlink_to(site / "a")
    (site / "broken").symlink_to(site / "missing")
    assert site_state(site) == walked(site)

    before = site_state(site)
    (site / "a/b/c/index.html").write_text("anders", encoding="utf-8")
    assert site_state(site) != before and site_state(site) == walked(site)
    (site / "a/b/c/index.html").rename(site / "a/b/c/neu.html")
    assert site_state(site) == walked(site)
    assert site_state(tmp_path / "missing") is None

    # deeper than Python's recursion limit (os.walk in Python 3.11 stopped with RecursionError)
    deep = tmp_path / "deep"
    deep.mkdir()
    folder = str(deep)
    for _level in range(1_200):
        folder += "/a"
        os.mkdir(folder)
    page = os.path.join(folder, "index.html")
    try:
        with open(page, "w", encoding="utf-8") as handle:
            handle.write("tief")
        state = site_state(deep)
        os.utime(page, ns=(0, 0))
        assert site_state(deep) != state
    finally:  # removed from the bottom up: shutil.rmtree (and pytest's clean-up) recurses too
        with contextlib.suppress(FileNotFoundError):
            os.unlink(page)
        while folder != str(deep):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
