"""The benchmark runs (its figures are read by people, not asserted by tests)."""

from __future__ import annotations

from smartregio.load import load_catalogue
from smartregio.synthetic import generate


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
