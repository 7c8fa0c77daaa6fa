"""Write the package atomically and let frictionless check it before it is published."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue
from ..problems import Problems
from .tables import PROFILE, Table, build_tables

DESCRIPTOR = "datapackage.json"


class PackageError(Exception):
    """The compiled package failed frictionless validation: a bug, never the contributor's."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems.as_text())
        self.problems = problems


def _write_csv(table: Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([c.name for c in table.columns])
        writer.writerows(table.rows)


def _file_facts(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


def descriptor(catalogue: Catalogue, tables: list[Table], folder: Path) -> dict[str, Any]:
    meta = catalogue.meta
    assert meta is not None, "load_catalogue reports a missing datapackage.yaml"
    resources = []
    for table in tables:
        size, digest = _file_facts(folder / table.path)
        schema: dict[str, Any] = {
            "fields": [c.schema for c in table.columns],
            "primaryKey": table.primary_key,
        }
        if table.foreign_keys:
            schema["foreignKeys"] = table.foreign_keys
        resources.append(
            {
                "name": table.name,
                "type": "table",
                "path": table.path,
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": table.title,
                "description": table.description,
                "bytes": size,
                "hash": f"sha256:{digest}",
                "schema": schema,
            }
        )
    out: dict[str, Any] = {
        "$schema": PROFILE,
        "name": meta.name,
        "title": meta.title,
        "description": meta.description,
        "version": meta.version,
        "homepage": meta.homepage,
        "keywords": list(meta.keywords),
        "licenses": [lic.model_dump(exclude_none=True) for lic in meta.licenses],
        "contributors": [c.model_dump(exclude_none=True) for c in meta.contributors],
        "sources": [s.model_dump() for s in meta.sources],
        "resources": resources,
    }
    return out


def check_package(path: Path) -> Problems:
    """Validate a written package with frictionless, as a reuser's tools would."""
    from frictionless import validate

    problems = Problems()
    report = validate(str(path))
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", 0) or 0
            field = getattr(error, "field_name", "") or ""
            problems.add(f"{task.name}.csv", row, field, f"{error.type}: {error.message}")
    for error in report.errors:
        problems.add(path.name, 0, "", f"{error.type}: {error.message}")
    return problems


def write_package(catalogue: Catalogue, data_dir: Path, out: Path) -> Path:
    """Write into a temporary folder, validate, then swap it in; the old package survives failure."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        tables = build_tables(catalogue)
        for table in tables:
            _write_csv(table, staging / table.path)
        text = json.dumps(descriptor(catalogue, tables, staging), ensure_ascii=False, indent=2)
        (staging / DESCRIPTOR).write_text(text + "\n", encoding="utf-8")
        problems = check_package(staging / DESCRIPTOR)
        if problems:
            raise PackageError(problems)
        replace_dir(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out / DESCRIPTOR


def replace_dir(new: Path, target: Path) -> None:
    """Swap ``new`` into ``target`` with renames, so readers never see a half-written folder."""
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        new.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(target)
