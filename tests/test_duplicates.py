"""Look-alike entries: warned about with both files named, never an error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from smartregio.duplicates import Item, _collection_duplicates, normalise_name, normalise_url

SOLUTION = """---
id: {id}
name: "{name}"
summary: Eine Lösung für Kommunen, die beim Testen hilft.
action_fields: [verwaltung]
development_status: beta
open_source: false
transfer_readiness: P2
{extra}sources:
  - https://example.org/quelle
last_reviewed: 2025-01-15
---
"""


def add_solution(data: Path, entry_id: str, name: str, extra: str = "") -> Path:
    path = data / "solutions" / f"{entry_id}.md"
    path.write_text(SOLUTION.format(id=entry_id, name=name, extra=extra), encoding="utf-8")
    return path


def warnings_text(cli, data: Path) -> list[str]:
    result = cli("validate", "--data", str(data))
    assert result.code == 0, result.err
    return [line for line in result.err.splitlines() if "Warnung:" in line]


def test_same_name_after_normalising(cli, data):
    add_solution(data, "smart-village-app", "Smart Village App")
    add_solution(data, "smartvillage-app", "SmartVillage-App")
    lines = warnings_text(cli, data)
    assert len(lines) == 1
    line = lines[0]
    assert re.match(r"^\S+/solutions/smartvillage-app\.md:3: name: Warnung: ", line), line
    assert "ähnlich wie „Smart Village App“" in line and "solutions/smart-village-app.md:3" in line


def test_near_name(cli, data):
    add_solution(data, "maengelmelder", "Mängelmelder Bürgerservice")
    add_solution(data, "maengelmelder-2", "Maengelmelder Buergerservce")
    lines = warnings_text(cli, data)
    assert len(lines) == 1
    assert "maengelmelder.md:3" in lines[0] and "maengelmelder-2.md:3" in lines[0]
    assert "fast gleicher Name" in lines[0]


def test_same_repository_url(cli, data):
    add_solution(
        data,
        "digitransit",
        "Digitransit Routenplaner",
        "repository: http://www.GitHub.com/stadtnavi/digitransit-ui/\n",
    )
    lines = warnings_text(cli, data)
    assert len(lines) == 1
    assert lines[0].startswith(str(data / "solutions/stadtnavi.md")) or "stadtnavi.md" in lines[0]
    assert "repository" in lines[0] and "Adresse" in lines[0] and "ähnlich wie" in lines[0]
    assert "digitransit.md" in lines[0] and "stadtnavi.md" in lines[0]


def test_website_of_one_is_repository_of_other(cli, data):
    add_solution(
        data, "zweite", "Ganz andere Lösung", "website: https://github.com/stadtnavi/digitransit-ui.git\n"
    )
    lines = warnings_text(cli, data)
    assert len(lines) == 1 and "website" in lines[0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Modellprojekt Smart City Jena", "Modellprojekt Smart City Gera"),
        ("Modellprojekt Smart City Lübeck", "Modellprojekt Smart City Einbeck"),
        ("Projekt Smarte Region 12", "Projekt Smarte Region 13"),
        ("Mängelmelder", "Mitfahrbank"),
        ("Digitaler Zwilling Ulm", "Digitale Bürgerbeteiligung Ulm"),
    ],
)
def test_no_warning_for_clearly_different_names(cli, data, a, b):
    add_solution(data, "eins", a)
    add_solution(data, "zwei", b)
    assert warnings_text(cli, data) == []


def test_warnings_do_not_change_the_exit_code_and_have_their_own_json_list(cli, data):
    add_solution(data, "smart-village-app", "Smart Village App")
    add_solution(data, "smartvillage-app", "SmartVillage-App")
    result = cli("validate", "--data", str(data), "--format", "json")
    assert result.code == 0
    out = json.loads(result.out)
    assert out["problems"] == [] and out["count"] == 0
    assert len(out["warnings"]) == 1
    warning = out["warnings"][0]
    assert warning["field"] == "name" and warning["line"] == 3
    assert warning["message"].startswith("Warnung:")

    (data / "solutions/smart-village-app.md").write_text("kaputt", encoding="utf-8")
    add_solution(data, "smart-village-app-2", "Smart Village App")
    result = cli("validate", "--data", str(data), "--format", "json")
    assert result.code == 1
    out = json.loads(result.out)
    assert out["count"] == 1 and len(out["warnings"]) == 1


def test_github_format_marks_warnings_as_warnings(cli, data):
    add_solution(data, "smart-village-app", "Smart Village App")
    add_solution(data, "smartvillage-app", "SmartVillage-App")
    result = cli("validate", "--data", str(data), "--format", "github")
    assert result.code == 0
    (line,) = result.out.splitlines()
    assert re.match(r"^::warning file=[^,]+smartvillage-app\.md,line=3,title=name::Warnung: ", line), line


def test_shipped_data_has_no_warnings(cli):
    result = cli("validate")
    assert result.code == 0
    assert "Warnung" not in result.err


def test_normalising():
    assert normalise_name("Smart Village App") == normalise_name("SmartVillage-App") == "smartvillageapp"
    assert normalise_name("Gießen Größe") == "giessengroesse"
    assert normalise_url("https://www.Example.org/a/") == normalise_url("http://example.org/a")
    assert normalise_url("https://github.com/x/y.git") == normalise_url("https://github.com/x/y")
    assert normalise_url("https://example.org/?p=1") != normalise_url("https://example.org/?p=2")


def test_fast_for_ten_thousand_entries():
    words = ["Stadt", "Dorf", "App", "Portal", "Daten", "Mobil", "Klima", "Park", "Bürger", "Karte"]
    items = []
    for i in range(10_000):
        name = " ".join(words[(i * k) % len(words)] for k in (1, 3, 7)) + f" Lösung {i}"
        items.append(Item(f"data/solutions/l-{i:05d}.md", 3, name, normalise_name(name)))
    typo = items[1].name.replace("Lösung", "Lösng")  # "Dorf Portal Park Lösng 1"
    items.append(Item("data/solutions/z-typo.md", 3, typo, normalise_name(typo)))
    found = _collection_duplicates("solutions", sorted(items, key=lambda item: item.path))  # timed in bench
    assert {(d.first.path, d.second.path) for d in found} >= {
        ("data/solutions/l-00001.md", "data/solutions/z-typo.md")
    }
