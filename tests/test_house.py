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
        "Engine (MkDocs) rendert",
        "Suchindex (Pagefind)",
        "Website austauschen",
        "Fertig",
    ):
        assert stage in run.stderr
    assert " s)" in run.stderr  # each with its seconds
    quiet = _smartregio(*args, "-q")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
    verbose = _smartregio("-v", *args)
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


# in the order of the flow: read, check (reference tables are checked with the models), link;
# load.py assembles the catalogue from the modules before it, so it stands after them
STAGES = [
    "frontmatter",
    "models",
    "validate",
    "reference",
    "links",
    "checks",
    "load",
    "package",
    "pages",
    "engine",
    "publish",
    "pipeline",
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = path.relative_to(REPO / "scripts/smartregio").with_suffix("").parts
            base = list(parts[: len(parts) - node.level])
            found.add(".".join([*base, *(node.module or "").split(".")]).strip("."))
    return found


def test_no_stage_imports_a_later_stage():
    order = {name: index for index, name in enumerate(STAGES)}
    root = REPO / "scripts/smartregio"
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        own = rel.parts[0].removesuffix(".py")
        if own not in order:
            continue
        for target in _imports(path):
            first = target.split(".")[0]
            if first in order:
                assert order[first] <= order[own], f"{rel} imports the later stage {target}"


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
