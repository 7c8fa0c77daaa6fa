"""A new collection is one module in ``smartregio/collections/`` plus a data folder: every command
picks it up, in a fresh interpreter, with nothing registered by hand.

The test copies the project (package, pages, templates, issue forms, configuration) into a
temporary folder, adds ``collections/events.py`` and ``data/events/``, and runs the commands as a
contributor would: ``validate``, ``new``, ``schema``, ``import table`` and ``build``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .site_helpers import project_copy, run_fresh

EVENTS_MODULE = '''"""Events where municipalities show a solution: the fifth collection of a test."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ..models import Entry, LastReviewed, Sources
from ..registry import CardFact, Collection, Facet
from ..types import PlaceKey, ShortText


class Event(Entry):
    """A public event where municipalities show a solution."""

    collection: ClassVar[str] = "events"
    label: ClassVar[str] = "Termin"
    label_plural: ClassVar[str] = "Termine"

    title: ShortText = Field(title="Titel", description="Name der Veranstaltung.")
    summary: str = Field(min_length=10, max_length=400, title="Kurzbeschreibung", description="Worum es geht.")
    place: PlaceKey = Field(title="Ort", description="Amtlicher Schlüssel des Veranstaltungsorts.")
    sources: Sources
    last_reviewed: LastReviewed


COLLECTION = Collection(
    name="events",
    model=Event,
    section="termine",
    title="Termine",
    row="event",
    facets=(Facet("ort", "Ort", lambda e, ctx: [ctx.places[e.place].name]),),
    card=(CardFact("Ort", lambda e, ctx: ctx.places[e.place].name),),
    schema_type="Event",
    order=5,
)
'''

EVENT = (
    "---\nid: tag-der-offenen-daten\ntitle: Tag der offenen Daten\n"
    "summary: Kommunen zeigen ihre offenen Datenportale und Anwendungen.\n"
    'place: "08115021"\nsources:\n  - https://example.org/termin\nlast_reviewed: 2025-01-15\n---\n'
    "Ein Tag mit Vorträgen.\n"
)


EVENT_TEXTS = (
    "  events:\n"
    "    intro: Veranstaltungen, auf denen Kommunen ihre Lösungen zeigen.\n"
    "    description: Veranstaltungen rund um digitale Lösungen für Kommunen.\n"
    "    new_entry_hint: Beschreibung der Veranstaltung in Markdown (optional).\n"
)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with a fifth collection; shared by the module's tests."""
    root = project_copy(tmp_path_factory.mktemp("fifth"))
    (root / "scripts/smartregio/collections/events.py").write_text(EVENTS_MODULE, encoding="utf-8")
    return root


run = run_fresh


@pytest.fixture(scope="module")
def data(project, tmp_path_factory) -> Path:
    from .conftest import make_data

    folder = make_data(project / "data")
    # its editorial texts stand beside the other collections' in datapackage.yaml
    with (folder / "datapackage.yaml").open("a", encoding="utf-8") as meta:
        meta.write(EVENT_TEXTS)
    (folder / "events").mkdir()
    (folder / "events/tag-der-offenen-daten.md").write_text(EVENT, encoding="utf-8")
    return folder


def test_validate_knows_the_fifth_collection(project, data):
    result = run(project, "validate", "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert "1 Termine" in result.stdout


def test_new_scaffolds_an_entry_of_the_fifth_collection(project, data):
    result = run(project, "new", "events", "Digitaltag Herrenberg", "--data", str(data))
    assert result.returncode == 0, result.stderr
    created = data / "events/digitaltag-herrenberg.md"
    text = created.read_text(encoding="utf-8")
    assert 'title: "Digitaltag Herrenberg"' in text
    assert "Beschreibung der Veranstaltung in Markdown (optional)." in text
    created.unlink()


def test_schema_writes_the_fifth_collections_json_schema(project, data, tmp_path):
    result = run(project, "schema", "--data", str(data), "--out", str(tmp_path / "schema"))
    assert result.returncode == 0, result.stderr
    schema = json.loads((tmp_path / "schema/events.json").read_text(encoding="utf-8"))
    assert set(schema["required"]) >= {"id", "title", "summary", "place", "sources", "last_reviewed"}


def test_import_table_writes_entries_of_the_fifth_collection(project, data, tmp_path):
    table = tmp_path / "termine.csv"
    table.write_text(
        "id,title,summary,place,sources,last_reviewed\n"
        "smart-city-tag,Smart-City-Tag,Ein Tag mit offenen Türen im Rathaus.,08115021,"
        "https://example.org/smart-city-tag,2025-02-01\n",
        encoding="utf-8",
    )
    result = run(project, "import", "table", str(table), "--collection", "events", "--data", str(data))
    assert result.returncode == 0, result.stderr
    written = data / "events/smart-city-tag.md"
    assert "title: Smart-City-Tag" in written.read_text(encoding="utf-8")
    written.unlink()


def test_build_renders_packages_and_publishes_the_fifth_collection(project, data, tmp_path):
    site = tmp_path / "site"
    work = tmp_path / "w"
    result = run(
        project, "build", "-q", "--data", str(data), "--site-dir", str(site), "--work-dir", str(work)
    )
    assert result.returncode == 0, result.stderr
    page = (site / "termine/tag-der-offenen-daten/index.html").read_text(encoding="utf-8")
    assert "Tag der offenen Daten" in page and "Herrenberg" in page and '"@type": "Event"' in page
    listing = (site / "termine/index.html").read_text(encoding="utf-8")
    assert "Veranstaltungen, auf denen Kommunen ihre Lösungen zeigen." in listing
    assert "tag-der-offenen-daten" in listing and "Herrenberg" in listing  # the card's badge
    package = json.loads((site / "daten/latest/datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "events")
    assert {"fields": ["place"], "reference": {"resource": "places", "fields": ["key"]}} in resource[
        "schema"
    ]["foreignKeys"]
    assert (site / "api/v1/termine/tag-der-offenen-daten.json").is_file()
    assert "Veranstaltungen rund um digitale Lösungen für Kommunen." in (site / "daten/dcat.ttl").read_text(
        encoding="utf-8"
    )
    assert (site / "daten/latest/termine.json").is_file()


def test_the_shipped_package_has_its_four_collections():
    """The repository's own collections, in menu order: what the copies above add to."""
    from smartregio.collections import REGISTRY

    assert list(REGISTRY) == ["solutions", "funding-projects", "guidelines", "programmes"]
    with pytest.raises(TypeError):
        REGISTRY["events"] = REGISTRY["solutions"]  # read-only: nothing registers itself later


def test_a_collection_without_its_texts_is_told_where_they_go(project, tmp_path):
    from .conftest import make_data

    folder = make_data(tmp_path / "data")  # the fifth collection's texts are not in datapackage.yaml
    result = run(project, "validate", "--data", str(folder))
    assert result.returncode == 1
    assert "datapackage.yaml:" in result.stderr
    assert (
        "Die Texte der Sammlung „events“ fehlen: unter collections: events: intro und description angeben."
        in (result.stderr)
    )


def test_every_sortable_card_fact_names_a_sort_of_its_collection():
    """A column of the table view sorts by a sort its collection declares; a typo would leave
    the column silently unsortable."""
    from smartregio.collections import REGISTRY
    from smartregio.pages.views import table_columns

    for name, collection in REGISTRY.items():
        keys = {sort.key for sort in collection.sorts}
        columns = table_columns(name)
        assert columns[0]["sort"] in keys  # the entry's name
        assert all(c["sort"] in keys for c in columns if c["sort"]), name
        assert [c["label"] for c in columns[1:]] == [f.label for f in collection.card if f.in_table]
