"""The checks that keep the facts true: key forms, points in their Land, warnings for gaps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import PLACES


def _places(data: Path, *rows: str) -> None:
    (data / "reference/places.csv").write_text(PLACES + "".join(r + "\n" for r in rows), encoding="utf-8")


def test_a_key_on_000_is_a_kreisfreie_stadt(data, cli):
    _places(data, "08111000,Stuttgart,stadt,Stadtkreis,BW,08111,,48.7758,9.1829,207.33")
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "places.csv:6: kind:" in result.err
    assert "kreisfreie Stadt" in result.err


def test_a_kreisfreie_stadt_has_a_key_on_000(data, cli):
    _places(data, "08115022,Herrenberg,kreisfreie-stadt,Stadt,BW,08115,,48.5967,8.8708,65.7")
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "auf „000“" in result.err


def test_a_project_without_measures_or_solutions_is_a_warning(data, cli):
    path = data / "funding-projects/projekt-muenchen.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("measures:"), text.index("sources:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = cli("validate", "--data", str(data))
    assert result.code == 0
    assert "projekt-muenchen.md:1: measures: Das Projekt nennt weder Maßnahmen" in result.err
    assert "1 Warnung(en)" in result.out


def test_a_use_without_its_source_is_a_warning(data, cli):
    path = data / "solutions/stadtnavi.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('  - place: "08118048"\n    url: https://www.ludwigsburg.de/stadtnavi\n', "")
    )
    result = cli("validate", "--data", str(data))
    assert result.code == 0
    assert (
        "stadtnavi.md:12: used_by: Für den Einsatz in Ludwigsburg (08118048) nennt der Eintrag keinen Beleg"
        in result.err
    )


def test_a_source_for_a_town_not_in_used_by_is_a_warning(data, cli):
    path = data / "solutions/stadtnavi.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('place: "08118048"', 'place: "09162000"'))
    result = cli("validate", "--data", str(data))
    assert result.code == 0
    assert (
        "stadtnavi.md:16: used_by_sources: Belegt wird der Einsatz in 09162000, der Schlüssel steht "
        "aber nicht unter used_by." in result.err
    )


def test_measures_are_checked_field_by_field_and_their_solutions_resolved(data, cli):
    path = data / "funding-projects/projekt-muenchen.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    solution: stadtnavi\n", "    solution: stadtnavy\n")
    text = text.replace("  - title: Strategie\n", "  - titel: Strategie\n    url: ftp://example.org/\n")
    path.write_text(text, encoding="utf-8")
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    lines = result.err.splitlines()
    assert any(
        "projekt-muenchen.md:18: measures[1].solution: Verweis auf unbekannte(s) Lösung „stadtnavy“. Meinten Sie „stadtnavi“?"
        in line
        for line in lines
    )
    assert any("projekt-muenchen.md:19: measures[2].title: Pflichtfeld fehlt." in line for line in lines)
    assert any(
        "projekt-muenchen.md:19: measures[2].titel: Unbekanntes Feld. Meinten Sie „title“?" in line
        for line in lines
    )
    assert any(
        "projekt-muenchen.md:20: measures[2].url: Die Adresse muss mit https:// oder http:// beginnen."
        in line
        for line in lines
    )


def test_measures_are_a_table_of_the_package_with_keys(data, cli, tmp_path):
    out = tmp_path / "pkg"
    assert cli("package", "--data", str(data), "--out", str(out)).code == 0
    rows = (out / "funding-projects-measures.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "funding_project,position,title,summary,url,solution"
    assert rows[1].startswith("projekt-muenchen,1,Mobilitätsauskunft,")
    assert rows[1].endswith(",stadtnavi")
    assert rows[2] == "projekt-muenchen,2,Strategie,,,"
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    measures = next(r for r in descriptor["resources"] if r["name"] == "funding-projects-measures")
    assert measures["schema"]["primaryKey"] == ["funding_project", "position"]
    assert {"fields": ["solution"], "reference": {"resource": "solutions", "fields": ["id"]}} in measures[
        "schema"
    ]["foreignKeys"]
    sources = next(r for r in descriptor["resources"] if r["name"] == "solutions-used-by-sources")
    assert [f["name"] for f in sources["schema"]["fields"]] == ["solution", "position", "place", "url"]


def test_an_unknown_key_names_the_official_places_one_slip_away(data, cli):
    path = data / "funding-projects/projekt-muenchen.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace('lead: "09162000"', 'lead: "09126000"'), encoding="utf-8"
    )
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "projekt-muenchen.md:6: lead: Den Schlüssel 09126000 gibt es in den amtlichen" in result.err
    assert "Meinten Sie 09162000 (München, Kreisfreie Stadt)?" in result.err


def test_a_gemeinde_lies_in_its_kreis_and_verband(data, cli):
    _places(
        data,
        "08116001,Aichtal,stadt,Stadt,BW,08115,,48.62,9.25,24.6",
        "08116002,Altbach,gemeinde,Gemeinde,BW,08116,081175001,48.72,9.38,2.9",
    )
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "places.csv:6: kreis: Der Schlüssel 08116001 liegt nicht im Kreis 08115." in result.err
    assert "places.csv:7: verband: Die Gemeinde 08116002 liegt nicht im Verband 081175001." in result.err


@pytest.mark.parametrize(
    ("title", "warned"),
    [
        ("Modellprojekt Smart City Muenchen", True),  # the lead's name, spelt otherwise
        ("Smarte.Land.Region Stadt Münchn", True),
        ("Modellprojekt Smart City München", False),  # the official name
        ('"Modellprojekt Smart Cities: 5 für Südwestfalen"', False),  # names no place
    ],
)
def test_a_title_that_repeats_its_lead_place_spells_it_officially(data, cli, title, warned):
    path = data / "funding-projects/projekt-muenchen.md"
    text = path.read_text(encoding="utf-8").replace("title: Modellprojekt München", f"title: {title}")
    path.write_text(text, encoding="utf-8")
    result = cli("validate", "--data", str(data))
    assert result.code == 0
    message = "projekt-muenchen.md:3: title: Der Titel schreibt"
    assert (message in result.err + result.out) is warned, result.err + result.out
    if warned:
        assert "der amtliche Name von 09162000 ist „München“" in result.err + result.out


def test_place_contacts_are_checked_like_references_and_packaged(data, cli, tmp_path):
    """data/reference/place-contacts.csv: one row per official place, each with its source; an
    unknown key names the official keys one slip away, a second row for a place is refused."""
    contacts = data / "reference/place-contacts.csv"
    contacts.write_text(
        "key,contact,kind,source,last_reviewed\n"
        "09162000,mailto:digital@muenchen.example,digitalisierung,https://example.org/impressum,2026-12-01\n",
        encoding="utf-8",
    )
    assert cli("validate", "--data", str(data)).code == 0
    assert cli("package", "--data", str(data), "--out", str(tmp_path / "pkg")).code == 0
    descriptor = json.loads((tmp_path / "pkg/datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "place-contacts")
    assert {"fields": ["key"], "reference": {"resource": "places", "fields": ["key"]}} in resource["schema"][
        "foreignKeys"
    ]
    assert "mailto:digital@muenchen.example" in (tmp_path / "pkg/place-contacts.csv").read_text(
        encoding="utf-8"
    )

    contacts.write_text(
        contacts.read_text(encoding="utf-8")
        + "09126000,https://example.org/kontakt,smartcity,https://example.org/kontakt,2026-12-01\n"
        + "09162000,https://example.org/zweiter,smartcity,https://example.org/z,2026-12-01\n"
        + "08115021,https://example.org/k,erfunden,nicht-url,2026-12-01\n",
        encoding="utf-8",
    )
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "place-contacts.csv:3: key: Den Schlüssel 09126000 gibt es in den amtlichen" in result.err
    assert "Meinten Sie 09162000 (München" in result.err
    assert "place-contacts.csv:4: key: Für 09162000 steht schon in Zeile 2 ein Kontakt." in result.err
    assert "place-contacts.csv:5: kind:" in result.err and "place-contacts.csv:5: source:" in result.err


def test_a_reference_table_cell_longer_than_any_value_is_named_in_german(data, cli):
    """A cell over CSV's field limit in a reference table: its line and column, no csv.Error text."""
    (data / "reference/place-contacts.csv").write_text(
        "key,contact,kind,source,last_reviewed\n"
        f"09162000,mailto:a@example.org,it,https://example.org/{'a' * 200_000},2026-12-01\n",
        encoding="utf-8",
    )
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert "place-contacts.csv:2: source: Die Zelle ist länger als 131.072 Zeichen" in result.err
    assert "field limit" not in result.err


def test_synonym_groups_are_checked_with_line_and_field(data, cli):
    (data / "reference/synonyme.csv").write_text(
        "begriffe\nFörderung|Förderprogramm\nKI\nParken|Förderung\n" + "x" * 61 + "|y\n", encoding="utf-8"
    )
    result = cli("validate", "--data", str(data))
    assert result.code == 1
    assert (
        "data/reference/synonyme.csv:3: begriffe: Eine Gruppe braucht mindestens zwei Begriffe" in result.err
    )
    assert (
        "synonyme.csv:4: begriffe: „Förderung“ steht schon in Zeile 2; ein Begriff gehört zu einer Gruppe."
        in (result.err)
    )
    assert "synonyme.csv:5: begriffe: „xxxxxxxxxxxxxxxxxxxx…“ ist länger als 60 Zeichen." in result.err


def test_synonym_groups_are_published_for_the_search(data, tmp_path):
    from smartregio.load import load_catalogue
    from smartregio.pages.views import Views
    from smartregio.publish.api import write_api

    (data / "reference/synonyme.csv").write_text("begriffe\nFörderung|Förderprogramm\n", encoding="utf-8")
    catalogue, problems = load_catalogue(data)
    assert not problems, problems.as_text()
    write_api(catalogue, Views(catalogue, None, True), tmp_path)
    published = json.loads((tmp_path / "api/v1/synonyme.json").read_text(encoding="utf-8"))
    assert published == [["Förderung", "Förderprogramm"]]
