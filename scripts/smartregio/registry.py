"""One place per collection: its model, address, titles, intro, facets, sorts and DCAT text.

Pages, catalogue filters, downloads, the JSON API, DCAT, the feed and the changelog read a
collection from here. A new collection is a model in ``models.py`` plus one ``register()``
call; nothing else names the collections one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .addresses import SECTION_TITLES, SECTIONS
from .models import MODELS, Entry, FundingProject, Guideline, Programme, Solution
from .text import format_eur_compact, plural


@dataclass(frozen=True)
class FacetContext:
    """What a facet may look up: vocabulary labels, the places, the other entries."""

    label: Callable[[str, str], str]
    places: dict[str, Any]
    entries: dict[str, dict[str, Entry]]


@dataclass(frozen=True)
class Facet:
    key: str  # in the URL (?handlungsfeld=…) and the search index
    label: str
    values: Callable[[Any, FacetContext], list[str]]


@dataclass(frozen=True)
class CardFact:
    """One line of a catalogue card: what a reader asks first, without opening the entry."""

    label: str
    # one text, or a list (shortened to a few, „und 3 weitere“; the label then in the plural)
    text: Callable[[Any, FacetContext], str | list[str] | None]
    # shown in smaller print below the line, e.g. the towns behind „läuft in 3 Kommunen“
    detail: Callable[[Any, FacetContext], str | None] | None = None
    label_plural: str | None = None

    def line(self, entry: Any, ctx: FacetContext) -> tuple[str, str, str] | None:
        """(label, text, detail) for one entry, or None when the entry has no value."""
        value = self.text(entry, ctx)
        if not value:
            return None
        label = self.label
        if isinstance(value, list):
            label = self.label_plural if self.label_plural and len(value) > 1 else self.label
            value = shortened(value, 4)
        detail = self.detail(entry, ctx) if self.detail else None
        return label, value, detail or ""


@dataclass(frozen=True)
class Sort:
    key: str
    label: str
    # the entry's sort key; None for the two every collection has (title, last review)
    value: Callable[[Any], str | None] | None = None


TITLE_SORT = "titel"
REVIEW_SORT = "geprueft"
DEFAULT_SORTS = (Sort(TITLE_SORT, "Name (A–Z)"), Sort(REVIEW_SORT, "Zuletzt geprüft"))


@dataclass(frozen=True)
class Collection:
    name: str  # the folder under data/ and the package's table name
    model: type[Entry]
    section: str  # the address: /<section>/<id>/
    title: str  # plural, as headings and menus say it
    intro: str
    dcat_description: str
    row: str  # a link table's column naming this collection's entries
    facets: tuple[Facet, ...] = ()
    sorts: tuple[Sort, ...] = DEFAULT_SORTS
    card: tuple[CardFact, ...] = ()  # the facts a catalogue card shows under the summary
    schema_type: str = "CreativeWork"  # schema.org type of an entry page


REGISTRY: dict[str, Collection] = {}


def register(collection: Collection) -> Collection:
    """Make a collection known to every stage."""
    REGISTRY[collection.name] = collection
    MODELS[collection.name] = collection.model
    SECTIONS[collection.name] = collection.section
    SECTION_TITLES[collection.name] = collection.title
    return collection


def unregister(name: str) -> None:
    for table in (REGISTRY, MODELS, SECTIONS, SECTION_TITLES):
        table.pop(name, None)


def _labels(vocabulary: str, attribute: str) -> Callable[[Any, FacetContext], list[str]]:
    """A facet showing the German labels of one vocabulary field (single value or list)."""

    def values(entry: Any, ctx: FacetContext) -> list[str]:
        value = getattr(entry, attribute)
        codes = value if isinstance(value, list) else ([value] if value else [])
        return [ctx.label(vocabulary, code) for code in codes]

    return values


def shortened(names: list[str], shown: int = 5) -> str:
    """„A, B, C und 4 weitere“: a long list cut short in German."""
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} und {len(names) - shown} weitere"


def _licence(entry: Solution, ctx: FacetContext) -> str:
    if not entry.open_source:
        return f"nicht quelloffen ({entry.licence})" if entry.licence else "nicht quelloffen"
    return f"Open Source ({entry.licence})" if entry.licence else "Open Source"


def _adoption(entry: Solution, ctx: FacetContext) -> str:
    if not entry.used_by:
        return "kein Einsatz in einer Kommune belegt"
    return f"läuft in {plural(len(entry.used_by), 'Kommune', 'Kommunen')}"


def _adopters(entry: Solution, ctx: FacetContext) -> str | None:
    names = sorted((ctx.places[k].name for k in entry.used_by if k in ctx.places), key=str.casefold)
    return shortened(names) if names else None


def _period(entry: Any, ctx: FacetContext) -> str | None:
    if entry.start and entry.end:
        return f"{entry.start}–{entry.end}"
    if entry.start:
        return f"seit {entry.start}"
    return f"bis {entry.end}" if entry.end else None


def _lead(entry: FundingProject, ctx: FacetContext) -> str | None:
    if entry.lead and entry.lead in ctx.places:
        return ctx.places[entry.lead].name
    return entry.lead_organisation


def _outcome(entry: FundingProject, ctx: FacetContext) -> str | None:
    solutions = {*entry.solutions, *(m.solution for m in entry.measures if m.solution)}
    parts = []
    if entry.measures:
        parts.append(plural(len(entry.measures), "Maßnahme", "Maßnahmen"))
    if solutions:
        parts.append(plural(len(solutions), "Lösung", "Lösungen") + " im Katalog")
    return ", ".join(parts) or None


def _solution_laender(entry: Solution, ctx: FacetContext) -> list[str]:
    keys = [k for k in [*entry.origin, *entry.used_by] if k in ctx.places]
    return sorted({ctx.label("land", ctx.places[k].land) for k in keys})


def _used_by_kinds(entry: Solution, ctx: FacetContext) -> list[str]:
    return sorted({ctx.label("place_kind", ctx.places[k].kind) for k in entry.used_by if k in ctx.places})


def _programme_name(entry: FundingProject, ctx: FacetContext) -> list[str]:
    programme = ctx.entries["programmes"].get(entry.programme)
    return [getattr(programme, "name", entry.programme)] if programme else [entry.programme]


register(
    Collection(
        name="solutions",
        model=Solution,
        section="loesungen",
        title="Lösungen",
        intro="Digitale Lösungen, die Kommunen übernehmen können – mit Lizenz, Reifegrad, "
        "Betriebsmodell und den Orten, in denen sie schon laufen. Filtern Sie nach Handlungsfeld, "
        "Land oder der Art der Kommunen, die eine Lösung bereits nutzen.",
        dcat_description="Digitale Lösungen für Kommunen mit Lizenz, Reifegrad, Betriebsmodell, Ursprung "
        "und nutzenden Kommunen.",
        row="solution",
        facets=(
            Facet("handlungsfeld", "Handlungsfeld", _labels("action_field", "action_fields")),
            Facet("status", "Entwicklungsstand", _labels("development_status", "development_status")),
            Facet(
                "quelloffen",
                "Open Source",
                lambda e, ctx: ["Open Source" if e.open_source else "Nicht quelloffen"],
            ),
            Facet("lizenz", "Lizenz", lambda e, ctx: [e.licence] if e.licence else []),
            Facet("betrieb", "Betriebsmodell", _labels("hosting", "hosting")),
            Facet("land", "Land (Ursprung oder Einsatz)", _solution_laender),
            Facet("transferreife", "Transferreife", _labels("transfer_phase", "transfer_readiness")),
            Facet("ortsart", "Im Einsatz in (Art der Kommune)", _used_by_kinds),
        ),
        sorts=(
            Sort(TITLE_SORT, "Name (A–Z)"),
            # zero-padded: sort keys are compared as text, most towns first
            Sort("verbreitung", "Meiste Kommunen im Einsatz", lambda e: f"{len(e.used_by):06d}"),
            Sort(REVIEW_SORT, "Zuletzt geprüft"),
        ),
        card=(
            CardFact("Lizenz", _licence),
            CardFact("Entwicklungsstand", _labels("development_status", "development_status")),
            CardFact("Einsatz", _adoption, _adopters),
            CardFact("Land", _solution_laender, label_plural="Länder"),
            CardFact("Transferreife", _labels("transfer_phase", "transfer_readiness")),
        ),
        schema_type="SoftwareApplication",
    )
)
register(
    Collection(
        name="funding-projects",
        model=FundingProject,
        section="foerderprojekte",
        title="Förderprojekte",
        intro="Geförderte Vorhaben, darunter alle 73 Modellprojekte Smart Cities, "
        "mit Programm, Staffel, Land und Kategorie.",
        dcat_description="Geförderte Smart-City-Projekte, darunter alle 73 Modellprojekte Smart Cities, "
        "mit Programm, Staffel, Kategorie, Land und beteiligten Kommunen.",
        row="funding_project",
        facets=(
            Facet("programm", "Förderprogramm", _programme_name),
            Facet("staffel", "Staffel", lambda e, ctx: [e.call] if e.call else []),
            Facet("land", "Land", _labels("land", "laender")),
            Facet("kategorie", "Kategorie", _labels("project_category", "category")),
            Facet("status", "Status", _labels("project_status", "status")),
        ),
        sorts=(
            Sort(TITLE_SORT, "Titel (A–Z)"),
            Sort("beginn", "Beginn", lambda e: str(e.start) if e.start else None),
            Sort(REVIEW_SORT, "Zuletzt geprüft"),
        ),
        card=(
            CardFact("Federführend", _lead),
            CardFact("Land", _labels("land", "laender"), label_plural="Länder"),
            CardFact("Aufruf", lambda e, ctx: e.call),
            CardFact("Kategorie", _labels("project_category", "category")),
            CardFact("Laufzeit", _period),
            CardFact("Status", _labels("project_status", "status")),
            CardFact("Ergebnis", _outcome),
        ),
        schema_type="Project",
    )
)
register(
    Collection(
        name="guidelines",
        model=Guideline,
        section="leitfaeden",
        title="Leitfäden",
        intro="Leitfäden für die Übertragung einer Lösung in Ihre Kommune, gegliedert nach den "
        "Phasen P1 bis P5 der Skalierungs-Roadmap und den vier Arbeitssträngen.",
        dcat_description="Leitfäden für die Übertragung digitaler Lösungen zwischen Kommunen, gegliedert "
        "nach den Phasen der Skalierungs-Roadmap.",
        row="guideline",
        facets=(
            Facet("phase", "Phase", _labels("transfer_phase", "phases")),
            Facet("arbeitsstrang", "Arbeitsstrang", _labels("workstream", "workstreams")),
            Facet("zielgruppe", "Zielgruppe", _labels("audience", "audience")),
        ),
        sorts=(Sort(TITLE_SORT, "Titel (A–Z)"), Sort(REVIEW_SORT, "Zuletzt geprüft")),
        card=(
            CardFact("Phase", _labels("transfer_phase", "phases"), label_plural="Phasen"),
            CardFact("Zielgruppe", _labels("audience", "audience"), label_plural="Zielgruppen"),
            CardFact("Aufwand", _labels("effort", "effort")),
        ),
        schema_type="Article",
    )
)
register(
    Collection(
        name="programmes",
        model=Programme,
        section="programme",
        title="Förderprogramme",
        intro="Förderprogramme von Bund und Ländern, aus denen Smart-City-Vorhaben finanziert werden.",
        dcat_description="Förderprogramme von Bund und Ländern für smarte Städte und Regionen.",
        row="programme",
        facets=(
            Facet("ebene", "Ebene", _labels("programme_level", "level")),
            Facet("land", "Land", _labels("land", "land")),
        ),
        card=(
            CardFact("Fördergeber", lambda e, ctx: e.funder),
            CardFact("Ebene", _labels("programme_level", "level")),
            CardFact("Land", _labels("land", "land")),
            CardFact("Laufzeit", _period),
            # short on the card („820 Mio. €“); the entry page gives the exact amount
            CardFact("Volumen", lambda e, ctx: format_eur_compact(e.volume) if e.volume else None),
        ),
        schema_type="MonetaryGrant",
    )
)
