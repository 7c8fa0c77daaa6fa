"""``validate --changed``: only what a branch touched, in a real git repository."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import make_data

BROKEN_ON_MAIN = "guidelines/mobilitaet-uebertragen.md"


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A repository whose main has one broken entry; HEAD is a fresh branch off main."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    data = make_data(root / "data")
    edit(data / BROKEN_ON_MAIN, "effort: mittel", "effort: riesig")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "main")
    git(root, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(root)
    return root


def run(cli, *args: str):
    return cli("validate", "--data", "data", *args)


def paths_of(result) -> set[str]:
    return {p["path"] for p in json.loads(result.out)["problems"]}


def rename_programme(root: Path) -> None:
    """The branch renames a programme (with a typo in it): the project naming it breaks."""
    old = root / "data/programmes/bundesprogramm.md"
    text = old.read_text(encoding="utf-8").replace("id: bundesprogramm", "id: bundesprogramm-neu")
    (root / "data/programmes/bundesprogramm-neu.md").write_text(
        text.replace("level: bund", "level: bundd"), encoding="utf-8"
    )
    old.unlink()


def test_reports_changed_entry_and_entries_referring_to_it_only(cli, repo):
    assert paths_of(run(cli, "--format", "json", "--changed")) == set()  # nothing changed yet
    assert run(cli, "--changed").code == 0
    rename_programme(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "rename")

    full = run(cli, "--format", "json")
    assert f"data/{BROKEN_ON_MAIN}" in paths_of(full)

    result = run(cli, "--format", "json", "--changed")
    assert result.code == 1
    found = json.loads(result.out)["problems"]
    assert {p["path"] for p in found} == {
        "data/programmes/bundesprogramm-neu.md",
        "data/funding-projects/projekt-muenchen.md",
    }
    assert any(p["field"] == "level" for p in found)
    assert any(p["field"] == "programme" and "bundesprogramm" in p["message"] for p in found)

    text = run(cli, "--changed")
    assert text.code == 1
    assert "mobilitaet-uebertragen" not in text.err
    assert "data/funding-projects/projekt-muenchen.md:4: programme:" in text.err


def test_includes_staged_and_untracked_files(cli, repo):
    edit(repo / "data/solutions/stadtnavi.md", "transfer_readiness: P5", "transfer_readiness: P9")
    git(repo, "add", "data/solutions/stadtnavi.md")  # staged, not committed
    new = repo / "data/programmes/neu.md"
    new.write_text("---\nid: neu\nname: Neu\n---\n", encoding="utf-8")  # untracked
    assert paths_of(run(cli, "--format", "json", "--changed")) == {
        "data/solutions/stadtnavi.md",
        "data/programmes/neu.md",
    }


def test_referrers_bring_only_their_reference_problems(cli, repo):
    edit(repo / "data/solutions/stadtnavi.md", "development_status: stable", "development_status: fertig")
    # the guideline and the project name stadtnavi; an invalid entry still exists for them, and
    # the guideline's own older problem (effort) is not this branch's business
    assert paths_of(run(cli, "--format", "json", "--changed")) == {"data/solutions/stadtnavi.md"}


def test_changed_reference_table_checks_everything(cli, repo):
    places = repo / "data/reference/places.csv"
    places.write_text(
        places.read_text(encoding="utf-8").replace("08118048,Ludwigsburg", "08118049,Ludwigsburg")
    )
    found = paths_of(run(cli, "--format", "json", "--changed"))
    assert f"data/{BROKEN_ON_MAIN}" in found
    assert "data/solutions/stadtnavi.md" in found  # used_by 08118048 is gone


def test_github_annotations_with_changed(cli, repo):
    rename_programme(repo)
    result = run(cli, "--format", "github", "--changed")
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == 2
    for line in lines:
        assert re.match(r"^::error file=data/[a-z/-]+\.md,line=\d+,title=[a-z_]+::\S", line), line
    assert any(
        line.startswith("::error file=data/funding-projects/projekt-muenchen.md,line=4,title=programme::")
        for line in lines
    )
    assert not any("mobilitaet-uebertragen" in line for line in lines)


def test_duplicate_warnings_only_for_changed_entries(cli, repo):
    text = (repo / "data/solutions/stadtnavi.md").read_text(encoding="utf-8")
    twin = text.replace("id: stadtnavi", "id: stadt-navi").replace("name: stadtnavi", "name: Stadt-Navi")
    (repo / "data/solutions/stadt-navi.md").write_text(twin, encoding="utf-8")
    result = run(cli, "--format", "json", "--changed")
    (warning,) = json.loads(result.out)["warnings"]
    assert warning["path"] == "data/solutions/stadt-navi.md"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "twin")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "feature")
    git(repo, "checkout", "-q", "-b", "other")
    result = run(cli, "--format", "json", "--changed")
    assert json.loads(result.out)["warnings"] == []  # old look-alikes are not this branch's business
    assert len(json.loads(run(cli, "--format", "json").out)["warnings"]) == 1


def test_prefers_origin_main_and_takes_base(cli, repo):
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    rename_programme(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "rename")
    git(repo, "branch", "-f", "main", "HEAD")  # local main moved on; origin/main did not
    assert "projekt-muenchen" in run(cli, "--changed").err
    assert run(cli, "--changed", "--base", "main").code == 0
    result = run(cli, "--changed", "--base", "gibtsnicht")
    assert result.code == 2 and "„gibtsnicht“" in result.err


def test_not_a_git_repository(cli, tmp_path, monkeypatch):
    make_data(tmp_path / "plain" / "data")
    monkeypatch.chdir(tmp_path / "plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run(cli, "--changed")
    assert result.code == 2
    assert "keinem Git-Repository" in result.err
    assert "Traceback" not in result.err


def test_base_needs_changed(cli, repo):
    result = run(cli, "--base", "main")
    assert result.code == 2 and "--changed" in result.err
