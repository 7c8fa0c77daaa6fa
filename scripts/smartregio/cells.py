"""What a single published value may be, so every download format carries it whole and safely.

Shared by the package writer, the Excel writer and the table importer (and meant for the
models' text types), so a value refused in one place is refused in all, with the same German
words. Every limit of a cell or of an imported workbook is a named constant here.

- **CSV:** a cell of the package's CSV files holds at most ``CSV_FIELD_LIMIT`` characters,
  the default field limit of Python's ``csv`` module: any reuser's script reads the files
  without raising ``csv.field_size_limit``. Readers inside smartregio raise the limit anyway,
  so a longer cell (an older or foreign file) is reported, never a crash.
- **Formulas:** a text value must not begin with ``=``, ``+``, ``-``, ``@``, tab or carriage
  return (OWASP, „CSV Injection“): spreadsheet programs read such a cell of a CSV file as a
  formula (``=HYPERLINK(…)``, ``=WEBSERVICE(…)``). Our data never needs such a start, so the
  value is refused, and the CSV files carry every value unaltered (no quote prefixed).
  Numbers are typed, not text: ``-5`` in a number column is no formula.
- **Excel:** a cell holds at most ``XLSX_CELL_LIMIT`` characters. A longer text stands whole,
  in parts, on the sheet ``LONG_TEXT_SHEET``; its own cell holds a marker naming it, which
  the importer resolves (or refuses), so a cut text is never read back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from .text import format_number

CSV_FIELD_LIMIT = 131_072  # Python's csv default (csv.field_size_limit() before anyone raises it)
CSV_READ_LIMIT = 2**31 - 1  # what smartregio's own readers allow, to report long cells instead of crashing

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV Injection

XLSX_CELL_LIMIT = 32_767  # Excel's limit of a cell, counted in UTF-16 code units
LONG_TEXT_SHEET = "Lange Texte"
LONG_TEXT_HEADER = ("Nr.", "Teil", "Teile", "Blatt", "Zeile", "Spalte", "Text")
_LONG_MARKER = "[Langer Text Nr. {number}: {length} Zeichen in {parts} Teilen auf dem Blatt „{sheet}“]"
LONG_MARKER = re.compile(
    r"^\[Langer Text Nr\. (?P<number>\d+): (?P<length>[\d.]+) Zeichen in (?P<parts>\d+) Teilen auf dem "
    r"Blatt „(?P<sheet>[^“”]*)“\]$"
)

# an imported workbook is inspected before openpyxl loads it: a few KB can declare a sheet of
# 17 billion cells or unpack to gigabytes
XLSX_MAX_UNPACKED = 64 * 1024 * 1024  # bytes of all members together, from the zip's directory
XLSX_MAX_RATIO = 200  # unpacked / packed size of one member larger than XLSX_RATIO_FROM
XLSX_RATIO_FROM = 1024 * 1024
XLSX_MAX_MEMBERS = 10_000
XLSX_MAX_ROWS = 100_000
XLSX_MAX_COLUMNS = 1_000
XLSX_MAX_CELLS = 2_000_000  # rows × columns of a sheet, and of its merged ranges together


de_number = format_number  # a count as the messages show limits: 131.072


def allow_long_csv_fields() -> None:
    """Let Python's csv module read cells of any length in this process: a long cell is then
    reported with its row and column (or carried), never a ``_csv.Error`` traceback."""
    if csv.field_size_limit() < CSV_READ_LIMIT:
        csv.field_size_limit(CSV_READ_LIMIT)


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def formula_problem(text: str) -> str | None:
    """The German message for a text value a spreadsheet would read as a formula, else None.

    The hook for the models' text types: every text field (single-line fields, list items and
    the body) should report this message, so ``validate`` refuses what the package refuses."""
    if not starts_like_formula(text):
        return None
    first = {"\t": "einem Tabulator", "\r": "einem Wagenrücklauf"}.get(text[0], f"„{text[0]}“")
    return (
        f"Der Text beginnt mit {first}. Tabellenprogramme lesen so beginnende Zellen einer "
        "CSV-Datei als Formel (CSV-Injection); Texte dürfen deshalb nicht mit =, +, -, @, "
        "Tabulator oder Wagenrücklauf beginnen. Bitte umformulieren, etwa mit einem Wort davor "
        "oder dem Gedankenstrich „–“ statt „-“."
    )


def length_problem(text: str) -> str | None:
    """The German message for a value longer than a CSV cell of the package may be, else None."""
    if len(text) <= CSV_FIELD_LIMIT:
        return None
    return (
        f"Der Wert hat {de_number(len(text))} Zeichen; eine Zelle des Datenpakets darf höchstens "
        f"{de_number(CSV_FIELD_LIMIT)} Zeichen haben (die Grenze, mit der Pythons csv-Modul die "
        "CSV-Dateien ohne Weiteres liest). Bitte kürzen oder aufteilen."
    )


def text_problem(text: str) -> str | None:
    """The first problem of a text value in a published cell: too long, or formula-like."""
    return length_problem(text) or formula_problem(text)


def excel_length(text: str) -> int:
    """Length as Excel counts it: UTF-16 code units (a character beyond U+FFFF counts twice)."""
    if text.isascii():  # most cells: one unit per character, found without a loop
        return len(text)
    # UTF-16 in C: a character beyond U+FFFF becomes a surrogate pair (four bytes)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def too_long_for_excel(text: str) -> bool:
    """Whether the text goes to the long-text sheet: a cell at Excel's limit may be a cut
    text (older downloads cut there), so only shorter ones stay in their cell; a text that
    looks like a marker goes there as well, so a marker in a cell always means one."""
    return excel_length(text) >= XLSX_CELL_LIMIT or LONG_MARKER.match(text) is not None


def excel_parts(text: str, size: int = XLSX_CELL_LIMIT - 1) -> list[str]:
    """The text in pieces of at most ``size`` UTF-16 code units, in order."""
    parts: list[str] = []
    start, units = 0, 0
    for index, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > size:
            parts.append(text[start:index])
            start, units = index, 0
        units += width
    parts.append(text[start:])
    return parts


def long_marker(index: int, text: str, parts: int) -> str:
    """What the cell of a long text shows instead of it."""
    return _LONG_MARKER.format(number=index, length=de_number(len(text)), parts=parts, sheet=LONG_TEXT_SHEET)


class CsvSyntaxError(Exception):
    """A CSV text that cannot be read on: ``line`` is the last line read, the message German."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def csv_records(
    source: str | Iterable[str], delimiter: str = ",", strict: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """Every CSV reader of smartregio: each record with the line it ends on (a quoted cell may
    span lines), cells of any length (a long one is for the caller to report or carry), and a
    broken text raised as :class:`CsvSyntaxError` with its line instead of ``_csv.Error``."""
    allow_long_csv_fields()
    text = io.StringIO(source, newline="") if isinstance(source, str) else source
    reader = csv.reader(text, delimiter=delimiter, strict=strict)
    try:
        for record in reader:
            yield reader.line_num, record
    except csv.Error as exc:
        raise CsvSyntaxError(reader.line_num, f"Die Tabelle ist kein gültiges CSV ({exc}).") from exc
