"""Shared fixtures: a small, valid data folder that tests copy and then break on purpose; the
site of the shipped data, built once per test run, served, and a browser to read it."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from smartregio.cli import main

REPO = Path(__file__).resolve().parents[1]

PLACES = """key,name,kind,bez,land,kreis,verband,lat,lon,area_km2
08115021,Herrenberg,stadt,Stadt,BW,08115,,48.5967,8.8708,65.71
08118048,Ludwigsburg,stadt,Stadt,BW,08118,,48.8975,9.1919,43.33
09162000,München,kreisfreie-stadt,Kreisfreie Stadt,BY,09162,,48.1372,11.5756,310.7
12069,Potsdam-Mittelmark,landkreis,Landkreis,BB,,,52.1500,12.5900,2591.97
"""

ENTRIES = {
    "programmes/bundesprogramm.md": """---
id: bundesprogramm
name: Bundesprogramm Smarte Orte
funder: Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen
level: bund
start: 2019
end: 2027
volume: 820000000
url: https://www.smart-city-dialog.de/
sources:
  - https://www.smart-city-dialog.de/
last_reviewed: 2025-01-15
---
Ein Programm des Bundes.
""",
    "funding-projects/projekt-muenchen.md": """---
id: projekt-muenchen
title: Modellprojekt München
programme: bundesprogramm
call: Staffel 2020
lead: "09162000"
partners: ["08115021"]
laender: [BY, BW]
category: grossstadt
start: 2020
end: 2026
funding_amount: 8000000
total_budget: 12000000
measures:
  - title: Mobilitätsauskunft
    summary: Eine Auskunft für alle Verkehrsmittel der Region.
    url: https://www.smart-city-dialog.de/modellprojekte/mobilitaet
    solution: stadtnavi
  - title: Strategie
solutions: [stadtnavi]
sources:
  - https://www.smart-city-dialog.de/modellprojekte
last_reviewed: 2025-01-15
---
""",
    "solutions/stadtnavi.md": """---
id: stadtnavi
name: stadtnavi
summary: Mobilitätsauskunft für Städte und Gemeinden, die alle Verkehrsmittel verbindet.
action_fields: [mobilitaet]
tags: [Navigation, ÖPNV]
development_status: stable
open_source: true
licence: EUPL-1.2 OR AGPL-3.0-only
repository: https://github.com/stadtnavi/digitransit-ui
origin: ["08115021"]
used_by: ["08115021", "08118048"]
used_by_sources:
  - place: "08115021"
    url: https://www.herrenberg.de/stadtnavi
  - place: "08118048"
    url: https://www.ludwigsburg.de/stadtnavi
standards: [GTFS, GBFS]
hosting: [eigenbetrieb]
transfer_readiness: P5
contact: mailto:info@example.org
funding_projects: [projekt-muenchen]
sources:
  - https://github.com/stadtnavi/digitransit-ui
last_reviewed: 2025-01-15
---
Ein Text über **stadtnavi** mit Umlauten: Fußgänger, Größe.

Zweiter Absatz.
""",
    "guidelines/mobilitaet-uebertragen.md": """---
id: mobilitaet-uebertragen
title: Mobilitätsauskunft übertragen
summary: Wie eine Kommune eine offene Mobilitätsauskunft übernimmt.
audience: [digitalisierung]
phases: [P3, P5]
workstreams: [technisch]
solutions: [stadtnavi]
projects: [projekt-muenchen]
effort: mittel
prerequisites: [Fahrplandaten im GTFS-Format]
sources:
  - https://skalierung.smart-city-dialog.de/roadmap-erster-eindruck
last_reviewed: 2025-01-15
---
## P3 Pilotphase

Testen Sie die Lösung.
""",
}


@dataclass
class Result:
    code: int
    out: str
    err: str


def make_data(target: Path) -> Path:
    """A valid data folder with one entry per collection, reference tables from the repo."""
    (target / "reference").mkdir(parents=True)
    shutil.copytree(REPO / "data/reference/vocabularies", target / "reference/vocabularies")
    shutil.copy(REPO / "data/reference/laender.csv", target / "reference/laender.csv")
    shutil.copy(REPO / "data/reference/laender-grenzen.geojson", target / "reference/laender-grenzen.geojson")
    shutil.copy(REPO / "data/reference/gebietsstand.json", target / "reference/gebietsstand.json")
    shutil.copy(REPO / "data/datapackage.yaml", target / "datapackage.yaml")
    (target / "reference/places.csv").write_text(PLACES, encoding="utf-8")
    for name, text in ENTRIES.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def catalogue():
    """The shipped data, loaded once per run; the tests only read it."""
    from smartregio.load import load_catalogue

    catalogue, problems = load_catalogue(REPO / "data")
    assert not problems, problems.as_text()
    return catalogue


@pytest.fixture(scope="session")
def dictionary():
    """The search's dictionary, read once per run from the word sets a build keeps in the
    repository's build/cache/ (written there by the first run)."""
    from smartregio.publish.compounds import Dictionary

    return Dictionary.load(REPO / "build" / "cache")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data(tmp_path / "data")


@pytest.fixture
def cli(capsys):
    """Run the command line in-process; returns exit code and output."""

    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


# --- the shipped data as a site, in a browser (test_browser, test_reading, test_search) ------------
@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The site of the repository's own data, built once per run: the browser tests only read
    it. With several test processes (pytest-xdist) the first to need it builds it into the
    run's own folder and the others wait for it and read the same."""
    import fcntl

    from .site_helpers import build

    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # the run's folder, above each process's own
    root = run / "shipped"
    with open(run / "shipped.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (root / "gebaut").is_file():
            shutil.rmtree(root, ignore_errors=True)
            build(REPO / "data", root / "site", root / "work")
            (root / "gebaut").touch()
    return root / "site"


@pytest.fixture(scope="session")
def origin(shipped_site):
    from .site_helpers import serve

    with serve(shipped_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from .site_helpers import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium fehlt: 'python3 scripts/dev.py test' installiert es.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A desktop page in German that collects the script errors it sees."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
