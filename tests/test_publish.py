"""Open data for reuse: every download format, checksums, DCAT-AP.de, releases with a
changelog and permanent version folders, the feed."""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import shutil
import sqlite3
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, XSD

from smartregio.load import load_catalogue
from smartregio.package.store import Download
from smartregio.pipeline import BuildError
from smartregio.publish.dcat import Publisher, Release, build_graph

from .conftest import make_data
from .site_helpers import REPO, build, project_copy, run_fresh

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
SHAPES = REPO / "tests/fixtures/dcat-ap-de-3.0-shacl"  # GovData's shapes, see its README.md


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("publish")
    data = make_data(root / "data")
    build(data, root / "site", root / "work")
    return root / "site"


def test_every_download_is_listed_with_size_and_checksum(site):
    latest = site / "daten/latest"
    descriptor = json.loads((latest / "datapackage.json").read_text(encoding="utf-8"))
    listed = {d["path"]: d for d in descriptor["downloads"]}
    for name in (
        "smartregio.zip",
        "smartregio.xlsx",
        "smartregio.sqlite",
        "smartregio.geojson",
        "smartregio.json",
        "loesungen.json",
        "foerderprojekte.json",
        "solutions.csv",
    ):
        raw = (latest / name).read_bytes()
        assert listed[name]["bytes"] == len(raw)
        assert listed[name]["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest()
    page = (site / "daten/index.html").read_text(encoding="utf-8")
    assert "smartregio.xlsx" in page and "CC BY 4.0" in page and "datapackage.json" in page
    # the checksums on the folder's own page; /daten/ stays a short table to choose from
    folder = (latest / "index.html").read_text(encoding="utf-8")
    assert hashlib.sha256((latest / "smartregio.xlsx").read_bytes()).hexdigest() in folder


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_data_page_is_german_with_unique_ids(site):
    page = (site / "daten/index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    headings = re.findall(r"<h([23])[^>]*>(.*?)</h\1>", page)
    for (level, title), (next_level, _) in zip(headings, [*headings[1:], ("2", "")], strict=True):
        assert not (level == "2" and next_level == "2" and title == "Downloads"), "empty Downloads heading"
    text = _text(page)
    descriptor = json.loads((site / "daten/latest/datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert not re.search(r"\b(the|a|an|of|can)\b", resource["description"]), resource["description"]
        assert resource["description"] in html.unescape(page)
    assert "Lösungen als JSON" in text and "Loesungen" not in text and "Foerderprojekte als" not in text
    assert "1 Zeile" in text and "1 Zeilen" not in text  # one solution in the test data
    assert "Ganzzahl" in text and "Ja/Nein" in text


def test_previews_show_typed_values_in_german(site):
    page = html.unescape((site / "daten/index.html").read_text(encoding="utf-8"))
    previews = dict(re.findall(r"<caption>Vorschau: [^<]*„([^“]+)“</caption>(.*?)</table>", page, re.S))
    cells = {name: re.findall(r"<td>(.*?)</td>", body) for name, body in previews.items()}
    assert "820.000.000" in cells["Förderprogramme"] and "820000000.0" not in page
    assert "8.000.000" in cells["Förderprojekte"]
    assert "Ja" in cells["Lösungen"] and "True" not in cells["Lösungen"]
    assert "15.01.2025" in cells["Lösungen"] and "2025-01-15" not in cells["Lösungen"]
    assert "48,1372" in cells["Orte"]


def test_latest_folder_has_an_index_listing_its_files(site):
    latest = site / "daten/latest"
    index = (latest / "index.html").read_text(encoding="utf-8")
    files = sorted(p.name for p in latest.iterdir() if p.name != "index.html")
    linked = set(re.findall(r'<a href="([^"/#]+)">', index))
    assert set(files) <= linked  # every file, linked relative to the folder
    for name in files:
        assert hashlib.sha256((latest / name).read_bytes()).hexdigest() in index
    assert 'href="latest/"' in (site / "daten/index.html").read_text(encoding="utf-8")


def test_citation_without_a_release_names_no_version(site):
    text = _text(html.unescape((site / "daten/index.html").read_text(encoding="utf-8")))
    citation = re.search(r"So zitieren Sie Für Berichte (.*?) Versionen Jede ", text).group(1)
    assert "/daten/latest/" in citation and "abgerufen am" in citation
    assert not (site / "daten/1.0.0").exists() and "/daten/1.0.0/" not in citation


def test_zip_holds_a_valid_package(site, tmp_path):
    from frictionless import validate

    with zipfile.ZipFile(site / "daten/latest/smartregio.zip") as archive:
        archive.extractall(tmp_path)
    report = validate(str(tmp_path / "smartregio/datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])


def _xlsx_rows(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=False)) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_xlsx_opens_with_umlauts_and_dates_intact(site):
    import openpyxl

    book = openpyxl.load_workbook(site / "daten/latest/smartregio.xlsx")
    assert book.sheetnames[:2] == ["Inhalt", "Felder"] and "Lösungen" in book.sheetnames
    sheet = book["Lösungen"]
    row = _xlsx_rows(sheet)[0]
    assert row["Kurzbeschreibung"].startswith("Mobilitätsauskunft für Städte")
    assert isinstance(row["Zuletzt geprüft"], datetime) and row["Zuletzt geprüft"].date() == date(2025, 1, 15)
    fields = _xlsx_rows(book["Felder"])
    assert any(r["Feld"] == "transfer_readiness" and "P5" in (r["Erlaubte Werte"] or "") for r in fields)
    assert {r["Blatt"] for r in fields} <= set(book.sheetnames)


def test_xlsx_sheets_are_german_excel_legal_and_listed(site):
    import openpyxl

    book = openpyxl.load_workbook(site / "daten/latest/smartregio.xlsx")
    descriptor = json.loads((site / "daten/latest/datapackage.json").read_text(encoding="utf-8"))
    contents = {r["Tabelle im Datenpaket"]: r for r in _xlsx_rows(book["Inhalt"])}
    assert set(contents) == {r["name"] for r in descriptor["resources"]}
    for resource in descriptor["resources"]:
        listed = contents[resource["name"]]
        assert listed["Blatt"] in book.sheetnames and listed["Zeilen"] == book[listed["Blatt"]].max_row - 1
    for name in book.sheetnames:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\"), name
        assert not re.fullmatch(r"[a-z-]+", name), f"English table name as sheet name: {name}"
    assert contents["funding-projects"]["Blatt"] == "Förderprojekte"
    assert contents["solutions-used-by"]["Blatt"] == "Lösungen – Im Einsatz in"


def test_every_xlsx_sheet_has_a_frozen_header_and_a_filter(site):
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = openpyxl.load_workbook(site / "daten/latest/smartregio.xlsx")
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("A2", "B2"), sheet.title
        last = get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{max(sheet.max_row, 2)}", sheet.title


def test_xlsx_has_labels_beside_codes_and_names_beside_keys(site):
    import openpyxl

    book = openpyxl.load_workbook(site / "daten/latest/smartregio.xlsx")
    places = {r["Amtlicher Schlüssel"]: r for r in _xlsx_rows(book["Orte"])}
    munich = places["09162000"]
    assert (munich["Art"], munich["Art (Bezeichnung)"]) == ("kreisfreie-stadt", "Kreisfreie Stadt")
    assert (munich["Land"], munich["Land (Bezeichnung)"]) == ("BY", "Bayern")
    solution = _xlsx_rows(book["Lösungen"])[0]
    assert (solution["Entwicklungsstand"], solution["Entwicklungsstand (Bezeichnung)"]) == (
        "stable",
        "Stabil",
    )
    used = _xlsx_rows(book["Lösungen – Im Einsatz in"])
    assert [(r["Lösungen (Name)"], r["Im Einsatz in"], r["Im Einsatz in (Name)"]) for r in used] == [
        ("stadtnavi", "08115021", "Herrenberg"),
        ("stadtnavi", "08118048", "Ludwigsburg"),
    ]
    project = _xlsx_rows(book["Förderprojekte"])[0]
    assert (project["Federführende Kommune"], project["Federführende Kommune (Name)"]) == (
        "09162000",
        "München",
    )


def test_xlsx_values_are_typed(site):
    import openpyxl

    book = openpyxl.load_workbook(site / "daten/latest/smartregio.xlsx")
    solution = _xlsx_rows(book["Lösungen"])[0]
    assert solution["Open Source"] is True
    place = _xlsx_rows(book["Orte"])[0]
    assert isinstance(place["Breite"], float)
    assert book.calculation.calcMode != "manual"  # LibreOffice would show every boolean as 0
    assert all(
        cell.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    )


SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"


def test_libreoffice_reads_the_workbook_as_the_data_says(tmp_path):
    """LibreOffice converts every sheet to CSV; the booleans read as the package's CSV says
    (they showed as 0 in a workbook saved with manual calculation), codes and labels intact."""
    from smartregio.publish.releases import compile_downloads

    if not Path(SOFFICE).exists():
        pytest.fail(
            "LibreOffice fehlt: 'python3 scripts/dev.py test' installiert es (libreoffice-calc-nogui)."
        )

    catalogue, problems = load_catalogue(REPO / "data")
    assert not problems
    downloads = tmp_path / "downloads"
    compile_downloads(catalogue, REPO / "data", downloads)
    out = tmp_path / "csv"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            # comma, double quotes, UTF-8, from line 1; cells as shown; -1: every sheet to its own file
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(out),
            str(downloads / "smartregio.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with (out / "smartregio-Lösungen.csv").open(encoding="utf-8", newline="") as handle:
        sheet = {row["Kennung"]: row for row in csv.DictReader(handle)}
    with (downloads / "solutions.csv").open(encoding="utf-8", newline="") as handle:
        data = {row["id"]: row for row in csv.DictReader(handle)}
    assert set(sheet) == set(data)
    shown = {"true": {"TRUE", "WAHR", "1"}, "false": {"FALSE", "FALSCH", "0"}}
    for key, row in data.items():
        assert sheet[key]["Open Source"] in shown[row["open_source"]], (key, sheet[key]["Open Source"])
        assert sheet[key]["Entwicklungsstand"] == row["development_status"]
    assert {row["open_source"] for row in data.values()} == {"true", "false"}  # both cases are checked
    with (out / "smartregio-Orte.csv").open(encoding="utf-8", newline="") as handle:
        places = {row["Amtlicher Schlüssel"]: row for row in csv.DictReader(handle)}
    assert places["09162000"]["Art (Bezeichnung)"] == "Kreisfreie Stadt"  # key kept as text, with its zero


def test_sqlite_has_tables_keys_and_views(site):
    db = sqlite3.connect(site / "daten/latest/smartregio.sqlite")
    row = db.execute(
        "SELECT name, development_status_label, used_by, funding_projects FROM v_solutions WHERE id = 'stadtnavi'"
    ).fetchone()
    assert row == ("stadtnavi", "Stabil", "08115021;08118048", "projekt-muenchen")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    foreign = db.execute("SELECT \"table\" FROM pragma_foreign_key_list('solutions-used-by')").fetchall()
    assert ("places",) in foreign and ("solutions",) in foreign
    assert db.execute("SELECT count(*) FROM v_funding_projects").fetchone() == (1,)
    assert db.execute("SELECT name FROM places WHERE key = '09162000'").fetchone() == ("München",)


def test_geojson_parses_with_every_place_an_entry_names(site):
    document = json.loads((site / "daten/latest/smartregio.geojson").read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection"
    assert document["attribution"].startswith("© GeoBasis-DE / BKG 2021 (Daten verändert)")
    by_key = {f["properties"]["key"]: f for f in document["features"]}
    # the places an entry names, not every official place (the Landkreis is named by none)
    assert set(by_key) == {"08115021", "08118048", "09162000"}
    munich = by_key["09162000"]
    assert munich["geometry"] == {"type": "Point", "coordinates": [11.5756, 48.1372]}
    assert munich["properties"]["projects_lead"] == ["projekt-muenchen"]
    assert by_key["08118048"]["properties"]["solutions_used"] == ["stadtnavi"]


def test_json_per_collection_and_whole_catalogue(site):
    solutions = json.loads((site / "daten/latest/loesungen.json").read_text(encoding="utf-8"))
    assert solutions[0]["id"] == "stadtnavi" and solutions[0]["used_by"] == ["08115021", "08118048"]
    whole = json.loads((site / "daten/latest/smartregio.json").read_text(encoding="utf-8"))
    assert {"loesungen", "foerderprojekte", "leitfaeden", "programme", "kommunen"} <= set(whole)


# --- DCAT-AP.de ------------------------------------------------------------------------------


def test_dcat_serialisations_parse_and_agree(site):
    graphs = [
        Graph().parse(site / "daten" / name, format=fmt)
        for name, fmt in (("dcat.ttl", "turtle"), ("dcat.rdf", "xml"), ("dcat.jsonld", "json-ld"))
    ]
    assert len(graphs[0]) > 100
    assert all(len(g) == len(graphs[0]) for g in graphs)


def test_dcat_has_mandatory_and_recommended_properties(site):
    g = Graph().parse(site / "daten/dcat.ttl")
    catalog = next(g.subjects(RDF.type, DCAT.Catalog))
    for prop in (
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.publisher,
        DCAT.dataset,
        DCTERMS.language,
        FOAF.homepage,
        DCTERMS.license,
        DCTERMS.modified,
        DCAT.themeTaxonomy,
        DCTERMS.spatial,
    ):
        assert g.value(catalog, prop) is not None, prop
    datasets = list(g.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 6  # the whole package, one per collection, the official outlines
    for dataset in datasets:
        for prop in (
            DCTERMS.title,
            DCTERMS.description,
            DCTERMS.publisher,
            DCAT.contactPoint,
            DCAT.keyword,
            DCAT.theme,
            DCATDE.politicalGeocodingLevelURI,
            DCATDE.politicalGeocodingURI,
            DCTERMS.temporal,
            DCTERMS.spatial,
            DCTERMS.modified,
            OWL.versionInfo,
            DCAT.distribution,
        ):
            assert g.value(dataset, prop) is not None, (dataset, prop)
        assert URIRef("http://publications.europa.eu/resource/authority/data-theme/REGI") in set(
            g.objects(dataset, DCAT.theme)
        )
    geocodes = set(g.objects(None, DCATDE.politicalGeocodingURI))
    assert URIRef("http://dcat-ap.de/def/politicalGeocoding/stateKey/09") in geocodes  # Bayern (München)
    for distribution in g.subjects(RDF.type, DCAT.Distribution):
        for prop in (
            DCAT.accessURL,
            DCAT.downloadURL,
            DCTERMS.format,
            DCAT.mediaType,
            DCTERMS.license,
            DCATDE.licenseAttributionByText,
            DCTERMS.title,
            SPDX.checksum,
            DCAT.byteSize,
        ):
            assert g.value(distribution, prop) is not None, (distribution, prop)
        # the package's files under its licence; BKG's outlines under the Datenlizenz Deutschland
        outline = str(distribution).split("#", 1)[1].startswith("verwaltungsgebiete/")
        assert str(g.value(distribution, DCTERMS.license)) == (
            "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
            if outline
            else "http://dcat-ap.de/def/licenses/cc-by/4.0"
        )
        assert str(g.value(distribution, DCAT.downloadURL)).startswith(
            "https://smartregio.example.org/karte/" if outline else "https://smartregio.example.org/daten/"
        )
    assert g.value(None, DCATDE.contributorID) is None  # only once configured


ACCESS_PUBLIC = URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC")


def test_every_dataset_and_distribution_has_access_rights_rights_and_issued(site):
    """What data.europa.eu's quality assessment (MQA) scores: dct:accessRights from the EU
    vocabulary, dct:rights as a German rights statement, dct:issued as an xsd:date."""
    g = Graph().parse(site / "daten/dcat.ttl")
    resources = [*g.subjects(RDF.type, DCAT.Dataset), *g.subjects(RDF.type, DCAT.Distribution)]
    assert len(resources) > 5
    for resource in resources:
        assert list(g.objects(resource, DCTERMS.accessRights)) == [ACCESS_PUBLIC], resource
        statements = list(g.objects(resource, DCTERMS.rights))
        assert len(statements) == 1, resource
        assert (statements[0], RDF.type, DCTERMS.RightsStatement) in g
        label = g.value(statements[0], RDFS.label)
        licence = "Datenlizenz Deutschland" if "#verwaltungsgebiete" in str(resource) else "CC BY 4.0"
        assert label.language == "de" and licence in label and "Namensnennung" in label
        issued = list(g.objects(resource, DCTERMS.issued))
        assert len(issued) == 1 and issued[0].datatype == XSD.date, resource
        assert issued[0].toPython() <= g.value(resource, DCTERMS.modified).toPython()


def test_issued_is_the_first_publication_of_the_data():
    catalogue, _ = load_catalogue(REPO / "data")
    download = Download("smartregio.zip", "Datenpaket", "ZIP", "application/zip", 10, "ab" * 32)
    graph = build_graph(
        catalogue,
        Release(
            "1.2.0",
            date(2026, 5, 1),
            [download],
            "https://x.example/daten/1.2.0/",
            first_issued=date(2026, 1, 10),
        ),
        "https://x.example/",
        Publisher(),
    )
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert {graph.value(d, DCTERMS.issued).toPython() for d in datasets} == {date(2026, 1, 10)}
    distribution = URIRef("https://x.example/daten/dcat#paket/smartregio.zip")
    assert graph.value(distribution, DCTERMS.issued).toPython() == date(2026, 5, 1)  # its version's date


def test_contributor_id_when_configured():
    catalogue, _ = load_catalogue(REPO / "data")
    graph = build_graph(
        catalogue,
        Release("1.0.0", date(2026, 1, 1), [], "https://x.example/daten/1.0.0/"),
        "https://x.example/",
        Publisher(contributor_id="http://dcat-ap.de/def/contributors/test"),
    )
    assert set(graph.objects(None, DCATDE.contributorID)) == {
        URIRef("http://dcat-ap.de/def/contributors/test")
    }


def test_dcat_conforms_to_the_official_shapes(site):
    import pyshacl

    shapes = Graph()
    for name in ("dcat-ap-SHACL-DE.ttl", "dcat-ap-spec-german-additions.ttl"):
        shapes.parse(SHAPES / name)
    conforms, _, text = pyshacl.validate(
        Graph().parse(site / "daten/dcat.ttl"), shacl_graph=shapes, advanced=True, inference="none"
    )
    assert conforms, text[:3000]


def test_feed_lists_entries(site):
    feed = ET.parse(site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert "Lösung: stadtnavi" in titles
    assert feed.find("a:entry/a:updated", ns).text == "2025-01-15T12:00:00Z"


def test_entry_page_carries_schema_org(site):
    html = (site / "loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    document = json.loads(html[start : html.index("</script>", start)])
    assert document["@type"] == "SoftwareApplication" and document["name"] == "stadtnavi"
    assert document["url"] == "https://smartregio.example.org/loesungen/stadtnavi/"


# --- releases --------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    make_data(root / "data")
    git(root.parent, "init", "-q", str(root))
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Daten")
    return root


def test_two_releases_give_a_changelog_and_keep_old_downloads(repo, cli, tmp_path):
    data = repo / "data"
    assert cli("release", "0.1.0", "--data", str(data), "--date", "2026-01-10").code == 0
    assert "v0.1.0" in git(repo, "tag")
    first = (data / ".releases/0.1.0/smartregio.zip").read_bytes()

    path = data / "solutions/stadtnavi.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("transfer_readiness: P5", "transfer_readiness: P4"),
        encoding="utf-8",
    )
    (data / "programmes/landesprogramm.md").write_text(
        (data / "programmes/bundesprogramm.md")
        .read_text(encoding="utf-8")
        .replace("id: bundesprogramm", "id: landesprogramm")
        .replace("name: Bundesprogramm Smarte Orte", "name: Landesprogramm Digitale Orte"),
        encoding="utf-8",
    )
    result = cli("release", "0.2.0", "--data", str(data))
    assert result.code == 1 and "nicht committet" in result.err  # a dirty data set is refused
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Änderungen")
    assert cli("release", "0.1.0", "--data", str(data)).code == 1  # exists
    result = cli("release", "0.0.9", "--data", str(data))
    assert result.code == 1 and "nicht höher" in result.err
    assert cli("release", "0.2.0", "--data", str(data), "--date", "2026-02-01").code == 0

    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = changelog.split("## 0.1.0")[0]
    assert "## 0.2.0 – 01.02.2026" in newest
    assert "- neu: Landesprogramm Digitale Orte (`landesprogramm`)" in newest
    assert "- geändert: stadtnavi (`stadtnavi`) (Transferreife)" in newest
    assert "## 0.1.0 – 10.01.2026" in changelog
    assert (data / ".releases/0.1.0/smartregio.zip").read_bytes() == first
    assert "version: 0.2.0" in (data / "datapackage.yaml").read_text(encoding="utf-8")

    build(data, tmp_path / "site", tmp_path / "work")
    site = tmp_path / "site"
    assert (site / "daten/0.1.0/smartregio.zip").read_bytes() == first
    assert (site / "daten/0.2.0/smartregio.zip").is_file() and (
        site / "daten/latest/smartregio.zip"
    ).is_file()
    changes = (site / "aenderungen/index.html").read_text(encoding="utf-8")
    assert "<li>neu: Landesprogramm Digitale Orte (<code>landesprogramm</code>)</li>" in changes  # rendered
    assert re.search(r'<h2 id="abschnitt-0-2-0[^"]*">0\.2\.0 – 01\.02\.2026</h2>', changes)
    data_page = (site / "daten/index.html").read_text(encoding="utf-8")
    assert 'href="0.1.0/"' in data_page
    citation = re.search(
        r"So zitieren Sie Für Berichte (.*?) Versionen Jede ", _text(html.unescape(data_page))
    ).group(1)
    assert "Version 0.2.0 vom 01.02.2026. https://smartregio.example.org/daten/0.2.0/" in citation
    for version in ("0.1.0", "0.2.0"):
        index = (site / f"daten/{version}/index.html").read_text(encoding="utf-8")
        assert f"Version {version}" in index and 'href="smartregio.zip"' in index
    old = json.loads((site / "daten/0.1.0/datapackage.json").read_text(encoding="utf-8"))
    assert old["version"] == "0.1.0"
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == [".", "0.2.0", "0.1.0"]  # the current state is the root
    assert [v["title"] for v in versions] == [
        "Aktueller Stand (laufend aktualisiert)",
        "0.2.0 – Datenstand 01.02.2026",
        "0.1.0 – Datenstand 10.01.2026",
    ]
    assert "url=../" in (site / "latest/index.html").read_text(encoding="utf-8")
    snapshot_search = json.loads((site / "0.1.0/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    searchable = [p for p in (site / "0.1.0").rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert snapshot_search["languages"]["de"]["page_count"] == len(searchable) > 10  # its own search
    # the site's own index reads every searchable page but the versions' copies (the engine's
    # stage lists the pages: no later stage may add one unseen)
    copies = {entry.parent.parent for entry in site.glob("*/pagefind/pagefind-entry.json")}
    own = [
        p
        for p in site.rglob("*.html")
        if copies.isdisjoint(p.parents) and "data-pagefind-body" in p.read_text("utf-8")
    ]
    main_search = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert main_search["languages"]["de"]["page_count"] == len(own) > 10
    snapshot = (site / "0.1.0/loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    assert "P5 Transfer" in snapshot  # the old version shows the old data
    # every page of a version's copy, generated or hand-written, says it is not the current state
    for page in ("0.1.0/loesungen/stadtnavi/index.html", "0.1.0/index.html", "0.1.0/mitmachen/index.html"):
        assert "Sie sehen die Version 0.1.0 der Daten" in (site / page).read_text(encoding="utf-8"), page
    assert "sr-release" not in (site / "loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    assert "P4 Verstetigung" in (site / "loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    assert not (site / "0.1.0/programme/landesprogramm").exists()


def test_a_changed_published_file_is_an_error(repo, cli, tmp_path):
    data = repo / "data"
    assert cli("release", "1.0.0", "--data", str(data), "--no-tag").code == 0
    stored = data / ".releases/1.0.0/smartregio.json"
    stored.write_text(stored.read_text(encoding="utf-8").replace("stadtnavi", "stadtnavy"), encoding="utf-8")
    with pytest.raises(BuildError, match=r"1\.0\.0"):
        build(data, tmp_path / "site", tmp_path / "work")


def test_a_stored_release_with_a_bad_date_is_named_by_its_manifest_and_field(
    repo, cli, tmp_path, monkeypatch
):
    """Not „„None“ ist kein Datum“: the stored manifest is what is wrong, and it says so,
    whatever the working folder."""
    data = repo / "data"
    assert cli("release", "1.0.0", "--data", str(data), "--no-tag", "--date", "2026-01-10").code == 0
    manifest_path = data / ".releases/1.0.0/manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["date"] = "2026-13-45"
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    git(repo, "commit", "-qam", "kaputt")
    monkeypatch.chdir(tmp_path)
    for given in ([], ["--date", "2026-02-01"]):
        result = cli("release", "1.1.0", "--data", str(data), "--no-tag", *given)
        assert result.code == 1
        assert (
            "data/.releases/1.0.0/manifest.json: date: Das Datum fehlt oder hat nicht die Form JJJJ-MM-TT."
            in result.err
        )
        assert "None" not in result.err and "kein Datum der Form" not in result.err
    assert not (data / ".releases/1.1.0").exists()
    result = cli("release", "1.1.0", "--data", str(data), "--no-tag", "--date", "2026-02-30")
    assert (
        result.code == 1 and result.err.strip() == "--date: „2026-02-30“ ist kein Datum der Form JJJJ-MM-TT."
    )


def test_a_stored_archive_that_is_no_package_is_named(repo, cli):
    """Listed with the right checksum, but no data package inside: the release names the archive."""
    data = repo / "data"
    assert cli("release", "1.0.0", "--data", str(data), "--no-tag", "--date", "2026-01-10").code == 0
    archive = data / ".releases/1.0.0/smartregio.zip"
    with zipfile.ZipFile(archive, "w") as bad:
        bad.writestr("smartregio/liesmich.txt", "kein Paket")
    raw = archive.read_bytes()
    manifest_path = data / ".releases/1.0.0/manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"]["smartregio.zip"].update(bytes=len(raw), sha256=hashlib.sha256(raw).hexdigest())
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    git(repo, "commit", "-qam", "anders")
    before = (data / "datapackage.yaml").read_text(encoding="utf-8")
    result = cli("release", "1.1.0", "--data", str(data), "--no-tag")
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.startswith(
        "Keine Veröffentlichung: data/.releases/1.0.0/smartregio.zip: Version 1.0.0 "
    )
    assert "(smartregio/datapackage.json fehlt im Archiv)" in result.err
    assert not (data / ".releases/1.1.0").exists()
    assert (data / "datapackage.yaml").read_text(encoding="utf-8") == before


def test_invalid_data_is_not_released(repo, cli):
    data = repo / "data"
    before = (data / "datapackage.yaml").read_text(encoding="utf-8")
    path = data / "solutions/stadtnavi.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("open_source: true", "open_source: 2"), encoding="utf-8"
    )
    git(repo, "commit", "-qam", "kaputt")
    result = cli("release", "9.0.0", "--data", str(data))
    assert result.code == 1 and "ungültig" in result.err and "open_source" in result.err
    assert not (data / ".releases").exists()
    assert (data / "datapackage.yaml").read_text(encoding="utf-8") == before  # the version stays


def test_old_releases_keep_building_after_a_field_is_removed(repo, cli, tmp_path):
    """A MAJOR change (a field removed from the model and the data) must not break the build
    of versions published before it: they show what they published. The changed code runs in
    a fresh interpreter, as after an update."""
    data = repo / "data"
    assert cli("release", "1.0.0", "--data", str(data), "--date", "2026-01-10").code == 0
    project = project_copy(tmp_path / "project")
    module = project / "scripts/smartregio/collections/solutions.py"
    code = module.read_text(encoding="utf-8")
    start = code.index("    standards: list[Tag] = Field(")
    end = code.index("    )\n", start) + len("    )\n")
    module.write_text(code[:start] + code[end:], encoding="utf-8")
    path = data / "solutions/stadtnavi.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("standards: [GTFS, GBFS]\n", ""), encoding="utf-8"
    )

    site = tmp_path / "site"
    result = run_fresh(
        project,
        "build",
        "-q",
        "--data",
        str(data),
        "--site-dir",
        str(site),
        "--work-dir",
        str(tmp_path / "w"),
    )
    assert result.returncode == 0, result.stderr
    old = (site / "1.0.0/loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    assert "stadtnavi" in old and "Mobilitätsauskunft" in old
    assert "GTFS" not in (site / "loesungen/stadtnavi/index.html").read_text(encoding="utf-8")


def test_a_stored_version_is_listed_with_todays_titles(repo, cli, tmp_path):
    """Version 1.0.0 recorded „Loesungen als JSON“; its bytes stay, its titles read German."""
    data = repo / "data"
    assert cli("release", "1.0.0", "--data", str(data), "--no-tag").code == 0
    manifest_path = data / ".releases/1.0.0/manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"]["loesungen.json"]["title"] = "Loesungen als JSON"
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    build(data, tmp_path / "site", tmp_path / "work")
    index = _text((tmp_path / "site/daten/1.0.0/index.html").read_text(encoding="utf-8"))
    assert "Lösungen als JSON" in index and "Loesungen" not in index
    g = Graph().parse(tmp_path / "site/daten/dcat.ttl")
    titles = {str(t) for d in g.subjects(RDF.type, DCAT.Distribution) for t in g.objects(d, DCTERMS.title)}
    assert "Lösungen als JSON" in titles and "Loesungen als JSON" not in titles
