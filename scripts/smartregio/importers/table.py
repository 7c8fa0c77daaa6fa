"""``smartregio import table FILE``: many entries at once from a spreadsheet.

Reads CSV (comma or semicolon, detected; UTF-8, UTF-8 with BOM or Windows-1252, detected
and reported) and XLSX (first sheet, or the sheet named like the collection; a workbook
downloaded from the site with its link sheets, ignoring the label and name columns it adds). The first
non-empty row holds the headers: a field's name or its German title, case and spaces do
not matter. Lists are split on ``;``, lists of web addresses on spaces. A collection's CSV
from a published data package is read with its link tables (``solutions-used-by.csv`` …)
when ``datapackage.json`` sits beside it or ``--package DIR`` names the package.

Every row is validated with the models and the reference data; problems read
``FILE:Zeile N: Spalte „X“ (field): message``. Nothing is written unless every row is
valid, or ``--skip-invalid`` writes the valid rows and reports the rest.
"""

from __future__ import annotations

import codecs
import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..catalogue import COLLECTIONS
from ..cells import (
    LONG_MARKER,
    LONG_TEXT_SHEET,
    XLSX_CELL_LIMIT,
    XLSX_MAX_CELLS,
    XLSX_MAX_COLUMNS,
    XLSX_MAX_MEMBERS,
    XLSX_MAX_RATIO,
    XLSX_MAX_ROWS,
    XLSX_MAX_UNPACKED,
    XLSX_RATIO_FROM,
    CsvSyntaxError,
    csv_records,
    de_number,
    excel_length,
    formula_problem,
    length_problem,
    text_problem,
)
from ..package.tables import link_table_name
from ..package.workbook import CONTENTS_HEADER, CONTENTS_SHEET, derived_column
from ..problems import Problem
from .entries import (
    COLUMN,
    MISSING,
    Candidate,
    FieldNames,
    ImportFailed,
    Outcome,
    after_import,
    check_batch,
    derive_id,
    open_catalogue,
    serial_to_date,
    text_value,
    write_entries,
)

DELIMITER_NAMES = {",": "Komma", ";": "Semikolon", "\t": "Tabulator"}
BOM_MESSAGE = (
    "Die Zelle enthält ein unsichtbares Byte-Order-Mark (U+FEFF), wie es entsteht, wenn "
    "Dateien aneinandergehängt werden. Bitte entfernen."
)
NUMBER_HINT = (
    " Die Zelle ist als Zahl gespeichert; führende Nullen gehen dabei verloren. Bitte die "
    "Spalte als Text formatieren und den Wert neu eintragen."
)


@dataclass
class Cell:
    """One cell as read: a value, or the reason there is none."""

    value: Any = None
    formula: str | None = None
    cached: Any = None
    merged: str | None = None
    error: str | None = None
    problem: str | None = None  # why the value cannot be taken (a long text that is missing …)
    whole: bool = False  # a long text put together from the sheet „Lange Texte“

    def empty(self) -> bool:
        if self.formula is not None or self.error is not None or self.problem is not None:
            return False
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class LinkRow:
    line: int
    target: Any  # an id or key; for a table of sub-records, the record's fields
    position: int


@dataclass
class Sheet:
    path: str
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    delimiters: dict[str, str] = field(default_factory=dict)
    # package mode: field -> owner id -> link rows, and the link table's file per field
    links: dict[str, dict[str, list[LinkRow]]] = field(default_factory=dict)
    link_files: dict[str, tuple[str, str]] = field(default_factory=dict)


# --- CSV -------------------------------------------------------------------------------------


class TableFileError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _line_of_byte(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def decode_table(raw: bytes) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8, UTF-8 with BOM or Windows-1252."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TableFileError(
            0,
            "Die Datei ist in UTF-16 gespeichert (Excel: „Unicode-Text“). Bitte als „CSV UTF-8 "
            "(durch Trennzeichen getrennt)“ speichern.",
        )
    if b"\x00" in raw[:65536]:
        raise TableFileError(
            _line_of_byte(raw, raw.index(b"\x00")),
            "Die Datei enthält Nullbytes und ist keine CSV-Datei. Excel-Dateien bitte mit der "
            "Endung .xlsx angeben.",
        )
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[3:].decode("utf-8"), "UTF-8 mit BOM"
        except UnicodeDecodeError as exc:
            raise TableFileError(
                _line_of_byte(raw, exc.start + 3),
                f"Die Datei beginnt mit einem UTF-8-BOM, Byte 0x{raw[exc.start + 3]:02X} ist aber kein "
                "UTF-8. Bitte die ganze Datei als „CSV UTF-8“ speichern.",
            ) from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    if re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}", raw):
        raise TableFileError(
            _line_of_byte(raw, bad),
            f"Die Datei mischt Kodierungen: Byte 0x{raw[bad]:02X} ist kein UTF-8, andere Zeichen sind "
            "UTF-8. Vermutlich wurden Dateien zusammenkopiert. Bitte die Zeile korrigieren und als "
            "„CSV UTF-8“ speichern.",
        )
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise TableFileError(
            _line_of_byte(raw, exc.start),
            f"Byte 0x{raw[exc.start]:02X} ist weder UTF-8 noch Windows-1252. Bitte als „CSV UTF-8“ "
            "speichern.",
        ) from None


def detect_delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of ; , and tab outside quotes."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in DELIMITER_NAMES}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv(path: Path, shown: str) -> Sheet:
    sheet = Sheet(shown)
    try:
        text, encoding = decode_table(path.read_bytes())
    except TableFileError as exc:
        sheet.problems.append(Problem.in_input(shown, exc.line, exc.message))
        return sheet
    except OSError as exc:
        sheet.problems.append(Problem.in_input(shown, 0, f"Datei kann nicht gelesen werden: {exc.strerror}."))
        return sheet
    delimiter = detect_delimiter(text)
    sheet.notes.append(f"Kodierung: {encoding}; Trennzeichen: {DELIMITER_NAMES[delimiter]}")
    number = 0  # a row of the table, as a spreadsheet counts it (a cell may span lines)
    try:  # a long cell is reported with its row and column by ``cell_value``
        for _, record in csv_records(text, delimiter=delimiter, strict=True):
            number += 1
            sheet.rows.append((number, [Cell(value=v.replace("\r\n", "\n")) for v in record]))
    except CsvSyntaxError as exc:
        sheet.problems.append(
            Problem.in_input(
                shown,
                number + 1,
                f"CSV-Fehler ({exc.__cause__}). Stehen die Anführungszeichen paarweise?",
            )
        )
    return sheet


# --- XLSX ------------------------------------------------------------------------------------


class _TooLarge(Exception):
    """A sheet reaches beyond the limits; raised from inside the XML parser to stop it early."""


def _cell_position(ref: str) -> tuple[int, int] | None:
    """(row, column) of an A1-style reference such as ``XFD1048576``; None if it is none."""
    match = re.fullmatch(r"\$?([A-Za-z]{1,4})\$?(\d{1,9})", ref.strip())
    if match is None:
        return None
    column = 0
    for letter in match[1].upper():
        column = column * 26 + ord(letter) - 64
    return int(match[2]), column


def _area(ref: str) -> tuple[int, int, int] | None:
    """Rows, columns and cells of a range ``A1:C3`` (or a single cell)."""
    ends = [_cell_position(part) for part in ref.split(":")[:2]]
    if not ends or any(end is None for end in ends):
        return None
    rows = abs(ends[-1][0] - ends[0][0]) + 1  # type: ignore[index]
    columns = abs(ends[-1][1] - ends[0][1]) + 1  # type: ignore[index]
    return rows, columns, rows * columns


def _sheet_extent(stream, member: str) -> None:
    """Stream one XML part with expat (no tree is built) and raise ``_TooLarge`` as soon as its
    declared dimension, its cells or its merged ranges reach beyond the limits. openpyxl
    would make a cell object for every position up to the last one."""
    from xml.parsers import expat

    state = {"row": 0, "column": 0, "rows": 0, "columns": 0, "merged": 0}

    def too_large(where: str, rows: int, columns: int) -> _TooLarge:
        return _TooLarge(
            f"Das Blatt {member} reicht bis {where} ({de_number(rows)} Zeilen, "
            f"{de_number(columns)} Spalten). Gelesen werden höchstens {de_number(XLSX_MAX_ROWS)} "
            f"Zeilen, {de_number(XLSX_MAX_COLUMNS)} "
            f"Spalten und {de_number(XLSX_MAX_CELLS)} Zellen je Blatt. Bitte leere Zeilen und Spalten "
            "am Ende löschen (Strg+Ende zeigt die letzte benutzte Zelle) und neu speichern."
        )

    def check(where: str, rows: int, columns: int) -> None:
        if rows > XLSX_MAX_ROWS or columns > XLSX_MAX_COLUMNS or rows * columns > XLSX_MAX_CELLS:
            raise too_large(where, rows, columns)

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit("|", 1)[-1]
        if local == "row":
            state["row"] = int(attrs["r"]) if attrs.get("r", "").isdigit() else state["row"] + 1
            state["column"] = 0
            state["rows"] = max(state["rows"], state["row"])
            check(f"Zeile {state['row']}", state["rows"], state["columns"])
        elif local == "c":
            position = _cell_position(attrs.get("r", ""))
            row, column = position if position else (state["row"], state["column"] + 1)
            state["column"] = column
            state["rows"], state["columns"] = max(state["rows"], row), max(state["columns"], column)
            check(f"Zelle {attrs.get('r') or column}", state["rows"], state["columns"])
        elif local == "dimension":
            ref = attrs.get("ref", "")
            last = _cell_position(ref.split(":")[-1])
            if last:
                check(f"{ref} (angegebene Größe)", *last)
        elif local == "mergeCell":
            area = _area(attrs.get("ref", ""))
            if area:
                state["merged"] += area[2]
                if state["merged"] > XLSX_MAX_CELLS:
                    raise _TooLarge(
                        f"Die verbundenen Zellen des Blatts {member} umfassen "
                        f"{de_number(state['merged'])} "
                        f"Zellen; gelesen werden höchstens {de_number(XLSX_MAX_CELLS)}. Bitte die "
                        "Verbindungen aufheben und neu speichern."
                    )

    parser = expat.ParserCreate(namespace_separator="|")
    parser.StartElementHandler = start
    try:
        while chunk := stream.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        return  # not XML (an image …) or broken: openpyxl reports what it cannot read


def xlsx_problem(path: Path) -> str | None:
    """Why a workbook is not opened at all, else None; decided before openpyxl loads anything.

    An XLSX file is a zip archive: a few kilobytes can unpack to gigabytes (the sizes stand in
    the zip's central directory, and Python's zipfile never unpacks more than they say) or
    declare a sheet of 17 billion cells. The limits are in ``cells.py``."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # openpyxl says why it is no workbook
    with archive:
        members = archive.infolist()
        if len(members) > XLSX_MAX_MEMBERS:
            return (
                f"Die Arbeitsmappe besteht aus {de_number(len(members))} Teilen; gelesen werden "
                f"Dateien mit höchstens {de_number(XLSX_MAX_MEMBERS)}. Sie wird nicht geöffnet."
            )
        unpacked = sum(m.file_size for m in members)
        if unpacked > XLSX_MAX_UNPACKED:
            return (
                f"Die Arbeitsmappe ist entpackt {de_number(unpacked // 2**20)} MB groß; gelesen werden "
                f"höchstens {de_number(XLSX_MAX_UNPACKED // 2**20)} MB. Sie wird nicht geöffnet. "
                "Bitte nur das Blatt mit den Einträgen speichern oder als CSV."
            )
        for member in members:
            if member.file_size > XLSX_RATIO_FROM and member.file_size > XLSX_MAX_RATIO * max(
                member.compress_size, 1
            ):
                return (
                    f"Der Teil {member.filename} der Arbeitsmappe ist "
                    f"{de_number(member.file_size // max(member.compress_size, 1))}-fach gepackt; "
                    f"so stark lässt sich keine Tabelle packen (höchstens {XLSX_MAX_RATIO}-fach). "
                    "Die Datei wird nicht geöffnet."
                )
        for member in members:
            if member.is_dir() or member.file_size == 0:
                continue
            try:
                with archive.open(member) as stream:
                    _sheet_extent(stream, member.filename)
            except _TooLarge as exc:
                return str(exc)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, EOFError):
                return None  # openpyxl says why it cannot read the file
    return None


CUT_TEXT = (
    f"Die Zelle hat {de_number(XLSX_CELL_LIMIT)} Zeichen, so viele, wie eine Excel-Zelle "
    "höchstens fasst: der Text ist vermutlich abgeschnitten. Bitte den ganzen Text eintragen (etwa "
    "aus der CSV- oder JSON-Datei des Datenpakets), in einer CSV-Datei oder in der Eintragsdatei."
)


def read_long_texts(book) -> dict[int, dict[int, str]]:
    """The sheet „Lange Texte“ of a published workbook: text number → part number → part."""
    if LONG_TEXT_SHEET not in book.sheetnames:
        return {}
    rows = book[LONG_TEXT_SHEET].iter_rows(values_only=True)
    header = [str(v or "").strip() for v in next(rows, ())]
    if not all(name in header for name in ("Nr.", "Teil", "Text")):
        return {}
    at = {name: header.index(name) for name in ("Nr.", "Teil", "Text")}
    found: dict[int, dict[int, str]] = {}
    for row in rows:
        values = [row[at[name]] if at[name] < len(row) else None for name in ("Nr.", "Teil", "Text")]
        numbers = [_whole_number(v) for v in values[:2]]
        if numbers[0] is None or numbers[1] is None:
            continue
        found.setdefault(numbers[0], {})[numbers[1]] = "" if values[2] is None else str(values[2])
    return found


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def resolve_long_text(value: Any, long_texts: dict[int, dict[int, str]]) -> Cell:
    """A workbook's string cell: a long text's marker becomes the whole text from the sheet
    „Lange Texte“; a marker without its parts, or a text at Excel's limit, is refused,
    so a cut text is never taken."""
    if not isinstance(value, str):
        return Cell(value=value)
    match = LONG_MARKER.match(value)
    if match is None:
        if excel_length(value) >= XLSX_CELL_LIMIT:
            return Cell(problem=CUT_TEXT)
        return Cell(value=value)
    text_number, parts = int(match["number"]), int(match["parts"])
    found = long_texts.get(text_number, {})
    if sorted(found) != list(range(1, parts + 1)):
        have = ", ".join(str(n) for n in sorted(found)) or "keiner"
        return Cell(
            problem=f"Die Zelle verweist auf den langen Text Nr. {text_number} auf dem Blatt "
            f"„{LONG_TEXT_SHEET}“; dort stehen nicht alle {parts} Teile (gefunden: {have}). Ohne sie wäre "
            "der Text abgeschnitten. Bitte das Blatt aus der heruntergeladenen Arbeitsmappe übernehmen "
            "oder den ganzen Text in die Zelle schreiben."
        )
    return Cell(value="".join(found[n] for n in range(1, parts + 1)), whole=True)


def read_xlsx(path: Path, shown: str, names: FieldNames | None) -> Sheet:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.cell.cell import MergedCell
    from openpyxl.utils.exceptions import InvalidFileException

    sheet = Sheet(shown)
    refused = xlsx_problem(path)
    if refused:
        sheet.problems.append(Problem.in_input(shown, 0, refused))
        return sheet
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(path, data_only=False)
            cached_book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        sheet.problems.append(
            Problem.in_input(shown, 0, f"Keine lesbare XLSX-Datei ({exc.__class__.__name__}: {exc}).")
        )
        return sheet
    long_texts = read_long_texts(book)
    worksheet = book.worksheets[0]
    sheets = published_sheets(book)
    if len(book.worksheets) > 1:
        wanted = set()
        if names is not None:
            wanted = {names.collection.casefold(), names.model.label_plural.casefold()}
            if names.collection in sheets:
                wanted.add(sheets[names.collection].casefold())
        worksheet = next((ws for ws in book.worksheets if ws.title.casefold() in wanted), worksheet)
        others = [ws.title for ws in book.worksheets if ws is not worksheet and ws.title != LONG_TEXT_SHEET]
        sheet.notes.append(f"Blatt „{worksheet.title}“ gelesen; nicht gelesen: {', '.join(others)}")
    if long_texts:
        sheet.notes.append(f"Lange Texte gelesen vom Blatt „{LONG_TEXT_SHEET}“")
    cached = cached_book[worksheet.title]
    merged: dict[tuple[int, int], str] = {}
    for cell_range in worksheet.merged_cells.ranges:
        if cell_range.min_row == cell_range.max_row and cell_range.min_col == cell_range.max_col:
            continue
        for row in range(cell_range.min_row, cell_range.max_row + 1):
            for column in range(cell_range.min_col, cell_range.max_col + 1):
                merged[(row, column)] = cell_range.coord
    for number, row in enumerate(
        worksheet.iter_rows(min_row=1, max_row=worksheet.max_row, max_col=worksheet.max_column), start=1
    ):
        cells = []
        for cell in row:
            out = Cell(merged=merged.get((number, cell.column)))
            if not isinstance(cell, MergedCell):
                value = cell.value
                if cell.data_type == "f":
                    out.formula = value if isinstance(value, str) else getattr(value, "text", str(value))
                    out.cached = cached.cell(row=number, column=cell.column).value
                elif cell.data_type == "e":
                    out.error = str(value)
                else:
                    resolved = resolve_long_text(value, long_texts)
                    out.value, out.problem, out.whole = resolved.value, resolved.problem, resolved.whole
            cells.append(out)
        sheet.rows.append((number, cells))
    if names is not None:
        _read_link_sheets(book, worksheet.title, names, sheet, sheets, long_texts)
    return sheet


def published_sheets(book) -> dict[str, str]:
    """Package table → sheet name, from the contents sheet of a published workbook (empty for
    any other workbook)."""
    if CONTENTS_SHEET not in book.sheetnames:
        return {}
    rows = book[CONTENTS_SHEET].iter_rows(values_only=True)
    header = [str(v or "").strip() for v in next(rows, ())]
    if tuple(header[:2]) != CONTENTS_HEADER[:2]:
        return {}
    found = {}
    for row in rows:
        sheet_title, table = (str(v).strip() if v is not None else "" for v in row[:2])
        if sheet_title in book.sheetnames and table:
            found[table] = sheet_title
    return found


def _read_link_sheets(
    book,
    main_title: str,
    names: FieldNames,
    sheet: Sheet,
    sheets: dict[str, str],
    long_texts: dict[int, dict[int, str]],
) -> None:
    """The published workbook keeps each list of references (used_by, origin, partners …) and
    each list of sub-records (measures) on a sheet of its own: a German name listed on the
    contents sheet, or (workbooks of version 1.0.0) the table's name in the package. Read them as the
    CSV route reads the link tables; the added name columns are left out."""
    titles = {ws.title: ws for ws in book.worksheets}
    read = []
    for field_name in names.titles:
        table = link_table_name(names.collection, field_name)
        title = sheets.get(table) or table[:31]
        if title not in titles or title == main_title:
            continue
        worksheet = titles[title]
        # the published sheets head each column with its German title; the names are in comments
        header = [_column_name(c) for c in worksheet[1]]
        keep = [i for i, name in enumerate(header) if derived_column(str(name or "")) is None]
        rows = [
            (line, [resolve_long_text(row[i].value, long_texts) for i in keep if i < len(row)])
            for line, row in enumerate(worksheet.iter_rows(), start=1)
        ]
        if rows:
            rows[0] = (1, [Cell(value=header[i]) for i in keep])
        for line, cells in rows[1:]:
            for cell in cells:
                if cell.problem:
                    sheet.problems.append(Problem.in_input(f"{sheet.path}[{title}]", line, cell.problem))
        _link_rows(f"{sheet.path}[{title}]", rows, field_name, sheet)
        read.append(title)
    if read:
        sheet.notes.append(f"Verknüpfungen gelesen aus den Blättern: {', '.join(read)}")


def _column_name(cell) -> Any:
    """A column's field name: the cell comment the published workbook writes, else its text."""
    comment = getattr(cell, "comment", None)
    return comment.text.strip() if comment is not None and comment.text else cell.value


# --- published package -----------------------------------------------------------------------


def find_descriptor(path: Path, package: Path | None) -> Path | None:
    if package is not None:
        return package / "datapackage.json" if package.is_dir() else package
    beside = path.parent / "datapackage.json"
    return beside if beside.is_file() else None


def _read_link_table(folder: Path, resource: dict[str, Any], field_name: str, sheet: Sheet) -> None:
    shown = str(folder / resource["path"])
    link = read_csv(folder / resource["path"], shown)
    sheet.problems.extend(link.problems)
    _link_rows(shown, link.rows, field_name, sheet)


def _link_rows(shown: str, rows: list[tuple[int, list[Cell]]], field_name: str, sheet: Sheet) -> None:
    """A link table (owner, target, position) or a table of sub-records, from CSV or a sheet."""
    link = Sheet(shown, rows=rows)
    if not link.rows:
        return
    header = [str(c.value) for c in link.rows[0][1]]
    if len(header) >= 3 and header[1] == "position":
        _read_record_table(shown, header, link.rows[1:], field_name, sheet)
        return
    if len(header) < 3 or header[2] != "position":
        sheet.problems.append(
            Problem.in_input(shown, 1, "Eine Verknüpfungstabelle hat die Spalten Eintrag, Ziel, position.")
        )
        return
    owner, target = header[0], header[1]
    sheet.link_files[field_name] = (shown, owner)
    by_owner = sheet.links.setdefault(field_name, {})
    for number, cells in link.rows[1:]:
        values = [str(c.value or "").strip() for c in cells]
        if not any(values):
            continue
        if len(values) < 3 or not values[0] or not values[1] or not values[2].isdigit():
            sheet.problems.append(
                Problem.in_input(
                    shown, number, f"Jede Zeile braucht {owner}, {target} und position (eine ganze Zahl)."
                )
            )
            continue
        by_owner.setdefault(values[0], []).append(LinkRow(number, values[1], int(values[2])))


def _read_record_table(shown: str, header: list[str], rows, field_name: str, sheet: Sheet) -> None:
    """A table of sub-records (owner, position, the record's fields), e.g. a project's measures."""
    owner = header[0]
    sheet.link_files[field_name] = (shown, owner)
    by_owner = sheet.links.setdefault(field_name, {})
    for number, cells in rows:
        values = [str(c.value or "").strip() for c in cells]
        if not any(values):
            continue
        if len(values) < 2 or not values[0] or not values[1].isdigit():
            sheet.problems.append(
                Problem.in_input(shown, number, f"Jede Zeile braucht {owner} und position (eine ganze Zahl).")
            )
            continue
        record = {name: value for name, value in zip(header[2:], values[2:], strict=False) if value}
        for name, value in record.items():
            if problem := text_problem(value):
                sheet.problems.append(Problem.in_input(shown, number, problem, label=name))
        by_owner.setdefault(values[0], []).append(LinkRow(number, record, int(values[1])))


def read_package_table(
    path: Path, shown: str, descriptor_path: Path, collection: str | None
) -> tuple[Sheet, str | None]:
    """The collection's CSV with its list fields delimited as the package says, plus link tables."""
    sheet = Sheet(shown)
    folder = descriptor_path.parent
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        resources = {r["name"]: r for r in descriptor["resources"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        sheet.problems.append(Problem.in_input(str(descriptor_path), 0, f"Kein lesbares Datenpaket ({exc})."))
        return sheet, collection
    resource = next(
        (r for r in resources.values() if r.get("path") == path.name and r.get("name") in COLLECTIONS),
        None,
    )
    if resource is None:
        sheet.problems.append(
            Problem.in_input(
                shown,
                0,
                f"Die Datei ist keine Sammlung des Datenpakets {descriptor_path} "
                f"(Sammlungen: {', '.join(f'{c}.csv' for c in COLLECTIONS)}).",
            )
        )
        return sheet, collection
    if collection is not None and resource["name"] != collection:
        sheet.problems.append(
            Problem.in_input(
                shown, 0, f"Die Datei ist die Sammlung „{resource['name']}“, angegeben ist „{collection}“."
            )
        )
        return sheet, collection
    collection = resource["name"]
    table = read_csv(folder / resource["path"], shown)
    sheet.rows, sheet.notes, sheet.problems = table.rows, table.notes, table.problems
    sheet.notes.append(f"Datenpaket: {descriptor_path} (Sammlung {collection} mit Verknüpfungstabellen)")
    for spec in resource.get("schema", {}).get("fields", []):
        if spec.get("type") == "list":
            sheet.delimiters[spec["name"]] = spec.get("delimiter", ",")
    names = FieldNames(collection)
    for field_name in names.titles:
        link = resources.get(link_table_name(collection, field_name))
        if link is not None:
            _read_link_table(folder, link, field_name, sheet)
    return sheet, collection


# --- rows → candidates -----------------------------------------------------------------------


def cell_value(names: FieldNames, name: str, cell: Cell, delimiter: str | None):
    """``(value, problem, hint)`` for one cell of a field's column."""
    info = names.infos[name]
    if cell.merged:
        return (
            MISSING,
            f"Die Zelle gehört zu verbundenen Zellen ({cell.merged}). Bitte die Verbindung aufheben "
            "und den Wert in jede Zeile schreiben.",
            None,
        )
    if cell.formula is not None:
        message = f"Die Zelle enthält eine Formel ({cell.formula}); Formeln sind nicht erlaubt."
        if cell.cached is None:
            message += " Ein berechneter Wert ist nicht gespeichert. Bitte den Wert selbst eintragen."
        else:
            message += f" Berechnet war „{cell.cached}“: bitte als Wert einfügen (Einfügen → Nur Werte)."
        return MISSING, message, None
    if cell.error is not None:
        return MISSING, f"Die Zelle enthält den Fehlerwert {cell.error}.", None
    if cell.problem is not None:
        return MISSING, cell.problem, None
    value = cell.value
    if value is None:
        return MISSING, None, None
    scalar = not info.is_list
    if isinstance(value, str):
        if "\ufeff" in value:
            return MISSING, BOM_MESSAGE, None
        if not cell.whole and (match := LONG_MARKER.match(value)):
            return MISSING, _marker_without_sheet(match["number"]), None
        if problem := length_problem(value):
            return MISSING, problem, None
        converted, problem = text_value(info, value, name in names.url_lists, delimiter)
        return converted, problem or _formula(info, converted), None
    if isinstance(value, bool):
        if info.base is bool and scalar:
            return value, None, None
        return MISSING, "Die Zelle enthält einen Wahrheitswert (WAHR/FALSCH); erwartet wird Text.", None
    if isinstance(value, date | time):
        if info.base is date and scalar and isinstance(value, date):
            return (value.date() if isinstance(value, datetime) else value), None, None
        shown = value.strftime("%d.%m.%Y") if isinstance(value, date) else str(value)
        return (
            MISSING,
            f"Die Zelle ist als Datum formatiert ({shown}), die Spalte ist aber kein Datumsfeld. Bitte "
            "das Zellformat auf „Text“ oder „Zahl“ stellen und den Wert neu eintragen.",
            None,
        )
    if isinstance(value, int | float):
        if info.base is date and scalar:
            converted = serial_to_date(value)
            if converted is None:
                return MISSING, f"Die Zahl {value} ist kein plausibles Datum. Erwartet wird JJJJ-MM-TT.", None
            return converted, None, None
        if info.base in (int, float, bool) and scalar:
            return value, None, None
        text = str(int(value)) if float(value).is_integer() else repr(value)
        converted, problem = text_value(info, text, name in names.url_lists, delimiter)
        return converted, problem or _formula(info, converted), NUMBER_HINT
    return MISSING, f"Unerwarteter Zellinhalt ({type(value).__name__}).", None


def _formula(info, converted: Any) -> str | None:
    """The problem of a text value that spreadsheets would read as a formula; the same for
    CSV and XLSX (a workbook's formula cells are refused before, as formulas)."""
    if info.base is not str:
        return None  # numbers, dates and booleans are typed: -5 is a number, not a formula
    texts = converted if isinstance(converted, list) else [converted]
    return next((p for t in texts if isinstance(t, str) and (p := formula_problem(t))), None)


def _marker_without_sheet(text_number: str) -> str:
    return (
        f"Die Zelle verweist auf den langen Text Nr. {text_number} auf dem Blatt „{LONG_TEXT_SHEET}“ einer "
        "Excel-Arbeitsmappe; hier gibt es dieses Blatt nicht. Bitte die Arbeitsmappe selbst einlesen "
        "oder den ganzen Text eintragen."
    )


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def build_candidates(sheet: Sheet, names: FieldNames) -> tuple[list[Candidate], list[Problem], list[str]]:
    """Candidates from the rows; header problems are fatal and stop before the rows."""
    shown = sheet.path
    rows = [(n, cells) for n, cells in sheet.rows if not all(c.empty() for c in cells)]
    if not rows:
        return [], [Problem.in_input(shown, 0, "Die Tabelle enthält keine Zeilen.")], []
    header_line, header_cells = rows[0]
    fatal: list[Problem] = []
    columns: dict[int, str] = {}
    labels: dict[str, str] = {}
    headed: set[int] = set()
    for index, cell in enumerate(header_cells):
        text = "" if cell.value is None else str(cell.value).strip()
        where = text or _letter(index)
        if cell.merged:
            fatal.append(
                Problem.in_input(
                    shown,
                    header_line,
                    f"Die Überschrift steht in verbundenen Zellen ({cell.merged}). Bitte die Verbindung "
                    "aufheben: je Spalte eine Überschrift.",
                    label=where,
                )
            )
            headed.add(index)
            continue
        if cell.formula is not None:
            fatal.append(
                Problem.in_input(shown, header_line, "Überschriften dürfen keine Formeln sein.", label=where)
            )
            headed.add(index)
            continue
        if not text:
            continue
        headed.add(index)
        if "\ufeff" in text:
            fatal.append(
                Problem.in_input(
                    shown,
                    header_line,
                    "Die Überschrift enthält ein unsichtbares Byte-Order-Mark (U+FEFF), etwa weil zwei "
                    "Dateien aneinandergehängt wurden. Bitte entfernen.",
                    label=text.replace("\ufeff", ""),
                )
            )
            continue
        name = names.match(text)
        explained = derived_column(text)
        if name is None and explained is not None and names.match(explained) is not None:
            continue  # a label or name the published workbook adds beside a code or key
        if name is None:
            hint = names.hint(text)
            message = "Unbekannte Spalte." + (
                f" Meinten Sie {hint}?"
                if hint
                else f" Bekannt sind: {', '.join(names.titles[n] for n in names.titles)}."
            )
            fatal.append(Problem.in_input(shown, header_line, message, label=text))
            continue
        if name in labels:
            fatal.append(
                Problem.in_input(
                    shown,
                    header_line,
                    f"Die Spalte steht doppelt (wie „{labels[name]}“).",
                    field=name,
                    label=text,
                )
            )
            continue
        if name in sheet.links:
            fatal.append(
                Problem.in_input(
                    shown,
                    header_line,
                    f"Die Werte stehen schon in der Verknüpfungstabelle {sheet.link_files[name][0]}.",
                    field=name,
                    label=text,
                )
            )
            continue
        columns[index] = name
        labels[name] = text
    present = set(labels) | set(sheet.links)
    for name in names.required_fields():
        if name not in present:
            fatal.append(
                Problem.in_input(
                    shown, header_line, "Pflichtspalte fehlt.", field=name, label=names.title(name)
                )
            )
    if fatal:
        return [], fatal, []
    derived: list[str] = []
    candidates = []
    for number, cells in rows[1:]:
        candidate = Candidate(
            names.collection, {}, shown, number, labels=dict(labels), present=set(present), kind=COLUMN
        )
        for index, cell in enumerate(cells):
            if index not in headed and not cell.empty():
                candidate.problems.append(
                    Problem.in_input(
                        shown, number, "Wert in einer Spalte ohne Überschrift.", label=_letter(index)
                    )
                )
        for index, name in columns.items():
            cell = cells[index] if index < len(cells) else Cell()
            value, problem, hint = cell_value(names, name, cell, sheet.delimiters.get(name))
            if problem:
                candidate.problems.append(candidate.problem(name, problem, names))
            elif value is not MISSING:
                candidate.data[name] = value
            if hint:
                candidate.hints[name] = hint
        if "id" not in candidate.data and (made := derive_id(names, candidate.data)):
            candidate.data["id"] = made
            candidate.labels.setdefault("id", names.title("id"))
            derived.append(f"Zeile {number}: {made}")
        entry_id = candidate.data.get("id")
        for name, by_owner in sheet.links.items():
            rows_for = by_owner.pop(entry_id, []) if isinstance(entry_id, str) else []
            if rows_for:
                candidate.data[name] = [r.target for r in sorted(rows_for, key=lambda r: r.position)]
        candidates.append(candidate)
    problems = []
    for name, by_owner in sheet.links.items():
        link_file, owner = sheet.link_files[name]
        for owner_id, link_rows in by_owner.items():
            for row in link_rows:
                problems.append(
                    Problem.in_input(
                        link_file,
                        row.line,
                        f"Kein Eintrag „{owner_id}“ in {Path(shown).name}.",
                        label=owner,
                    )
                )
    notes = [f"Kennung aus dem Namen gebildet: {', '.join(derived)}"] if derived else []
    return candidates, problems, notes


# --- the command -----------------------------------------------------------------------------


def read_sheet(path: Path, collection: str | None, package: Path | None) -> tuple[Sheet, str | None]:
    shown = str(path)
    if not path.is_file():
        return Sheet(shown, problems=[Problem.in_input(shown, 0, "Die Datei existiert nicht.")]), collection
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        return (
            Sheet(
                shown,
                problems=[
                    Problem.in_input(
                        shown, 0, "Dieses Format wird nicht gelesen. Bitte als .xlsx oder .csv speichern."
                    )
                ],
            ),
            collection,
        )
    if suffix in (".xlsx", ".xlsm"):
        names = FieldNames(collection) if collection else None
        return read_xlsx(path, shown, names), collection
    descriptor = find_descriptor(path, package)
    if descriptor is not None:
        if not descriptor.is_file():
            problem = Problem.in_input(str(descriptor), 0, "Das Datenpaket (datapackage.json) fehlt.")
            return Sheet(shown, problems=[problem]), collection
        return read_package_table(path, shown, descriptor, collection)
    return read_csv(path, shown), collection


def import_table(
    path: Path,
    collection: str | None,
    data_dir: Path,
    skip_invalid: bool = False,
    update: bool = False,
    package: Path | None = None,
) -> Outcome:
    sheet, collection = read_sheet(path, collection, package)
    outcome = Outcome(notes=list(sheet.notes))
    if sheet.problems:
        outcome.problems = sheet.problems
        outcome.code = 1
        return outcome
    if collection is None:
        outcome.problems = [
            Problem.in_input(
                str(path), 0, f"Bitte die Sammlung angeben: --collection {{{','.join(COLLECTIONS)}}}."
            )
        ]
        outcome.code = 1
        return outcome
    try:
        catalogue = open_catalogue(data_dir)
    except ImportFailed as exc:
        outcome.problems, outcome.code = exc.problems, 1
        return outcome
    names = FieldNames(collection)
    candidates, early, notes = build_candidates(sheet, names)
    outcome.notes.extend(notes)
    valid, problems = check_batch(candidates, catalogue, data_dir, update=update, skip_invalid=skip_invalid)
    outcome.problems = early + problems
    if not candidates and not outcome.problems:
        outcome.problems = [Problem.in_input(str(path), 0, "Die Tabelle enthält keine Einträge.")]
    if not valid or (outcome.problems and not skip_invalid):
        outcome.code = 1
        return outcome
    outcome.written = write_entries(valid)
    outcome.after = after_import(data_dir)
    return outcome
