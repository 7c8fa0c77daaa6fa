"""Every download format, written from the validated package so all formats agree.

- ZIP: the Frictionless package as it is (datapackage.json + CSVs)
- XLSX: one sheet per resource with labels and names beside codes and keys (``xlsx.py``)
- JSON: one file per collection and one for the whole catalogue
- GeoJSON: every place with coordinates, with what happens there
- SQLite: the package's tables with primary and foreign keys, and a readable view per collection
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..addresses import SECTION_TITLES, SECTIONS
from ..catalogue import COLLECTIONS
from ..collections import REGISTRY
from ..extensions import FORMATS_GROUP, load_all
from ..limits import FIXED_DATE
from ..package.rows import read_descriptor, typed_rows
from ..package.store import Download
from ..registry import ROLES
from .xlsx import write_xlsx

ZIP_DATE = (*FIXED_DATE.timetuple()[:3], 0, 0, 0)  # the same data gives the same archive

MEDIA = {
    "zip": ("ZIP", "application/zip"),
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
    "geojson": ("GeoJSON", "application/geo+json"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "sqlite": ("SQLite", "application/vnd.sqlite3"),
}


def describe(path: Path, title: str) -> Download:
    data = path.read_bytes()
    extension = path.name.rsplit(".", 1)[1]
    fmt, media = MEDIA[extension]
    return Download(path.name, title, fmt, media, len(data), hashlib.sha256(data).hexdigest())


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _resources(package: Path) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in read_descriptor(package)["resources"]}


def write_zip(package: Path, target: Path, name: str) -> Path:
    path = target / f"{name}.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for file in sorted(package.iterdir()):
            info = zipfile.ZipInfo(f"{name}/{file.name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.read_bytes())
    return path


def collection_documents(package: Path) -> dict[str, list[dict[str, Any]]]:
    """Each collection's entries with their multi-valued references folded back in."""
    resources = _resources(package)
    out = {}
    for collection in COLLECTIONS:
        rows = {row["id"]: row for row in typed_rows(package, resources[collection])}
        prefix = f"{collection}-"
        for name, resource in resources.items():
            if not name.startswith(prefix):
                continue
            field = name[len(prefix) :].replace("-", "_")
            owner, target = (f["name"] for f in resource["schema"]["fields"][:2])
            for row in rows.values():
                row.setdefault(field, [])
            for link in sorted(typed_rows(package, resource), key=lambda r: r["position"]):
                rows[link[owner]][field].append(link[target])
        out[collection] = [
            {k: _jsonable(v) for k, v in row.items()} for row in sorted(rows.values(), key=lambda r: r["id"])
        ]
    return out


def write_json(package: Path, target: Path, name: str) -> list[Path]:
    documents = collection_documents(package)
    descriptor = read_descriptor(package)
    paths = []
    for collection, items in documents.items():
        path = target / f"{SECTIONS[collection]}.json"
        path.write_text(json.dumps(items, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        paths.append(path)
    places = [
        {k: _jsonable(v) for k, v in row.items()}
        for row in typed_rows(package, _resources(package)["places"])
    ]
    whole = {
        "name": descriptor["name"],
        "version": descriptor["version"],
        "title": descriptor["title"],
        "licenses": descriptor["licenses"],
        **{SECTIONS[c]: items for c, items in documents.items()},
        "kommunen": places,
    }
    path = target / f"{name}.json"
    path.write_text(json.dumps(whole, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return [*paths, path]


def write_geojson(package: Path, target: Path, name: str) -> Path:
    documents = collection_documents(package)
    resources = _resources(package)
    places = typed_rows(package, resources["places"])
    # property → place key → ids: per role of a place (lead, partner, origin, use), as the
    # collections declare them, in that order
    lists: dict[str, dict[str, list[str]]] = {}
    for role in ROLES:
        for collection, spec in REGISTRY.items():
            for place_role in (r for r in spec.place_roles if r.role == role):
                found = lists.setdefault(place_role.geojson, {})
                for row in documents[collection]:
                    value = row.get(place_role.field)
                    for key in value if isinstance(value, list) else [value] if value else []:
                        found.setdefault(key, []).append(row["id"])
    features = []
    named = {key for found in lists.values() for key in found}  # the places with entries, not every Gemeinde
    for place in sorted(places, key=lambda p: p["key"]):
        key = place["key"]
        if key not in named:
            continue
        features.append(
            {
                "type": "Feature",
                "id": key,
                "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                "properties": {
                    "key": key,
                    "name": place["name"],
                    "kind": place["kind"],
                    "land": place["land"],
                    **{name: found.get(key, []) for name, found in lists.items()},
                },
            }
        )
    path = target / f"{name}.geojson"
    path.write_text(
        json.dumps(
            {"type": "FeatureCollection", "attribution": _attribution(package), "features": features},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def _attribution(package: Path) -> str | None:
    """The attribution the official boundaries require (Datenlizenz Deutschland), as the package
    names it among its sources."""
    for source in read_descriptor(package).get("sources", []):
        if "bkg.bund.de" in source.get("path", ""):
            return f"{source['title']} ({source['path']})"
    return None


SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}


def write_sqlite(package: Path, target: Path, name: str) -> Path:
    """The package's tables with keys; a view per collection adds labels and folded lists."""
    path = target / f"{name}.sqlite"
    if path.exists():
        path.unlink()
    resources = _resources(package)
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        order = _dependency_order(resources)
        for resource_name in order:
            resource = resources[resource_name]
            schema = resource["schema"]
            columns = [
                f'"{f["name"]}" {SQL_TYPES.get(f["type"], "TEXT")}'
                + (" NOT NULL" if f.get("constraints", {}).get("required") else "")
                for f in schema["fields"]
            ]
            columns.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in schema["primaryKey"]) + ")")
            for fk in schema.get("foreignKeys", []):
                columns.append(
                    f'FOREIGN KEY ("{fk["fields"][0]}") REFERENCES "{fk["reference"]["resource"]}" '
                    f'("{fk["reference"]["fields"][0]}")'
                )
            db.execute(f'CREATE TABLE "{resource_name}" ({", ".join(columns)})')
            names = [f["name"] for f in schema["fields"]]
            rows = []
            for row in typed_rows(package, resource):
                values = []
                for field in schema["fields"]:
                    value = row[field["name"]]
                    if isinstance(value, list):
                        value = field.get("delimiter", ";").join(value) if value else None
                    elif isinstance(value, date):
                        value = value.isoformat()
                    elif isinstance(value, bool):
                        value = int(value)
                    values.append(value)
                rows.append(values)
            placeholders = ", ".join("?" for _ in names)
            db.executemany(f'INSERT INTO "{resource_name}" VALUES ({placeholders})', rows)
        for collection in COLLECTIONS:
            db.execute(_view_sql(collection, resources))
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    return path


def _dependency_order(resources: dict[str, dict[str, Any]]) -> list[str]:
    done: list[str] = []

    def visit(name: str, stack: tuple[str, ...] = ()) -> None:
        if name in done or name in stack:
            return
        for fk in resources[name]["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"]
            if target != name:
                visit(target, (*stack, name))
        done.append(name)

    for name in sorted(resources):
        visit(name)
    return done


def _view_sql(collection: str, resources: dict[str, dict[str, Any]]) -> str:
    """``v_<collection>``: every column, vocabulary labels beside codes, link tables folded."""
    table = resources[collection]
    selects = ["t.*"]
    joins = []
    for index, fk in enumerate(table["schema"].get("foreignKeys", [])):
        target = fk["reference"]["resource"]
        column = fk["fields"][0]
        if target.startswith("vocabulary-") or target == "laender":
            label = "label" if target != "laender" else "name"
            alias = f"l{index}"
            joins.append(
                f'LEFT JOIN "{target}" {alias} ON {alias}."{fk["reference"]["fields"][0]}" = t."{column}"'
            )
            selects.append(f'{alias}."{label}" AS "{column}_label"')
    prefix = f"{collection}-"
    for name, resource in sorted(resources.items()):
        if name.startswith(prefix):
            owner, target = (f["name"] for f in resource["schema"]["fields"][:2])
            field = name[len(prefix) :].replace("-", "_")
            selects.append(
                f'(SELECT group_concat("{target}", \';\') FROM (SELECT "{target}" FROM "{name}" x '
                f'WHERE x."{owner}" = t.id ORDER BY x.position)) AS "{field}"'
            )
    view = "v_" + collection.replace("-", "_")
    return f'CREATE VIEW "{view}" AS SELECT {", ".join(selects)} FROM "{collection}" t {" ".join(joins)}'


@dataclass(frozen=True)
class BuiltinFormat:
    """A download format of this package (``extensions.DownloadFormat``), registered as an entry
    point of ``smartregio.formats`` in pyproject.toml like another package's would be."""

    name: str
    title: str
    order: int  # place in the list of downloads
    label: str  # the format as the data page and DCAT name it: „XLSX“
    mediatype: str
    file_type: str  # the EU file-type vocabulary's code, for DCAT
    writer: Callable[[Path, Path, str], Path]

    def write(self, package: Path, target: Path, name: str) -> list[tuple[Path, str]]:
        return [(self.writer(package, target, name), self.title)]


@dataclass(frozen=True)
class JsonFormat:
    """The catalogue as JSON: one file for the whole, one per collection (titled by it)."""

    name: str = "json"
    title: str = "Ganzer Katalog als JSON"
    order: int = 50
    label: str = "JSON"
    mediatype: str = "application/json"
    file_type: str = "JSON"

    def write(self, package: Path, target: Path, name: str) -> list[tuple[Path, str]]:
        titles = {SECTIONS[c]: SECTION_TITLES[c] for c in COLLECTIONS}  # „Lösungen“, not „Loesungen“
        return [
            (path, self.title if path.stem == name else f"{titles[path.stem]} als JSON")
            for path in write_json(package, target, name)
        ]


ZIP = BuiltinFormat("zip", "Datenpaket (Frictionless, ZIP)", 10, "ZIP", "application/zip", "ZIP", write_zip)
XLSX = BuiltinFormat(
    "xlsx", "Alle Tabellen als Excel-Arbeitsmappe", 20, "XLSX", MEDIA["xlsx"][1], "XLSX", write_xlsx
)
SQLITE = BuiltinFormat(
    "sqlite",
    "SQLite-Datenbank mit Schlüsseln und Sichten",
    30,
    "SQLite",
    "application/vnd.sqlite3",
    "SQLITE",
    write_sqlite,
)
GEOJSON = BuiltinFormat(
    "geojson", "Orte als GeoJSON", 40, "GeoJSON", "application/geo+json", "GEOJSON", write_geojson
)
JSON = JsonFormat()


def write_downloads(package: Path, target: Path, name: str) -> list[Download]:
    """Every registered format of ``package`` into ``target`` (a version folder), in their order;
    returns the files' descriptions."""
    target.mkdir(parents=True, exist_ok=True)
    downloads = []
    for fmt in sorted(load_all(FORMATS_GROUP), key=lambda f: (f.order, f.name)):
        for path, title in fmt.write(package, target, name):
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            downloads.append(Download(path.name, title, fmt.label, fmt.mediatype, len(data), digest))
    return downloads
