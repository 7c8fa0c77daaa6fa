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


def test_builds_and_bare_builds_run_in_turn_and_the_fastest_of_each_are_compared(tmp_path, monkeypatch):
    """The machine's speed drifts: the site is built, then MkDocs builds as many bare pages
    twice, then the site again; the fastest build is compared with the fastest bare build,
    and its own CPU seconds are the ones given."""
    from smartregio_dev import bench_site

    order: list[str] = []
    builds = iter([(61.0, 120.0, 700.0), (55.0, 110.0, 720.0)])
    plain = iter([30.0, 25.0])

    def build(data, site, project, engine):
        order.append("build")
        (site / "a").mkdir(parents=True, exist_ok=True)
        (site / "a" / "index.html").write_text("x", encoding="utf-8")
        return next(builds)

    def bare(n, work):
        order.append(f"bare {n} {work.name}")
        return next(plain)

    monkeypatch.setattr(bench_site, "_timed_build", build)
    monkeypatch.setattr(bench_site, "plain_mkdocs", bare)
    figures = bench_site.full_builds(tmp_path / "data", tmp_path / "site", None, "properdocs", tmp_path)
    assert order == ["build", "bare 1 plain-0", "bare 1 plain-1", "build"]
    assert {
        k: figures[k] for k in ("site_build_s", "site_build_slowest_s", "cpu_s", "peak_all_processes_mb")
    } == {
        "site_build_s": 55.0,
        "site_build_slowest_s": 61.0,
        "cpu_s": 110.0,
        "peak_all_processes_mb": 720.0,
    }
    assert figures["plain_mkdocs_s"] == 25.0 and figures["plain_mkdocs_slowest_s"] == 30.0
    assert figures["ratio"] == 2.2 and figures["pages"] == 1
