"""The collections, each one module of this package that defines ``COLLECTION``.

Every command reads them from here: a new module in this folder (model, address, facets, card
facts, hints) is a new collection for ``validate``, ``new``, ``schema``, the importers and the
build alike. The table is built once from the modules' own definitions and cannot be changed
afterwards: nothing registers itself as a side effect of an import.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import MappingProxyType

from ..models import Entry
from ..registry import Collection


def _discover() -> dict[str, Collection]:
    found: list[Collection] = []
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("_"):
            continue
        collection = getattr(importlib.import_module(f"{__name__}.{module.name}"), "COLLECTION", None)
        if not isinstance(collection, Collection):
            raise TypeError(f"{__name__}.{module.name} defines no COLLECTION")
        if collection.model.collection != collection.name:
            raise TypeError(f"{collection.name}: the model says it belongs to {collection.model.collection}")
        found.append(collection)
    names = [c.name for c in found]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise TypeError(f"collections defined twice: {sorted(duplicates)}")
    return {c.name: c for c in sorted(found, key=lambda c: (c.order, c.name))}


#: name → collection, in menu order; read-only
REGISTRY: MappingProxyType[str, Collection] = MappingProxyType(_discover())
#: name → model, in the same order; read-only
MODELS: MappingProxyType[str, type[Entry]] = MappingProxyType({n: c.model for n, c in REGISTRY.items()})
