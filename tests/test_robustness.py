"""Odd and hostile input that an independent run found: each ends in a located German
message and exit 1, never a traceback, and writes nothing."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from smartregio.pages.markdown import render

from .conftest import REPO
from .site_helpers import build
from .test_github import TEMPLATES, load, rendered_issue

SOLUTION = "solutions/stadtnavi.md"


def _edit(data: Path, old: str, new: str, name: str = SOLUTION) -> Path:
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _no_traceback(result) -> None:
    assert "Traceback" not in result.err and "Error:" not in result.err.split("\n")[0]


def test_every_file_and_folder_of_the_site_is_readable_by_others(data, tmp_path):
    build(data, tmp_path / "site", tmp_path / "work")
    paths = [tmp_path / "site", *(tmp_path / "site").rglob("*")]
    assert len(paths) > 50
    for path in paths:
        mode = path.stat().st_mode
        assert mode & stat.S_IROTH, path
        if path.is_dir():
            assert mode & stat.S_IXOTH, path


@pytest.mark.parametrize("licence", ['"MIT §"', '"(MIT"', '"MIT AND"', '"(("'])
def test_broken_licence_expressions_are_reported(data, cli, licence):
    _edit(data, "licence: EUPL-1.2 OR AGPL-3.0-only", f"licence: {licence}")
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "stadtnavi.md:9: licence: Keine gültige SPDX-Lizenzangabe" in result.err
    _no_traceback(result)


def test_broken_licence_in_an_imported_table_is_reported(data, cli, tmp_path):
    table = tmp_path / "neu.csv"
    table.write_text(
        "name,summary,action_fields,development_status,open_source,licence,transfer_readiness,sources,"
        "last_reviewed\nNeue Lösung,Eine Lösung für Kommunen mit Text.,mobilitaet,stable,true,MIT §,P3,"
        "https://example.org/,2025-01-01\n",
        encoding="utf-8",
    )
    result = cli("import", "table", str(table), "--data", str(data), "--collection", "solutions")
    assert result.code == 1
    assert "Zeile 2" in result.err and "SPDX" in result.err
    assert not (data / "solutions/neue-loesung.md").exists()


@pytest.mark.parametrize(
    ("char", "what"),
    [("\x00", "Steuerzeichen (U+0000)"), ("\x1b", "Steuerzeichen (U+001B)"), ("\u202e", "Schreibrichtung")],
)
def test_control_and_bidi_characters_in_an_entry_are_refused(data, cli, char, what):
    _edit(data, "name: stadtnavi", f'name: "stadt{char}navi"')
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "stadtnavi.md:3: Die Datei enthält" in result.err and what in result.err


def test_control_characters_from_an_issue_form_never_reach_an_entry(data, cli, tmp_path):
    values = {
        "id": "neue-app",
        "name": "Neue\u202e App",
        "summary": "Eine App für\x00 Kommunen.",
        "action_fields": ["mobilitaet"],
        "development_status": "stable",
        "open_source": False,
        "transfer_readiness": "P3",
        "sources": ["https://example.org/"],
        "last_reviewed": "2025-01-01",
    }
    body = tmp_path / "issue.md"
    body.write_text(rendered_issue(load(TEMPLATES / "loesung-vorschlagen.yml"), values), encoding="utf-8")
    result = cli("import", "issue-form", str(body), "--data", str(data))
    assert result.code == 1
    assert "Schreibrichtung" in result.err and "Steuerzeichen (U+0000)" in result.err
    assert not (data / "solutions/neue-app.md").exists()


def test_a_nul_byte_in_a_publiccode_file_is_reported(data, cli, tmp_path):
    source = (REPO / "tests/fixtures/publiccode/v0.3-dorf-app.yml").read_text(encoding="utf-8")
    path = tmp_path / "publiccode.yml"
    path.write_text(source.replace("name:", "name: \x00", 1), encoding="utf-8")
    result = cli("import", "publiccode", str(path), "--data", str(data))
    assert result.code == 1
    assert "Steuerzeichen (U+0000)" in result.err
    _no_traceback(result)


def test_an_impossible_date_names_its_line_and_field_in_german(data, cli):
    _edit(data, "last_reviewed: 2025-01-15", "last_reviewed: 2024-02-30")
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "stadtnavi.md:25: last_reviewed: Das Datum 2024-02-30 gibt es nicht" in result.err


@pytest.mark.parametrize("tagged", ["!!python/name:os.system", "!!binary aGFsbG8=", "!eigen wert"])
def test_yaml_tags_are_refused_in_german(data, cli, tagged):
    _edit(data, "name: stadtnavi", f"name: {tagged}")
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "stadtnavi.md:3: YAML-Typangaben wie" in result.err
    assert "nicht erlaubt" in result.err


def test_build_outside_the_project_folder_says_where_to_run_it(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    run = subprocess.run(
        [sys.executable, "-m", "smartregio", "build"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "Kein smartregio-Projekt gefunden" in run.stderr and "mkdocs.yml" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name", ["con", "aux", "nul", "prn", "com1", "lpt9"])
def test_windows_device_names_are_refused(data, cli, name):
    path = data / "solutions" / f"{name}.md"
    path.write_text(
        (data / SOLUTION).read_text(encoding="utf-8").replace("id: stadtnavi", f"id: {name}"),
        encoding="utf-8",
    )
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert f"„{name}“ ist unter Windows als Dateiname reserviert" in result.err
    result = cli("new", "solutions", name.upper(), "--data", str(data))
    assert result.code == 1
    assert "Windows" in result.err or "Kennung" in result.err


def test_a_web_address_with_user_info_is_refused(data, cli):
    _edit(
        data,
        "repository: https://github.com/stadtnavi/digitransit-ui",
        "repository: https://known.example@evil.example/",
    )
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "stadtnavi.md:10: repository: Die Adresse enthält Zugangsdaten" in result.err


def test_protocol_relative_links_are_no_links():
    html = render("[hier](//evil.example/x) und [dort](https://ok.example/)")
    assert "evil.example" not in html
    assert 'href="https://ok.example/"' in html
