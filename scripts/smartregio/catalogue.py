"""The in-memory catalogue: every validated entry, the reference data, and where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .collections import MODELS
from .frontmatter import EntryFile
from .models import Entry, PackageMeta
from .reference import ReferenceData

# a live view: a collection registered later (registry.register) is included everywhere
COLLECTIONS = MODELS.keys()


@dataclass
class Catalogue:
    reference: ReferenceData
    meta: PackageMeta | None = None
    entries: dict[str, dict[str, Entry]] = field(default_factory=lambda: {name: {} for name in COLLECTIONS})
    files: dict[tuple[str, str], EntryFile] = field(default_factory=dict)
    # entries whose file exists but did not validate: references to them are not "unknown"
    invalid: set[tuple[str, str]] = field(default_factory=set)
    # raw fields of entries that parsed but did not validate, for the link check
    unvalidated: dict[tuple[str, str], tuple[dict[str, Any], EntryFile]] = field(default_factory=dict)

    def count(self) -> int:
        return sum(len(items) for items in self.entries.values())

    def summary(self) -> str:
        parts = [f"{len(self.entries[c])} {MODELS[c].label_plural}" for c in COLLECTIONS]
        parts.append(f"{len(self.reference.places)} Orte")
        return ", ".join(parts)
