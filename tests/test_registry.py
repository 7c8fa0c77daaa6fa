"""A new collection is a model plus one registry entry: every stage picks it up."""

from __future__ import annotations

import json
from typing import ClassVar

import pytest
from pydantic import Field

from smartregio.models import Entry, LastReviewed, Sources
from smartregio.registry import CardFact, Collection, Facet, register, unregister
from smartregio.types import PlaceKey, ShortText

from .site_helpers import build


class Event(Entry):
    """A public event where municipalities show a solution."""

    collection: ClassVar[str] = "events"
    label: ClassVar[str] = "Termin"
    label_plural: ClassVar[str] = "Termine"

    title: ShortText = Field(title="Titel", description="Name der Veranstaltung.")
    summary: str = Field(
        min_length=10, max_length=400, title="Kurzbeschreibung", description="Worum es geht."
    )
    place: PlaceKey = Field(title="Ort", description="Amtlicher Schlüssel des Veranstaltungsorts.")
    sources: Sources
    last_reviewed: LastReviewed


@pytest.fixture
def events():
    register(
        Collection(
            name="events",
            model=Event,
            section="termine",
            title="Termine",
            intro="Veranstaltungen, auf denen Kommunen ihre Lösungen zeigen.",
            dcat_description="Veranstaltungen rund um digitale Lösungen für Kommunen.",
            row="event",
            facets=(Facet("ort", "Ort", lambda e, ctx: [ctx.places[e.place].name]),),
            card=(CardFact("Ort", lambda e, ctx: ctx.places[e.place].name),),
            schema_type="Event",
        )
    )
    yield
    unregister("events")


def test_a_fifth_collection_is_validated_packaged_rendered_and_published(events, data, cli, tmp_path):
    (data / "events").mkdir()
    (data / "events/tag-der-offenen-daten.md").write_text(
        "---\nid: tag-der-offenen-daten\ntitle: Tag der offenen Daten\n"
        "summary: Kommunen zeigen ihre offenen Datenportale und Anwendungen.\n"
        'place: "08115021"\nsources:\n  - https://example.org/termin\nlast_reviewed: 2025-01-15\n---\n'
        "Ein Tag mit Vorträgen.\n",
        encoding="utf-8",
    )
    result = cli("validate", "--data", str(data))
    assert result.code == 0, result.err
    assert "1 Termine" in result.out

    site = tmp_path / "site"
    build(data, site, tmp_path / "work")
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
