"""JSON Schema per collection, for editors: completion, help texts and checks while typing.

Generated from the entry models (pydantic's JSON Schema) plus what only the data knows:
the allowed codes of each vocabulary. Committed as ``data/.schema/<collection>.json`` (the
scaffold's first line points editors there) and published with the site at
``/schema/<collection>.json``. The validator stays the authority; the schema is a help.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .atomic import write_texts
from .catalogue import COLLECTIONS
from .collections import MODELS, REGISTRY
from .fields import field_infos
from .frontmatter import FrontMatterError, read_yaml
from .models import Entry
from .problems import Problems
from .reference import ReferenceData, display_path, load_reference
from .settings import DEFAULT_SITE_URL

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = ".schema"


def schema_url(homepage: str | None, collection: str) -> str:
    return f"{(homepage or DEFAULT_SITE_URL).rstrip('/')}/schema/{collection}.json"


def _string_node(prop: dict[str, Any], is_list: bool) -> dict[str, Any]:
    """The part of a property's schema that describes one string value."""
    if is_list:
        return prop["items"]
    for branch in prop.get("anyOf", []):
        if branch.get("type") != "null":
            return branch
    return prop


def collection_schema(model: type[Entry], reference: ReferenceData, homepage: str | None = None) -> dict:
    """The JSON Schema of the YAML front matter of one collection's entries."""
    generated = model.model_json_schema()
    properties: dict[str, Any] = generated["properties"]
    properties.pop("body", None)
    for info in field_infos(model):
        if info.name == "body":
            continue
        prop = properties[info.name]
        prop["description"] = f"{'Pflichtfeld' if info.required else 'Optional'}. {prop['description']}"
        if info.nested:  # inline the sub-record's schema: editors show its fields in place
            prop["items"] = generated["$defs"][info.nested.__name__]
        if info.vocabulary:
            terms = reference.vocabularies.get(info.vocabulary, {})
            _string_node(prop, info.is_list)["enum"] = list(terms)
            allowed = "; ".join(f"{t.code} = {t.label}" for t in terms.values())
            prop["description"] += f" Erlaubt: {allowed}."
        if info.reference == "places":
            prop["description"] += (
                ' Schlüssel in Anführungszeichen, z. B. "09162000"; er muss in '
                "data/reference/places.csv stehen."
            )
        elif info.reference:
            prop["description"] += f" Kennungen aus data/{info.reference}/."
    required = [name for name in generated.get("required", []) if name != "body"]
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": schema_url(homepage, model.collection),
        "title": f"smartregio: {model.label}",
        "description": f"YAML-Kopf eines Eintrags der Sammlung {model.label_plural} "
        f"(data/{model.collection}/<id>.md). Unter dem YAML-Kopf folgt in Markdown: {model.body_title}"
        f"{' (Pflicht)' if model.body_required else ' (optional)'}.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if rules := REGISTRY[model.collection].schema_rules:
        schema["allOf"] = list(rules)
    return schema


def all_schemas(reference: ReferenceData, homepage: str | None = None) -> dict[str, str]:
    """File name → JSON text, for every collection."""
    return {
        f"{collection}.json": json.dumps(
            collection_schema(MODELS[collection], reference, homepage), ensure_ascii=False, indent=2
        )
        + "\n"
        for collection in COLLECTIONS
    }


def schema_inputs(data_dir: Path, problems: Problems) -> tuple[ReferenceData, str | None]:
    """What the schemas are made from: the reference tables and the package's homepage.

    Entries are not read: a broken entry must not keep the editor help from being written.
    """
    reference = load_reference(data_dir, problems)
    path = data_dir / "datapackage.yaml"
    homepage = None
    if path.is_file():
        try:
            homepage = read_yaml(path, display_path(path, data_dir)).fields.get("homepage")
        except FrontMatterError as exc:
            problems.add(display_path(path, data_dir), exc.line, "", exc.message)
    return reference, homepage if isinstance(homepage, str) else None


def write_schemas(reference: ReferenceData, homepage: str | None, out: Path) -> list[Path]:
    """Write every schema into ``out``; each file is replaced whole (temp file, then rename)."""
    out.mkdir(parents=True, exist_ok=True)
    items = [(out / name, text) for name, text in all_schemas(reference, homepage).items()]
    write_texts(items)
    written = [target for target, _ in items]
    return written


def write_site_schemas(catalogue, staging: Path) -> None:
    """The schemas as the built site publishes them (``/schema/<collection>.json``)."""
    homepage = catalogue.meta.homepage if catalogue.meta else None
    write_schemas(catalogue.reference, homepage, staging / "schema")
