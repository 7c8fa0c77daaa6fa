"""The in-memory catalogue: every validated entry, the reference data, and where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .collections import MODELS
from .frontmatter import EntryFile
from .models import CollectionTexts, Entry, PackageMeta
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

    def texts(self, collection: str) -> CollectionTexts:
        """A collection's editorial texts from ``datapackage.yaml`` (validate insists on them;
        a catalogue read without them, e.g. a stored release's, falls back to its title)."""
        texts = self.meta.collections.get(collection) if self.meta else None
        if texts is None:
            title = MODELS[collection].label_plural
            return CollectionTexts(intro=title, description=title)
        return texts

    def count(self) -> int:
        return sum(len(items) for items in self.entries.values())

    def summary(self) -> str:
        parts = [f"{len(self.entries[c])} {MODELS[c].label_plural}" for c in COLLECTIONS]
        parts.append(f"{len(self.reference.places)} Orte")
        return ", ".join(parts)
