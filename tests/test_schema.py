"""JSON Schemas for editors: committed files are current, and they agree with the validator."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from smartregio.collections import MODELS
from smartregio.fields import field_infos
from smartregio.frontmatter import read
from smartregio.problems import Problems
from smartregio.schema import DRAFT, SCHEMA_DIR, all_schemas, schema_inputs

REPO = Path(__file__).resolve().parents[1]
jsonschema = pytest.importorskip("jsonschema")


def fresh(data: Path) -> dict[str, str]:
    problems = Problems()
    schemas = all_schemas(*schema_inputs(data, problems))
    assert not problems
    return schemas


def as_json(value):
    """YAML values as an editor's YAML 1.2 reading sees them (dates are text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def validator(schema: dict):
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schemas_are_current():
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "data" / SCHEMA_DIR).glob("*.json")}
    assert committed == fresh(REPO / "data"), (
        "data/.schema ist veraltet: bitte `smartregio schema` ausführen und die Dateien mit einchecken."
    )


def test_schema_command_writes_every_collection(cli, data, tmp_path):
    out = tmp_path / "out"
    result = cli("schema", "--data", str(data), "--out", str(out))
    assert result.code == 0, result.err
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == fresh(data)
    result = cli("schema", "--data", str(data))
    assert result.code == 0
    assert sorted(p.name for p in (data / SCHEMA_DIR).iterdir()) == sorted(f"{c}.json" for c in MODELS)
    assert cli("validate", "--data", str(data)).code == 0  # the loader skips the dot folder


def test_schema_command_refuses_broken_reference_tables(cli, data, tmp_path):
    (data / "reference/vocabularies/effort.csv").write_text("code,label\n,leer\n", encoding="utf-8")
    result = cli("schema", "--data", str(data), "--out", str(tmp_path / "out"))
    assert result.code == 1
    assert "effort.csv:2" in result.err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("collection", list(MODELS))
def test_schema_shape(collection):
    schema = json.loads(fresh(REPO / "data")[f"{collection}.json"])
    validator(schema)
    assert schema["$schema"] == DRAFT
    assert schema["$id"].endswith(f"/schema/{collection}.json")
    assert schema["additionalProperties"] is False
    assert "body" not in schema["properties"]
    model = MODELS[collection]
    names = [info.name for info in field_infos(model) if info.name != "body"]
    assert list(schema["properties"]) == names
    assert schema["required"] == [
        info.name for info in field_infos(model) if info.required and info.name != "body"
    ]
    for info in field_infos(model):
        if info.name == "body":
            continue
        prop = schema["properties"][info.name]
        assert prop["title"] == model.model_fields[info.name].title
        assert prop["description"].startswith(("Pflichtfeld.", "Optional."))
        text = json.dumps(prop)
        if info.vocabulary:
            assert '"enum"' in text and "Erlaubt:" in prop["description"]
        if info.reference:
            assert '"pattern"' in text


def test_every_shipped_entry_validates_against_its_schema():
    schemas = {c: validator(json.loads(t)) for c, t in ((n[:-5], t) for n, t in fresh(REPO / "data").items())}
    checked = 0
    for collection in MODELS:
        for path in sorted((REPO / "data" / collection).glob("*.md")):
            fields = {k: as_json(v) for k, v in read(path, str(path)).fields.items()}
            errors = [f"{e.json_path}: {e.message}" for e in schemas[collection].iter_errors(fields)]
            assert not errors, (path.name, errors)
            checked += 1
    assert checked > 100


def _entry(data: Path, name: str) -> dict:
    path = data / name
    return {k: as_json(v) for k, v in read(path, str(path)).fields.items()}


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("solutions/stadtnavi.md", {"sumary": "Tippfehler im Feldnamen"}),
        ("solutions/stadtnavi.md", {"development_status": "fertig"}),
        ("solutions/stadtnavi.md", {"used_by": [8118048]}),  # key written without quotes
        ("solutions/stadtnavi.md", {"licence": None}),  # open_source: true needs a licence
        ("solutions/stadtnavi.md", {"id": "Stadt Navi"}),
        ("funding-projects/projekt-muenchen.md", {"lead": None}),
        ("funding-projects/projekt-muenchen.md", {"laender": ["Bayern"]}),
        ("programmes/bundesprogramm.md", {"level": "land"}),  # then land is required
        ("programmes/bundesprogramm.md", {"land": "BY"}),  # land only with level: land
        ("guidelines/mobilitaet-uebertragen.md", {"phases": []}),
    ],
)
def test_schema_rejects_what_the_validator_rejects(data, name, change):
    collection = name.split("/")[0]
    check = validator(json.loads(fresh(data)[f"{collection}.json"]))
    entry = _entry(data, name)
    assert not list(check.iter_errors(entry))
    entry.update(change)
    if change.get("lead", 1) is None:
        del entry["lead"]
    assert list(check.iter_errors(entry)), change


@pytest.mark.parametrize("collection", list(MODELS))
def test_filled_scaffold_matches_the_schema_and_a_fresh_one_does_not(cli, data, collection):
    from .test_scaffold import FILL, TITLES, fill

    check = validator(json.loads(fresh(data)[f"{collection}.json"]))
    assert cli("new", collection, TITLES[collection], "--data", str(data)).code == 0
    (path,) = [p for p in (data / collection).glob("*.md") if p.name not in _before(collection)]
    fields = {k: as_json(v) for k, v in read(path, str(path)).fields.items()}
    assert list(check.iter_errors(fields))
    path.write_text(fill(path.read_text(encoding="utf-8"), FILL[collection]), encoding="utf-8")
    fields = {k: as_json(v) for k, v in read(path, str(path)).fields.items()}
    assert [e.message for e in check.iter_errors(fields)] == []


def _before(collection: str) -> set[str]:
    from .conftest import ENTRIES

    return {name.split("/")[1] for name in ENTRIES if name.startswith(f"{collection}/")}
