"""Every row of the bad-input table: a located German message, all in one run, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smartregio.load import file_name_problem

SOLUTION = "solutions/stadtnavi.md"


def edit(data: Path, name: str, old: str, new: str) -> None:
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(cli, data: Path) -> list[dict]:
    result = cli("validate", "--data", str(data), "--format", "json")
    assert result.code == 1
    return json.loads(result.out)["problems"]


def one(found: list[dict], field: str, fragment: str) -> dict:
    hits = [p for p in found if p["field"] == field and fragment in p["message"]]
    assert hits, f"no problem for {field!r} containing {fragment!r} in {found}"
    return hits[0]


def test_valid_fixture_passes(cli, data):
    result = cli("validate", "--data", str(data))
    assert result.code == 0
    assert "Alles gültig" in result.out and "1 Lösungen" in result.out


# --- front matter and YAML -------------------------------------------------------------------


def test_missing_front_matter(cli, data):
    (data / SOLUTION).write_text("Nur Text ohne Kopf.\n", encoding="utf-8")
    p = problems(cli, data)[0]
    assert p["path"].endswith(SOLUTION) and p["line"] == 1 and "beginnen" in p["message"]


def test_unterminated_front_matter(cli, data):
    (data / SOLUTION).write_text("---\nid: stadtnavi\nname: x\n", encoding="utf-8")
    p = problems(cli, data)[0]
    assert "nicht mit einer Zeile „---“ abgeschlossen" in p["message"]


def test_broken_yaml_names_the_line(cli, data):
    edit(data, SOLUTION, "tags: [Navigation, ÖPNV]", "tags: [Navigation, ÖPNV")
    found = [p for p in problems(cli, data) if p["path"].endswith(SOLUTION)]
    assert found[0]["message"].startswith("YAML-Fehler")
    assert 6 <= found[0]["line"] <= 8  # the open bracket is on line 6, the parser stops soon after


# --- fields ------------------------------------------------------------------------------------


def test_unknown_field_suggests_nearest(cli, data):
    edit(data, SOLUTION, "summary:", "sumary:")
    found = problems(cli, data)
    p = one(found, "sumary", "Unbekanntes Feld")
    assert "Meinten Sie „summary“?" in p["message"] and p["line"] == 4
    assert one(found, "summary", "Pflichtfeld fehlt")


def test_missing_required_field(cli, data):
    edit(data, SOLUTION, "transfer_readiness: P5\n", "")
    p = one(problems(cli, data), "transfer_readiness", "Pflichtfeld fehlt")
    assert p["path"].endswith(SOLUTION)


def test_wrong_type(cli, data):
    edit(data, SOLUTION, "open_source: true", "open_source: vielleicht")
    edit(data, SOLUTION, "tags: [Navigation, ÖPNV]", "tags: Navigation")
    found = problems(cli, data)
    assert one(found, "open_source", "true oder false")["line"] == 8
    assert one(found, "tags", "Liste")


def test_unquoted_key_read_as_octal_is_shown_as_written(cli, data):
    edit(data, SOLUTION, 'used_by: ["08115021", "08118048"]', "used_by: [05315000]")
    p = one(problems(cli, data), "used_by", "Anführungszeichen")
    assert '"05315000"' in p["message"]


def test_value_not_in_vocabulary(cli, data):
    edit(data, SOLUTION, "action_fields: [mobilitaet]", "action_fields: [mobilität]")
    edit(data, SOLUTION, "development_status: stable", "development_status: fertig")
    found = problems(cli, data)
    assert "Meinten Sie „mobilitaet“?" in one(found, "action_fields", "kein erlaubter Wert")["message"]
    assert (
        "Erlaubt: concept, development, beta, stable, obsolete"
        in one(found, "development_status", "kein erlaubter Wert")["message"]
    )


# --- ids and file names ------------------------------------------------------------------------


def test_id_differs_from_file_name(cli, data):
    edit(data, SOLUTION, "id: stadtnavi", "id: stadt-navi")
    p = one(problems(cli, data), "id", "Dateinamen")
    assert p["line"] == 2 and "„stadtnavi“" in p["message"]


def test_duplicate_id_names_both_files(cli, data):
    copy = data / "solutions/stadtnavi-kopie.md"
    copy.write_text((data / SOLUTION).read_text(encoding="utf-8"), encoding="utf-8")
    p = one(problems(cli, data), "id", "doppelt")
    assert p["path"].endswith("stadtnavi-kopie.md") and p["message"].count("stadtnavi") >= 2
    assert "solutions/stadtnavi.md" in p["message"]


@pytest.mark.parametrize(
    "name", ["Meine Lösung.md", "Stadtnavi.md", "lösung.md", "a--b.md", "x.txt", "-x.md", "x" * 65 + ".md"]
)
def test_unsafe_file_names_are_refused(cli, data, name):
    (data / "solutions" / name).write_text("---\nid: x\n---\n", encoding="utf-8")
    found = problems(cli, data)
    assert any(p["path"].endswith(name) and p["line"] == 0 for p in found), found


@pytest.mark.parametrize("name", ["../x.md", "a/b.md", ".versteckt.md", "..\\x.md"])
def test_path_like_names_are_refused(name):
    assert file_name_problem(name)


def test_symlinks_and_subfolders_are_refused(cli, data, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("---\nid: outside\n---\n", encoding="utf-8")
    (data / "solutions/outside.md").symlink_to(outside)
    (data / "solutions/unterordner").mkdir()
    found = problems(cli, data)
    assert any("Symlinks" in p["message"] for p in found)
    assert any("Unterordner" in p["message"] for p in found)


# --- references --------------------------------------------------------------------------------


def test_unknown_references_of_every_kind(cli, data):
    edit(data, SOLUTION, "funding_projects: [projekt-muenchen]", "funding_projects: [projekt-munchen]")
    edit(
        data, "funding-projects/projekt-muenchen.md", "programme: bundesprogramm", "programme: landesprogramm"
    )
    edit(data, "funding-projects/projekt-muenchen.md", "solutions: [stadtnavi]", "solutions: [stadnavi]")
    edit(
        data,
        "guidelines/mobilitaet-uebertragen.md",
        "effort: mittel",
        "effort: mittel\nrelated_guidelines: [gibts-nicht]",
    )
    edit(data, SOLUTION, 'origin: ["08115021"]', 'origin: ["08115099"]')
    found = problems(cli, data)
    assert "Meinten Sie „projekt-muenchen“?" in one(found, "funding_projects", "unbekannte")["message"]
    assert one(found, "programme", "„landesprogramm“")
    assert "Meinten Sie „stadtnavi“?" in one(found, "solutions", "unbekannte")["message"]
    assert one(found, "related_guidelines", "„gibts-nicht“")
    assert one(found, "origin", "08115099")["line"] == 11


def test_unknown_reference_is_reported_together_with_field_errors(cli, data):
    edit(data, SOLUTION, "open_source: true", "open_source: vielleicht")
    edit(data, SOLUTION, 'used_by: ["08115021", "08118048"]', 'used_by: ["08115021", "08118099"]')
    found = problems(cli, data)
    assert one(found, "open_source", "true oder false")
    assert one(found, "used_by", "08118099")["line"] == 12


# --- official keys -----------------------------------------------------------------------------


def test_key_of_wrong_form(cli, data):
    edit(data, "funding-projects/projekt-muenchen.md", 'lead: "09162000"', 'lead: "0916200"')
    assert one(problems(cli, data), "lead", "5 (Kreis), 8 (Gemeinde) oder 9")


def test_key_land_prefix_contradicts_land_in_places(cli, data):
    places = data / "reference/places.csv"
    places.write_text(
        places.read_text(encoding="utf-8").replace(
            "09162000,München,kreisfreie-stadt,Kreisfreie Stadt,BY",
            "09162000,München,kreisfreie-stadt,Kreisfreie Stadt,BW",
        ),
        encoding="utf-8",
    )
    p = one(problems(cli, data), "key", "Land BW")
    assert p["path"].endswith("places.csv") and p["line"] == 4


def test_key_land_contradicts_entry_laender(cli, data):
    edit(data, "funding-projects/projekt-muenchen.md", "laender: [BY, BW]", "laender: [BW]")
    p = one(problems(cli, data), "lead", "liegt in BY")
    assert "laender" in p["message"]


def test_key_length_must_match_kind(cli, data):
    places = data / "reference/places.csv"
    places.write_text(
        places.read_text(encoding="utf-8").replace(
            "09162000,München,kreisfreie-stadt", "09162,München,kreisfreie-stadt"
        ),
        encoding="utf-8",
    )
    found = problems(cli, data)
    assert one(found, "key", "8 Stellen")


# --- cross-field rules -------------------------------------------------------------------------


def test_end_before_start_names_both_fields(cli, data):
    edit(data, "funding-projects/projekt-muenchen.md", "end: 2026", "end: 2018")
    p = one(problems(cli, data), "end", "vor dem Beginn")
    assert "start" in p["message"]


def test_funding_above_total_budget(cli, data):
    edit(data, "funding-projects/projekt-muenchen.md", "funding_amount: 8000000", "funding_amount: 13000000")
    p = one(problems(cli, data), "funding_amount", "Gesamtvolumen")
    assert "total_budget" in p["message"]


def test_last_reviewed_in_future(cli, data):
    edit(data, SOLUTION, "last_reviewed: 2025-01-15", "last_reviewed: 2099-01-01")
    assert one(problems(cli, data), "last_reviewed", "Zukunft")


# --- URLs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/x",
        "//example.org",
    ],
)
def test_non_http_urls_are_rejected(cli, data, url):
    edit(data, SOLUTION, "repository: https://github.com/stadtnavi/digitransit-ui", f'repository: "{url}"')
    assert one(problems(cli, data), "repository", "https://")


def test_javascript_contact_is_rejected_mailto_allowed(cli, data):
    edit(data, SOLUTION, "contact: mailto:info@example.org", "contact: 'javascript:alert(1)'")
    assert one(problems(cli, data), "contact", "mailto:")


# --- encodings and line ends -------------------------------------------------------------------


def test_windows_1252_is_rejected_saying_so(cli, data):
    path = data / SOLUTION
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    p = problems(cli, data)[0]
    assert "UTF-8" in p["message"] and "Windows-1252" in p["message"] and p["line"] > 1


def test_bom_and_crlf_are_accepted(cli, data):
    path = data / SOLUTION
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert cli("validate", "--data", str(data)).code == 0


def test_crlf_line_numbers_stay_right(cli, data):
    edit(data, SOLUTION, "open_source: true", "open_source: 7")
    path = data / SOLUTION
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert one(problems(cli, data), "open_source", "true oder false")["line"] == 8


# --- hostile files -----------------------------------------------------------------------------


def test_file_over_one_megabyte(cli, data):
    path = data / SOLUTION
    path.write_text(path.read_text(encoding="utf-8") + "x" * 1_100_000, encoding="utf-8")
    assert "zu groß" in problems(cli, data)[0]["message"]


BILLION_LAUGHS = """---
id: stadtnavi
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
"""


def test_alias_bomb_is_rejected_fast(cli, data):
    (data / SOLUTION).write_text(BILLION_LAUGHS, encoding="utf-8")
    p = problems(cli, data)[0]  # its time is measured by `smartregio bench`
    assert "Anker" in p["message"] and p["line"] == 3


@pytest.mark.parametrize("nesting", ["[" * 50_000, "{a: " * 20_000])
def test_deep_nesting_is_rejected(cli, data, nesting):
    (data / SOLUTION).write_text(f"---\nid: stadtnavi\nx: {nesting}\n---\n", encoding="utf-8")
    assert "verschachtelt" in problems(cli, data)[0]["message"]


def test_indentation_nesting_is_rejected(cli, data):
    lines = "".join(" " * i + f"k{i}:\n" for i in range(40))
    (data / SOLUTION).write_text(f"---\nid: stadtnavi\n{lines}---\n", encoding="utf-8")
    assert "verschachtelt" in problems(cli, data)[0]["message"]


# --- the data folder ---------------------------------------------------------------------------


def test_missing_data_directory(cli, tmp_path):
    result = cli("validate", "--data", str(tmp_path / "gibt-es-nicht"))
    assert result.code == 1 and "existiert nicht" in result.err


def test_empty_data_directory(cli, tmp_path):
    (tmp_path / "leer").mkdir()
    result = cli("validate", "--data", str(tmp_path / "leer"))
    assert result.code == 1 and "fehlt" in result.err


# --- all at once, as a contributor sees it ----------------------------------------------------


def test_all_problems_in_one_run_without_traceback(data):
    edit(data, SOLUTION, "summary:", "sumary:")
    edit(data, "funding-projects/projekt-muenchen.md", "end: 2026", "end: 2018")
    (data / "guidelines/kaputt.md").write_bytes("---\nid: kaputt\ntitle: Größe\n---\n".encode("cp1252"))
    (data / "programmes/Falscher Name.md").write_text("---\n---\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "smartregio", "validate", "--data", str(data)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[1] / "scripts"), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert any("stadtnavi.md:4: sumary:" in line for line in lines)
    assert any("projekt-muenchen.md:" in line and "end:" in line for line in lines)
    assert any("kaputt.md" in line and "UTF-8" in line for line in lines)
    assert any("Falscher Name.md" in line for line in lines)
    assert lines[-1].endswith("Problem(e) gefunden.")


def test_messages_name_files_relative_to_the_project_whatever_the_working_folder(cli, data, tmp_path, monkeypatch):
    edit(data, SOLUTION, "open_source: true", "open_source: 5")
    elsewhere = tmp_path / "anderswo"
    elsewhere.mkdir()
    for cwd, given in ((elsewhere, str(data)), (elsewhere, "../data"), (data / "solutions", "..")):
        monkeypatch.chdir(cwd)
        result = cli("validate", "--data", given)
        assert result.code == 1
        lines = result.err.splitlines()
        assert any(line.startswith(f"data/{SOLUTION}:") and "open_source" in line for line in lines), (cwd, lines)
        assert str(tmp_path) not in result.err


def test_a_problem_found_twice_is_printed_and_counted_once(capsys):
    from smartregio.cli import report
    from smartregio.problems import Problem, Problems

    problems = Problems()
    problems.add("data/solutions/x.md", 3, "name", "Fehlt.")
    problems.add("data/solutions/x.md", 3, "name", "Fehlt.")
    problems.extend([Problem("data/solutions/x.md", 3, "name", "Fehlt."), Problem("data/a.md", 0, "", "Leer.")])
    report(problems)
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == ["data/a.md: Leer.", "data/solutions/x.md:3: name: Fehlt.", "2 Problem(e) gefunden."]
    assert len(problems) == 2 == json.loads(problems.as_json())["count"] == len(problems.as_github().splitlines())
