"""What the later stages need to know about a model's fields: lists, vocabularies, references.

Read from the type annotations and their markers (``types.Vocabulary``, ``types.Reference``),
so each rule is written once, on the model.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel

from .types import Reference, Unit, Vocabulary


@dataclass(frozen=True)
class FieldInfo:
    """What the schema generators and the link step need to know about one field."""

    name: str
    is_list: bool
    base: type
    vocabulary: str | None
    reference: str | None
    required: bool
    # a list of sub-records (e.g. a project's measures): its model, published as a child table
    nested: type[BaseModel] | None = None
    # a reference's lists of related entries: on the naming entry's page, on the named one's
    section: str | None = None
    backlink: str | None = None
    unit: str | None = None  # of a number, e.g. EUR
    weaker: bool = False  # a reference whose claim a stronger one of the same entries replaces


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
    return list(_field_infos(model))


@functools.cache  # a model's fields never change; the link check asks for each record
def _field_infos(model: type[BaseModel]) -> tuple[FieldInfo, ...]:
    infos = []
    for name, info in model.model_fields.items():
        is_list, base, markers = _walk(info.annotation)
        markers = list(info.metadata) + markers
        vocabulary = next((m.name for m in markers if isinstance(m, Vocabulary)), None)
        marker = next((m for m in markers if isinstance(m, Reference)), None)
        unit = next((m.code for m in markers if isinstance(m, Unit)), None)
        reference = marker.collection if marker else None
        nested = base if isinstance(base, type) and issubclass(base, BaseModel) else None
        infos.append(
            FieldInfo(
                name,
                is_list,
                base,
                vocabulary,
                reference,
                info.is_required(),
                nested,
                marker.section if marker else None,
                marker.backlink if marker else None,
                unit,
                bool(marker and marker.weaker),
            )
        )
    return tuple(infos)
