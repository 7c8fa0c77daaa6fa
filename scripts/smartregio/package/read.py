"""Read a published package back into a catalogue: proves the package loses nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..catalogue import COLLECTIONS, Catalogue
from ..collections import MODELS
from ..fields import field_infos
from ..models import Place
from ..reference import ReferenceData, Term
from .rows import typed_rows
from .tables import link_table_name, singular


def _rows(folder: Path, resource: dict[str, Any]) -> list[dict[str, Any]]:
    """Typed rows; an empty cell is left out so the model's default applies."""
    return [
        {k: v for k, v in row.items() if v is not None and v != []} for row in typed_rows(folder, resource)
    ]


def as_published(model: type[BaseModel], row: dict[str, Any], context: dict[str, Any]) -> BaseModel:
    """A row as today's model, or, where today's rules reject it, as it was published.

    A published version never changes; after a MAJOR change (a field removed, renamed or
    stricter) its rows may no longer validate. They are then built without validation:
    fields today's model lacks are left out, fields it added take their defaults."""
    try:
        return model.model_validate(row, context=context)
    except ValidationError:
        known = {k: v for k, v in row.items() if k in model.model_fields}
        for info in field_infos(model):
            if info.nested and isinstance(known.get(info.name), list):
                known[info.name] = [
                    as_published(info.nested, r, context) if isinstance(r, dict) else r
                    for r in known[info.name]
                ]
        return model.model_construct(**known)


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
        place = as_published(Place, row, context)
        reference.places[place.key] = place

    catalogue = Catalogue(reference=reference)
    for collection in COLLECTIONS:
        model = MODELS[collection]
        if collection not in resources:  # a collection added after this version was published
            continue
        rows = {row["id"]: row for row in _rows(folder, resources[collection])}
        owner = singular(collection)
        for name in model.model_fields:
            link = resources.get(link_table_name(collection, name))
            if link is None:
                continue
            target = next(f["name"] for f in link["schema"]["fields"][1:2])
            for row in sorted(_rows(folder, link), key=lambda r: r["position"]):
                if target == "position":  # a table of sub-records: the rest of the row is one
                    record = {k: v for k, v in row.items() if k not in (owner, "position")}
                    rows[row[owner]].setdefault(name, []).append(record)
                else:
                    rows[row[owner]].setdefault(name, []).append(row[target])
        for entry_id, row in rows.items():
            catalogue.entries[collection][entry_id] = as_published(model, row, context)
    return catalogue
