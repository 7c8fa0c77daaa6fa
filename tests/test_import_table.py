"""``smartregio import table``: CSV and XLSX in, ordinary entry files out, or located problems."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from smartregio.frontmatter import read
from smartregio.load import load_catalogue

HEADERS = [
    "Name",
    "Kurzbeschreibung",
    "Handlungsfelder",
    "Entwicklungsstand",
    "Open Source",
    "Lizenz",
    "Transferreife",
    "Im Einsatz in",
    "Quellen",
    "Zuletzt geprüft",
    "Beschreibung",
]
ROW_A = [
    "Gieß den Kiez",
    "Bürgerinnen und Bürger kümmern sich gemeinsam um Straßenbäume.",
    "energie-klima-umwelt;beteiligung",
    "stable",
    "ja",
    "MIT",
    "P5",
    "09162000",
    "https://example.org/a https://example.org/b",
    "2025-01-15",
    "Ein Text mit **Markdown**.",
]
ROW_B = [
    "Mängelmelder",
    "Hinweise auf Schäden im öffentlichen Raum an die Verwaltung melden.",
    "verwaltung",
    "beta",
    "false",
    "",
    "P3",
    "",
    "https://example.org/c",
    "15.01.2025",
    "",
]


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    def quote(cell: str) -> str:
        if any(ch in cell for ch in (delimiter, '"', "\n")):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return "".join(delimiter.join(quote(c) for c in row) + "\r\n" for row in rows)


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    path.write_bytes(csv_text(rows, delimiter).encode(encoding))
    return path


def solution_files(data: Path) -> set[str]:
    return {p.name for p in (data / "solutions").glob("*.md")}


def run_import(cli, path: Path, data: Path, *extra: str, collection: str | None = "solutions"):
    args = ["import", "table", str(path), "--data", str(data)]
    if collection:
        args += ["--collection", collection]
    return cli(*args, *extra)


def lines(result) -> list[str]:
    return [line for line in result.err.splitlines() if "Zeile" in line or ": " in line]


# --- the good path ---------------------------------------------------------------------------


def test_csv_with_german_titles_writes_valid_entries(cli, data, tmp_path):
    table = write_csv(tmp_path / "neu.csv", [HEADERS, ROW_A, ROW_B])
    result = run_import(cli, table, data)
    assert result.code == 0, result.err
    assert "Kodierung: UTF-8; Trennzeichen: Komma" in result.out
    assert "Kennung aus dem Namen gebildet: Zeile 2: giess-den-kiez, Zeile 3: maengelmelder" in result.out
    assert "alles gültig" in result.out
    assert solution_files(data) == {"stadtnavi.md", "giess-den-kiez.md", "maengelmelder.md"}
    text = (data / "solutions/giess-den-kiez.md").read_text(encoding="utf-8")
    assert text.startswith("---\nid: giess-den-kiez\nname: Gieß den Kiez\n")
    assert 'used_by:\n- "09162000"\n' in text  # keys stay quoted text
    assert text.endswith("---\nEin Text mit **Markdown**.\n")
    catalogue, problems = load_catalogue(data)
    assert not problems
    entry = catalogue.entries["solutions"]["giess-den-kiez"]
    assert entry.action_fields == ["energie-klima-umwelt", "beteiligung"]
    assert entry.sources == ["https://example.org/a", "https://example.org/b"]
    assert entry.open_source is True
    other = catalogue.entries["solutions"]["maengelmelder"]
    assert other.last_reviewed == date(2025, 1, 15) and other.open_source is False


def test_semicolon_and_windows_1252_are_detected(cli, data, tmp_path):
    table = write_csv(tmp_path / "excel.csv", [HEADERS, ROW_A], delimiter=";", encoding="cp1252")
    result = run_import(cli, table, data)
    assert result.code == 0, result.err
    assert "Kodierung: Windows-1252; Trennzeichen: Semikolon" in result.out
    entry = read(data / "solutions/giess-den-kiez.md", "x")
    assert entry.fields["name"] == "Gieß den Kiez"


def test_bom_is_detected_and_the_first_header_still_matches(cli, data, tmp_path):
    rows = [["id", *HEADERS], ["kiez", *ROW_A]]
    table = tmp_path / "bom.csv"
    table.write_bytes(b"\xef\xbb\xbf" + csv_text(rows).encode("utf-8"))
    result = run_import(cli, table, data)
    assert result.code == 0, result.err
    assert "Kodierung: UTF-8 mit BOM" in result.out
    assert (data / "solutions/kiez.md").is_file()


def test_field_names_as_headers_any_case_and_spacing(cli, data, tmp_path):
    headers = [
        "NAME",
        "summary",
        "Action Fields",
        "development-status",
        "open_source",
        "licence",
        "transfer readiness",
        "SOURCES",
        "last_reviewed",
    ]
    row = [
        ROW_A[0],
        ROW_A[1],
        "mobilitaet",
        "stable",
        "true",
        "MIT",
        "P4",
        "https://example.org/",
        "2025-01-15",
    ]
    result = run_import(cli, write_csv(tmp_path / "t.csv", [headers, row]), data)
    assert result.code == 0, result.err


def test_empty_rows_are_skipped_silently(cli, data, tmp_path):
    table = write_csv(tmp_path / "leer.csv", [[""] * len(HEADERS), HEADERS, [""] * len(HEADERS), ROW_A, []])
    result = run_import(cli, table, data)
    assert result.code == 0, result.err
    assert result.err == ""
    assert "giess-den-kiez.md" in solution_files(data)


# --- every problem, located; nothing written --------------------------------------------------


def test_row_problems_name_file_row_column_and_field(cli, data, tmp_path):
    bad = list(ROW_A)
    bad[5] = "GPL3"  # Lizenz
    bad[2] = "mobilitaet;umwelt"  # Handlungsfelder
    table = write_csv(tmp_path / "fehler.csv", [HEADERS, ROW_B, bad])
    result = run_import(cli, table, data)
    assert result.code == 1
    err = result.err
    assert f"{table}:Zeile 3: Spalte „Lizenz“ (licence): Keine gültige SPDX-Lizenzangabe" in err
    assert f"{table}:Zeile 3: Spalte „Handlungsfelder“ (action_fields): Eintrag 2: „umwelt“ ist kein" in err
    assert "Nichts geschrieben." in err
    assert solution_files(data) == {"stadtnavi.md"}  # the valid row 2 is not written either


def test_missing_required_columns(cli, data, tmp_path):
    headers = [h for h in HEADERS if h not in ("Handlungsfelder", "Transferreife")]
    row = [v for h, v in zip(HEADERS, ROW_A, strict=True) if h in headers]
    table = write_csv(tmp_path / "fehlt.csv", [headers, row])
    result = run_import(cli, table, data)
    assert result.code == 1
    assert f"{table}:Zeile 1: Spalte „Handlungsfelder“ (action_fields): Pflichtspalte fehlt." in result.err
    assert f"{table}:Zeile 1: Spalte „Transferreife“ (transfer_readiness): Pflichtspalte fehlt." in result.err
    assert solution_files(data) == {"stadtnavi.md"}


def test_unknown_header_with_nearest_name(cli, data, tmp_path):
    headers = [("Lizens" if h == "Lizenz" else h) for h in HEADERS] + ["Farbe"]
    table = write_csv(tmp_path / "kopf.csv", [headers, [*ROW_A, "grün"]])
    result = run_import(cli, table, data)
    assert result.code == 1
    assert (
        f"{table}:Zeile 1: Spalte „Lizens“: Unbekannte Spalte. Meinten Sie „Lizenz“ (licence)?" in result.err
    )
    assert f"{table}:Zeile 1: Spalte „Farbe“: Unbekannte Spalte." in result.err
    assert solution_files(data) == {"stadtnavi.md"}


def test_value_in_column_without_header(cli, data, tmp_path):
    table = write_csv(tmp_path / "ohne.csv", [[*HEADERS, ""], [*ROW_A, "übrig"]])
    result = run_import(cli, table, data)
    assert result.code == 1
    assert f"{table}:Zeile 2: Spalte „L“: Wert in einer Spalte ohne Überschrift." in result.err


def test_mixed_encoding_names_the_row(cli, data, tmp_path):
    good = csv_text([HEADERS, ROW_A]).encode("utf-8")
    broken = csv_text([ROW_B]).encode("cp1252")  # "Mängelmelder" as Windows-1252 after UTF-8 rows
    table = tmp_path / "gemischt.csv"
    table.write_bytes(good + broken)
    result = run_import(cli, table, data)
    assert result.code == 1
    assert f"{table}:Zeile 3: Die Datei mischt Kodierungen: Byte 0xE4 ist kein UTF-8" in result.err
    assert solution_files(data) == {"stadtnavi.md"}


def test_utf16_is_refused_with_advice(cli, data, tmp_path):
    table = tmp_path / "unicode.csv"
    table.write_bytes(csv_text([HEADERS, ROW_A]).encode("utf-16"))
    result = run_import(cli, table, data)
    assert result.code == 1
    assert "UTF-16" in result.err and "CSV UTF-8" in result.err


def test_bom_inside_the_file_is_reported_per_cell(cli, data, tmp_path):
    # two exports glued together: the second one's BOM lands in the middle of the file
    table = tmp_path / "zusammen.csv"
    table.write_bytes(
        b"\xef\xbb\xbf" + csv_text([HEADERS, ROW_B]).encode() + b"\xef\xbb\xbf" + csv_text([ROW_A]).encode()
    )
    result = run_import(cli, table, data)
    assert result.code == 1
    assert f"{table}:Zeile 3: Spalte „Name“ (name): Die Zelle enthält ein unsichtbares Byte-Order-Mark" in (
        result.err
    )
    assert solution_files(data) == {"stadtnavi.md"}


def test_unbalanced_quotes(cli, data, tmp_path):
    table = tmp_path / "quote.csv"
    table.write_text(csv_text([HEADERS]) + '"offen,' + ",".join(ROW_A[1:]) + "\r\n", encoding="utf-8")
    result = run_import(cli, table, data)
    assert result.code == 1
    assert "Zeile 2" in result.err and "Anführungszeichen" in result.err


def test_unknown_reference_and_references_within_the_import(cli, data, tmp_path):
    headers = [
        "Titel",
        "Kurzbeschreibung",
        "Zielgruppen",
        "Phasen",
        "Arbeitsstränge",
        "Weiterführende Leitfäden",
    ]
    headers += ["Lösungen", "Quellen", "Zuletzt geprüft", "Text"]
    first = ["Erster Leitfaden", "Worum es im ersten Leitfaden geht.", "digitalisierung", "P1", "technisch"]
    first += ["zweiter-leitfaden", "stadtnavi", "https://example.org/", "2025-01-15", "## Text\n\nMehr."]
    second = [
        "Zweiter Leitfaden",
        "Worum es im zweiten Leitfaden geht.",
        "digitalisierung",
        "P2",
        "technisch",
    ]
    second += ["erster-leitfaden", "stadtnav", "https://example.org/", "2025-01-15", "Text."]
    table = write_csv(tmp_path / "leitfaeden.csv", [headers, first, second])
    result = run_import(cli, table, data, collection="guidelines")
    assert result.code == 1
    assert (
        f"{table}:Zeile 3: Spalte „Lösungen“ (solutions): Eintrag 1: Verweis auf unbekannte(s) Lösung "
        "„stadtnav“. Meinten Sie „stadtnavi“?"
    ) in result.err
    assert "related_guidelines" not in result.err  # the rows point at each other: fine
    fixed = write_csv(tmp_path / "leitfaeden.csv", [headers, first, [*second[:6], "stadtnavi", *second[7:]]])
    assert run_import(cli, fixed, data, collection="guidelines").code == 0
    assert not load_catalogue(data)[1]


def test_existing_entry_needs_update(cli, data, tmp_path):
    headers = ["id", *HEADERS[:-1]]
    row = ["stadtnavi", "stadtnavi neu", *ROW_A[1:-1]]
    before = (data / "solutions/stadtnavi.md").read_text(encoding="utf-8")
    table = write_csv(tmp_path / "update.csv", [headers, row])
    result = run_import(cli, table, data)
    assert result.code == 1
    assert (
        f"{table}:Zeile 2: Spalte „id“ (id): Den Eintrag gibt es schon "
        "(data/solutions/stadtnavi.md). Zum Überschreiben „--update“ angeben."  # named in the project
    ) in result.err
    assert (data / "solutions/stadtnavi.md").read_text(encoding="utf-8") == before
    result = run_import(cli, table, data, "--update")
    assert result.code == 0, result.err
    entry = load_catalogue(data)[0].entries["solutions"]["stadtnavi"]
    assert entry.name == "stadtnavi neu"
    assert entry.repository == "https://github.com/stadtnavi/digitransit-ui"  # no column: kept
    assert entry.body.startswith("Ein Text über **stadtnavi**")  # no body column: kept
    assert entry.funding_projects == ["projekt-muenchen"]


def test_duplicate_ids_in_one_import(cli, data, tmp_path):
    table = write_csv(tmp_path / "doppelt.csv", [HEADERS, ROW_A, ROW_A])
    result = run_import(cli, table, data)
    assert result.code == 1
    assert (
        f"{table}:Zeile 3: Spalte „Kennung“ (id): Die Kennung „giess-den-kiez“ steht schon in Zeile 2."
        in (result.err)
    )


def test_skip_invalid_writes_the_valid_rows(cli, data, tmp_path):
    bad = list(ROW_B)
    bad[3] = "fertig"
    table = write_csv(tmp_path / "teils.csv", [HEADERS, ROW_A, bad])
    result = run_import(cli, table, data, "--skip-invalid")
    assert result.code == 0
    assert (
        f"{table}:Zeile 3: Spalte „Entwicklungsstand“ (development_status): „fertig“ ist kein" in result.err
    )
    assert solution_files(data) == {"stadtnavi.md", "giess-den-kiez.md"}
    assert "alles gültig" in result.out


def test_skip_invalid_also_skips_rows_pointing_at_skipped_rows(cli, data, tmp_path):
    headers = [
        "Titel",
        "Kurzbeschreibung",
        "Zielgruppen",
        "Phasen",
        "Arbeitsstränge",
        "Weiterführende Leitfäden",
    ]
    headers += ["Quellen", "Zuletzt geprüft", "Text"]
    broken = ["Kaputt", "Worum es im kaputten Leitfaden geht.", "niemand", "P1", "technisch", ""]
    broken += ["https://example.org/", "2025-01-15", "Text."]
    pointing = ["Verweist", "Worum es im verweisenden Leitfaden geht.", "digitalisierung", "P1", "technisch"]
    pointing += ["kaputt", "https://example.org/", "2025-01-15", "Text."]
    table = write_csv(tmp_path / "kette.csv", [headers, broken, pointing])
    result = run_import(cli, table, data, "--skip-invalid", collection="guidelines")
    assert result.code == 1  # nothing valid is left
    assert (
        "Zeile 3: Spalte „Weiterführende Leitfäden“ (related_guidelines): Eintrag 1: Verweis auf"
        in result.err
    )
    assert not (data / "guidelines/verweist.md").exists()


def test_collection_is_required_for_a_plain_table(cli, data, tmp_path):
    table = write_csv(tmp_path / "x.csv", [HEADERS, ROW_A])
    result = run_import(cli, table, data, collection=None)
    assert result.code == 1 and "--collection" in result.err


# --- XLSX ------------------------------------------------------------------------------------


def workbook(rows: list[list]) -> Workbook:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    return book


def test_xlsx_good_path_with_excel_dates(cli, data, tmp_path):
    serial = list(ROW_A)
    serial[9] = 45672  # 2025-01-15 as an Excel serial number in a date column
    dated = list(ROW_B)
    dated[9] = datetime(2025, 1, 15)
    book = workbook([HEADERS, [None] * len(HEADERS), serial, dated])
    book.save(tmp_path / "neu.xlsx")
    result = run_import(cli, tmp_path / "neu.xlsx", data)
    assert result.code == 0, result.err
    catalogue, problems = load_catalogue(data)
    assert not problems
    assert catalogue.entries["solutions"]["giess-den-kiez"].last_reviewed == date(2025, 1, 15)
    assert catalogue.entries["solutions"]["maengelmelder"].last_reviewed == date(2025, 1, 15)


def test_xlsx_picks_the_sheet_named_like_the_collection(cli, data, tmp_path):
    book = workbook([["Notizen"], ["nichts"]])
    sheet = book.create_sheet("Lösungen")
    for row in (HEADERS, ROW_A):
        sheet.append(row)
    book.save(tmp_path / "mappe.xlsx")
    result = run_import(cli, tmp_path / "mappe.xlsx", data)
    assert result.code == 0, result.err
    assert "Blatt „Lösungen“ gelesen; nicht gelesen: Sheet" in result.out


def test_xlsx_merged_cells(cli, data, tmp_path):
    book = workbook([HEADERS, ROW_A, ROW_B])
    book.active.merge_cells("D2:D3")  # Entwicklungsstand over two rows
    book.save(tmp_path / "verbunden.xlsx")
    result = run_import(cli, tmp_path / "verbunden.xlsx", data)
    assert result.code == 1
    path = tmp_path / "verbunden.xlsx"
    for row in (2, 3):
        assert (
            f"{path}:Zeile {row}: Spalte „Entwicklungsstand“ (development_status): Die Zelle gehört zu "
            "verbundenen Zellen (D2:D3)."
        ) in result.err
    assert solution_files(data) == {"stadtnavi.md"}


def test_xlsx_merged_header(cli, data, tmp_path):
    book = workbook([HEADERS, ROW_A])
    book.active.merge_cells("A1:B1")
    book.save(tmp_path / "kopf.xlsx")
    result = run_import(cli, tmp_path / "kopf.xlsx", data)
    assert result.code == 1
    assert "Zeile 1: Spalte „Name“: Die Überschrift steht in verbundenen Zellen (A1:B1)" in result.err


def test_xlsx_formula_without_cached_value(cli, data, tmp_path):
    row = list(ROW_A)
    row[0] = '="Gieß den "&"Kiez"'
    book = workbook([HEADERS, row])
    book.save(tmp_path / "formel.xlsx")
    result = run_import(cli, tmp_path / "formel.xlsx", data)
    assert result.code == 1
    assert (
        f"{tmp_path / 'formel.xlsx'}:Zeile 2: Spalte „Name“ (name): Die Zelle enthält eine Formel "
        '(="Gieß den "&"Kiez"); Formeln sind nicht erlaubt. Ein berechneter Wert ist nicht gespeichert.'
    ) in result.err
    assert "Pflichtfeld fehlt" not in result.err  # the formula is the one problem of that cell
    assert solution_files(data) == {"stadtnavi.md"}


def test_xlsx_date_in_a_column_that_is_no_date(cli, data, tmp_path):
    row = list(ROW_A)
    row[6] = datetime(2025, 3, 5)  # Transferreife typed as "5.3." became a date
    book = workbook([HEADERS, row])
    book.save(tmp_path / "datum.xlsx")
    result = run_import(cli, tmp_path / "datum.xlsx", data)
    assert result.code == 1
    assert (
        "Zeile 2: Spalte „Transferreife“ (transfer_readiness): Die Zelle ist als Datum formatiert "
        "(05.03.2025), die Spalte ist aber kein Datumsfeld."
    ) in result.err


def test_xlsx_serial_number_that_is_no_date(cli, data, tmp_path):
    row = list(ROW_A)
    row[9] = 12
    workbook([HEADERS, row]).save(tmp_path / "zahl.xlsx")
    result = run_import(cli, tmp_path / "zahl.xlsx", data)
    assert result.code == 1
    assert "Spalte „Zuletzt geprüft“ (last_reviewed): Die Zahl 12 ist kein plausibles Datum." in result.err


def test_xlsx_number_in_a_key_column_explains_lost_zeros(cli, data, tmp_path):
    row = list(ROW_A)
    row[7] = 9162000  # "09162000" typed into a number cell
    workbook([HEADERS, row]).save(tmp_path / "null.xlsx")
    result = run_import(cli, tmp_path / "null.xlsx", data)
    assert result.code == 1
    assert "Spalte „Im Einsatz in“ (used_by)" in result.err
    assert "führende Nullen gehen dabei verloren" in result.err


def test_not_an_xlsx(cli, data, tmp_path):
    (tmp_path / "kaputt.xlsx").write_text("kein zip", encoding="utf-8")
    result = run_import(cli, tmp_path / "kaputt.xlsx", data)
    assert result.code == 1 and "Keine lesbare XLSX-Datei" in result.err


# --- round trip through the published package -------------------------------------------------


@pytest.mark.parametrize("collection", ["solutions", "funding-projects", "guidelines", "programmes"])
def test_package_round_trip(cli, data, tmp_path, collection):
    """Package the test data, import a collection's CSV (with its link tables) into a copy
    without that collection: the entries equal the originals."""
    package = tmp_path / "paket"
    assert cli("package", "--data", str(data), "--out", str(package)).code == 0
    original, problems = load_catalogue(data)
    assert not problems
    empty = tmp_path / "leer"
    shutil.copytree(data, empty)
    for path in (empty / collection).glob("*.md"):
        path.unlink()
    result = cli("import", "table", str(package / f"{collection}.csv"), "--data", str(empty))
    assert result.code == 0, result.err
    assert "Datenpaket:" in result.out
    assert cli("validate", "--data", str(empty)).code == 0
    imported, problems = load_catalogue(empty)
    assert not problems
    assert imported.entries[collection] == original.entries[collection]
    assert original.entries[collection]  # the comparison is not vacuous


def test_package_option_and_link_rows_without_entry(cli, data, tmp_path):
    package = tmp_path / "paket"
    assert cli("package", "--data", str(data), "--out", str(package)).code == 0
    elsewhere = tmp_path / "anderswo" / "solutions.csv"
    elsewhere.parent.mkdir()
    shutil.copy(package / "solutions.csv", elsewhere)
    with (package / "solutions-used-by.csv").open("a", encoding="utf-8") as handle:
        handle.write("gibt-es-nicht,09162000,1\r\n")
    (data / "solutions/stadtnavi.md").unlink()
    result = cli("import", "table", str(elsewhere), "--data", str(data), "--package", str(package))
    assert result.code == 1
    assert (
        f"{package / 'solutions-used-by.csv'}:Zeile 4: Spalte „solution“: Kein Eintrag „gibt-es-nicht“ "
        "in solutions.csv."
    ) in result.err


@pytest.mark.parametrize("collection", ["solutions", "funding-projects", "guidelines", "programmes"])
def test_published_xlsx_round_trip_keeps_the_link_sheets(cli, data, tmp_path, collection):
    """The workbook a municipality downloads, imported into a copy without that collection:
    the entries come back whole, with used_by, origin, partners, measures and the rest."""
    from smartregio.publish.releases import compile_downloads

    original, problems = load_catalogue(data)
    assert not problems
    downloads = tmp_path / "downloads"
    compile_downloads(original, data, downloads)
    workbook = next(downloads.glob("*.xlsx"))
    empty = tmp_path / "leer"
    shutil.copytree(data, empty)
    for path in (empty / collection).glob("*.md"):
        path.unlink()
    result = cli("import", "table", str(workbook), "--data", str(empty), "--collection", collection)
    assert result.code == 0, result.err
    imported, problems = load_catalogue(empty)
    assert not problems
    assert imported.entries[collection] == original.entries[collection]
    assert original.entries[collection]


def test_old_style_workbook_with_english_sheet_names_still_imports(cli, data, tmp_path):
    """Workbooks downloaded before the sheets were named in German (version 1.0.0): sheets
    named like the package tables, no contents sheet, no label or name columns."""
    from openpyxl import load_workbook

    from smartregio.package.workbook import CONTENTS_SHEET, derived_column
    from smartregio.publish.releases import compile_downloads

    original, problems = load_catalogue(data)
    assert not problems
    downloads = tmp_path / "downloads"
    compile_downloads(original, data, downloads)
    book = load_workbook(downloads / "smartregio.xlsx")
    tables = {row[0]: row[1] for row in book[CONTENTS_SHEET].iter_rows(min_row=2, values_only=True)}
    del book[CONTENTS_SHEET]
    for title, table in tables.items():
        sheet = book[title]
        for index in reversed(range(1, sheet.max_column + 1)):
            if derived_column(str(sheet.cell(1, index).value)):
                sheet.delete_cols(index)
        sheet.title = table[:31]
    old = tmp_path / "alt.xlsx"
    book.save(old)
    assert "solutions-used-by" in load_workbook(old).sheetnames
    empty = tmp_path / "leer"
    shutil.copytree(data, empty)
    for path in (empty / "solutions").glob("*.md"):
        path.unlink()
    result = cli("import", "table", str(old), "--data", str(empty), "--collection", "solutions")
    assert result.code == 0, result.err
    imported, problems = load_catalogue(empty)
    assert not problems and imported.entries["solutions"] == original.entries["solutions"]
    assert original.entries["solutions"]["stadtnavi"].used_by  # the link sheet was read


def test_a_cell_with_a_line_break_or_an_escape_sequence_stays_on_its_problem_line(cli, data, tmp_path):
    """A value quoted back in a problem is printed on one line and without control characters:
    a table must not paint the terminal or print a line that looks like ``::error::``."""
    hostile = "\x1b[31mrot\x1b[0m\n::error::gefälscht"
    row = list(ROW_A)
    row[2] = hostile  # Handlungsfelder: not a term of the vocabulary
    table = write_csv(tmp_path / "feindlich.csv", [HEADERS, row])
    result = run_import(cli, table, data)
    assert result.code != 0
    assert "\x1b" not in result.err
    assert not any(line.startswith("::error") for line in result.err.splitlines())
    assert any("Handlungsfelder" in line and "gefälscht" in line for line in result.err.splitlines())
