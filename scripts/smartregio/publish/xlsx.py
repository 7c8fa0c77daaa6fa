"""The Excel workbook: every table of the package on a sheet of its own, made for people.

German sheet names, a contents sheet and a field sheet first; German labels beside vocabulary
codes and names beside keys, so a clerk reads „Kreisfreie Stadt“ and „Ulm“ instead of
``kreisfreie-stadt`` and ``08421000``; frozen header rows and autofilters on every sheet; real
booleans, numbers and dates. No formulas and automatic calculation: LibreOffice reads a
boolean cell as the formula ``=TRUE()`` and, in a workbook saved with manual calculation,
shows it as 0 until someone recalculates.

A text longer than an Excel cell holds (32,767 characters; xlsxwriter would cut it without a
mark) stands whole, in parts, on the sheet „Lange Texte“; its cell names it (``cells.py``).

The table importer reads a downloaded workbook back; the rules it relies on (contents sheet,
suffixes of the added columns, field names in the header comments) are in
``package/workbook.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import xlsxwriter

from ..catalogue import COLLECTIONS
from ..cells import (
    LONG_TEXT_HEADER,
    LONG_TEXT_SHEET,
    XLSX_CELL_LIMIT,
    de_number,
    excel_parts,
    long_marker,
    too_long_for_excel,
)
from ..collections import MODELS
from ..fields import field_infos
from ..limits import FIXED_DATE
from ..models import Place
from ..package.rows import read_descriptor, typed_rows
from ..package.tables import vocabulary_table_name
from ..package.workbook import (
    CONTENTS_HEADER,
    CONTENTS_SHEET,
    FIELDS_SHEET,
    LABEL_SUFFIX,
    NAME_SUFFIX,
    sheet_name,
)

CREATED = datetime.combine(FIXED_DATE, time(0), tzinfo=UTC)  # the same data gives the same file
FIELDS_HEADER = ("Blatt", "Tabelle", "Feld", "Titel", "Typ", "Pflicht", "Beschreibung", "Erlaubte Werte")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict[str, Any]], Any]
    field: str | None = None  # the package field; None for an added label or name column
    delimiter: str = ";"


class Lookups:
    """Labels of vocabulary codes and names of places and entries, read from the package."""

    def __init__(self, package: Path, resources: dict[str, dict[str, Any]]) -> None:
        self.text: dict[str, dict[str, str]] = {}
        for name, resource in resources.items():
            if name.startswith("vocabulary-"):
                self.text[name] = {r["code"]: r["label"] for r in typed_rows(package, resource)}
            elif name == "laender":
                self.text[name] = {r["code"]: r["name"] for r in typed_rows(package, resource)}
            elif name == "places":
                self.text[name] = {r["key"]: r["name"] for r in typed_rows(package, resource)}
            elif name in COLLECTIONS:
                self.text[name] = {
                    r["id"]: r.get("name") or r.get("title") or r["id"] for r in typed_rows(package, resource)
                }

    def get(self, table: str) -> dict[str, str] | None:
        return self.text.get(table)


def _list_vocabularies(resource_name: str) -> dict[str, str]:
    """List fields whose values are vocabulary codes (the package has no foreign key for a
    list), mapped to the vocabulary's table, from the models that wrote the package."""
    model = Place if resource_name == "places" else MODELS.get(resource_name)
    if model is None:  # a link table or a reference table
        return {}
    return {
        i.name: vocabulary_table_name(i.vocabulary) for i in field_infos(model) if i.is_list and i.vocabulary
    }


def columns(resource: dict[str, Any], lookups: Lookups) -> list[Column]:
    """The sheet's columns: every field, each code or key followed by its label or name."""
    schema = resource["schema"]
    targets = {
        fk["fields"][0]: fk["reference"]["resource"]
        for fk in schema.get("foreignKeys", [])
        if len(fk["fields"]) == 1 and fk["reference"]["resource"] != resource["name"]
    }
    lists = _list_vocabularies(resource["name"])
    out = []
    for spec in schema["fields"]:
        name, title = spec["name"], spec.get("title") or spec["name"]
        delimiter = spec.get("delimiter", ";")
        out.append(Column(title, lambda row, n=name: row[n], name, delimiter))
        table = targets.get(name) or lists.get(name)
        texts = lookups.get(table) if table else None
        if texts is None:
            continue
        suffix = LABEL_SUFFIX if table.startswith("vocabulary-") or table == "laender" else NAME_SUFFIX
        out.append(Column(title + suffix, lambda row, n=name, t=texts: _explain(row[n], t)))
    return out


def _explain(value: Any, texts: dict[str, str]) -> str | None:
    if value is None or value == []:
        return None
    codes = value if isinstance(value, list) else [value]
    return "; ".join(texts.get(code, code) for code in codes)


class Formats:
    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#E4ECF4", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.derived = workbook.add_format(
            {"bold": True, "italic": True, "bg_color": "#F1F4F7", "border": 1, "text_wrap": True}
        )
        self.date = workbook.add_format({"num_format": "dd.mm.yyyy"})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})


@dataclass(frozen=True)
class LongText:
    """A text too long for its cell, with where the cell is."""

    sheet: str
    row: int  # as Excel numbers it
    column: str  # the column's header
    text: str


def _write_text(sheet, r: int, c: int, text: str, column: Column, long_texts: list[LongText]) -> None:
    """A text in its cell, or, when it does not fit, a marker there and the text set aside."""
    if too_long_for_excel(text):
        long_texts.append(LongText(sheet.get_name(), r + 1, column.header, text))
        text = long_marker(len(long_texts), text, len(excel_parts(text)))
    sheet.write_string(r, c, text)


def _write_cell(
    sheet, r: int, c: int, value: Any, column: Column, formats: Formats, long_texts: list[LongText]
) -> None:
    if value is None or value == []:
        return
    if isinstance(value, bool):  # before int: a bool is an int
        sheet.write_boolean(r, c, value)
    elif isinstance(value, date):
        sheet.write_datetime(r, c, datetime.combine(value, datetime.min.time()), formats.date)
    elif isinstance(value, list):
        _write_text(sheet, r, c, column.delimiter.join(value), column, long_texts)
    elif isinstance(value, int | float):
        sheet.write_number(r, c, value)
    else:
        _write_text(sheet, r, c, str(value), column, long_texts)


def _long_text_sheet(workbook, long_texts: list[LongText], formats: Formats) -> int:
    """Each long text in parts that fit a cell, one row per part; returns the number of rows."""
    sheet = workbook.add_worksheet(LONG_TEXT_SHEET)
    for c, text in enumerate(LONG_TEXT_HEADER):
        sheet.write_string(0, c, text, formats.header)
    r = 1
    for index, item in enumerate(long_texts, start=1):
        parts = excel_parts(item.text)
        for part_number, part in enumerate(parts, start=1):
            for c, value in enumerate((index, part_number, len(parts))):
                sheet.write_number(r, c, value)
            sheet.write_string(r, 3, item.sheet)
            sheet.write_number(r, 4, item.row)
            sheet.write_string(r, 5, item.column)
            sheet.write_string(r, 6, part, formats.wrap)
            r += 1
    sheet.set_column(0, 2, 8)
    sheet.set_column(3, 5, 22)
    sheet.set_column(6, 6, 100)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, r - 1, len(LONG_TEXT_HEADER) - 1)
    return r - 1


def _table_sheet(
    workbook, title: str, resource: dict, rows: list[dict], lookups: Lookups, formats, long_texts
) -> None:
    sheet = workbook.add_worksheet(title)
    cols = columns(resource, lookups)
    for c, column in enumerate(cols):
        sheet.write_string(0, c, column.header, formats.header if column.field else formats.derived)
        if column.field:  # the field name, which the importer reads back
            sheet.write_comment(0, c, column.field)
        sheet.set_column(c, c, 24 if column.field != "body" else 60)
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(cols):
            _write_cell(sheet, r, c, column.value(row), column, formats, long_texts)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(len(rows), 1), len(cols) - 1)


def write_xlsx(package: Path, target: Path, name: str) -> Path:
    """A contents sheet and a field sheet, then one sheet per table of the package."""
    path = target / f"{name}.xlsx"
    descriptor = read_descriptor(package)
    resources = {r["name"]: r for r in descriptor["resources"]}
    lookups = Lookups(package, resources)
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "strings_to_urls": False,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "constant_memory": True,
        },
    )
    workbook.set_properties({"title": descriptor["title"], "created": CREATED})
    formats = Formats(workbook)
    taken = {CONTENTS_SHEET, FIELDS_SHEET}
    titles: dict[str, str] = {}
    for resource_name, resource in resources.items():
        titles[resource_name] = sheet_name(resource.get("title") or resource_name, taken)
        taken.add(titles[resource_name])
    rows = {resource_name: typed_rows(package, r) for resource_name, r in resources.items()}

    contents = workbook.add_worksheet(CONTENTS_SHEET)
    for c, text in enumerate(CONTENTS_HEADER):
        contents.write_string(0, c, text, formats.header)
    for r, (resource_name, resource) in enumerate(resources.items(), start=1):
        contents.write_url(r, 0, f"internal:'{titles[resource_name]}'!A1", string=titles[resource_name])
        contents.write_string(r, 1, resource_name)
        contents.write_string(r, 2, resource.get("title", ""))
        contents.write_string(r, 3, resource.get("description", ""))
        contents.write_number(r, 4, len(rows[resource_name]))
    contents.set_column(0, 2, 32)
    contents.set_column(3, 3, 70, formats.wrap)
    contents.freeze_panes(1, 0)

    fields_sheet = workbook.add_worksheet(FIELDS_SHEET)
    for c, text in enumerate(FIELDS_HEADER):
        fields_sheet.write_string(0, c, text, formats.header)
    r = 1
    for resource_name, resource in resources.items():
        for spec in resource["schema"]["fields"]:
            constraints = spec.get("constraints", {})
            values = [
                titles[resource_name],
                resource_name,
                spec["name"],
                spec.get("title", ""),
                spec["type"],
                "ja" if constraints.get("required") else "nein",
                spec.get("description", ""),
                ", ".join(str(v) for v in constraints.get("enum", [])),
            ]
            for c, value in enumerate(values):
                fields_sheet.write_string(r, c, value)
            r += 1
    fields_sheet.set_column(0, 3, 22)
    fields_sheet.set_column(6, 7, 60, formats.wrap)
    fields_sheet.freeze_panes(1, 0)
    fields_sheet.autofilter(0, 0, max(r - 1, 1), len(FIELDS_HEADER) - 1)

    long_texts: list[LongText] = []
    for resource_name, resource in resources.items():
        _table_sheet(
            workbook, titles[resource_name], resource, rows[resource_name], lookups, formats, long_texts
        )
    listed = len(resources)
    if long_texts:  # listed on the contents sheet without a table: it belongs to no resource
        listed += 1
        contents.write_url(listed, 0, f"internal:'{LONG_TEXT_SHEET}'!A1", string=LONG_TEXT_SHEET)
        contents.write_string(listed, 2, LONG_TEXT_SHEET)
        contents.write_string(
            listed,
            3,
            f"Texte, die länger sind, als eine Excel-Zelle fasst ({de_number(XLSX_CELL_LIMIT)} Zeichen), "
            "vollständig in Teilen; ihre Zelle nennt die Nr.",
        )
        contents.write_number(listed, 4, _long_text_sheet(workbook, long_texts, formats))
    contents.autofilter(0, 0, listed, len(CONTENTS_HEADER) - 1)
    workbook.close()
    return path
