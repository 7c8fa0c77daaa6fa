"""Catalogue → tables: one per collection, one per multi-valued reference, plus reference tables.

The layout (which columns, which link tables, which keys) is derived from the models, so a
new field appears in the package without touching this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel

from ..catalogue import COLLECTIONS, Catalogue
from ..collections import MODELS, REGISTRY
from ..fields import FieldInfo, field_infos
from ..models import Place, PlaceContact
from ..reference import ReferenceData

LIST_DELIMITER = ";"
URL_LIST_DELIMITER = " "  # URLs may hold ";" but never a space
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"


def singular(collection: str) -> str:
    """The column name for one entry of ``collection`` in a link table (``solution`` …)."""
    if collection in REGISTRY:
        return REGISTRY[collection].row
    return {"places": "place", "place-contacts": "place_contact"}[collection]


TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", date: "date"}


@dataclass
class Column:
    name: str
    schema: dict[str, Any]
    info: FieldInfo | None = None


@dataclass
class Table:
    """One resource: its columns, keys and rows as they will be written."""

    name: str
    title: str
    description: str
    columns: list[Column]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


def link_table_name(collection: str, field_name: str) -> str:
    return f"{collection}-{field_name.replace('_', '-')}"


def vocabulary_table_name(vocabulary: str) -> str:
    return "laender" if vocabulary == "land" else f"vocabulary-{vocabulary.replace('_', '-')}"


def list_delimiter(info: FieldInfo, json_schema: dict[str, Any]) -> str:
    items = json_schema.get("items", {})
    return (
        URL_LIST_DELIMITER
        if items.get("format") == "uri" or "^https?://" in str(items.get("pattern", ""))
        else LIST_DELIMITER
    )


def _property(json_schema: dict[str, Any], name: str) -> dict[str, Any]:
    prop = dict(json_schema["properties"][name])
    for variant in prop.pop("anyOf", []):
        if variant.get("type") != "null":
            prop.update(variant)
    return prop


def column_schema(info: FieldInfo, prop: dict[str, Any], reference: ReferenceData) -> dict[str, Any]:
    """A Table Schema field for one model field (scalar or delimited list)."""
    out: dict[str, Any] = {"name": info.name}
    if prop.get("title"):
        out["title"] = prop["title"]
    if prop.get("description"):
        out["description"] = prop["description"]
    constraints: dict[str, Any] = {}
    if info.is_list:
        out["type"] = "list"
        out["delimiter"] = list_delimiter(info, prop)
        out["itemType"] = "string"
        if info.vocabulary:
            codes = list(reference.vocabularies.get(info.vocabulary, {}))
            out["description"] = (
                out.get("description", "") + f" Erlaubte Werte: {', '.join(codes)}."
            ).strip()
    else:
        out["type"] = TYPES.get(info.base, "string")
        if info.base is date:
            out["format"] = "%Y-%m-%d"
        if info.required and info.name != "body":
            constraints["required"] = True
        for source, target in (
            ("pattern", "pattern"),
            ("minLength", "minLength"),
            ("maxLength", "maxLength"),
            ("minimum", "minimum"),
            ("maximum", "maximum"),
        ):
            if source in prop:
                constraints[target] = prop[source]
        if info.vocabulary:
            terms = reference.vocabularies.get(info.vocabulary, {})
            out["categories"] = [{"value": t.code, "label": t.label} for t in terms.values()]
            constraints["enum"] = list(terms)
    if prop.get("format") == "uri" and not info.is_list:
        out["format"] = "uri"
    if constraints:
        out["constraints"] = constraints
    return out


def cell(value: Any, delimiter: str = LIST_DELIMITER) -> Any:
    """A Python value as the CSV text frictionless reads back to the same value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return delimiter.join(value)
    return value


def _model_table(
    name: str,
    title: str,
    description: str,
    model: type[BaseModel],
    items: Iterable[BaseModel],
    reference: ReferenceData,
    key: str,
) -> tuple[Table, list[Table]]:
    """The main table of a model and the link tables of its reference lists."""
    json_schema = model.model_json_schema()
    infos = field_infos(model)
    scalar = [i for i in infos if not (i.is_list and (i.reference or i.nested))]
    linked = [i for i in infos if i.is_list and i.reference]
    nested = [i for i in infos if i.is_list and i.nested]
    # the Markdown text goes last: long, and least useful in a spreadsheet view
    scalar.sort(key=lambda i: i.name == "body")
    columns = [Column(i.name, column_schema(i, _property(json_schema, i.name), reference), i) for i in scalar]
    main = Table(name, title, description, columns, [key])
    for info in scalar:
        if info.reference:
            main.foreign_keys.append(_fk(info.name, info.reference))
        elif info.vocabulary and not info.is_list:
            main.foreign_keys.append(
                {
                    "fields": [info.name],
                    "reference": {"resource": vocabulary_table_name(info.vocabulary), "fields": ["code"]},
                }
            )
    owner = singular(name)
    links = []
    for info in linked:
        target = singular(info.reference)
        prop = _property(json_schema, info.name)
        if target == owner:
            target = f"{target}_target"
        table = Table(
            link_table_name(name, info.name),
            f"{title}: {prop.get('title', info.name)}",
            f"Verknüpfung {title} → {prop.get('title', info.name)}, in der Reihenfolge des Eintrags.",
            [
                Column(
                    owner,
                    {"name": owner, "type": "string", "title": title, "constraints": {"required": True}},
                ),
                Column(
                    target,
                    {
                        "name": target,
                        "type": "string",
                        "title": prop.get("title", info.name),
                        "description": prop.get("description", ""),
                        "constraints": {"required": True},
                    },
                ),
                _position_column(),
            ],
            [owner, target],
            [_fk(owner, name), _fk(target, info.reference)],
        )
        links.append(table)
    children = [
        _child_table(name, title, owner, _property(json_schema, info.name), info, reference)
        for info in nested
    ]
    for item in sorted(items, key=lambda m: getattr(m, key)):
        main.rows.append(
            [cell(getattr(item, c.name), c.schema.get("delimiter", LIST_DELIMITER)) for c in columns]
        )
        for info, table in zip(linked, links, strict=True):
            for position, target_id in enumerate(getattr(item, info.name), start=1):
                table.rows.append([getattr(item, key), target_id, position])
        for info, table in zip(nested, children, strict=True):
            for position, record in enumerate(getattr(item, info.name), start=1):
                table.rows.append(
                    [getattr(item, key), position]
                    + [
                        cell(getattr(record, c.name), c.schema.get("delimiter", LIST_DELIMITER))
                        for c in table.columns[2:]
                    ]
                )
    return main, links + children


def _position_column() -> Column:
    """The order of a list inside its entry, in link tables and tables of sub-records."""
    return Column(
        "position",
        {
            "name": "position",
            "type": "integer",
            "title": "Position",
            "description": "Reihenfolge im Eintrag, ab 1.",
            "constraints": {"required": True, "minimum": 1},
        },
    )


def _child_table(
    owner_table: str, title: str, owner: str, prop: dict[str, Any], info: FieldInfo, reference: ReferenceData
) -> Table:
    """A table of sub-records (one row per record, keyed by owner and position)."""
    model = info.nested
    assert model is not None
    json_schema = model.model_json_schema()
    field_title = prop.get("title", info.name)
    table = Table(
        link_table_name(owner_table, info.name),
        f"{title}: {field_title}",
        f"{field_title} je Eintrag ({title}), in der Reihenfolge des Eintrags.",
        [
            Column(
                owner, {"name": owner, "type": "string", "title": title, "constraints": {"required": True}}
            ),
            _position_column(),
        ],
        [owner, "position"],
        [_fk(owner, owner_table)],
    )
    for sub in field_infos(model):
        table.columns.append(
            Column(sub.name, column_schema(sub, _property(json_schema, sub.name), reference), sub)
        )
        if sub.reference and not sub.is_list:
            table.foreign_keys.append(_fk(sub.name, sub.reference))
    return table


def _vocabulary_uses() -> dict[str, list[tuple[str, str]]]:
    """Each vocabulary's fields as (German field title, table title), for German table titles."""
    uses: dict[str, list[tuple[str, str]]] = {}
    owners = [(MODELS[c], MODELS[c].label_plural) for c in COLLECTIONS] + [(Place, "Orte")]
    for model, owner in owners:
        for info in field_infos(model):
            if info.vocabulary:
                title = model.model_fields[info.name].title or info.name
                uses.setdefault(info.vocabulary, []).append((title, owner))
    return uses


def _vocabulary_text(vocabulary: str, uses: list[tuple[str, str]]) -> tuple[str, str]:
    """Title and description of a vocabulary table, named after the fields that use it."""
    tail = " mit Code, deutscher Bezeichnung und Erläuterung."
    if not uses:
        return f"Vokabular {vocabulary}", "Erlaubte Werte" + tail
    fields = ", ".join(f"„{title}“ ({owner})" for title, owner in uses)
    return f"Vokabular {uses[0][0]}", f"Erlaubte Werte für {fields}{tail}"


def _fk(column: str, collection: str) -> dict[str, Any]:
    resource = collection
    fields = ["key"] if collection == "places" else ["id"]
    return {"fields": [column], "reference": {"resource": resource, "fields": fields}}


def build_tables(catalogue: Catalogue) -> list[Table]:
    """Every resource of the package, in a fixed order."""
    reference = catalogue.reference
    tables: list[Table] = []
    for collection in COLLECTIONS:
        model = MODELS[collection]
        main, links = _model_table(
            collection,
            model.label_plural,
            catalogue.texts(collection).description,  # German, from datapackage.yaml
            model,
            catalogue.entries[collection].values(),
            reference,
            "id",
        )
        tables.append(main)
        tables.extend(links)
    places, _ = _model_table(
        "places",
        "Orte",
        "Alle Gemeinden, Gemeindeverbände, Kreise und Länder mit amtlichem Schlüssel, Art, Land, "
        "einem Punkt in der Fläche und der Fläche (BKG, Verwaltungsgebiete).",
        Place,
        reference.places.values(),
        reference,
        "key",
    )
    tables.append(places)
    if reference.contacts:
        contacts, _ = _model_table(
            "place-contacts",
            "Kontakte der Kommunen",
            "Wen man in einer Kommune zu ihrer Digitalisierung oder Smart City fragt: "
            "Funktionspostfach oder Kontaktseite, mit der Quelle, die sie nennt.",
            PlaceContact,
            reference.contacts.values(),
            reference,
            "key",
        )
        tables.append(contacts)
    tables.append(
        Table(
            "laender",
            "Länder",
            "Die 16 Länder mit Kürzel und amtlichem Landesschlüssel.",
            [
                Column(
                    "code",
                    {
                        "name": "code",
                        "type": "string",
                        "title": "Kürzel",
                        "constraints": {"required": True, "pattern": "^[A-Z]{2}$"},
                    },
                ),
                Column(
                    "key",
                    {
                        "name": "key",
                        "type": "string",
                        "title": "Landesschlüssel",
                        "constraints": {"required": True, "pattern": r"^\d{2}$"},
                    },
                ),
                Column(
                    "name",
                    {"name": "name", "type": "string", "title": "Name", "constraints": {"required": True}},
                ),
            ],
            ["code"],
            rows=[
                [code, reference.land_keys[code], term.label]
                for code, term in sorted(reference.vocabularies.get("land", {}).items())
            ],
        )
    )
    uses = _vocabulary_uses()
    for vocabulary in sorted(reference.vocabularies):
        if vocabulary == "land":
            continue
        tables.append(
            Table(
                vocabulary_table_name(vocabulary),
                *_vocabulary_text(vocabulary, uses.get(vocabulary, [])),
                [
                    Column(
                        "code",
                        {
                            "name": "code",
                            "type": "string",
                            "title": "Code",
                            "constraints": {"required": True},
                        },
                    ),
                    Column(
                        "label",
                        {
                            "name": "label",
                            "type": "string",
                            "title": "Bezeichnung",
                            "constraints": {"required": True},
                        },
                    ),
                    Column("description", {"name": "description", "type": "string", "title": "Erläuterung"}),
                ],
                ["code"],
                rows=[[t.code, t.label, t.description] for t in reference.vocabularies[vocabulary].values()],
            )
        )
    return tables
