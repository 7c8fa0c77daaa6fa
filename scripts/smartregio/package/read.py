"""Read a published package back into a catalogue: proves the package loses nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..catalogue import COLLECTIONS, Catalogue
from ..models import MODELS, Place
from ..reference import ReferenceData, Term
from .rows import typed_rows
from .tables import SINGULAR, link_table_name


def _rows(folder: Path, resource: dict[str, Any]) -> list[dict[str, Any]]:
    """Typed rows; an empty cell is left out so the model's default applies."""
    return [
        {k: v for k, v in row.items() if v is not None and v != []} for row in typed_rows(folder, resource)
    ]


def read_package(descriptor_path: Path) -> Catalogue:
    folder = descriptor_path.parent
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    reference = ReferenceData()
    for name, resource in resources.items():
        if name.startswith("vocabulary-"):
            vocabulary = name.removeprefix("vocabulary-").replace("-", "_")
            reference.vocabularies[vocabulary] = {
                row["code"]: Term(row["code"], row["label"], row.get("description", ""))
                for row in _rows(folder, resource)
            }
    laender = _rows(folder, resources["laender"])
    reference.vocabularies["land"] = {r["code"]: Term(r["code"], r["name"]) for r in laender}
    reference.land_keys = {r["code"]: r["key"] for r in laender}
    context = {"reference": reference}
    for row in _rows(folder, resources["places"]):
        place = Place.model_validate(row, context=context)
        reference.places[place.key] = place

    catalogue = Catalogue(reference=reference)
    for collection in COLLECTIONS:
        model = MODELS[collection]
        rows = {row["id"]: row for row in _rows(folder, resources[collection])}
        owner = SINGULAR[collection]
        for name in model.model_fields:
            link = resources.get(link_table_name(collection, name))
            if link is None:
                continue
            target = next(f["name"] for f in link["schema"]["fields"][1:2])
            for row in sorted(_rows(folder, link), key=lambda r: r["position"]):
                rows[row[owner]].setdefault(name, []).append(row[target])
        for entry_id, row in rows.items():
            catalogue.entries[collection][entry_id] = model.model_validate(row, context=context)
    return catalogue
