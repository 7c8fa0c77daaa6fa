"""The data page's view: downloads with size and checksum, field dictionaries from the Table
Schemas, previews of the first rows, licence, citation and versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..package.rows import read_descriptor, typed_rows
from ..package.store import Download, StoredRelease

PREVIEW_ROWS = 5


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
        return any(r.version == self.version for r in self.releases)


def size(n: int) -> str:
    for unit, factor in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= factor:
            return f"{n / factor:.1f} {unit}".replace(".", ",")
    return f"{n} Bytes"


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


def _cell(value: Any) -> str:
    if value is None or value == []:
        return ""
    text = ";".join(value) if isinstance(value, list) else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def context(publication: Publication, catalogue_meta) -> dict[str, Any]:
    descriptor = read_descriptor(publication.package)
    tables = []
    for resource in descriptor["resources"]:
        rows = typed_rows(publication.package, resource)
        names = [f["name"] for f in resource["schema"]["fields"]]
        tables.append(
            {
                "name": resource["name"],
                "title": resource.get("title", resource["name"]),
                "description": resource.get("description", ""),
                "path": resource["path"],
                "rows": len(rows),
                "fields": [
                    {
                        "name": f["name"],
                        "title": f.get("title", ""),
                        "type": f["type"],
                        "description": f.get("description", ""),
                        "rules": _rules(f),
                    }
                    for f in resource["schema"]["fields"]
                ],
                "preview_fields": names,
                "preview": [[_cell(row[n]) for n in names] for row in rows[:PREVIEW_ROWS]],
            }
        )
    licence = catalogue_meta.licenses[0]
    homepage = catalogue_meta.homepage.rstrip("/")
    citation = (
        f"{catalogue_meta.contributors[0].title}: {catalogue_meta.title}. Version "
        f"{publication.version}. {homepage}/daten/{publication.version}/ "
        f"(Lizenz: {licence.name})."
    )
    return {
        "version": publication.version,
        "released": publication.released,
        "downloads": publication.downloads,
        "releases": list(reversed(publication.releases)),
        "licence": licence,
        "attribution": catalogue_meta.attribution,
        "citation": citation,
        "tables": tables,
        "size": size,
    }
