"""Two relations between a project and a solution: the project *developed* it („Entstandene
Lösungen“ / „Entstanden in den Förderprojekten“) or *uses* it („Eingesetzte Lösungen“ /
„Eingesetzt in den Förderprojekten“). A pair is listed once, under the stronger claim; the
package carries each relation as its own link table, the API each as its own field."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from smartregio.load import load_catalogue
from smartregio.pages.generate import Generator

from .conftest import REPO

CKAN = """---
id: ckan
name: CKAN
summary: Freie Software für Open-Data-Portale, mit der Kommunen ihre Datensätze veröffentlichen.
action_fields: [daten-plattformen]
development_status: stable
open_source: true
licence: AGPL-3.0-only
repository: https://github.com/ckan/ckan
transfer_readiness: P3
sources:
  - https://github.com/ckan/ckan
last_reviewed: 2025-01-15
---
"""


def _with_use(data: Path) -> Path:
    """The test project developed stadtnavi (and a measure names it too) and uses CKAN, once
    in ``uses_solutions`` and once through a measure."""
    (data / "solutions/ckan.md").write_text(CKAN, encoding="utf-8")
    project = data / "funding-projects/projekt-muenchen.md"
    text = project.read_text(encoding="utf-8")
    text = text.replace("solutions: [stadtnavi]", "solutions: [stadtnavi]\nuses_solutions: [ckan]")
    text = text.replace(
        "  - title: Strategie", "  - title: Datenportal\n    solution: ckan\n  - title: Strategie"
    )
    project.write_text(text, encoding="utf-8")
    return data


def _related(page: Path) -> dict[str, list[str]]:
    """The lists of related entries on a generated page: heading → link texts."""
    body = json.loads(page.read_text(encoding="utf-8").split("\n")[1])["body_html"]
    found = {}
    for heading, items in re.findall(
        r'<section class="sr-related"[^>]*>\s*<h2[^>]*>([^<]+)</h2>(.*?)</section>', body, re.S
    ):
        found[heading] = re.findall(r"<a [^>]*>([^<]+)</a>", items)
    return found


def test_a_project_lists_what_it_developed_and_what_it_uses_each_once(data, tmp_path):
    catalogue, problems = load_catalogue(_with_use(data))
    assert not problems, problems.as_text()
    docs = tmp_path / "docs"
    Generator(catalogue).write(REPO / "content", docs)

    project = _related(docs / "foerderprojekte/projekt-muenchen/index.md")
    assert project["Entstandene Lösungen"] == ["stadtnavi"]  # its measure does not repeat it as „used“
    assert project["Eingesetzte Lösungen"] == ["CKAN"]
    assert _related(docs / "loesungen/ckan/index.md")["Eingesetzt in den Förderprojekten"] == [
        "Modellprojekt München"
    ]
    # a programme funded what its project developed, not what the project only uses
    assert "Gefördert aus den Programmen" not in _related(docs / "loesungen/ckan/index.md")
    stadtnavi = _related(docs / "loesungen/stadtnavi/index.md")
    assert stadtnavi["Gefördert aus den Programmen"] == ["Bundesprogramm Smarte Orte"]
    assert stadtnavi["Entstanden in den Förderprojekten"] == ["Modellprojekt München"]
    assert "Eingesetzt in den Förderprojekten" not in stadtnavi


def test_a_measure_alone_is_the_weaker_claim(data, tmp_path):
    data = _with_use(data)
    project = data / "funding-projects/projekt-muenchen.md"
    text = project.read_text(encoding="utf-8").replace("uses_solutions: [ckan]\n", "")
    project.write_text(text.replace("solutions: [stadtnavi]\n", ""), encoding="utf-8")
    solution = data / "solutions/stadtnavi.md"
    solution.write_text(
        solution.read_text(encoding="utf-8").replace("funding_projects: [projekt-muenchen]\n", ""),
        encoding="utf-8",
    )
    catalogue, problems = load_catalogue(data)
    assert not problems, problems.as_text()
    docs = tmp_path / "docs"
    Generator(catalogue).write(REPO / "content", docs)
    related = _related(docs / "foerderprojekte/projekt-muenchen/index.md")
    assert related["Eingesetzte Lösungen"] == ["CKAN", "stadtnavi"]
    assert "Entstandene Lösungen" not in related


def test_the_package_and_the_api_carry_both_relations(data, cli, tmp_path):
    _with_use(data)
    out = tmp_path / "paket"
    result = cli("package", "--data", str(data), "--out", str(out))
    assert result.code == 0, result.err
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: r for r in descriptor["resources"]}
    uses = next(r for name, r in tables.items() if "uses" in name and "solutions" in name)
    with (out / uses["path"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["funding_project"], row["solution"]) for row in rows] == [("projekt-muenchen", "ckan")]
    keys = uses["schema"]["foreignKeys"]
    assert {fk["reference"]["resource"] for fk in keys} == {"funding-projects", "solutions"}
    developed = tables["funding-projects-solutions"]
    with (out / developed["path"]).open(encoding="utf-8", newline="") as handle:
        assert [row["solution"] for row in csv.DictReader(handle)] == ["stadtnavi"]


def test_project_cards_show_the_federal_grant_and_the_budget_apart_and_sort_by_amount(data, tmp_path):
    """A journalist compares amounts on the cards and sorts by them (largest first); a project
    without an amount follows, in title order."""
    from smartregio.pages.views import Views
    from smartregio.publish.api import write_catalogue_indexes

    second = (data / "funding-projects/projekt-muenchen.md").read_text(encoding="utf-8")
    second = second.replace("id: projekt-muenchen", "id: projekt-gross").replace(
        "Modellprojekt München", "Großes Projekt"
    )
    second = second.replace("funding_amount: 8000000", "funding_amount: 1146000000")
    second = second.replace("total_budget: 12000000", "total_budget: 1500000000")
    (data / "funding-projects/projekt-gross.md").write_text(second, encoding="utf-8")
    third = second.replace("id: projekt-gross", "id: projekt-ohne").replace("Großes Projekt", "Ohne Betrag")
    third = third.replace("funding_amount: 1146000000\n", "").replace("total_budget: 1500000000\n", "")
    (data / "funding-projects/projekt-ohne.md").write_text(third, encoding="utf-8")
    catalogue, problems = load_catalogue(data)
    assert not problems, problems.as_text()
    views = Views(catalogue, None, True)

    card = dict(
        views.card("funding-projects", catalogue.entries["funding-projects"]["projekt-gross"]).compact()["f"]
    )
    assert card["Bundesförderung"] == "1,15\u00a0Mrd.\u00a0€"  # never split across lines
    assert card["Gesamtbudget"] == "1,5\u00a0Mrd.\u00a0€"
    plain = dict(
        views.card("funding-projects", catalogue.entries["funding-projects"]["projekt-ohne"]).compact()["f"]
    )
    assert "Bundesförderung" not in plain and "Gesamtbudget" not in plain

    write_catalogue_indexes(catalogue, views, tmp_path)
    index = json.loads((tmp_path / "api/v1/foerderprojekte/facetten.json").read_text(encoding="utf-8"))
    titles = sorted(["Großes Projekt", "Modellprojekt München", "Ohne Betrag"], key=str.casefold)
    by_grant = [titles[n] for n in index["order"]["foerderung"]]
    assert by_grant == ["Großes Projekt", "Modellprojekt München", "Ohne Betrag"]
    assert [titles[n] for n in index["order"]["budget"]] == by_grant
