"""The GitHub issue forms under ``.github/ISSUE_TEMPLATE/``, made from the models.

Each element's ``id`` is the model field's name and its label the field's German title;
vocabularies become dropdowns whose options read „Bezeichnung (code)“; required flags are
the model's. Regenerate after changing a model or a vocabulary::

    PYTHONPATH=scripts .venv/bin/python -m smartregio.importers.forms

``tests/test_github.py`` checks the committed forms against the models.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ..catalogue import COLLECTIONS
from ..collections import MODELS, REGISTRY
from ..problems import Problems
from ..reference import ReferenceData, load_reference
from ..scaffold import field_note
from ..settings import SettingsError, load_settings
from .entries import FieldNames

DEFAULT_REPOSITORY = "https://github.com/smartregio/smartregio"
BOOL_OPTIONS = ["Ja (true)", "Nein (false)"]
CONFIRMATION = "Bestätigung"
OPTION_CODE = re.compile(r"\(([^()]+)\)\s*$")

# the forms to propose an entry, one per collection that has one (``Collection.issue_form``)
ENTRY_FORMS: Mapping[str, dict[str, Any]] = MappingProxyType(
    {
        c.issue_form.slug: {
            "collection": name,
            "name": c.issue_form.name,
            "description": c.issue_form.description,
            "title": c.issue_form.title,
            "labels": list(c.issue_form.labels),
        }
        for name, c in REGISTRY.items()
        if c.issue_form
    }
)
HEADER = (
    "# Erzeugt aus scripts/smartregio/models.py und den Vokabularen unter data/reference/:\n"
    "#   PYTHONPATH=scripts .venv/bin/python -m smartregio.importers.forms\n"
    "# Nicht von Hand ändern; tests/test_github.py prüft die Felder gegen die Modelle.\n"
)


def option_code(option: str) -> str:
    """The code in „Bezeichnung (code)“; a bare code stays as it is."""
    match = OPTION_CODE.search(option)
    return match[1] if match else option.strip()


def _hint(names: FieldNames, name: str) -> str:
    info = names.infos[name]
    description = names.model.model_fields[name].description or ""
    if note := field_note(names.collection, name):
        description += f" {note}"
    if name == "id":
        return description + " Vorschlag: der Name in Kleinbuchstaben, z. B. „giess-den-kiez“."
    if info.nested:
        columns = " | ".join(f.title or n for n, f in info.nested.model_fields.items())
        return description + f" Je Zeile eine Angabe: {columns}; nur das erste ist Pflicht."
    if info.is_list and not info.vocabulary:
        if info.reference == "places":
            return (
                description
                + " Je Zeile ein Schlüssel; dahinter darf der Name stehen, z. B. „08115021 Herrenberg“."
            )
        if info.reference:
            return description + " Je Zeile eine Kennung."
        if name in names.url_lists:
            return description + " Je Zeile eine Webadresse."
        return description + " Je Zeile ein Wert."
    return description


def _element(names: FieldNames, name: str, reference: ReferenceData) -> dict[str, Any]:
    info = names.infos[name]
    model = names.model
    required = model.body_required if name == "body" else info.required
    attributes: dict[str, Any] = {"label": names.title(name), "description": _hint(names, name)}
    if info.vocabulary:
        terms = reference.vocabularies.get(info.vocabulary, {})
        kind = "dropdown"
        attributes["multiple"] = info.is_list
        attributes["options"] = [f"{t.label} ({t.code})" for t in terms.values()]
    elif info.base is bool:
        kind = "dropdown"
        attributes["options"] = list(BOOL_OPTIONS)
    elif name in ("body", "summary") or info.is_list:
        kind = "textarea"
    else:
        kind = "input"
        if info.base is date:
            attributes["placeholder"] = "JJJJ-MM-TT"
    element: dict[str, Any] = {"type": kind, "id": name, "attributes": attributes}
    element["validations"] = {"required": bool(required)}
    return element


def _confirmation() -> dict[str, Any]:
    return {
        "type": "checkboxes",
        "attributes": {
            "label": CONFIRMATION,
            "options": [
                {
                    "label": "Jede Angabe ist mit einer öffentlichen Quelle belegt; nichts ist geschätzt "
                    "oder erfunden.",
                    "required": True,
                },
                {
                    "label": "Ich bin einverstanden, dass die Angaben unter CC BY 4.0 veröffentlicht werden.",
                    "required": True,
                },
            ],
        },
    }


def entry_form(key: str, reference: ReferenceData, repository: str = DEFAULT_REPOSITORY) -> dict[str, Any]:
    spec = ENTRY_FORMS[key]
    names = FieldNames(spec["collection"])
    intro = (
        "Danke für Ihren Vorschlag! Bitte füllen Sie die Felder aus; Pflichtfelder sind mit * markiert. "
        "Jede Angabe braucht eine öffentliche Quelle unter „Quellen“ – was sich nicht belegen lässt, "
        "lassen Sie bitte leer. Orte werden mit ihrem amtlichen Schlüssel genannt (8 Ziffern für "
        "Gemeinden und Städte, 5 für Kreise). Die Redaktion prüft Ihre Angaben und legt daraus den "
        f"Eintrag an; Rückfragen kommen hier im Issue. Anleitung: {repository}/blob/main/CONTRIBUTING.md"
    )
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": intro}}]
    first = "name" if "name" in names.titles else "title"
    order = [first, "id", *(n for n in names.titles if n not in (first, "id", "body")), "body"]
    body += [_element(names, name, reference) for name in order]
    body.append(_confirmation())
    return {
        "name": spec["name"],
        "description": spec["description"],
        "title": spec["title"],
        "labels": list(spec["labels"]),
        "body": body,
    }


def correction_form() -> dict[str, Any]:
    solution = FieldNames(next(iter(MODELS)))  # id and sources: titled alike in every collection
    collections = [f"{MODELS[c].label_plural} ({c})" for c in COLLECTIONS]
    return {
        "name": "Korrektur melden",
        "description": "Eine Angabe in einem Eintrag ist falsch, veraltet oder unvollständig.",
        "title": "[Korrektur]: ",
        "labels": ["korrektur"],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": "Danke, dass Sie einen Fehler melden! Nennen Sie den Eintrag, was falsch ist, "
                    "die richtige Angabe und eine öffentliche Quelle, die sie belegt."
                },
            },
            {
                "type": "dropdown",
                "attributes": {"label": "Sammlung", "options": collections},
                "validations": {"required": True},
            },
            {
                "type": "input",
                "id": "id",
                "attributes": {
                    "label": solution.title("id"),
                    "description": "Kennung des Eintrags: der letzte Teil der Adresse seiner Seite, "
                    "z. B. „stadtnavi“.",
                },
                "validations": {"required": True},
            },
            {
                "type": "textarea",
                "attributes": {
                    "label": "Was ist falsch?",
                    "description": "Welches Feld, welche Angabe?",
                },
                "validations": {"required": True},
            },
            {
                "type": "textarea",
                "attributes": {"label": "Richtige Angabe"},
                "validations": {"required": True},
            },
            {
                "type": "textarea",
                "id": "sources",
                "attributes": {
                    "label": solution.title("sources"),
                    "description": "Öffentliche Webadressen, die die richtige Angabe belegen. Je Zeile eine.",
                },
                "validations": {"required": True},
            },
            _confirmation(),
        ],
    }


def config(repository: str = DEFAULT_REPOSITORY) -> dict[str, Any]:
    return {
        "blank_issues_enabled": True,
        "contact_links": [
            {
                "name": "Anleitung zum Mitmachen",
                "url": f"{repository}/blob/main/CONTRIBUTING.md",
                "about": "Drei Wege zu einem Eintrag: Formular, Webeditor oder git.",
            }
        ],
    }


def dump(data: dict[str, Any], header: str = HEADER) -> str:
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def forms(reference: ReferenceData, repository: str = DEFAULT_REPOSITORY) -> dict[str, str]:
    """File name → text of every file under ``.github/ISSUE_TEMPLATE/``."""
    out = {f"{key}.yml": dump(entry_form(key, reference, repository)) for key in ENTRY_FORMS}
    out["korrektur-melden.yml"] = dump(correction_form())
    out["config.yml"] = dump(config(repository))
    return out


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[3]
    problems = Problems()
    reference = load_reference(root / "data", problems)
    if problems:
        print(problems.as_text(), file=sys.stderr)
        return 1
    try:
        repository = load_settings(root / "mkdocs.yml").smartregio.repository or DEFAULT_REPOSITORY
    except SettingsError as exc:
        print(exc.problems.as_text(), file=sys.stderr)
        return 1
    folder = root / ".github" / "ISSUE_TEMPLATE"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in forms(reference, repository).items():
        (folder / name).write_text(text, encoding="utf-8")
        print(folder / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
