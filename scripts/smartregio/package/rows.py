"""Typed rows of a written package, read back through its own Table Schemas.

Used to read a package back (the round trip) and to derive every other download format."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from ..cells import csv_records
from .store import PLAIN_NAME

_PARSE = {
    "integer": int,
    "number": float,
    "boolean": lambda text: text == "true",
    "date": date.fromisoformat,
}


def read_descriptor(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def resource_file(folder: Path, resource: dict[str, Any]) -> Path:
    """A resource's file: a plain name inside the package folder, never a path out of it."""
    name = resource.get("path")
    if not isinstance(name, str) or not PLAIN_NAME.fullmatch(name):
        raise ValueError(f"Die Ressource „{resource.get('name')}“ nennt keinen einfachen Dateinamen.")
    return folder / name


def typed_rows(folder: Path, resource: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows as Python values; empty cells become None, list cells lists.

    Cells of any length are read: the build reads the package in processes that have not
    imported frictionless (which raises the csv module's limit as a side effect), and a
    stored release is read as it was published."""
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    out = []
    with resource_file(folder, resource).open(encoding="utf-8", newline="") as handle:
        records = (record for _, record in csv_records(handle) if record)
        header = next(records, [])
        for record in records:
            row: dict[str, Any] = {}
            for name, text in zip(header, record, strict=True):
                spec = fields[name]
                if text == "":
                    row[name] = [] if spec["type"] == "list" else None
                elif spec["type"] == "list":
                    row[name] = text.split(spec["delimiter"])
                else:
                    row[name] = _PARSE.get(spec["type"], str)(text)
            out.append(row)
    return out
