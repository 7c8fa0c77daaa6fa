"""The house: typed settings read once with located German errors, progress on stderr,
``--version``, ``-q`` and ``-v``, German usage errors, and stages that import no later stage."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smartregio import __version__
from smartregio.progress import NORMAL, VERBOSE, Progress
from smartregio.settings import SettingsError, load_settings

from .conftest import REPO, make_data

CONFIG = (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def _smartregio(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    return subprocess.run(
        [sys.executable, "-m", "smartregio", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_shipped_settings_are_typed():
    settings = load_settings(REPO / "mkdocs.yml")
    assert settings.base_url == "https://smartregio.example.org/"
    assert settings.smartregio.publisher is not None and settings.smartregio.publisher.name
    assert settings.smartregio.repository == "https://github.com/smartregio/smartregio"


def test_wrong_settings_are_located_in_german(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        CONFIG.replace("email: daten@smartregio.example.org", "email: kaputt")
        .replace("    edit_url:", "    edt_url:")
        .replace("site_url: https://smartregio.example.org/", "site_url: ftp://smartregio.example.org/"),
        encoding="utf-8",
    )
    with pytest.raises(SettingsError) as failure:
        load_settings(config)
    text = failure.value.problems.as_text()
    lines = CONFIG.splitlines()
    edit_line = next(i for i, line in enumerate(lines, 1) if line.startswith("    edit_url:"))
    assert (
        f"mkdocs.yml:{edit_line}: extra.smartregio.edt_url: Unbekanntes Feld. Meinten Sie „edit_url“?" in text
    )
    assert "extra.smartregio.publisher.email: Keine gültige E-Mail-Adresse" in text
    assert "mkdocs.yml:5: site_url: Die Adresse muss mit https:// oder http:// beginnen." in text


def test_a_build_with_wrong_settings_writes_nothing(tmp_path):
    project = tmp_path / "projekt"
    project.mkdir()
    (project / "mkdocs.yml").write_text(CONFIG.replace("email: daten@", "email: daten-at-"), encoding="utf-8")
    make_data(project / "data")
    run = _smartregio("build", cwd=project)
    assert run.returncode == 1
    assert "extra.smartregio.publisher.email" in run.stderr and "Traceback" not in run.stderr
    assert not (project / "site").exists()


def test_version_and_german_usage_errors():
    run = _smartregio("--version")
    assert run.returncode == 0 and run.stdout.strip() == f"smartregio {__version__}"
    run = _smartregio("gibtsnicht")
    assert run.returncode == 2
    assert "Fehler: Angabe BEFEHL: Ungültige Wahl" in run.stderr
    run = _smartregio("new", "solutions")
    assert run.returncode == 2 and "Es fehlen die Angaben: TITEL" in run.stderr


def test_build_reports_each_stage_and_is_quiet_with_q(tmp_path):
    data = make_data(tmp_path / "data")
    args = (
        "build",
        "--data",
        str(data),
        "--site-dir",
        str(tmp_path / "site"),
        "--work-dir",
        str(tmp_path / "w"),
    )
    run = _smartregio(*args)
    assert run.returncode == 0, run.stderr
    for stage in (
        "Laden, prüfen, verknüpfen: 4 Einträge",
        "Seiten erzeugen",
        "Engine (ProperDocs) rendert",  # the default engine
        "Suchindex (Pagefind)",
        "Website austauschen",
        "Fertig",
    ):
        assert stage in run.stderr
    assert " s)" in run.stderr  # each with its seconds
    quiet = _smartregio(*args, "-q")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
    verbose = _smartregio("-v", *args, "--no-cache")  # with the cache: nothing to do, nothing to say
    assert "1 Lösungen, 1 Förderprojekte" in verbose.stderr  # a detail line


def test_progress_draws_a_bar_only_on_a_terminal():
    class Terminal:
        def __init__(self) -> None:
            self.text = ""

        def write(self, text: str) -> None:
            self.text += text

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    progress = Progress(NORMAL, terminal)  # type: ignore[arg-type]
    with progress.stage("Seiten", unit="Seiten") as stage:
        assert list(stage.items(range(3), 3)) == [0, 1, 2]
    assert "[" in terminal.text and "3 Seiten" in terminal.text and "\r" in terminal.text
    log = Terminal()
    log.isatty = lambda: False  # type: ignore[method-assign]
    progress = Progress(VERBOSE, log)  # type: ignore[arg-type]
    with progress.stage("Seiten", unit="Seiten") as stage:
        list(stage.items(range(3), 3))
    assert "\r" not in log.text and log.text.startswith("  Seiten: 3 Seiten (")


# Every module and subpackage of smartregio, placed in the stage of the flow it belongs to, in
# the order the data flows: load → validate → link → package → pages → engine → publish, with
# the foundations every stage shares below them, the build that runs the stages above them and
# the command line on top. A module may import its own stage and earlier ones, never a later
# one (imports inside functions count too); a new module fails the test until it is placed here.
# fmt: off
LAYERS: list[tuple[str, set[str]]] = [
    ("foundations", {
        "__init__", "apinames", "atomic", "boundaries", "extensions", "spdx", "cells", "inputs", "limits", "markup", "outputs",
        "problems", "processes", "heap", "progress", "suggest", "text",
    }),
    ("load", {"frontmatter"}),
    # the settings are checked with validate's messages, the reference tables with the models;
    # the catalogue holds validated entries, the registry says what a collection declares, each
    # collection (collections/) defines its model and declarations, the addresses follow from them
    ("validate", {
        "types", "fields", "models", "validate", "settings", "project", "reference", "catalogue",
        "registry", "collections", "addresses",
    }),
    # load.py assembles the catalogue: it reads, validates and links, so it stands after them
    ("link", {"links", "checks", "duplicates", "load"}),
    ("package", {"package"}),
    ("pages", {"pages"}),
    ("engine", {"engine"}),
    ("publish", {"publish", "schema"}),  # schema: the JSON Schema published for editors
    ("build", {"buildgraph", "buildcache", "pipeline", "preview", "quickview"}),
    # the commands beside the flow, and the command line that calls everything
    ("cli", {"__main__", "cli", "changed", "importers", "officialplaces", "scaffold"}),
]
# fmt: on
# dynamic imports are invisible to the walk below; these are the known ones, each inside its own package
# renderer(name) imports engine/<name>.py; collections/ finds its own modules
DYNAMIC_IMPORTS = {"engine/__init__.py", "collections/__init__.py"}


def _imports(path: Path, root: Path, package: str = "smartregio") -> set[str]:
    """The modules of ``package`` that ``path`` imports, anywhere in it, dotted from the
    package's root (``pages.views``), relative and absolute imports alike."""
    parts = path.relative_to(root).with_suffix("").parts  # a/b/__init__ is the package a.b, too
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name.split(".") for alias in node.names]
            found.update(".".join(n[1:]) for n in names if n[0] == package and len(n) > 1)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(parts[: len(parts) - node.level])
            elif (node.module or "").split(".")[0] == package:
                base = []
            else:
                continue
            module = [*base, *(node.module.split(".") if node.module else [])]
            if node.level == 0:
                module = module[1:]  # smartregio.x → x
            if module:
                found.add(".".join(module))
            for alias in node.names:  # from . import a: a module, or a name of the __init__
                folder = root.joinpath(*module)
                if (folder / alias.name).is_dir() or (folder / f"{alias.name}.py").is_file():
                    found.add(".".join([*module, alias.name]))
                elif not module:
                    found.add("__init__")
    return found


def _dynamic_imports(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            if name in ("importlib.import_module", "import_module", "__import__"):
                return True
    return False


def _layering_problems(
    root: Path, layers: list[tuple[str, set[str]]], package: str = "smartregio"
) -> list[str]:
    stage = {name: index for index, (_, names) in enumerate(layers) for name in names}
    problems = []
    present = set()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        own = rel.parts[0].removesuffix(".py")
        present.add(own)
        if own not in stage:
            problems.append(f"{rel} is in no stage: place it in LAYERS")
            continue
        for target in sorted(_imports(path, root, package)):
            first = target.split(".")[0]
            if first not in stage:
                problems.append(f"{rel} imports {target}, which is in no stage")
            elif stage[first] > stage[own]:
                problems.append(
                    f"{rel} ({layers[stage[own]][0]}) imports the later stage {target} ({layers[stage[first]][0]})"
                )
        if _dynamic_imports(path) and rel.as_posix() not in DYNAMIC_IMPORTS:
            problems.append(f"{rel} imports dynamically: the stages cannot be checked")
    problems += [f"LAYERS names {name}, which does not exist" for name in sorted(set(stage) - present)]
    return problems


def test_every_module_has_a_stage_and_imports_no_later_stage():
    assert _layering_problems(REPO / "scripts/smartregio", LAYERS) == []


def test_only_the_bench_command_reaches_the_developer_tools():
    """``smartregio_dev`` is not shipped: only the function behind ``smartregio bench`` imports
    it, when called, and says in German when it is missing (``tests/test_bench.py``)."""
    root = REPO / "scripts/smartregio"
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            if any(name.partition(".")[0] == "smartregio_dev" for name in names):
                found.append((path.relative_to(root).as_posix(), node in tree.body))
    assert found == [("cli.py", False)]


def test_the_layering_check_sees_what_it_must(tmp_path):
    """The check itself: a module in no stage, an import of a later stage inside a function,
    relative, absolute and ``from . import`` imports, a stale name, a dynamic import."""
    root = tmp_path / "smartregio"
    (root / "pages").mkdir(parents=True)
    (root / "pages/__init__.py").write_text("")
    (root / "pages/views.py").write_text("def f():\n    from ..engine import render\n")
    (root / "text.py").write_text("import smartregio.pages.views\n")
    (root / "load.py").write_text("from smartregio import text\nfrom . import pages, __version__\n")
    (root / "stray.py").write_text("import importlib\nimportlib.import_module('x')\n")
    (root / "__init__.py").write_text("__version__ = '1'\n")
    layers = [
        ("foundations", {"__init__", "text"}),
        ("load", {"load"}),
        ("pages", {"pages"}),
        ("engine", {"engine"}),
    ]
    assert _imports(root / "load.py", root) == {"text", "pages", "__init__"}
    assert _layering_problems(root, layers) == [
        "load.py (load) imports the later stage pages (pages)",
        "pages/views.py (pages) imports the later stage engine (engine)",
        "stray.py is in no stage: place it in LAYERS",
        "text.py (foundations) imports the later stage pages.views (pages)",
        "LAYERS names engine, which does not exist",
    ]


def test_only_the_engine_package_knows_an_engine():
    root = REPO / "scripts/smartregio"
    for path in root.rglob("*.py"):
        if path.relative_to(root).parts[0] == "engine":
            continue
        text = path.read_text(encoding="utf-8")
        assert "import mkdocs" not in text and "from mkdocs" not in text, path
        assert "zensical" not in text.lower().split("--engine")[0] or path.name == "cli.py", path


def test_validate_is_quiet_with_q_but_still_reports_errors(data, cli):
    assert cli("validate", "--data", str(data), "-q").out == ""
    path = data / "solutions/stadtnavi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("open_source: true", "open_source: 5"))
    result = cli("-q", "validate", "--data", str(data))
    assert result.code == 1 and "open_source" in result.err


def test_a_locator_keeps_its_drawings_to_itself():
    """What a locator draws is cached with it, not in a module-wide cache that keeps every
    locator (and its outlines) of every build alive."""
    import gc
    import weakref

    from smartregio.boundaries import LandShape
    from smartregio.pages.locator import Locator

    square = ((((8.0, 48.0), (9.0, 48.0), (9.0, 49.0), (8.0, 49.0), (8.0, 48.0)),),)
    locator = Locator({"BW": LandShape("BW", "Baden-Württemberg", square, (8.0, 48.0, 9.0, 49.0))}, {})
    assert locator.frame("BW") is locator.frame("BW") and locator.path("land", "BW", "BW").startswith("M")
    gone = weakref.ref(locator)
    del locator
    gc.collect()
    assert gone() is None


def test_a_build_keeps_no_progress_of_another():
    from smartregio import progress

    assert not any(isinstance(value, progress.Progress) for value in vars(progress).values())
