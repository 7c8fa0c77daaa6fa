"""The build is a graph of typed stages (``buildgraph``): each need is made before it is needed,
nothing is made twice, every value has its declared kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartregio.buildgraph import GraphError, Stage, check, run
from smartregio.pipeline import BUILD, GIVEN, KINDS, RELEASE, RELEASE_KINDS
from smartregio.progress import QUIET, Progress


def test_the_build_graph_fits_together():
    check(BUILD, GIVEN, KINDS)
    made = {name for stage in BUILD for name in stage.makes}
    needed = {name for stage in BUILD for name in stage.needs}
    assert made - needed == {"finder_files", "versions_built"}  # read by no stage: counted in the report
    assert set(KINDS) == set(GIVEN) | made
    # a stored release's pages: from its package, with the build's dictionary and engine
    given = ("release", "project", "version_url", "target", "build_date", "render", "dictionary")
    check(RELEASE, given, RELEASE_KINDS)


def test_a_stage_moved_before_what_it_needs_is_refused_before_any_work():
    finder = next(s for s in BUILD if s.title.startswith("Index für"))
    engine = next(s for s in BUILD if s.title.startswith("Engine"))
    pages = next(s for s in BUILD if s.title == "Seiten erzeugen")
    moved = [s for s in BUILD if s is not engine]
    moved.insert(moved.index(pages), engine)  # the engine before the pages it renders
    with pytest.raises(GraphError, match=r"Engine \(\{engine_title\}\) rendert: braucht docs"):
        check(moved, GIVEN, KINDS)
    with pytest.raises(GraphError, match="macht „finder_files“, das schon gemacht ist"):
        check([*BUILD, finder], GIVEN, KINDS)
    with pytest.raises(GraphError, match="„unbekannt“ hat keinen erklärten Typ"):
        check(BUILD, (*GIVEN, "unbekannt"), KINDS)


def test_a_stage_that_makes_other_values_or_kinds_than_it_declared_stops_the_run():
    kinds = {"start": Path, "folder": Path, "count": int}
    good = Stage("Zählen", ("folder",), ("count",), lambda folder: {"count": 3}, count=lambda m: m["count"])
    done = run(
        [Stage("Ordner", ("start",), ("folder",), lambda start: {"folder": start / "a"}), good],
        {"start": Path("/x")},
        kinds,
        Progress(QUIET),
    )
    assert done == {"start": Path("/x"), "folder": Path("/x/a"), "count": 3}
    wrong_kind = Stage("Ordner", ("start",), ("folder",), lambda start: {"folder": "kein Pfad"})
    with pytest.raises(GraphError, match="„folder“ ist str, nicht"):
        run([wrong_kind], {"start": Path("/x")}, kinds, Progress(QUIET))
    extra = Stage("Ordner", ("start",), ("folder",), lambda start: {"folder": start, "count": 1})
    with pytest.raises(GraphError, match="hat \\['count', 'folder'\\] gemacht statt \\['folder'\\]"):
        run([extra], {"start": Path("/x")}, kinds, Progress(QUIET))
