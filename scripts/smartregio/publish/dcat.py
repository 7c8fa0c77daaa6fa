"""DCAT-AP.de 3.0 description of the published data, for GovData and data.europa.eu.

One dataset for the whole package and one per collection, a distribution per download
format, licences from the GovData list with the attribution text, EU themes and file types,
political geocoding (Germany and the Länder the data covers), temporal coverage, version.
Every dataset and distribution states its access rights (EU vocabulary: public), its rights of
use as a German statement and the date it was first published: the quality assessment of
data.europa.eu (MQA) scores all three.
Serialised as Turtle, RDF/XML (what harvesters usually read) and JSON-LD.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD

from ..addresses import SECTION_TITLES, SECTIONS
from ..boundaries import outline_files
from ..catalogue import Catalogue
from ..extensions import FORMATS_GROUP, load_all
from ..package.store import Download
from ..settings import PROVISIONAL_NOTE, SmartregioSettings, is_placeholder

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
DCATAP = Namespace("http://data.europa.eu/r5r#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
EU = "http://publications.europa.eu/resource/authority/"
GEO = "http://dcat-ap.de/def/politicalGeocoding/"

LICENCES = {  # SPDX id → GovData licence URI (https://www.dcat-ap.de/def/licenses/)
    "CC-BY-4.0": "http://dcat-ap.de/def/licenses/cc-by/4.0",
    "CC0-1.0": "http://dcat-ap.de/def/licenses/cc-zero",
    "DL-DE-BY-2.0": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "DL-DE-ZERO-2.0": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    "CC-BY-SA-4.0": "http://dcat-ap.de/def/licenses/cc-by-sa/4.0",
    "ODbL-1.0": "http://dcat-ap.de/def/licenses/odbl",
}
FILE_TYPES = {
    "ZIP": "ZIP",
    "CSV": "CSV",
    "JSON": "JSON",
    "GeoJSON": "GEOJSON",
    "XLSX": "XLSX",
    "SQLite": "SQLITE",
}


@dataclass
class Publisher:
    name: str = "smartregio-Redaktion"
    url: str | None = None
    email: str | None = None
    contributor_id: str | None = None  # e.g. http://dcat-ap.de/def/contributors/<id>, once assigned

    @classmethod
    def from_settings(cls, settings: SmartregioSettings) -> Publisher:
        publisher = settings.publisher
        # a placeholder address reaches nobody: left out, not published as a contact point
        url = publisher.url if publisher and not is_placeholder(publisher.url) else None
        email = publisher.email if publisher and not is_placeholder(publisher.email) else None
        return cls(
            name=publisher.name if publisher else cls.name,
            url=url,
            email=email,
            contributor_id=settings.contributor_id,
        )


@dataclass
class Release:
    version: str
    modified: date  # the date of this version
    downloads: list[Download]
    base_url: str  # of the version folder, ending in "/"
    extra: dict = field(default_factory=dict)
    first_issued: date | None = None  # the first publication of the data; default: this version's

    @property
    def issued(self) -> date:
        return self.first_issued or self.modified


def _temporal(catalogue: Catalogue) -> tuple[int, int] | None:
    """The years the entries' periods span (every collection whose entries have start and end)."""
    years = []
    for entries in catalogue.entries.values():
        for entry in entries.values():
            years.extend(y for y in (getattr(entry, "start", None), getattr(entry, "end", None)) if y)
    return (min(years), max(years)) if years else None


def build_graph(catalogue: Catalogue, release: Release, site_url: str, publisher: Publisher) -> Graph:
    meta = catalogue.meta
    assert meta is not None
    g = Graph()
    for prefix, ns in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("dcatde", DCATDE),
        ("dcatap", DCATAP),
        ("vcard", VCARD),
        ("spdx", SPDX),
        ("owl", OWL),
        ("skos", SKOS),
    ):
        g.bind(prefix, ns)
    base = site_url.rstrip("/") + "/"
    data_page = URIRef(base + "daten/")
    catalog = URIRef(base + "daten/dcat#katalog")
    agent = URIRef(base + "daten/dcat#herausgeber")
    contact = URIRef(base + "daten/dcat#kontakt")
    licence = URIRef(LICENCES.get(meta.licenses[0].name, meta.licenses[0].path))
    modified = Literal(release.modified, datatype=XSD.date)
    issued = Literal(release.issued, datatype=XSD.date)  # datasets: first publication of the data
    public = URIRef(EU + "access-right/PUBLIC")
    rights = URIRef(base + "daten/dcat#nutzungsrechte")
    de = "de"
    licence_meta = meta.licenses[0]
    # the places are official boundaries under the Datenlizenz Deutschland: named with the data
    places = catalogue.reference.places_source
    attribution = meta.attribution + (
        f"; Verwaltungsgebiete: {places.attribution} ({places.url})" if places else ""
    )
    g.add((public, RDF.type, DCTERMS.RightsStatement))  # the range DCAT-AP gives dct:accessRights
    g.add((rights, RDF.type, DCTERMS.RightsStatement))
    g.add(
        (
            rights,
            RDFS.label,
            Literal(
                f"Frei nutzbar unter der Lizenz {licence_meta.title} ({licence_meta.name}), auch "
                f"kommerziell, mit Namensnennung: {attribution}",
                lang=de,
            ),
        )
    )

    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, FOAF.name, Literal(publisher.name, lang=de)))
    if publisher.url:
        g.add((agent, FOAF.homepage, URIRef(publisher.url)))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, RDF.type, VCARD.Kind))  # the class DCAT-AP asks for, without inference
    g.add((contact, VCARD.fn, Literal(publisher.name, lang=de)))
    if publisher.email:
        g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{publisher.email}")))
    g.add((contact, VCARD.hasURL, URIRef(publisher.url or base)))

    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(meta.title, lang=de)))
    # while the site has a placeholder address, the descriptions say the addresses are provisional
    described = f"{meta.description} {PROVISIONAL_NOTE}" if is_placeholder(site_url) else meta.description
    g.add((catalog, DCTERMS.description, Literal(described, lang=de)))
    g.add((catalog, DCTERMS.publisher, agent))
    g.add((catalog, FOAF.homepage, URIRef(base)))
    g.add((catalog, DCTERMS.language, URIRef(EU + "language/DEU")))
    g.add((catalog, DCTERMS.license, licence))
    g.add((catalog, DCTERMS.modified, modified))
    g.add((catalog, DCTERMS.issued, issued))
    g.add((catalog, DCTERMS.rights, rights))
    g.add((catalog, DCTERMS.spatial, URIRef(EU + "country/DEU")))
    g.add((catalog, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))

    laender = sorted({p.land for p in catalogue.reference.places.values()})
    span = _temporal(catalogue)

    def dataset(
        uri: URIRef,
        title: str,
        description: str,
        downloads: list[Download],
        keywords: list[str],
        files: list[tuple[Download, str, tuple]] = (),
        own_rights: URIRef | None = None,
    ):
        g.add((catalog, DCAT.dataset, uri))
        g.add((uri, RDF.type, DCAT.Dataset))
        g.add((uri, DCTERMS.title, Literal(title, lang=de)))
        g.add((uri, DCTERMS.description, Literal(description, lang=de)))
        g.add((uri, DCTERMS.identifier, Literal(str(uri))))
        g.add((uri, DCTERMS.publisher, agent))
        g.add((uri, DCAT.contactPoint, contact))
        g.add((uri, DCAT.landingPage, data_page))
        g.add((uri, DCAT.theme, URIRef(EU + "data-theme/REGI")))
        g.add((uri, DCAT.theme, URIRef(EU + "data-theme/GOVE")))
        for keyword in keywords:
            g.add((uri, DCAT.keyword, Literal(keyword, lang=de)))
        g.add((uri, DCTERMS.spatial, URIRef(EU + "country/DEU")))
        # Germany as a whole via dct:spatial; the Länder the entries lie in via their keys
        g.add((uri, DCATDE.politicalGeocodingLevelURI, URIRef(GEO + "Level/state")))
        for land in laender:
            g.add(
                (
                    uri,
                    DCATDE.politicalGeocodingURI,
                    URIRef(GEO + "stateKey/" + catalogue.reference.land_keys[land]),
                )
            )
        if span and own_rights is None:  # the entries' period; not the outlines'
            period = URIRef(f"{uri}-zeitraum")  # named, not blank: the same data gives the same file
            g.add((uri, DCTERMS.temporal, period))
            g.add((period, RDF.type, DCTERMS.PeriodOfTime))
            g.add((period, DCAT.startDate, Literal(date(span[0], 1, 1), datatype=XSD.date)))
            g.add((period, DCAT.endDate, Literal(date(span[1], 12, 31), datatype=XSD.date)))
        g.add((uri, DCTERMS.modified, modified))
        g.add((uri, DCTERMS.issued, issued))
        g.add((uri, DCTERMS.accessRights, public))
        g.add((uri, DCTERMS.rights, own_rights or rights))
        g.add((uri, OWL.versionInfo, Literal(release.version)))
        g.add((uri, DCTERMS.accrualPeriodicity, URIRef(EU + "frequency/IRREG")))
        g.add((uri, DCATAP.availability, URIRef(EU + "planned-availability/STABLE")))
        if publisher.contributor_id:
            g.add((uri, DCATDE.contributorID, URIRef(publisher.contributor_id)))
        for download in downloads:
            g.add((uri, DCAT.distribution, distribution(uri, download)))
        for download, url, terms in files:
            g.add((uri, DCAT.distribution, distribution(uri, download, url, terms)))

    # the package's own files, and each registered download format's
    file_types = {**FILE_TYPES, **{f.label: f.file_type for f in load_all(FORMATS_GROUP)}}

    def distribution(
        parent: URIRef, download: Download, url: str | None = None, terms: tuple | None = None
    ) -> URIRef:
        """``url`` and ``terms`` (licence, attribution, rights) for a file outside the version
        folder under its own licence: the official outlines."""
        uri = URIRef(f"{parent}/{download.name}")
        file_licence, file_attribution, file_rights = terms or (licence, attribution, rights)
        g.add((uri, RDF.type, DCAT.Distribution))
        g.add((uri, DCTERMS.title, Literal(download.title, lang=de)))
        g.add((uri, DCAT.accessURL, data_page))
        g.add((uri, DCAT.downloadURL, URIRef(url or release.base_url + download.name)))
        g.add((uri, DCTERMS.format, URIRef(EU + "file-type/" + file_types[download.format])))
        g.add(
            (
                uri,
                DCAT.mediaType,
                URIRef("https://www.iana.org/assignments/media-types/" + download.mediatype),
            )
        )
        g.add((uri, DCTERMS.license, file_licence))
        g.add((uri, DCATDE.licenseAttributionByText, Literal(file_attribution, lang=de)))
        g.add((uri, DCTERMS.modified, modified))
        # a file is published with its version: the version folder's date
        g.add((uri, DCTERMS.issued, modified))
        g.add((uri, DCTERMS.accessRights, public))
        g.add((uri, DCTERMS.rights, file_rights))
        g.add((uri, DCAT.byteSize, Literal(download.bytes, datatype=XSD.nonNegativeInteger)))
        g.add((uri, DCATAP.availability, URIRef(EU + "planned-availability/STABLE")))
        checksum = URIRef(f"{uri}#sha256")
        g.add((uri, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(download.sha256, datatype=XSD.hexBinary)))
        return uri

    whole = [
        d
        for d in release.downloads
        if d.format in ("ZIP", "XLSX", "SQLite", "GeoJSON") or d.name == f"{meta.name}.json"
    ]
    dataset(URIRef(base + "daten/dcat#paket"), meta.title, described, whole, list(meta.keywords))
    for collection, section in SECTIONS.items():
        if collection == "places":
            continue
        files = [d for d in release.downloads if d.name in (f"{collection}.csv", f"{section}.json")]
        dataset(
            URIRef(base + f"daten/dcat#{section}"),
            f"smartregio: {SECTION_TITLES[collection]}",
            catalogue.texts(collection).description,
            files,
            [SECTION_TITLES[collection], *meta.keywords[:3]],
        )
    outlines = outline_files(catalogue.reference.outlines)
    if places and outlines:
        _outlines_dataset(g, URIRef(base + "daten/dcat#verwaltungsgebiete"), places, outlines, base, dataset)
    return g


def _outlines_dataset(g: Graph, uri: URIRef, places, outlines, base: str, dataset) -> None:
    """The official outlines as their own dataset: BKG's data under the Datenlizenz Deutschland,
    with the attribution it requires, served once at ``/karte/``."""
    licence = URIRef(LICENCES["DL-DE-BY-2.0"])
    rights = URIRef(base + "daten/dcat#nutzungsrechte-verwaltungsgebiete")
    g.add((rights, RDF.type, DCTERMS.RightsStatement))
    text = f"{places.licence}; Namensnennung: {places.attribution} ({places.url})"
    g.add((rights, RDFS.label, Literal(text, lang="de")))
    terms = (licence, f"{places.attribution} ({places.url})", rights)
    files = [
        (
            Download(f"{o.name}.geojson", o.title, "GeoJSON", "application/geo+json", o.bytes, o.sha256),
            base + o.path.lstrip("/"),
            terms,
        )
        for o in outlines
    ]
    dataset(
        uri,
        "smartregio: Grenzen der Länder und Kreise",
        f"Vereinfachte Grenzen der Länder und Kreise für Karten, abgeleitet aus {places.product} des "
        f"Bundesamts für Kartographie und Geodäsie, Gebietsstand {places.gebietsstand}.",
        [],
        ["Verwaltungsgrenzen", "Kreise", "Länder"],
        files=files,
        own_rights=rights,
    )
    period = URIRef(f"{uri}-zeitraum")  # the outlines hold from their Gebietsstand on
    g.add((uri, DCTERMS.temporal, period))
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    g.add((period, DCAT.startDate, Literal(date.fromisoformat(places.gebietsstand), datatype=XSD.date)))


def _sorted_json(value):
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return sorted((_sorted_json(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def rdf_xml(graph: Graph) -> str:
    """Flat RDF/XML with subjects and properties in sorted order.

    rdflib's own RDF/XML writer follows the store's set order, which changes between runs;
    this one gives the same bytes for the same graph.
    """
    namespaces = {str(uri): prefix for prefix, uri in graph.namespaces() if prefix}
    used: dict[str, str] = {}

    def qname(predicate: URIRef) -> str:
        text = str(predicate)
        for uri, prefix in sorted(namespaces.items(), key=lambda item: -len(item[0])):
            local = text[len(uri) :]
            if (
                text.startswith(uri)
                and local
                and (local[0].isalpha() or local[0] == "_")
                and all(c.isalnum() or c in "_-." for c in local)
            ):
                used[prefix] = uri
                return f"{prefix}:{local}"
        raise ValueError(f"no namespace prefix for {text}")

    lines = []
    for subject in sorted(set(graph.subjects()), key=str):
        lines.append(f'  <rdf:Description rdf:about="{escape(str(subject), {chr(34): "&quot;"})}">')
        for predicate, obj in sorted(
            graph.predicate_objects(subject), key=lambda po: (str(po[0]), str(po[1]))
        ):
            name = qname(predicate)
            if isinstance(obj, Literal):
                attrs = ""
                if obj.language:
                    attrs = f' xml:lang="{obj.language}"'
                elif obj.datatype:
                    attrs = f' rdf:datatype="{obj.datatype}"'
                lines.append(f"    <{name}{attrs}>{escape(str(obj))}</{name}>")
            else:
                lines.append(f'    <{name} rdf:resource="{escape(str(obj), {chr(34): "&quot;"})}"/>')
        lines.append("  </rdf:Description>")
    used.setdefault("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in sorted(used.items()))
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF {declarations}>\n'
        + "\n".join(lines)
        + "\n</rdf:RDF>\n"
    )


def write_dcat(graph: Graph, folder: Path) -> list[Path]:
    """Turtle, RDF/XML and JSON-LD, each with the same bytes for the same graph."""
    folder.mkdir(parents=True, exist_ok=True)
    jsonld = _sorted_json(json.loads(graph.serialize(format="json-ld")))
    texts = {
        "dcat.ttl": graph.serialize(format="turtle"),
        "dcat.rdf": rdf_xml(graph),
        "dcat.jsonld": json.dumps(jsonld, ensure_ascii=False, indent=1) + "\n",
    }
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
