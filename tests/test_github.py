"""GitHub automation: issue forms that match the models, their import, workflows, PR template."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from smartregio.collections import MODELS
from smartregio.fields import field_infos
from smartregio.importers.forms import ENTRY_FORMS, forms, option_code
from smartregio.load import load_catalogue
from smartregio.problems import Problems
from smartregio.reference import load_reference

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
TEMPLATES = GITHUB / "ISSUE_TEMPLATE"
README_COMMANDS = ("python3 scripts/dev.py test", "python3 scripts/dev.py build")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def reference():
    problems = Problems()
    loaded = load_reference(REPO / "data", problems)
    assert not problems
    return loaded


def fields_of(form: dict) -> list[dict]:
    return [e for e in form["body"] if "id" in e]


# --- the forms match the models --------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(ENTRY_FORMS))
def test_entry_form_matches_the_model(key):
    collection = ENTRY_FORMS[key]["collection"]
    model = MODELS[collection]
    form = load(TEMPLATES / f"{key}.yml")
    assert form["name"] and form["description"] and form["body"]
    elements = {e["id"]: e for e in fields_of(form)}
    assert len(elements) == len(fields_of(form)), "ids must be unique"
    labels = [e["attributes"]["label"] for e in form["body"] if "label" in e.get("attributes", {})]
    assert len(labels) == len(set(labels)), "labels must be unique"
    vocabularies = reference().vocabularies
    for info in field_infos(model):
        required = model.body_required if info.name == "body" else info.required
        if required:
            assert info.name in elements, f"required field {info.name} missing in {key}"
    for name, element in elements.items():
        assert name in model.model_fields, f"{name} is no field of {collection}"
        info = next(i for i in field_infos(model) if i.name == name)
        assert element["attributes"]["label"] == model.model_fields[name].title
        required = model.body_required if name == "body" else info.required
        assert element.get("validations", {}).get("required", False) is required, name
        if info.vocabulary:
            assert element["type"] == "dropdown"
            assert element["attributes"].get("multiple", False) is info.is_list
            codes = [option_code(o) for o in element["attributes"]["options"]]
            assert codes == list(vocabularies[info.vocabulary]), f"{name}: options are not the vocabulary"
        elif info.base is bool:
            assert [option_code(o) for o in element["attributes"]["options"]] == ["true", "false"]
        else:
            assert element["type"] in ("input", "textarea")


def test_correction_form_uses_real_fields():
    form = load(TEMPLATES / "korrektur-melden.yml")
    every = {name: m.model_fields[name].title for m in MODELS.values() for name in m.model_fields}
    ids = [e["id"] for e in fields_of(form)]
    assert ids == ["id", "sources"]
    for element in fields_of(form):
        assert element["attributes"]["label"] == every[element["id"]]
        assert element["validations"]["required"] is True
    codes = [option_code(o) for o in form["body"][1]["attributes"]["options"]]
    assert codes == list(MODELS)


def test_config_and_committed_forms_are_up_to_date():
    config = load(TEMPLATES / "config.yml")
    assert isinstance(config["blank_issues_enabled"], bool)
    assert config["contact_links"][0]["url"].endswith("CONTRIBUTING.md")
    expected = forms(reference())
    assert sorted(p.name for p in TEMPLATES.iterdir()) == sorted(expected)
    for name, text in expected.items():
        assert (TEMPLATES / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: PYTHONPATH=scripts .venv/bin/python -m smartregio.importers.forms"
        )


# --- a filled-in form becomes an entry ---------------------------------------------------------


def form_value(element: dict, value) -> str:
    """What GitHub shows under the heading for ``value``."""
    if value is None or value == [] or value == "":
        return ""
    if element["type"] == "dropdown":
        options = {option_code(o): o for o in element["attributes"]["options"]}
        if isinstance(value, bool):
            return options["true" if value else "false"]
        return ", ".join(options[v] for v in (value if isinstance(value, list) else [value]))
    if isinstance(value, list):
        # sub-records (a project's measures) as the form asks: one per line, fields split by „|“
        return "\n".join(
            " | ".join("" if v is None else str(v) for v in item.model_dump().values())
            if hasattr(item, "model_dump")
            else item
            for item in value
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def rendered_issue(form: dict, values: dict) -> str:
    """An issue body as GitHub renders a submitted form."""
    parts = []
    for element in form["body"]:
        attributes = element["attributes"]
        if element["type"] == "markdown":
            continue
        if element["type"] == "checkboxes":
            text = "\n".join(f"- [X] {o['label']}" for o in attributes["options"])
        else:
            text = form_value(element, values.get(element["id"])) or "_No response_"
        parts.append(f"### {attributes['label']}\n\n{text}")
    return "\n\n".join(parts) + "\n"


@pytest.mark.parametrize(
    ("key", "original_id"),
    [("loesung-vorschlagen", "stadtnavi"), ("foerderprojekt-melden", "projekt-muenchen")],
)
def test_filled_form_round_trips_into_a_valid_entry(cli, data, tmp_path, key, original_id):
    collection = ENTRY_FORMS[key]["collection"]
    original = load_catalogue(data)[0].entries[collection][original_id]
    values = {name: getattr(original, name) for name in type(original).model_fields}
    values["id"] = f"{original_id}-kopie"
    body = tmp_path / "issue.md"
    body.write_text(rendered_issue(load(TEMPLATES / f"{key}.yml"), values), encoding="utf-8")
    result = cli("import", "issue-form", str(body), "--data", str(data))
    assert result.code == 0, result.err
    assert f"Sammlung: {collection}" in result.out  # recognised from the headings
    catalogue, problems = load_catalogue(data)
    assert not problems
    copy = catalogue.entries[collection][f"{original_id}-kopie"]
    assert copy == original.model_copy(update={"id": f"{original_id}-kopie"})


def test_form_with_problems_names_heading_lines(cli, data, tmp_path):
    form = load(TEMPLATES / "loesung-vorschlagen.yml")
    original = load_catalogue(data)[0].entries["solutions"]["stadtnavi"]
    values = {name: getattr(original, name) for name in type(original).model_fields}
    values.update(id="", name="Gieß den Kiez", licence="GPL3", transfer_readiness=None)
    text = rendered_issue(form, values).replace("Mobilität und Verkehr (mobilitaet)", "Mobilität (mobil)")
    body = tmp_path / "issue.md"
    body.write_text(text, encoding="utf-8")
    result = cli("import", "issue-form", str(body), "--data", str(data), "--collection", "solutions")
    assert result.code == 1
    lines = text.splitlines()

    def line_of(label: str) -> int:
        return lines.index(f"### {label}") + 1

    err = result.err
    assert f"{body}:Zeile {line_of('Lizenz')}: Abschnitt „Lizenz“ (licence): Keine gültige SPDX" in err
    assert (
        f"{body}:Zeile {line_of('Handlungsfelder')}: Abschnitt „Handlungsfelder“ (action_fields): "
        "Eintrag 1: „mobil“ ist kein erlaubter Wert."
    ) in err
    assert (
        f"{body}:Zeile {line_of('Transferreife')}: Abschnitt „Transferreife“ (transfer_readiness): Pflichtfeld"
        in (err)
    )
    assert not (data / "solutions/giess-den-kiez.md").exists()


def test_unknown_section_and_ticked_checkboxes(cli, data, tmp_path):
    form = load(TEMPLATES / "loesung-vorschlagen.yml")
    original = load_catalogue(data)[0].entries["solutions"]["stadtnavi"]
    values = {name: getattr(original, name) for name in type(original).model_fields}
    values["id"] = "kopie"
    text = rendered_issue(form, values)
    hosting = "Eigenbetrieb (eigenbetrieb)"
    assert f"### Betriebsmodelle\n\n{hosting}" in text
    # a maintainer turned the dropdown into checkboxes: ticked ones count
    text = text.replace(
        f"### Betriebsmodelle\n\n{hosting}",
        "### Betriebsmodelle\n\n- [X] Eigenbetrieb (eigenbetrieb)\n- [ ] Software as a Service (saas)",
    )
    body = tmp_path / "issue.md"
    body.write_text(text + "\n### Lieblingsfarbe\n\nblau\n", encoding="utf-8")
    result = cli("import", "issue-form", str(body), "--data", str(data))
    assert result.code == 1
    assert "Abschnitt „Lieblingsfarbe“: Unbekannter Abschnitt." in result.err
    body.write_text(text, encoding="utf-8")
    result = cli("import", "issue-form", str(body), "--data", str(data))
    assert result.code == 0, result.err
    assert load_catalogue(data)[0].entries["solutions"]["kopie"].hosting == ["eigenbetrieb"]


def test_text_without_form_sections(cli, data, tmp_path):
    body = tmp_path / "issue.md"
    body.write_text("Bitte nehmt meine App auf!\n", encoding="utf-8")
    result = cli("import", "issue-form", str(body), "--data", str(data))
    assert result.code == 1 and "Keine Abschnitte" in result.err


# --- workflows and PR template -------------------------------------------------------------


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def test_readme_names_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in README_COMMANDS:
        assert command in readme


def test_pull_request_workflow_runs_the_readme_commands():
    workflow = load(GITHUB / "workflows/pr.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    commands = runs(workflow)
    for command in README_COMMANDS:
        assert command in commands
    assert "smartregio validate --changed" in commands and "--format github" in commands
    uploads = [s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "site"


def test_deploy_workflow_builds_on_main():
    workflow = load(GITHUB / "workflows/deploy.yml")
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert "python3 scripts/dev.py build" in runs(workflow)
    uses = [str(s.get("uses", "")) for s in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)


def test_pull_request_template_has_a_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 4 and "sources" in text and "validate" in text
