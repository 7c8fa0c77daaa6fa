"""Hostile and careless files, paths and folders: what a pull request or a slip on the command
line can put in front of smartregio. Each case ends in a located German message or a correct
result; nothing is published from outside the project, nothing outside smartregio's own
folders is replaced or deleted, nothing hangs."""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartregio.cli import main
from smartregio.outputs import MARKER
from smartregio.pipeline import BuildError, build_site
from smartregio.project import Project

from .conftest import make_data
from .site_helpers import REPO

SECRET = "SMARTREGIO_TEST_SECRET=geheim-4711"


@pytest.fixture
def project(tmp_path) -> Project:
    """A copy of the repository's project files (content, templates, forms, settings)."""
    root = tmp_path / "projekt"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for part in ("content", "overrides", ".github"):
        shutil.copytree(REPO / part, root / part)
    make_data(root / "data")
    return Project(root, build_root=root / "build")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def all_text(folder: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
    )


def build_in(project: Project, site: Path) -> None:
    build_site(project.root / "data", site, project)


# --- 1. every file read is a regular file inside its tree -------------------------------------
@pytest.mark.parametrize(
    "plant",
    [
        lambda content, secret: (content / "env.txt").symlink_to(secret),
        lambda content, secret: (content / "passwd.md").symlink_to("/etc/passwd"),
        lambda content, secret: (content / "ordner").symlink_to(secret.parent, target_is_directory=True),
    ],
    ids=["file-link", "etc-passwd", "folder-link"],
)
def test_symlinks_in_content_are_refused_not_published(project, tmp_path, plant):
    secret = tmp_path / "geheim" / "environ"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    plant(project.content, secret)
    site = tmp_path / "site"
    with pytest.raises(BuildError) as caught:
        build_in(project, site)
    text = caught.value.problems.as_text()
    assert "content/" in text and "Symlink" in text
    assert SECRET not in text
    assert not site.exists()


def test_content_symlink_build_through_the_cli_says_where(project, tmp_path, monkeypatch, capsys):
    (project.content / "env.txt").symlink_to("/proc/self/environ")
    monkeypatch.chdir(project.root)
    monkeypatch.setenv("SMARTREGIO_TEST_SECRET", "geheim-4711")
    code = main(["build", "--site-dir", str(tmp_path / "site")])
    err = capsys.readouterr().err
    assert code == 1
    assert "content/env.txt" in err and "Verknüpfungen (Symlinks)" in err
    assert "geheim-4711" not in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()


def test_a_fifo_or_device_among_the_pages_is_refused_without_hanging(project, tmp_path):
    os.mkfifo(project.content / "warte.md")
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            build_in(project, tmp_path / "site")
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(120)
    assert outcome, "the build hangs on a FIFO"
    assert isinstance(outcome[0], BuildError)
    assert "keine gewöhnliche Datei" in outcome[0].problems.as_text()


def test_symlinked_overrides_and_issue_forms_are_refused(project, tmp_path):
    (project.overrides / "main.html").unlink(missing_ok=True)
    (project.overrides / "main.html").symlink_to("/etc/hostname")
    (project.issue_forms / "geheim.yml").symlink_to(tmp_path)
    with pytest.raises(BuildError) as caught:
        build_in(project, tmp_path / "site")
    text = caught.value.problems.as_text()
    assert "overrides/main.html" in text and ".github/ISSUE_TEMPLATE/geheim.yml" in text


@pytest.mark.parametrize(
    "plant, where",
    [
        (lambda d: _replace_with_link(d / "reference/vocabularies/status.csv", "/dev/zero"), "status.csv"),
        (lambda d: _replace_with_link(d / "reference/places.csv", "/etc/passwd"), "places.csv"),
        (lambda d: _move_and_link(d / "solutions"), "solutions"),
        (lambda d: os.mkfifo(d / "solutions/haengt.md"), "haengt.md"),
        (lambda d: _replace_with_link(d / "datapackage.yaml", "/proc/self/environ"), "datapackage.yaml"),
        (lambda d: _replace_with_link(d / "reference/laender-grenzen.geojson", "/dev/zero"), "grenzen"),
    ],
    ids=["vocabulary-dev-zero", "places-passwd", "linked-collection", "fifo-entry", "meta-environ", "shapes"],
)
def test_data_files_must_be_regular_files_inside_the_data_folder(data, cli, plant, where):
    plant(data)
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert where in result.err
    assert "root:" not in result.err  # no line of /etc/passwd in the problem list
    assert "Traceback" not in result.err


def _replace_with_link(path: Path, target: str) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(target)


def _move_and_link(folder: Path) -> None:
    elsewhere = folder.parent.parent / "anderswo"
    folder.rename(elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file regardless of its mode")
def test_an_unreadable_entry_is_a_located_problem(data, cli):
    path = data / "solutions/stadtnavi.md"
    path.chmod(0)
    result = cli("validate", "--data", str(data))
    assert result.code == 1 and "stadtnavi.md" in result.err and "Leseberechtigung" in result.err


def test_an_oversized_vocabulary_is_refused_before_it_is_read(data, cli):
    big = data / "reference/vocabularies/status.csv"
    with big.open("ab") as handle:
        handle.truncate(50_000_000)  # sparse: large on paper, nothing to read first
    result = cli("validate", "--data", str(data))
    assert result.code == 1 and "zu groß" in result.err and "status.csv" in result.err


def test_semicolon_separated_places_give_one_hint(data, cli):
    places = data / "reference/places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "Semikolon" in result.err
    assert result.err.count("places.csv") < 10  # one hint, not a missing field per row


# --- 2. every path written is one smartregio owns ---------------------------------------------
@pytest.mark.parametrize("target", ["data", ".", "content", "data/solutions", ".."])
def test_package_out_never_replaces_the_project_or_its_sources(project, cli, monkeypatch, target):
    monkeypatch.chdir(project.root)
    before = tree_bytes(project.root)
    result = cli("package", "--data", "data", "--out", target)
    assert result.code == 1 and "Nicht geschrieben" in result.err
    assert tree_bytes(project.root) == before


@pytest.mark.parametrize("target", ["content", "data", ".", "overrides"])
def test_build_site_dir_never_replaces_the_project_or_its_sources(project, cli, monkeypatch, target):
    monkeypatch.chdir(project.root)
    before = tree_bytes(project.root)
    result = cli("build", "--site-dir", target)
    assert result.code == 1 and "Traceback" not in result.err
    assert tree_bytes(project.root) == before


def test_build_work_dir_inside_the_sources_is_refused(project, cli, monkeypatch):
    monkeypatch.chdir(project.root)
    before = tree_bytes(project.root)
    result = cli("build", "--site-dir", "site", "--work-dir", "content")
    assert result.code == 1 and "Quellen" in result.err
    assert tree_bytes(project.root) == before


def test_a_foreign_folder_is_not_replaced_but_a_marked_one_is(data, cli, tmp_path):
    foreign = tmp_path / "fremd"
    foreign.mkdir()
    (foreign / "wichtig.txt").write_text("bleibt", encoding="utf-8")
    result = cli("package", "--data", str(data), "--out", str(foreign))
    assert result.code == 1 and MARKER in result.err
    assert (foreign / "wichtig.txt").read_text(encoding="utf-8") == "bleibt"

    out = tmp_path / "paket"
    assert cli("package", "--data", str(data), "--out", str(out)).code == 0
    assert (out / MARKER).is_file()
    assert cli("package", "--data", str(data), "--out", str(out)).code == 0  # ours: replaced again
    assert (out / "datapackage.json").is_file()


def test_the_built_site_carries_the_marker_and_can_be_rebuilt(project, tmp_path):
    site = tmp_path / "eigene-site"
    build_in(project, site)
    assert (site / MARKER).is_file()
    build_in(project, site)  # marked: replaced without complaint


def test_working_folders_of_a_killed_build_are_removed_at_the_next_start(project, tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".site-smartregio-{dead.pid}-abcd1234"
    (stale / "daten").mkdir(parents=True)
    (stale / "daten" / "gross.bin").write_bytes(b"x" * 1000)
    living = tmp_path / f".site-smartregio-{os.getpid()}-abcd1234"  # a run still going
    living.mkdir()
    not_ours = tmp_path / ".site-12345"
    not_ours.mkdir()
    build_in(project, tmp_path / "site")
    assert not stale.exists()
    assert living.exists() and not_ours.exists()
    leftovers = [p.name for p in tmp_path.iterdir() if "smartregio-" in p.name and p != living]
    assert leftovers == []


def test_import_never_writes_through_a_planted_temporary_name(data, cli, tmp_path):
    outside = tmp_path / "ausserhalb.txt"
    outside.write_text("unverändert", encoding="utf-8")
    source = tmp_path / "neu.csv"
    source.write_text(
        "name,summary,action_fields,development_status,open_source,licence,repository,sources,last_reviewed\n"
        "Testwerkzeug,Ein Werkzeug für den Test der Importe.,verwaltung,stable,true,MIT,"
        "https://example.org/repo,https://example.org/repo,2025-01-01\n",
        encoding="utf-8",
    )
    for name in ("testwerkzeug", "Testwerkzeug"):
        (data / "solutions" / f".{name}.md.import").symlink_to(outside)
    cli("import", "table", str(source), "--data", str(data), "--collection", "solutions")
    assert outside.read_text(encoding="utf-8") == "unverändert"


# --- 3. stored releases are data, not instructions --------------------------------------------
def _release(project: Project) -> Path:
    root = project.root
    for args in (["init", "-q"], ["config", "user.email", "t@example.org"], ["config", "user.name", "T"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True, capture_output=True)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "Daten"], check=True, capture_output=True)
    assert main(["release", "1.0.0", "--data", str(root / "data"), "--no-tag", "--date", "2026-01-10"]) == 0
    return root / "data/.releases/1.0.0"


def _edit_manifest(folder: Path, change) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    "tamper, expected",
    [
        (lambda f: _edit_manifest(f, lambda m: m.update(version="../content")), "version"),
        (lambda f: _edit_manifest(f, lambda m: m.update(version="../../x")), "version"),
        (
            lambda f: _edit_manifest(
                f, lambda m: m["files"].update({"../../../etc/hostname": next(iter(m["files"].values()))})
            ),
            "Dateiname ohne Pfad",
        ),
        (lambda f: (f / "extra.html").write_text("<script>alert(1)</script>", encoding="utf-8"), "Manifest"),
        (lambda f: (f / "env.txt").symlink_to("/proc/self/environ"), "Symlink"),
        (lambda f: (f / "manifest.json").write_text('{"version": "1.0.0", ', encoding="utf-8"), "JSON"),
        (lambda f: (f / "manifest.json").write_text("[]", encoding="utf-8"), "JSON-Objekt"),
        (lambda f: _edit_manifest(f, lambda m: m.update(date=None)), "Datum"),
        (lambda f: _edit_manifest(f, lambda m: m.update(files={"x.csv": {"bytes": "viele"}})), "sha256"),
    ],
    ids=[
        "version-content",
        "version-outside",
        "file-outside",
        "unlisted-html",
        "unlisted-link",
        "broken-json",
        "not-an-object",
        "no-date",
        "bad-facts",
    ],
)
def test_a_tampered_release_is_refused_with_a_located_message(project, tmp_path, tamper, expected):
    stored = _release(project)
    tamper(stored)
    content_before = tree_bytes(project.content)
    with pytest.raises(BuildError) as caught:
        build_in(project, tmp_path / "site")
    text = caught.value.problems.as_text()
    assert ".releases/1.0.0" in text and expected in text
    assert tree_bytes(project.content) == content_before
    assert not (tmp_path / "site").exists() and not (tmp_path / "x").exists()
    assert not (project.root / "x").exists()


def test_a_release_folder_with_a_newline_in_its_name_is_not_made(project, capsys):
    root = project.root
    stored = _release(project)
    code = main(["release", "1.0.1\n", "--data", str(root / "data"), "--no-tag"])
    err = capsys.readouterr().err
    assert code == 1 and "MAJOR.MINOR.PATCH" in err and "\\n" in err
    assert sorted(p.name for p in stored.parent.iterdir()) == ["1.0.0"]


def test_an_intact_release_publishes_exactly_its_listed_files(project, tmp_path):
    stored = _release(project)
    listed = set(json.loads((stored / "manifest.json").read_text(encoding="utf-8"))["files"])
    site = tmp_path / "site"
    build_in(project, site)
    published = {p.name for p in (site / "daten/1.0.0").iterdir() if p.is_file()}
    assert listed <= published
    assert "manifest.json" not in published
    for name in listed:
        assert (site / "daten/1.0.0" / name).read_bytes() == (stored / name).read_bytes()


# --- the operating system says no --------------------------------------------------------------
def test_a_busy_port_is_said_in_german_before_any_build(project, cli, monkeypatch):
    monkeypatch.chdir(project.root)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--address", f"127.0.0.1:{port}")
    assert result.code == 1 and "belegt" in result.err and "Traceback" not in result.err


def test_a_full_disk_is_said_in_german_and_keeps_the_old_package(data, cli, tmp_path, monkeypatch):
    out = tmp_path / "paket"
    assert cli("package", "--data", str(data), "--out", str(out)).code == 0
    before = tree_bytes(out)
    import smartregio.package.write as write

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out))

    monkeypatch.setattr(write, "check_package", full)
    result = cli("package", "--data", str(data), "--out", str(out))
    assert result.code == 1 and "Datenträger ist voll" in result.err
    assert tree_bytes(out) == before


# --- property: any mix of names and kinds in a collection folder -------------------------------
KINDS = st.sampled_from(["file", "link-outside", "link-inside", "dir", "fifo", "dangling"])
NAMES = st.text(alphabet=st.sampled_from("abz09-._ ÄäXY\n;"), min_size=1, max_size=12).filter(
    lambda n: n not in (".", "..") and "/" not in n
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(NAMES, KINDS, min_size=1, max_size=5))
def test_any_files_in_a_collection_folder_end_in_a_verdict(tmp_path_factory, layout):
    root = tmp_path_factory.mktemp("prop")
    data = make_data(root / "data")
    secret = root / "geheim.md"
    secret.write_text(SECRET, encoding="utf-8")
    folder = data / "solutions"
    for name, kind in layout.items():
        path = folder / name
        if path.exists() or path.is_symlink():
            continue
        if kind == "file":
            path.write_text("---\nid: x\n---\n", encoding="utf-8")
        elif kind == "link-outside":
            path.symlink_to(secret)
        elif kind == "link-inside":
            path.symlink_to(folder / "stadtnavi.md")
        elif kind == "dir":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to(root / "gibt-es-nicht")
    code = main(["validate", "--data", str(data), "--format", "json"])
    assert code in (0, 1)
    for name, kind in layout.items():
        if not name.startswith(".") and (kind.startswith("link") or kind in ("fifo", "dangling")):
            assert code == 1


# --- validate and build agree --------------------------------------------------------------------
def test_validate_reports_what_the_build_would_refuse_beyond_the_entries(project, cli, monkeypatch):
    (project.content / "env.txt").symlink_to("/proc/self/environ")
    stored = _release(project)
    (stored / "extra.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    monkeypatch.chdir(project.root)
    result = cli("validate")
    assert result.code == 1
    assert "content/env.txt" in result.err and ".releases/1.0.0/extra.html" in result.err


def test_a_working_file_is_read_only_when_it_is_a_regular_file(tmp_path):
    """``open_regular`` (the memo's digests, the frames' pages, the search's linked fragments):
    a regular file is read; a symlink to one and a FIFO in its place are refused at once with
    ``OSError``, the FIFO without blocking."""
    from smartregio.inputs import open_regular

    page = tmp_path / "index.md"
    page.write_bytes(b"---\n{}\n---\n")
    with open_regular(page) as handle:
        assert handle.read() == b"---\n{}\n---\n"
    link = tmp_path / "link.md"
    link.symlink_to(page)
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    for refused in (link, fifo, tmp_path / "missing.md", tmp_path):
        result: list[object] = []

        def attempt(path: Path = refused, result: list[object] = result) -> None:
            try:
                with open_regular(path) as handle:
                    result.append(handle.read())
            except OSError as exc:
                result.append(exc)

        reader = threading.Thread(target=attempt, daemon=True)
        reader.start()
        reader.join(timeout=10)
        assert not reader.is_alive(), refused  # nothing blocks
        assert isinstance(result[0], OSError), refused
