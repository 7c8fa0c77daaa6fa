"""Loading many entry files: half of them read and validated in a forked second process
(``load._loaded``), with the catalogue and the problems exactly as one process finds them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from smartregio import load, processes

from .site_helpers import REPO


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """The shipped entries, and among them files with every kind of problem loading finds."""
    root = tmp_path_factory.mktemp("laden") / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns(".releases"))
    solutions = root / "solutions"
    (solutions / "kaputt.md").write_text("---\nname: [offen\n---\nText\n", encoding="utf-8")
    stadtnavi = (solutions / "stadtnavi.md").read_text(encoding="utf-8")
    (solutions / "falsche-kennung.md").write_text(stadtnavi, encoding="utf-8")
    (solutions / "unbekanntes-feld.md").write_text(
        stadtnavi.replace("id: stadtnavi", "id: unbekanntes-feld\nfarbe: blau"), encoding="utf-8"
    )
    os.mkfifo(solutions / "rohr.md")  # a pipe in place of an entry: reported, never opened
    (solutions / "verweis.md").symlink_to(REPO / "README.md")  # a link out of the data folder
    return root


def loaded(data: Path, monkeypatch, beside: bool):
    monkeypatch.setattr(load, "LOAD_BESIDE_FROM", 0 if beside else 10**9)
    catalogue, problems = load.load_catalogue(data)
    return catalogue, problems.as_text()


def test_the_second_process_loads_half_and_the_result_is_the_same(data, monkeypatch):
    started = []
    start = processes.Beside.start

    def counted(work, *args):
        started.append(len(args[0]))
        return start(work, *args)

    monkeypatch.setattr(processes.Beside, "start", counted)
    catalogue, problems = loaded(data, monkeypatch, beside=True)
    assert started and started[0] > 100  # every second file went to the second process
    alone, alone_problems = loaded(data, monkeypatch, beside=False)
    assert started == started[:1]  # the one-process load started none
    assert problems == alone_problems
    for expected in ("kaputt.md", "falsche-kennung.md", "farbe", "rohr.md", "verweis.md"):
        assert expected in problems
    assert catalogue.entries == alone.entries
    assert list(catalogue.entries["solutions"]) == list(alone.entries["solutions"])  # the same order
    assert catalogue.files == alone.files  # the fields' lines, for later messages
    assert catalogue.invalid == alone.invalid and catalogue.unvalidated.keys() == alone.unvalidated.keys()


def test_when_the_second_process_fails_its_half_is_loaded_here(data, monkeypatch):
    parent = os.getpid()
    load_files = load._load_files

    def failing_there(jobs, reference):
        if os.getpid() != parent:
            raise RuntimeError("abgestürzt")
        return load_files(jobs, reference)

    monkeypatch.setattr(load, "_load_files", failing_there)
    catalogue, problems = loaded(data, monkeypatch, beside=True)
    monkeypatch.setattr(load, "_load_files", load_files)
    alone, alone_problems = loaded(data, monkeypatch, beside=False)
    assert problems == alone_problems and catalogue.entries == alone.entries
