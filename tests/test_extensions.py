"""The extension points: every registered extension loads, fulfils its contract and is documented
in ARCHITECTURE.md; and ARCHITECTURE's recipe works — a package of one's own that registers an
engine and an importer as entry points is picked up by a fresh interpreter."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from smartregio.extensions import CONTRACTS, ExtensionError, load, registered

from .conftest import make_data
from .site_helpers import REPO

GROUPS = sorted(CONTRACTS)


def _documented(group: str) -> set[str]:
    """The names ARCHITECTURE.md lists under the bullet of ``group``: lines „  - `name` – …“."""
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    seams = text.split("## Seams", 1)[1].split("\n## ", 1)[0]
    bullet = seams.split(f"(`{group}`", 1)
    if len(bullet) == 1:
        return set()
    block = bullet[1].split("\n- **", 1)[0]
    return set(re.findall(r"^  - `([^`]+)` –", block, flags=re.M))


@pytest.mark.parametrize("group", GROUPS)
def test_every_registered_extension_loads_fulfils_its_contract_and_is_documented(group):
    found = registered(group)
    assert found, group
    for name, entry in found.items():
        extension = entry.load()
        assert isinstance(extension, CONTRACTS[group]) and extension.name == name
    assert set(found) <= _documented(group), f"undocumented in ARCHITECTURE.md: {set(found) - _documented(group)}"


def test_an_unknown_extension_is_named_with_the_known_ones():
    with pytest.raises(ExtensionError, match=re.escape("Unbekannt: „nichts“. Möglich: mkdocs, properdocs, zensical.")):
        load("smartregio.engines", "nichts")


PLUGIN = '''"""A package of one's own with an engine and an importer, as ARCHITECTURE.md's recipe says."""

from dataclasses import dataclass

from smartregio.engine import engine
from smartregio.importers.entries import Outcome


@dataclass(frozen=True)
class MarkingEngine:
    """MkDocs, and a file that says which engine ran."""

    name: str = "markiert"
    title: str = "Markiert"

    def render(self, config_file, docs_dir, site_dir, shard_sections=(), site_url=None, build_date=None):
        engine("mkdocs").render(config_file, docs_dir, site_dir, shard_sections, site_url, build_date)
        (site_dir / "engine.txt").write_text("markiert", encoding="utf-8")


@dataclass(frozen=True)
class GreetingImporter:
    name: str = "gruss"
    help: str = "sagt Hallo"

    def add_arguments(self, parser):
        parser.add_argument("--an", default="Welt")

    def run(self, args):
        return Outcome(notes=[f"Hallo, {args.an}!"])


ENGINE = MarkingEngine()
IMPORTER = GreetingImporter()
'''


@pytest.fixture(scope="module")
def plugin(tmp_path_factory) -> Path:
    """A folder on the path with the package and its installed metadata (entry points)."""
    root = tmp_path_factory.mktemp("plugin")
    (root / "eigene_erweiterung.py").write_text(PLUGIN, encoding="utf-8")
    info = root / "eigene_erweiterung-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: eigene-erweiterung\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[smartregio.engines]\nmarkiert = eigene_erweiterung:ENGINE\n\n"
        "[smartregio.importers]\ngruss = eigene_erweiterung:IMPORTER\n",
        encoding="utf-8",
    )
    return root


def _run(plugin: Path, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    paths = [str(plugin), str(REPO / "scripts"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    return subprocess.run(
        [sys.executable, "-m", "smartregio", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_an_importer_of_ones_own_package_is_a_subcommand(plugin, tmp_path):
    data = make_data(tmp_path / "data")
    result = _run(plugin, "import", "gruss", "--an", "Herrenberg", "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert "Hallo, Herrenberg!" in result.stdout


def test_an_engine_of_ones_own_package_builds_the_site(plugin, tmp_path):
    data = make_data(tmp_path / "data")
    site = tmp_path / "site"
    result = _run(
        plugin, "build", "-q", "--engine", "markiert", "--data", str(data), "--site-dir", str(site),
        "--work-dir", str(tmp_path / "work"),
    )
    assert result.returncode == 0, result.stderr
    assert (site / "engine.txt").read_text(encoding="utf-8") == "markiert"
    assert (site / "loesungen/stadtnavi/index.html").is_file()
