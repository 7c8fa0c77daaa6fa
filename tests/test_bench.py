"""The benchmark runs (its figures are read by people, not asserted by tests)."""

from __future__ import annotations

import fnmatch
import sys
import tomllib

from smartregio.load import load_catalogue
from smartregio_dev.synthetic import generate

from .conftest import REPO


def test_synthetic_data_is_valid_and_realistic(tmp_path):
    counts = generate(tmp_path / "data", 400)
    catalogue, problems = load_catalogue(tmp_path / "data")
    assert not problems, problems.as_text()[:2000]
    assert catalogue.count() == 400 == sum(v for k, v in counts.items() if k != "places")
    solution = next(iter(catalogue.entries["solutions"].values()))
    assert solution.used_by and solution.funding_projects and "Ü" in solution.summary


def test_bench_command_prints_figures(cli):
    result = cli("bench", "150")
    assert result.code == 0
    header, row = result.out.strip().splitlines()[:2]
    assert "laden+prüfen s" in header and row.split()[0] == "150"


def test_bench_says_in_german_when_the_developer_tools_are_missing(cli, monkeypatch):
    """An installed smartregio has no ``smartregio_dev``: the command explains instead of failing."""
    monkeypatch.setitem(sys.modules, "smartregio_dev", None)
    monkeypatch.setitem(sys.modules, "smartregio_dev.bench", None)
    result = cli("bench", "150")
    assert result.code == 1 and result.out == ""
    assert "Werkzeug für die Entwicklung" in result.err and "scripts/dev.py" in result.err
    assert "Traceback" not in result.err


def test_the_package_ships_without_the_developer_tools():
    """What setuptools' find_packages picks with pyproject.toml's patterns (fnmatch, as it does)."""
    find = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    find = find["packages"]["find"]
    where = REPO / find["where"][0]
    packages = {".".join(init.parent.relative_to(where).parts) for init in where.rglob("__init__.py")}
    shipped = {name for name in packages if any(fnmatch.fnmatchcase(name, p) for p in find["include"])}
    assert "smartregio_dev" in packages and "smartregio_dev" not in shipped
    assert {"smartregio", "smartregio.pages", "smartregio.publish"} <= shipped
    assert shipped == {name for name in packages if name.partition(".")[0] == "smartregio"}


def test_the_memory_of_all_processes_counts_the_children_and_shared_pages_once():
    """``peak_all_processes_mb``: a child holding 150 MB of its own counts; a forked child's
    400 MB shared with the parent do not count twice (as they would by resident set size)."""
    import multiprocessing
    import time

    from smartregio_dev.bench_site import TreeMemory

    def hold(megabytes: int, ready) -> None:
        block = bytearray(megabytes * 1024 * 1024)
        block[::4096] = b"x" * len(block[::4096])  # touched: resident
        ready.set()
        time.sleep(1.0)

    context = multiprocessing.get_context("fork")
    shared = bytearray(400 * 1024 * 1024)
    shared[::4096] = b"y" * len(shared[::4096])
    before = TreeMemory.total_mb()  # this test process may hold much from earlier tests
    with TreeMemory(interval=0.05) as memory:
        ready = context.Event()
        child = context.Process(target=hold, args=(150, ready))
        child.start()
        ready.wait(10)
        time.sleep(0.5)
        child.join()
    added = memory.peak_mb - before
    assert 140 <= added < 400, added  # the child's own 150 MB; the shared 400 MB not again
    del shared


def test_the_ratio_is_taken_against_the_fastest_bare_build(tmp_path, monkeypatch):
    """The machine's speed drifts: the bare build runs twice, and the build is compared with
    the faster run, the harder comparison."""
    from smartregio_dev import bench_site

    times = iter([30.0, 25.0])
    made = []

    def plain(n, work):
        made.append((n, work))
        return next(times)

    monkeypatch.setattr(bench_site, "plain_mkdocs", plain)
    figures = bench_site.plain_figures(55.0, 1234, tmp_path)
    assert figures == {"plain_mkdocs_s": 25.0, "plain_mkdocs_slowest_s": 30.0, "ratio": 2.2}
    assert [n for n, _ in made] == [1234, 1234] and made[0][1] != made[1][1]  # each in its own folder
