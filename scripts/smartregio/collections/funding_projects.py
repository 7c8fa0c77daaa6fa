"""Funding projects: funded undertakings such as the 73 Modellprojekte Smart Cities — model,
address, facets, sorts, card facts and hints in one place."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any, ClassVar

from pydantic import ConfigDict, Field, model_validator

from ..models import Entry, LastReviewed, OneOf, Record, Rule, Sources, check_period, cross_field
from ..problems import Problem
from ..registry import (
    LEAD,
    PARTNER,
    REVIEW_SORT,
    TITLE_SORT,
    CardFact,
    CatalogueView,
    Channel,
    Collection,
    Contact,
    Facet,
    FacetContext,
    Figure,
    IssueForm,
    PlaceRole,
    Sort,
    labels,
    period,
)
from ..text import format_eur_compact, plural
from ..types import Amount, PlaceKey, ShortText, WebUrl, Year, ref, vocab

# a project uses a solution: the weaker claim, shown only where no field says it developed it
USED = "Eingesetzte Lösungen"
USED_IN = "Eingesetzt in den Förderprojekten"


class Measure(Record):
    """One main measure (Maßnahme) a funded project carried out."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: ShortText = Field(title="Maßnahme", description="Kurzer Titel der Maßnahme.")
    summary: str | None = Field(
        None,
        min_length=5,
        max_length=300,
        title="Beschreibung",
        description="Eine Zeile: was umgesetzt wurde (höchstens 300 Zeichen).",
    )
    url: WebUrl | None = Field(None, title="Webadresse", description="Seite, die die Maßnahme beschreibt.")
    solution: ref("solutions", section=USED, backlink=USED_IN, weaker=True) | None = Field(
        None,
        title="Lösung",
        description="Kennung der Lösung, wenn die Maßnahme eine nachnutzbare Lösung ist oder nutzt. "
        "Auf den Seiten gilt sie als eingesetzt, wenn nicht solutions sagt, dass sie im Projekt "
        "entstanden ist.",
    )


class FundingProject(Entry):
    """A funded project, e.g. one of the Modellprojekte Smart Cities."""

    collection: ClassVar[str] = "funding-projects"
    label: ClassVar[str] = "Förderprojekt"
    label_plural: ClassVar[str] = "Förderprojekte"
    rules: ClassVar[tuple[Rule, ...]] = (
        OneOf(
            ("lead", "lead_organisation"),
            message="Anzugeben ist lead (amtlicher Schlüssel) oder lead_organisation.",
            field_notes=(
                (
                    "lead",
                    "Ausnahme: Passt kein kommunaler Schlüssel, diese Zeile löschen und lead_organisation "
                    "angeben.",
                ),
                ("lead_organisation", "Nur angeben, wenn lead fehlt."),
            ),
        ),
    )

    title: ShortText = Field(title="Titel", description="Name des Projekts bzw. der Kommune(n).")
    summary: str | None = Field(
        None,
        max_length=600,
        title="Kurzbeschreibung",
        description="Zwei bis vier Sätze: was das Projekt vorhatte und was daraus wurde "
        "(höchstens 600 Zeichen).",
    )
    programme: ref("programmes", backlink="Geförderte Projekte") = Field(
        title="Förderprogramm", description="Kennung des Förderprogramms."
    )
    co_funding: list[ref("programmes", backlink="Geförderte Projekte")] = Field(
        default_factory=list,
        title="Kofinanzierung",
        description="Kennungen weiterer Förderprogramme, die das Projekt zusätzlich fördern, "
        "z. B. Landesmittel zur Bundesförderung.",
    )
    call: ShortText | None = Field(
        None,
        title="Staffel / Aufruf",
        description="Förderrunde, z. B. „Staffel 2019“.",
    )
    lead: PlaceKey | None = Field(
        None,
        title="Federführende Kommune",
        description="Amtlicher Schlüssel der federführenden (bei Kooperationen: der erstgenannten) "
        "Kommune oder des Kreises.",
    )
    lead_organisation: ShortText | None = Field(
        None,
        title="Federführende Organisation",
        description="Nur wenn kein kommunaler Schlüssel passt, z. B. ein Regionalverband.",
    )
    partners: list[PlaceKey] = Field(
        default_factory=list,
        title="Partnerkommunen",
        json_schema_extra={"x-title-one": "Partnerkommune"},
        description="Amtliche Schlüssel weiterer beteiligter Kommunen und Kreise.",
    )
    laender: list[vocab("land")] = Field(
        min_length=1,
        title="Länder",
        json_schema_extra={"x-title-one": "Land"},
        description="Kürzel der Länder, in denen das Projekt liegt, z. B. „BW“.",
    )
    category: vocab("project_category") | None = Field(
        None,
        title="Kategorie",
        description="Kommunale Kategorie, wie sie das Förderprogramm vergibt.",
    )
    start: Year | None = Field(None, title="Beginn", description="Jahr des Förderbeginns.")
    end: Year | None = Field(None, title="Ende", description="Jahr des Förderendes.")
    funding_amount: Amount | None = Field(
        None,
        title="Fördersumme (EUR)",
        description="Bewilligte Fördermittel in Euro; nur mit Quelle angeben.",
    )
    total_budget: Amount | None = Field(
        None,
        title="Gesamtvolumen (EUR)",
        description="Gesamtes Projektvolumen einschließlich Eigenanteil in Euro; nur mit Quelle.",
    )
    status: vocab("project_status") | None = Field(
        None, title="Status", description="Stand des Projekts; nur mit Quelle angeben."
    )
    topics: list[vocab("action_field")] = Field(
        default_factory=list,
        title="Handlungsfelder",
        json_schema_extra={"x-title-one": "Handlungsfeld"},
        description="Handlungsfelder, in denen das Projekt arbeitet.",
    )
    measures: list[Measure] = Field(
        default_factory=list,
        title="Maßnahmen",
        description="Die wichtigsten Maßnahmen des Projekts, je mit Titel, einer Zeile "
        "Beschreibung, Webadresse und der Lösung, wenn es eine gibt.",
    )
    solutions: list[
        ref("solutions", section="Entstandene Lösungen", backlink="Entstanden in den Förderprojekten")
    ] = Field(
        default_factory=list,
        title="Entstandene Lösungen",
        json_schema_extra={"x-title-one": "Entstandene Lösung"},
        description="Kennungen der Lösungen, die im Projekt entstanden sind: entwickelt oder in Auftrag "
        "gegeben. Eine vorhandene Lösung, die das Projekt nur einsetzt, gehört in uses_solutions.",
    )
    uses_solutions: list[ref("solutions", section=USED, backlink=USED_IN, weaker=True)] = Field(
        default_factory=list,
        title="Eingesetzte Lösungen",
        json_schema_extra={"x-title-one": "Eingesetzte Lösung"},
        description="Kennungen vorhandener Lösungen, die das Projekt einsetzt, anpasst oder betreibt, ohne "
        "sie entwickelt zu haben. Sagen die Quellen nicht, dass das Projekt eine Lösung entwickelt hat, "
        "gehört sie hierher.",
    )
    website: WebUrl | None = Field(None, title="Website", description="Website des Projekts.")
    sources: Sources
    last_reviewed: LastReviewed

    @model_validator(mode="after")
    def _consistent(self) -> FundingProject:
        check_period(self.start, self.end)
        if (
            self.funding_amount is not None
            and self.total_budget is not None
            and self.funding_amount > self.total_budget
        ):
            raise cross_field(
                "funding_amount",
                "Die Fördersumme (funding_amount) ist größer als das Gesamtvolumen (total_budget).",
            )
        return self


def _lead(entry: FundingProject, ctx: FacetContext) -> str | None:
    if entry.lead and entry.lead in ctx.places:
        return ctx.places[entry.lead].name
    return entry.lead_organisation


def _amount_key(amount: float | None) -> str | None:
    return f"{round(amount):015d}" if amount is not None else None


def _compact_amount(amount: float | None) -> str | None:
    return format_eur_compact(amount) if amount is not None else None


def _outcome(entry: FundingProject, ctx: FacetContext) -> str | None:
    solutions = {*entry.solutions, *entry.uses_solutions, *(m.solution for m in entry.measures if m.solution)}
    parts = []
    if entry.measures:
        parts.append(plural(len(entry.measures), "Maßnahme", "Maßnahmen"))
    if solutions:
        parts.append(plural(len(solutions), "Lösung", "Lösungen") + " im Katalog")
    return ", ".join(parts) or None


def _programme_name(entry: FundingProject, ctx: FacetContext) -> list[str]:
    programme = ctx.entries["programmes"].get(entry.programme)
    return [getattr(programme, "name", entry.programme)] if programme else [entry.programme]


def _project_without_outcome(
    catalogue: CatalogueView, entry_id: str, project: FundingProject
) -> list[Problem]:
    """A warning: a project that names neither measures nor solutions."""
    if project.measures or project.solutions or project.uses_solutions:
        return []
    entry_file = catalogue.files[("funding-projects", entry_id)]
    return [
        Problem(
            entry_file.path,
            1,
            "measures",
            "Das Projekt nennt weder Maßnahmen (measures) noch entstandene (solutions) oder eingesetzte "
            "Lösungen (uses_solutions). "
            "Was hat es umgesetzt?",
        )
    ]


# the words that stand before a place's name in a project's title: „Modellprojekt Smart City Ulm“,
# „Smarte.Land.Region Landkreis Cham“
_BEFORE_NAME = re.compile(
    r"(?:Smart Cit(?:y|ies)|Smarte\.Land\.Region|Landkreis|Kreis|Stadt|Gemeinde|Amt|Verbandsgemeinde|"
    r"Samtgemeinde|Verwaltungsgemeinschaft|Region)\s+(?P<name>.+)$"
)


def _lead_named_differently(
    catalogue: CatalogueView, entry_id: str, project: FundingProject
) -> list[Problem]:
    """A title that repeats its lead place's name should spell it as the official table does
    („Neustadt a.d. Waldnaab“, not „Neustadt an der Waldnaab“): readers and the finder search
    for the official name. Only a near match is reported; „5 für Südwestfalen“ names no place."""
    place = catalogue.reference.places.get(project.lead or "")
    match = _BEFORE_NAME.search(project.title)
    if place is None or match is None or place.name in project.title:
        return []
    written = match.group("name").strip()
    while (inner := _BEFORE_NAME.match(written)) is not None:  # „Smarte.Land.Region Landkreis …“
        written = inner.group("name").strip()
    if SequenceMatcher(None, written.casefold(), place.name.casefold()).ratio() < 0.75:
        return []
    entry_file = catalogue.files[("funding-projects", entry_id)]
    return [
        Problem(
            entry_file.path,
            entry_file.line_of(("title",)),
            "title",
            f"Der Titel schreibt „{written}“, der amtliche Name von {place.key} ist „{place.name}“. "
            "Bitte den amtlichen Namen verwenden, wenn der Titel den Ort nennt.",
        )
    ]


def _organisation(entry: FundingProject, ctx: FacetContext) -> str:
    lead = ctx.places.get(entry.lead) if entry.lead else None
    return entry.lead_organisation or (lead.name if lead else "")


def _jsonld(entry: FundingProject, ctx: FacetContext) -> dict[str, Any]:
    programme = ctx.entries["programmes"].get(entry.programme)
    return {"funder": {"@type": "Organization", "name": programme.funder}} if programme else {}


COLLECTION = Collection(
    name="funding-projects",
    model=FundingProject,
    section="foerderprojekte",
    title="Förderprojekte",
    row="funding_project",
    facets=(
        Facet("programm", "Förderprogramm", _programme_name),
        Facet("staffel", "Staffel", lambda e, ctx: [e.call] if e.call else []),
        Facet("land", "Land", labels("land", "laender")),
        Facet("kategorie", "Kategorie", labels("project_category", "category")),
        Facet("status", "Status", labels("project_status", "status")),
    ),
    sorts=(
        Sort(TITLE_SORT, "Titel (A–Z)"),
        Sort("beginn", "Beginn", lambda e: str(e.start) if e.start else None),
        # zero-padded: sort keys are compared as text, the largest amount first
        Sort("foerderung", "Höchste Bundesförderung", lambda e: _amount_key(e.funding_amount)),
        Sort("budget", "Größtes Gesamtbudget", lambda e: _amount_key(e.total_budget)),
        Sort(REVIEW_SORT, "Zuletzt geprüft"),
    ),
    card=(
        CardFact("Federführend", _lead),
        CardFact("Land", labels("land", "laender"), label_plural="Länder"),
        CardFact("Aufruf", lambda e, ctx: e.call, in_table=False),
        CardFact("Kategorie", labels("project_category", "category"), in_table=False),
        CardFact("Laufzeit", period, sort="beginn"),
        # the federal grant and the total budget kept apart, compact on the card (exact on the page)
        CardFact("Bundesförderung", lambda e, ctx: _compact_amount(e.funding_amount), sort="foerderung"),
        CardFact("Gesamtbudget", lambda e, ctx: _compact_amount(e.total_budget), sort="budget"),
        CardFact("Status", labels("project_status", "status")),
        CardFact("Ergebnis", _outcome, in_table=False),
    ),
    schema_type="Project",
    jsonld=_jsonld,
    contact=Contact(
        "Federführend",
        _organisation,
        (Channel("website", "Projektwebsite"),),
        missing="Für dieses Projekt ist noch keine Website hinterlegt.",
        fields=("lead_organisation",),
    ),
    records="measures",
    figures=(Figure(30, "Förder\u00adprojekt", "Förder\u00adprojekte", lambda entries, ctx: len(entries)),),
    order=2,
    url_fields=("website",),
    issue_form=IssueForm(
        slug="foerderprojekt-melden",
        name="Förderprojekt melden",
        description="Ein gefördertes Projekt melden, das im Katalog noch fehlt.",
        title="[Förderprojekt]: ",
        labels=("neuer-eintrag", "foerderprojekt"),
    ),
    warnings=(_project_without_outcome, _lead_named_differently),
    place_roles=(
        PlaceRole("lead", LEAD, geojson="projects_lead"),
        PlaceRole("partners", PARTNER, geojson="projects_partner"),
    ),
    laender_field="laender",
)
