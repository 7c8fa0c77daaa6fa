"""Loading and building walk the whole heap only where they ask for it (see ``heap``): the
catalogue and the views stay from loading to the end of a build, and each automatic full
collection would walk all of them again (7.5 s of a 70-s build at 10,000 entries)."""

from __future__ import annotations

import gc

import pytest

from smartregio.heap import few_full_collections
from smartregio.load import load_catalogue

from .conftest import make_data
from .site_helpers import REPO, build


@pytest.fixture
def full_collections(monkeypatch):
    """How many full collections ran, and how many of them the code asked for."""
    counts = {"ran": 0, "asked": 0}

    def seen(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            counts["ran"] += 1

    collect = gc.collect

    def asked(generation: int = 2) -> int:
        counts["asked"] += generation == 2
        return collect(generation)

    monkeypatch.setattr(gc, "collect", asked)
    gc.callbacks.append(seen)
    yield counts
    gc.callbacks.remove(seen)


def test_loading_the_shipped_data_walks_the_heap_not_once(full_collections):
    catalogue, problems = load_catalogue(REPO / "data")
    assert not problems and catalogue.count() > 200
    assert full_collections == {"ran": 0, "asked": 0}  # six, as the heap grew, before


def test_a_build_collects_fully_only_where_it_asks_to(tmp_path, full_collections):
    build(make_data(tmp_path / "data"), tmp_path / "site", tmp_path / "work")
    assert (tmp_path / "site/index.html").is_file()
    assert full_collections["asked"] >= 1  # once the views are computed, once the pages are written
    assert full_collections["ran"] == full_collections["asked"]


def test_the_collector_s_thresholds_come_back_after_the_block_also_after_an_error():
    before = gc.get_threshold()
    with few_full_collections():
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 100_000
    assert gc.get_threshold() == before
    with pytest.raises(ValueError), few_full_collections():
        raise ValueError("abgebrochen")
    assert gc.get_threshold() == before
