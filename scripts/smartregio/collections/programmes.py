"""Funding programmes of the Bund and the Länder — model, address, facets and hints in one place."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from ..models import Entry, LastReviewed, RequiredWhen, Rule, Sources, check_period
from ..registry import (
    DEFAULT_SORTS,
    CardFact,
    Channel,
    Collection,
    Contact,
    Derived,
    Facet,
    FacetContext,
    Figure,
    ForPlaces,
    Sort,
    labels,
    period,
)
from ..text import format_eur_compact
from ..types import Amount, ShortText, WebUrl, Year, vocab


class Programme(Entry):
    """A funding programme (EU, Bund or Land)."""

    collection: ClassVar[str] = "programmes"
    label: ClassVar[str] = "Förderprogramm"
    label_plural: ClassVar[str] = "Förderprogramme"
    rules: ClassVar[tuple[Rule, ...]] = (
        RequiredWhen(
            "land",
            when="level",
            value="land",
            message="Bei level: land ist das Land (land) anzugeben.",
            else_message="land ist nur bei level: land anzugeben.",
            note="Pflicht bei level: land, sonst leer lassen.",
        ),
    )

    name: ShortText = Field(title="Name", description="Name des Förderprogramms.")
    summary: str | None = Field(
        None, max_length=400, title="Kurzbeschreibung", description="Ein bis zwei Sätze zum Programm."
    )
    funder: ShortText = Field(
        title="Fördermittelgeber", description="Ministerium oder Stelle, die das Programm verantwortet."
    )
    level: vocab("programme_level") = Field(
        title="Ebene", description="Ebene des Fördermittelgebers: eu, bund oder land."
    )
    land: vocab("land") | None = Field(
        None, title="Land", description="Kürzel des Landes, nur bei Programmen eines Landes."
    )
    start: Year | None = Field(None, title="Beginn", description="Jahr, in dem das Programm begann.")
    end: Year | None = Field(None, title="Ende", description="Jahr, in dem das Programm endet(e).")
    volume: Amount | None = Field(
        None, title="Volumen (EUR)", description="Gesamtvolumen in Euro; nur mit Quelle."
    )
    funding_rate: ShortText | None = Field(
        None,
        title="Förderquote",
        description="Anteil der förderfähigen Kosten, z. B. „65 %, bis 90 % bei Haushaltsnotlage“.",
    )
    status: vocab("project_status") | None = Field(
        None,
        title="Status",
        description="Ob das Programm noch fördert (laufend) oder beendet ist (abgeschlossen); "
        "nur mit Quelle.",
    )
    application: ShortText | None = Field(
        None,
        title="Antragsfenster",
        description="Frist oder Verfahren für Anträge, z. B. „jährlich bis 22. Mai“ oder „derzeit kein "
        "Aufruf“; nur mit Quelle.",
    )
    url: WebUrl | None = Field(None, title="Website", description="Offizielle Seite des Programms.")
    sources: Sources
    last_reviewed: LastReviewed

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        check_period(self.start, self.end)
        return self


def _status(programme: Programme, year: int | None) -> str:
    if programme.end is None:
        return "ohne bekanntes Ende"
    if year is not None and programme.end < year:
        return f"beendet ({programme.end})"
    return f"läuft bis {programme.end}"


def _for_land(land: str, ctx: FacetContext) -> list[tuple[str, str]]:
    """The programmes of a Land, then those of the Bund, each with whether it still runs: the
    running ones first (a place's page may list only the first), each by name."""
    ended = lambda p: p.end is not None and ctx.year is not None and p.end < ctx.year  # noqa: E731
    programmes = sorted(ctx.entries["programmes"].values(), key=lambda p: (ended(p), p.name.casefold()))
    name = ctx.label("land", land)
    own = [p for p in programmes if p.level == "land" and p.land == land]
    federal = [p for p in programmes if p.level == "bund"]
    return [(p.id, f"Land {name}, {_status(p, ctx.year)}") for p in own] + [
        (p.id, f"Bund, {_status(p, ctx.year)}") for p in federal
    ]


def _jsonld(entry: Programme, ctx: FacetContext) -> dict[str, Any]:
    doc: dict[str, Any] = {"funder": {"@type": "GovernmentOrganization", "name": entry.funder}}
    if entry.volume:
        doc["amount"] = {"@type": "MonetaryAmount", "currency": "EUR", "value": entry.volume}
    return doc


# the programme whose projects the start page counts, found by its name in the data
FEATURED = "Modellprojekte Smart Cities"


def _featured(entries: dict[str, Programme], ctx: FacetContext) -> str | None:
    return next((p.id for p in entries.values() if p.name == FEATURED), None)


def _featured_projects(entries: dict[str, Programme], ctx: FacetContext) -> int | None:
    featured = _featured(entries, ctx)
    if featured is None:
        return None
    return sum(1 for p in ctx.entries["funding-projects"].values() if p.programme == featured)


VOLUME = "volumen"  # the sort by volume, and the card fact it orders by

COLLECTION = Collection(
    name="programmes",
    model=Programme,
    section="programme",
    title="Förderprogramme",
    row="programme",
    facets=(
        Facet("ebene", "Ebene", labels("programme_level", "level")),
        Facet("land", "Land", labels("land", "land")),
    ),
    sorts=(
        *DEFAULT_SORTS[:1],
        # zero-padded: sort keys are compared as text, the largest volume first
        Sort(VOLUME, "Größtes Volumen", lambda e: f"{round(e.volume):015d}" if e.volume else None),
        *DEFAULT_SORTS[1:],
    ),
    card=(
        CardFact("Fördergeber", lambda e, ctx: e.funder),
        CardFact("Ebene", labels("programme_level", "level")),
        CardFact("Land", labels("land", "land")),
        CardFact("Laufzeit", period),
        # short on the card („820 Mio. €“); the entry page gives the exact amount
        CardFact("Volumen", lambda e, ctx: format_eur_compact(e.volume) if e.volume else None, sort=VOLUME),
    ),
    schema_type="MonetaryGrant",
    jsonld=_jsonld,
    contact=Contact(
        "Fördergeber", lambda e, ctx: e.funder, (Channel("url", "Programmseite"),), fields=("funder",)
    ),
    order=4,
    url_fields=("url",),
    derived=(Derived("Geförderte Lösungen", through="funding-projects", to="solutions"),),
    related=("Geförderte Projekte", "Geförderte Lösungen"),
    for_places=ForPlaces("Förderprogramme für {land} und vom Bund", _for_land),
    figures=(
        Figure(
            40,
            "Modell\u00adprojekt Smart Cities",
            "Modell\u00adprojekte Smart Cities",
            _featured_projects,
            entry=_featured,
        ),
        Figure(
            80,
            "Programm\u00advolumen (belegt)",
            "Programm\u00advolumen (belegt)",
            lambda entries, ctx: sum(p.volume or 0 for p in entries.values()) or None,
            money=True,
        ),
    ),
)
