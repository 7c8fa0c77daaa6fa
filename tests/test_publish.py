"""Open data for reuse: every download format, checksums, DCAT-AP.de, releases with a
changelog and permanent version folders, the feed."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF

from smartregio.load import load_catalogue
from smartregio.pipeline import BuildError
from smartregio.publish.dcat import Publisher, Release, build_graph

from .conftest import make_data
from .site_helpers import REPO, build

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
SHAPES = REPO.parent / "shared" / "reference" / "dcat-ap-de-3.0-shacl"


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
    assert hashlib.sha256((latest / "smartregio.xlsx").read_bytes()).hexdigest() in page
    assert "CC BY 4.0" in page and "datapackage.json" in page


def test_zip_holds_a_valid_package(site, tmp_path):
    from frictionless import validate

    with zipfile.ZipFile(site / "daten/latest/smartregio.zip") as archive:
        archive.extractall(tmp_path)
    report = validate(str(tmp_path / "smartregio/datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])


def test_xlsx_opens_with_umlauts_and_dates_intact(site):
    import openpyxl

    book = openpyxl.load_workbook(site / "daten/latest/smartregio.xlsx")
    assert book.sheetnames[0] == "Felder" and "solutions" in book.sheetnames
    sheet = book["solutions"]
    header = [c.value for c in sheet[1]]
    assert "Kurzbeschreibung" in header and "Zuletzt geprüft" in header
    row = {header[i]: c.value for i, c in enumerate(sheet[2])}
    assert row["Kurzbeschreibung"].startswith("Mobilitätsauskunft für Städte")
    assert isinstance(row["Zuletzt geprüft"], datetime) and row["Zuletzt geprüft"].date() == date(2025, 1, 15)
    fields = book["Felder"]
    assert any(
        r[1].value == "transfer_readiness" and "P5" in (r[6].value or "") for r in fields.iter_rows(min_row=2)
    )


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


def test_geojson_parses_with_every_place(site):
    document = json.loads((site / "daten/latest/smartregio.geojson").read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection"
    by_key = {f["properties"]["key"]: f for f in document["features"]}
    assert len(by_key) == 4
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
    assert len(datasets) == 5  # the whole package and one per collection
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
        assert str(g.value(distribution, DCTERMS.license)) == "http://dcat-ap.de/def/licenses/cc-by/4.0"
        assert str(g.value(distribution, DCAT.downloadURL)).startswith(
            "https://smartregio.example.org/daten/"
        )
    assert g.value(None, DCATDE.contributorID) is None  # only once configured


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


@pytest.mark.skipif(not SHAPES.is_dir(), reason="official DCAT-AP.de shapes not beside the repository")
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
    assert 'href="0.1.0/"' in (site / "daten/index.html").read_text(encoding="utf-8")
    old = json.loads((site / "daten/0.1.0/datapackage.json").read_text(encoding="utf-8"))
    assert old["version"] == "0.1.0"
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == [".", "0.2.0", "0.1.0"]  # the current state is the root
    assert [v["title"] for v in versions] == [
        "Aktuell (Entwicklungsstand)",
        "0.2.0 – Datenstand 01.02.2026",
        "0.1.0 – Datenstand 10.01.2026",
    ]
    assert "url=../" in (site / "latest/index.html").read_text(encoding="utf-8")
    snapshot_search = json.loads((site / "0.1.0/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    searchable = [p for p in (site / "0.1.0").rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert snapshot_search["languages"]["de"]["page_count"] == len(searchable) > 10  # its own search
    snapshot = (site / "0.1.0/loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    assert "P5 Transfer" in snapshot  # the old version shows the old data
    assert "P4 Verstetigung" in (site / "loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    assert not (site / "0.1.0/programme/landesprogramm").exists()


def test_a_changed_published_file_is_an_error(repo, cli, tmp_path):
    data = repo / "data"
    assert cli("release", "1.0.0", "--data", str(data), "--no-tag").code == 0
    stored = data / ".releases/1.0.0/smartregio.json"
    stored.write_text(stored.read_text(encoding="utf-8").replace("stadtnavi", "stadtnavy"), encoding="utf-8")
    with pytest.raises(BuildError, match=r"1\.0\.0"):
        build(data, tmp_path / "site", tmp_path / "work")


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


def test_old_releases_keep_building_after_a_field_is_removed(repo, cli, tmp_path, monkeypatch):
    """A MAJOR change (a field removed from the model and the data) must not break the build
    of versions published before it: they show what they published."""
    from pydantic import create_model

    from smartregio.models import MODELS, Solution

    data = repo / "data"
    assert cli("release", "1.0.0", "--data", str(data), "--date", "2026-01-10").code == 0
    kept = {
        name: (info.annotation, info) for name, info in Solution.model_fields.items() if name != "standards"
    }
    without = create_model("Solution", __base__=Solution.__mro__[1], **kept)
    for name in ("collection", "label", "label_plural", "body_title", "body_required"):
        setattr(without, name, getattr(Solution, name))
    monkeypatch.setitem(MODELS, "solutions", without)
    path = data / "solutions/stadtnavi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("standards: [GTFS, GBFS]\n", ""), encoding="utf-8")

    build(data, tmp_path / "site", tmp_path / "work")
    old = (tmp_path / "site/1.0.0/loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    assert "stadtnavi" in old and "Mobilitätsauskunft" in old
    assert "GTFS" not in (tmp_path / "site/loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
