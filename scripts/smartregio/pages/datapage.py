"""The data page's view: downloads with size and checksum, field dictionaries from the Table
Schemas, previews of the first rows, licence, citation and versions; and the index pages of
the file folders ``/daten/latest/`` and ``/daten/<version>/``."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..boundaries import outline_files
from ..package.rows import read_descriptor, typed_rows
from ..package.store import Download, StoredRelease
from ..settings import is_placeholder
from ..text import format_date, format_number, plural

PREVIEW_ROWS = 5
TYPES = {  # Table Schema types as a reader says them
    "string": "Text",
    "integer": "Ganzzahl",
    "number": "Zahl",
    "boolean": "Ja/Nein",
    "date": "Datum",
    "list": "Liste",
}


@dataclass
class Publication:
    """What the build publishes besides pages: passed to the generator for the data page."""

    version: str
    package: Path  # folder with datapackage.json and the CSVs of the current data
    downloads: list[Download]
    releases: list[StoredRelease] = field(default_factory=list)
    changelog: str | None = None

    @property
    def released(self) -> bool:
        return self.published_as is not None

    @property
    def published_as(self) -> StoredRelease | None:
        """The stored release whose files are exactly the current downloads, if there is one:
        only then is ``/daten/latest/`` the same as ``/daten/<version>/``. The descriptor is
        left out: the current one also lists the downloads (the ZIP holds it as released)."""
        current = {d.name: d.sha256 for d in self.downloads if d.name != "datapackage.json"}
        for release in self.releases:
            stored = {name: f["sha256"] for name, f in release.files.items() if name != "datapackage.json"}
            if release.version == self.version and stored == current:
                return release
        return None

    @property
    def newest(self) -> StoredRelease | None:
        return self.releases[-1] if self.releases else None

    def titled(self, downloads: list[Download]) -> list[Download]:
        """A stored version's files with today's titles where a file of that name still exists:
        the bytes of a version never change, its description for people may improve
        („Loesungen als JSON“ in 1.0.0's manifest reads „Lösungen als JSON“)."""
        titles = {d.name: d.title for d in self.downloads}
        return [replace(d, title=titles.get(d.name, d.title)) for d in downloads]


def size(n: int) -> str:
    for unit, factor in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= factor:
            return f"{n / factor:.1f} {unit}".replace(".", ",")
    return plural(n, "Byte", "Bytes")


def _rules(spec: dict[str, Any]) -> str:
    c = spec.get("constraints", {})
    parts = []
    if c.get("required"):
        parts.append("Pflicht")
    if "enum" in c:
        parts.append("Werte: " + ", ".join(map(str, c["enum"])))
    if "pattern" in c:
        parts.append(f"Muster: {c['pattern']}")
    for key, label in (("minimum", "mindestens"), ("maximum", "höchstens"), ("maxLength", "max. Zeichen")):
        if key in c:
            parts.append(f"{label} {c[key]}")
    if spec.get("type") == "list":
        parts.append(f"Liste, getrennt durch „{spec['delimiter']}“")
    return "; ".join(parts)


def cell(value: Any) -> str:
    """A typed value as a German reader writes it: „Ja“, „64.000.000“, „48,1372“, „15.01.2025“;
    numbers below 10.000 (years, positions) without a separator, as German allows."""
    if value is None or value == []:
        return ""
    if isinstance(value, bool):
        text = "Ja" if value else "Nein"
    elif isinstance(value, int) and abs(value) < 10_000:
        text = str(value)
    elif isinstance(value, int | float):
        text = format_number(value)
    elif isinstance(value, date):
        text = format_date(value)
    elif isinstance(value, list):
        text = "; ".join(map(str, value))
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def citation(publication: Publication, meta) -> dict[str, Any]:
    """The citation of what is actually published: the version identical with the current
    files, else the newest stored version, else the current state without a version."""
    author, licence = meta.contributors[0].title, meta.licenses[0].name
    home = meta.homepage.rstrip("/")
    provisional = is_placeholder(meta.homepage)  # the page says so below the citation
    release = publication.published_as or publication.newest
    if release is None:
        return {
            "text": f"{author}: {meta.title}. Aktueller Stand ohne Versionsnummer. {home}/daten/latest/ "
            f"(Lizenz: {licence}), abgerufen am TT.MM.JJJJ.",
            "release": None,
            "current": False,
            "provisional": provisional,
        }
    return {
        "text": f"{author} ({release.date.year}): {meta.title}. Version {release.version} vom "
        f"{format_date(release.date)}. {home}/daten/{release.version}/ (Lizenz: {licence}).",
        "release": release,
        "current": publication.published_as is not None,
        "provisional": provisional,
    }


def _tables(package: Path) -> list[dict[str, Any]]:
    tables = []
    for resource in read_descriptor(package)["resources"]:
        rows = typed_rows(package, resource)
        specs = resource["schema"]["fields"]
        tables.append(
            {
                "name": resource["name"],
                "title": resource.get("title", resource["name"]),
                "description": resource.get("description", ""),
                "path": resource["path"],
                "rows": plural(len(rows), "Zeile", "Zeilen"),
                "fields": [
                    {
                        "name": f["name"],
                        "title": f.get("title", ""),
                        "type": TYPES.get(f["type"], f["type"]),
                        "description": f.get("description", ""),
                        "rules": _rules(f),
                    }
                    for f in specs
                ],
                "preview_fields": [f.get("title") or f["name"] for f in specs],
                "preview": [[cell(row[f["name"]]) for f in specs] for row in rows[:PREVIEW_ROWS]],
            }
        )
    return tables


def context(publication: Publication, catalogue_meta, reference) -> dict[str, Any]:
    return {
        "outlines": outline_files(reference.outlines),
        "places_source": reference.places_source,
        "places_stand": (
            date.fromisoformat(reference.places_source.gebietsstand) if reference.places_source else None
        ),
        "version": publication.version,
        "released": publication.released,
        "newest": publication.newest,
        "downloads": publication.downloads,
        "releases": list(reversed(publication.releases)),
        "licence": catalogue_meta.licenses[0],
        "citation": citation(publication, catalogue_meta),
        "tables": _tables(publication.package),
        "size": size,
        "format_date": format_date,
    }


def folder_context(downloads: list[Download], version: str | None, day: date | None) -> dict[str, Any]:
    """An index of one file folder: ``version`` None for ``/daten/latest/``."""
    return {"downloads": downloads, "version": version, "day": day, "size": size, "format_date": format_date}
