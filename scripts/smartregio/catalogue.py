"""The in-memory catalogue: every validated entry, the reference data, and where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import BaseModel

from .frontmatter import EntryFile
from .models import MODELS, Entry, PackageMeta
from .reference import ReferenceData
from .types import Reference, Vocabulary

COLLECTIONS: tuple[str, ...] = tuple(MODELS)


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


@dataclass(frozen=True)
class FieldInfo:
    """What the schema generators and the link step need to know about one field."""

    name: str
    is_list: bool
    base: type
    vocabulary: str | None
    reference: str | None
    required: bool


def _walk(annotation: Any) -> tuple[bool, type, list[Any]]:
    """Unwrap Optional, list and Annotated; return (is_list, base type, markers)."""
    markers: list[Any] = []
    is_list = False
    while True:
        metadata = getattr(annotation, "__metadata__", None)
        if metadata is not None:
            markers.extend(metadata)
            annotation = annotation.__origin__
            continue
        args = get_args(annotation)
        origin = getattr(annotation, "__origin__", None)
        if origin is list:
            is_list = True
            annotation = args[0]
            continue
        if args and type(None) in args:
            annotation = next(a for a in args if a is not type(None))
            continue
        return is_list, annotation, markers


def field_infos(model: type[BaseModel]) -> list[FieldInfo]:
    """Fields of ``model`` in declaration order, with their markers resolved."""
    infos = []
    for name, info in model.model_fields.items():
        is_list, base, markers = _walk(info.annotation)
        markers = list(info.metadata) + markers
        vocabulary = next((m.name for m in markers if isinstance(m, Vocabulary)), None)
        reference = next((m.collection for m in markers if isinstance(m, Reference)), None)
        infos.append(FieldInfo(name, is_list, base, vocabulary, reference, info.is_required()))
    return infos
