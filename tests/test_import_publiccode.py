"""``smartregio import publiccode``: publiccode.yml 0.2 to 0.7 → a solution draft."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from smartregio.frontmatter import read
from smartregio.importers import publiccode
from smartregio.load import load_catalogue

FIXTURES = Path(__file__).parent / "fixtures" / "publiccode"
REPO = Path(__file__).resolve().parents[1]
PUBLICCODE_URL = "https://example.org/publiccode.yml"


def run(cli, name: str, data: Path, *extra: str):
    return cli("import", "publiccode", str(FIXTURES / name), "--data", str(data), *extra)


def complete(path: Path, fields: str = "action_fields: [verwaltung]\ntransfer_readiness: P3\n") -> None:
    """Do what the contributor does: fill in the fields publiccode.yml cannot know."""
    text = path.read_text(encoding="utf-8")
    marker = "# Bitte ergänzen"
    assert marker in text
    path.write_text(text.replace(marker, fields + marker, 1), encoding="utf-8")


def test_v03_like_the_smart_village_app(cli, data):
    result = run(cli, "v0.3-dorf-app.yml", data, "--url", PUBLICCODE_URL)
    assert result.code == 0, result.err
    assert "publiccode.yml Version 0.3; Beschreibung in „de“" in result.out
    assert "Von Hand zu ergänzen (aus publiccode.yml nicht ableitbar): action_fields (Handlungsfelder), " in (
        result.out
    )
    assert (
        "usedBy nennt 4 Nutzer (freier Text, keine Schlüssel; nicht übernommen): Stadt Herrenberg → 08115021; "
        "Stadt Ludwigsburg → 08118048; Landkreis Potsdam-Mittelmark → 12069; Gemeinde Nirgendwo"
    ) in result.out
    path = data / "solutions/dorf-app-beispiel.md"
    draft = read(path, "x")
    fields = draft.fields
    assert fields["name"] == "Dorf-App Beispiel"
    assert fields["summary"] == (
        "Die Dorf-App Beispiel ist ein offener App-Baukasten für Städte, Gemeinden und Landkreise."
    )
    assert fields["licence"] == "GPL-3.0-or-later" and fields["open_source"] is True
    assert fields["repository"] == "https://github.com/beispiel/dorf-app"
    assert fields["website"] == "https://dorf-app.example.org"
    assert fields["development_status"] == "stable" and fields["maintenance"] == "contract"
    assert fields["provider"] == "Stadt Beispielstadt"  # mainCopyrightOwner before repoOwner
    assert fields["contact"] == "mailto:kontakt@dorf-app.example.org"
    assert fields["publiccode_url"] == PUBLICCODE_URL
    assert fields["tags"] == ["communications", "digital-citizenship", "local-authorities"]
    assert fields["sources"] == ["https://github.com/beispiel/dorf-app", PUBLICCODE_URL]
    assert fields["last_reviewed"] == date.today()
    assert "used_by" not in fields and "action_fields" not in fields
    assert draft.body.startswith("Die Dorf-App Beispiel ist eine Informations- und Dienstleistungsapp")
    assert "## Funktionen\n\n- Aktuelle Nachrichten\n- Veranstaltungskalender\n- Mängelmelder\n" in draft.body
    text = path.read_text(encoding="utf-8")
    assert '#   - "08115021"    # Stadt Herrenberg' in text  # a suggestion, not a value

    problems = load_catalogue(data)[1]
    assert {(p.field, p.message) for p in problems} == {
        ("action_fields", "Pflichtfeld fehlt."),
        ("transfer_readiness", "Pflichtfeld fehlt."),
    }
    complete(path)
    assert cli("validate", "--data", str(data)).code == 0


def test_v02_old_italian_layout(cli, data):
    result = run(cli, "v0.2-italienisch.yml", data)
    assert result.code == 0, result.err
    assert "Beschreibung in „eng“" in result.out  # no German: English before Italian
    assert "Lizenz in SPDX-Schreibweise gebracht: „AGPL-3.0“ → „AGPL-3.0-only“" in result.out
    fields = read(data / "solutions/protocollo-esempio.md", "x").fields
    assert fields["summary"] == "Records management for small municipalities."
    assert fields["licence"] == "AGPL-3.0-only" and fields["open_source"] is True
    assert fields["provider"] == "Comune di Esempio"
    assert fields["maintenance"] == "internal"
    assert fields["contact"] == "mailto:maria.rossi@example.org"
    assert "website" not in fields and "publiccode_url" not in fields
    assert fields["sources"] == ["https://example.org/comune-esempio/protocollo.git"]
    assert fields["tags"] == ["document-management", "workflow-management", "local-authorities"]
    complete(data / "solutions/protocollo-esempio.md")
    assert cli("validate", "--data", str(data)).code == 0


def test_v07_organisation_supports_funded_by(cli, data):
    result = run(cli, "v0.7-organisation.yml", data, "--id", "beteiligung")
    assert result.code == 0, result.err
    assert "Beschreibung in „de-DE“" in result.out
    assert "supports (nicht übernommen, ggf. als standards): OGC API Features" in result.out
    assert "fundedBy (nicht übernommen, ggf. als funding_projects): Modellprojekt Beispielstadt" in result.out
    fields = read(data / "solutions/beteiligung.md", "x").fields
    assert fields["id"] == "beteiligung"
    assert fields["provider"] == "Kommunaler Zweckverband Beispiel"  # organisation.name
    assert fields["development_status"] == "beta" and fields["maintenance"] == "community"
    assert fields["licence"] == "EUPL-1.2" and fields["open_source"] is True
    assert "contact" not in fields  # the contact has no e-mail address
    complete(data / "solutions/beteiligung.md")
    assert cli("validate", "--data", str(data)).code == 0


def test_licence_that_is_not_osi_leaves_open_source_to_the_contributor(cli, data, tmp_path):
    source = tmp_path / "publiccode.yml"
    text = (FIXTURES / "v0.7-organisation.yml").read_text(encoding="utf-8")
    source.write_text(text.replace("license: EUPL-1.2", "license: CC-BY-NC-4.0"), encoding="utf-8")
    result = cli("import", "publiccode", str(source), "--data", str(data))
    assert result.code == 0, result.err
    assert "open_source (Open Source)" in result.out
    path = data / "solutions/beteiligung-beispiel.md"
    assert "open_source" not in read(path, "x").fields
    assert "# open_source:" in path.read_text(encoding="utf-8")
    complete(path, "action_fields: [beteiligung]\ntransfer_readiness: P2\nopen_source: false\n")
    assert cli("validate", "--data", str(data)).code == 0


def test_bad_values_are_located_in_the_publiccode_file(cli, data, tmp_path):
    source = tmp_path / "publiccode.yml"
    text = (FIXTURES / "v0.3-dorf-app.yml").read_text(encoding="utf-8")
    text = text.replace("license: GPL-3.0-or-later", "license: GPL3").replace(
        "developmentStatus: stable", "developmentStatus: released"
    )
    source.write_text(text, encoding="utf-8")
    result = cli("import", "publiccode", str(source), "--data", str(data))
    assert result.code == 1
    lines = text.splitlines()
    licence_line = next(i for i, line in enumerate(lines, 1) if "license: GPL3" in line)
    status_line = next(i for i, line in enumerate(lines, 1) if "developmentStatus" in line)
    assert (
        f"{source}:Zeile {licence_line}: Schlüssel „legal.license“ (licence): Keine gültige SPDX"
        in result.err
    )
    assert (
        f"{source}:Zeile {status_line}: Schlüssel „developmentStatus“ (development_status): "
        "„released“ ist kein erlaubter Wert."
    ) in result.err
    assert "Pflichtfeld" not in result.err  # the fields it cannot know are not errors
    assert not (data / "solutions/dorf-app-beispiel.md").exists()


def test_not_a_publiccode_file(cli, data, tmp_path):
    source = tmp_path / "irgendwas.yml"
    source.write_text("name: x\n", encoding="utf-8")
    result = cli("import", "publiccode", str(source), "--data", str(data))
    assert result.code == 1 and "publiccodeYmlVersion fehlt" in result.err
    source.write_text("name: [x\n", encoding="utf-8")
    result = cli("import", "publiccode", str(source), "--data", str(data))
    assert result.code == 1 and f"{source}:Zeile 2: YAML-Fehler" in result.err


def test_existing_entry_needs_update_and_keeps_its_own_fields(cli, data, tmp_path):
    source = tmp_path / "publiccode.yml"
    shutil.copy(FIXTURES / "v0.3-dorf-app.yml", source)
    result = cli("import", "publiccode", str(source), "--data", str(data), "--id", "stadtnavi")
    assert result.code == 1
    assert "Den Eintrag gibt es schon" in result.err and "--update" in result.err
    result = cli("import", "publiccode", str(source), "--data", str(data), "--id", "stadtnavi", "--update")
    assert result.code == 0, result.err
    entry = load_catalogue(data)[0].entries["solutions"]["stadtnavi"]
    assert entry.name == "Dorf-App Beispiel"
    assert entry.action_fields == ["mobilitaet"] and entry.transfer_readiness == "P5"  # kept
    assert entry.used_by == ["08115021", "08118048"]  # not in publiccode.yml: kept


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("MIT", True),
        ("EUPL-1.2 OR AGPL-3.0-only", True),
        ("CC-BY-NC-4.0 OR MIT", True),
        ("CC-BY-NC-4.0 AND MIT", False),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", True),
        ("CC-BY-NC-4.0", False),
        ("kaputt (", None),
    ],
)
def test_osi_approved(expression, expected):
    assert publiccode.osi_approved(expression) is expected


def test_mapping_table_is_in_contributing():
    """The mapping is documented twice: in the module and in CONTRIBUTING.md; they agree."""
    doc = publiccode.__doc__ or ""
    rows = [line for line in doc.splitlines() if line.startswith("| ") and "---" not in line][1:]
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert rows
    for row in rows:
        assert re.sub(r"``", "`", row) in contributing, row


# --- the standard ----------------------------------------------------------------------------


def test_every_fixture_is_valid_by_the_standard():
    import yaml

    from smartregio.importers.publiccode_standard import check_publiccode

    for path in sorted(FIXTURES.glob("*.yml")):
        assert check_publiccode(yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path.name


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        (lambda d: d.pop("platforms"), "platforms", "Pflichtangabe"),
        (lambda d: d.update(platforms="web"), "platforms", "Erwartet wird eine Liste"),
        (lambda d: d.update(softwareType="app"), "softwareType", "nicht erlaubt"),
        (lambda d: d.pop("localisation"), "localisation", "Pflichtangabe"),
        (
            lambda d: d["localisation"].update(localisationReady="ja"),
            "localisation.localisationReady",
            "true",
        ),
        (lambda d: d["maintenance"].update(type="contract"), "maintenance.contractors", "Auftragnehmer"),
        (lambda d: d["maintenance"].pop("contacts"), "maintenance.contacts", "Ansprechpersonen"),
        (lambda d: d.update(foobar=1), "foobar", "Unbekannter Schlüssel"),
        (lambda d: d.update(releaseDate="2024-02-30"), "releaseDate", "JJJJ-MM-TT"),
        (lambda d: d.update(logo="/etc/logo.png"), "logo", "Pfad im Repository"),
        (lambda d: d.update(inputTypes=["kein typ"]), "inputTypes[0]", "MIME"),
        (lambda d: d.update(publiccodeYmlVersion="9.9"), "publiccodeYmlVersion", "Unbekannte Version"),
    ],
)
def test_a_file_the_standard_rejects_is_not_imported(cli, data, tmp_path, change, key, message):
    import yaml

    doc = yaml.safe_load((FIXTURES / "v0.7-organisation.yml").read_text(encoding="utf-8"))
    change(doc)
    source = tmp_path / "publiccode.yml"
    source.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = cli("import", "publiccode", str(source), "--data", str(data))
    assert result.code == 1
    found = [line for line in result.err.splitlines() if f"„{key}“" in line]
    assert found and message in found[0] and "(Standard publiccode.yml)" in found[0], result.err
    assert not list((data / "solutions").glob("beteiligung*.md"))


def test_features_are_required_in_v0_but_not_in_v1():
    import yaml

    from smartregio.importers.publiccode_standard import check_publiccode

    doc = yaml.safe_load((FIXTURES / "v0.7-organisation.yml").read_text(encoding="utf-8"))
    for text in doc["description"].values():
        text.pop("features")
    assert any(key.endswith(".features") for key, _ in check_publiccode(doc))
    doc["publiccodeYmlVersion"] = "1"
    assert not any(key.endswith(".features") for key, _ in check_publiccode(doc))
