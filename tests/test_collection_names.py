"""A collection lives in one place: its module (or folder) in ``smartregio/collections/``. Every
other module reads what it needs from the registry (relations, place roles, contact box,
schema.org, tiles …) and names no collection by hand: not its name, its model class, its module
or its address. Three others may: the benchmark tooling beside the package (``synthetic.py``,
``bench*.py`` in ``smartregio_dev``) and the importer of publiccode.yml, which imports into
solutions by definition."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from smartregio.collections import REGISTRY

from .conftest import REPO

PACKAGE = REPO / "scripts/smartregio"
SCRIPTS = REPO / "scripts"  # the package and the developer tools beside it
# the modules that may name a collection besides its own (at most three, see the module's text)
ALLOWED = ("smartregio_dev/synthetic.py", "smartregio_dev/bench*.py", "smartregio/importers/publiccode.py")


def _collection_names() -> dict[str, dict[str, set[str]]]:
    """collection → what names it: its name, its classes (model and sub-records), its module,
    its address."""
    found = {}
    for name, spec in REGISTRY.items():
        module = spec.model.__module__
        classes = {
            value.__name__
            for value in vars(__import__(module, fromlist=["_"])).values()
            if isinstance(value, type) and value.__module__ == module
        }
        found[name] = {
            "strings": {name},
            "classes": classes,
            "modules": {module.rsplit(".", 1)[1]},
            "addresses": {f"/{spec.section}/"},
        }
    return found


NAMES = _collection_names()


def named_in(source: str) -> set[str]:
    """The collections a Python module names: a string that is a collection's name or holds its
    address, its classes, an import of its module (docstrings aside)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = set()
    for node in ast.walk(tree):
        for collection, names in NAMES.items():
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                hit = node.value in names["strings"] or any(a in node.value for a in names["addresses"])
            elif isinstance(node, ast.Name):
                hit = node.id in names["classes"]
            elif isinstance(node, ast.Attribute):
                hit = node.attr in names["classes"]
            elif isinstance(node, ast.alias):
                hit = node.name in names["classes"] | names["modules"]
            elif isinstance(node, ast.ImportFrom):
                hit = any((node.module or "").endswith(f"collections.{m}") for m in names["modules"])
            else:
                hit = False
            if hit:
                found.add(collection)
    return found


def _modules() -> list[Path]:
    """Every module of the package and the developer tools, the collections' own aside."""
    own = ("smartregio", "collections")
    return sorted(p for p in SCRIPTS.rglob("*.py") if p.relative_to(SCRIPTS).parts[:2] != own)


def test_the_check_sees_each_way_of_naming_a_collection():
    assert named_in('entries["funding-projects"]') == {"funding-projects"}
    assert named_in("isinstance(entry, Solution)") == {"solutions"}
    assert named_in("from ..collections.programmes import Programme") == {"programmes"}
    assert named_in("from ..collections import guidelines") == {"guidelines"}
    assert named_in('link = "/loesungen/?quelloffen=Open+Source"') == {"solutions"}
    assert named_in('def f():\n    """Lists the solutions and /loesungen/."""\n') == set()
    assert named_in('kind = "solution"; REGISTRY[name]') == set()


def test_no_module_outside_the_collections_names_one():
    offenders = {}
    for path in _modules():
        rel = path.relative_to(SCRIPTS)
        if any(rel.match(pattern) for pattern in ALLOWED):
            continue
        if found := named_in(path.read_text(encoding="utf-8")):
            offenders[str(rel)] = sorted(found)
    assert offenders == {}


def test_at_most_three_other_modules_name_a_collection():
    others: dict[str, set[str]] = {name: set() for name in NAMES}
    for path in _modules():
        for collection in named_in(path.read_text(encoding="utf-8")):
            others[collection].add(str(path.relative_to(SCRIPTS)))
    for collection, modules in others.items():
        # the benchmark's modules (bench.py, bench_site.py) count as one
        groups = {next((a for a in ALLOWED if Path(m).match(a)), m) for m in modules}
        assert len(groups) <= 3, (collection, sorted(modules))


@pytest.mark.parametrize(
    "folder", [PACKAGE / "pages/templates", REPO / "overrides"], ids=["templates", "overrides"]
)
def test_no_template_tests_for_a_collection(folder):
    """A template asks the front matter or its context (``sr.compare``), not which collection a
    page belongs to."""
    names = "|".join(re.escape(n) for n in NAMES)
    pattern = re.compile(rf"""==\s*["']({names})["']""")
    found = {
        str(path.relative_to(REPO)): pattern.findall(path.read_text(encoding="utf-8"))
        for path in sorted(folder.rglob("*.html"))
    }
    assert {path: names for path, names in found.items() if names} == {}
