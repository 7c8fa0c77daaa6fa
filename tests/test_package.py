"""The compiled Frictionless package: valid, complete, lossless and written atomically."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from smartregio.load import load_catalogue
from smartregio.package.read import read_package
from smartregio.package.write import PackageError, check_package, write_package

from .conftest import REPO


def dump(catalogue) -> dict:
    entries = {c: {i: e.model_dump() for i, e in items.items()} for c, items in catalogue.entries.items()}
    places = {k: p.model_dump() for k, p in catalogue.reference.places.items()}
    vocab = {
        n: {c: (t.code, t.label, t.description) for c, t in terms.items()}
        for n, terms in catalogue.reference.vocabularies.items()
    }
    return {"entries": entries, "places": places, "vocab": vocab}


def package(cli, data: Path, out: Path) -> dict:
    result = cli("package", "--data", str(data), "--out", str(out))
    assert result.code == 0, result.err
    return json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def test_descriptor_has_schemas_keys_and_metadata(cli, data, tmp_path):
    descriptor = package(cli, data, tmp_path / "pkg")
    assert descriptor["name"] == "smartregio" and descriptor["version"]
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    resources = {r["name"]: r for r in descriptor["resources"]}
    solutions = resources["solutions"]["schema"]
    assert solutions["primaryKey"] == ["id"]
    fields = {f["name"]: f for f in solutions["fields"]}
    assert fields["name"]["title"] == "Name" and fields["name"]["constraints"]["required"] is True
    assert fields["development_status"]["constraints"]["enum"] == [
        "concept",
        "development",
        "beta",
        "stable",
        "obsolete",
    ]
    assert {"value": "stable", "label": "Stabil"} in fields["development_status"]["categories"]
    assert fields["last_reviewed"]["type"] == "date"
    assert fields["open_source"]["type"] == "boolean"
    assert fields["tags"]["type"] == "list"
    assert fields["id"]["constraints"]["pattern"].startswith("^[a-z0-9]")
    used_by = resources["solutions-used-by"]["schema"]
    assert {"fields": ["place"], "reference": {"resource": "places", "fields": ["key"]}} in used_by[
        "foreignKeys"
    ]
    assert {"fields": ["solution"], "reference": {"resource": "solutions", "fields": ["id"]}} in used_by[
        "foreignKeys"
    ]
    projects = resources["funding-projects"]["schema"]
    assert {"fields": ["programme"], "reference": {"resource": "programmes", "fields": ["id"]}} in projects[
        "foreignKeys"
    ]
    places = {f["name"]: f for f in resources["places"]["schema"]["fields"]}
    # Länder (2), Kreise (5), Gemeinden (8) and Gemeindeverbände (9): the official tables
    assert places["key"]["constraints"]["pattern"] == r"^(\d{2}|\d{5}|\d{8}|\d{9})$"


def test_bytes_and_hash_match_the_files(cli, data, tmp_path):
    descriptor = package(cli, data, tmp_path / "pkg")
    for resource in descriptor["resources"]:
        raw = (tmp_path / "pkg" / resource["path"]).read_bytes()
        assert resource["bytes"] == len(raw)
        assert resource["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest()


def test_link_tables_keep_order(cli, data, tmp_path):
    package(cli, data, tmp_path / "pkg")
    with (tmp_path / "pkg/solutions-used-by.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["solution"], r["place"], r["position"]) for r in rows] == [
        ("stadtnavi", "08115021", "1"),
        ("stadtnavi", "08118048", "2"),
    ]


def test_plain_frictionless_cli_accepts_the_package(cli, data, tmp_path):
    package(cli, data, tmp_path / "pkg")
    frictionless = shutil.which("frictionless") or str(
        Path(__import__("sys").executable).parent / "frictionless"
    )
    run = subprocess.run(
        [frictionless, "validate", str(tmp_path / "pkg/datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:]


def test_round_trip_is_lossless(data, tmp_path):
    # the hard cases: umlauts, line breaks, lists, empty values and optional fields left out
    path = data / "solutions/stadtnavi.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "Zweiter Absatz.",
            "Zweiter Absatz mit „Anführungszeichen“, Komma, Semikolon;\n"
            "- Liste\n- mit *Markdown*\n\n|a|b|\n|-|-|\n|1|2|\n",
        ),
        encoding="utf-8",
    )
    (data / "solutions/leer.md").write_text(
        "---\nid: leer\nname: Ärger-Melder\nsummary: Eine Lösung mit möglichst wenigen Angaben.\n"
        "action_fields: [verwaltung]\ndevelopment_status: concept\nopen_source: false\n"
        'transfer_readiness: P1\nsources: ["https://example.org/a;b?c=1"]\nlast_reviewed: 2024-02-29\n---\n',
        encoding="utf-8",
    )
    catalogue, problems = load_catalogue(data)
    assert not problems, problems.as_text()
    descriptor = write_package(catalogue, data, tmp_path / "pkg")
    again = read_package(descriptor)
    assert dump(again) == dump(catalogue)
    assert again.entries["solutions"]["leer"].tags == []
    assert again.entries["solutions"]["leer"].licence is None
    assert "\n- Liste\n" in again.entries["solutions"]["stadtnavi"].body


def test_round_trip_of_the_shipped_data(tmp_path):
    catalogue, problems = load_catalogue(REPO / "data")
    assert not problems, problems.as_text()
    descriptor = write_package(catalogue, REPO / "data", tmp_path / "pkg")
    assert dump(read_package(descriptor)) == dump(catalogue)


def test_frictionless_check_finds_a_broken_foreign_key(cli, data, tmp_path):
    package(cli, data, tmp_path / "pkg")
    used_by = tmp_path / "pkg/solutions-used-by.csv"
    used_by.write_text(used_by.read_text(encoding="utf-8").replace("08118048", "08118049"), encoding="utf-8")
    problems = check_package(tmp_path / "pkg/datapackage.json")
    assert any("foreign-key" in p.message for p in problems)


def test_invalid_data_writes_nothing_and_keeps_the_old_package(cli, data, tmp_path):
    out = tmp_path / "pkg"
    package(cli, data, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    path = data / "solutions/stadtnavi.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("open_source: true", "open_source: 3"), encoding="utf-8"
    )
    result = cli("package", "--data", str(data), "--out", str(out))
    assert result.code == 1 and "open_source" in result.err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_failed_frictionless_check_keeps_the_old_package(data, tmp_path, monkeypatch):
    out = tmp_path / "pkg"
    catalogue, _ = load_catalogue(data)
    write_package(catalogue, data, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    from smartregio.package import tables

    real = tables.build_tables

    def broken(cat):
        result = real(cat)
        result[0].rows.append(result[0].rows[0])  # a duplicate primary key
        return result

    monkeypatch.setattr("smartregio.package.write.build_tables", broken)
    with pytest.raises(PackageError):
        write_package(catalogue, data, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_two_packages_of_the_same_data_are_identical(cli, data, tmp_path):
    package(cli, data, tmp_path / "a")
    package(cli, data, tmp_path / "b")
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
