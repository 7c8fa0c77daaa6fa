"""The ways to contribute that the Mitmachen page links: the issue forms, the repository, the
contributor guide and an e-mail route, all from settings and the forms in the repository.

The forms are read from ``.github/ISSUE_TEMPLATE/`` (each file's ``name`` and
``description``), so a new form appears on the page without touching it; links come from the
``repository`` and ``contact`` settings, never from addresses written into the page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

from ..inputs import InputError, InputTree
from ..settings import SmartregioSettings, is_placeholder
from .legal import contact_label

FORMS_MARKER = "<!-- formulare -->"
CONTACT_MARKER = "<!-- kontakt -->"
NOT_A_FORM = "config.yml"  # GitHub's chooser settings, no form


@dataclass(frozen=True)
class IssueForm:
    file: str  # e.g. "loesung-vorschlagen.yml", GitHub's ``template`` parameter
    name: str
    description: str


def read_issue_forms(folder: Path) -> list[IssueForm]:
    """Every issue form in ``folder``, sorted by file name; unreadable files are skipped (a
    broken form is the forms test's business, not a reason to fail the site)."""
    found = []
    folder = Path(os.path.abspath(folder))
    tree = InputTree(folder)
    names = [i.name for i in tree.list()] if tree.kind("") == "dir" and folder.is_dir() else []
    for name in names:
        if not name.endswith(".yml") or name == NOT_A_FORM:
            continue
        path = folder / name
        try:  # a regular file in the folder, never through a symlink
            form = yaml.safe_load(tree.read_text(path))
        except (InputError, yaml.YAMLError):
            continue
        if isinstance(form, dict) and isinstance(form.get("name"), str):
            found.append(IssueForm(path.name, form["name"], str(form.get("description") or "")))
    return found


def context(settings: SmartregioSettings, forms: list[IssueForm]) -> dict[str, object]:
    """What the Mitmachen fragments show: links only where their setting is set."""
    repository = settings.repository.rstrip("/") if settings.repository else None
    # an address on a documentation domain (example.org) reaches nobody: shown as missing
    contact = None if is_placeholder(settings.contact) else settings.contact
    return {
        "repository": repository,
        "forms": [
            {
                "name": form.name,
                "description": form.description,
                "url": f"{repository}/issues/new?template={quote(form.file)}" if repository else None,
            }
            for form in forms
        ],
        "guide_url": f"{repository}/blob/HEAD/CONTRIBUTING.md" if repository else None,
        "contact": contact,
        "contact_label": contact_label(contact) if contact else None,
    }
