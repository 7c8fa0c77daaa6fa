"""Solutions: digital solutions a municipality can adopt — the model, its address, facets, sorts,
card facts and the hints for ``new``, in one place."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ConfigDict, Field

from ..models import Entry, LastReviewed, Record, RequiredWhen, Rule, Sources
from ..problems import Problem
from ..registry import (
    ORIGIN,
    REVIEW_SORT,
    TITLE_SORT,
    USE,
    CardFact,
    CatalogueView,
    Channel,
    Collection,
    Contact,
    Derived,
    Facet,
    FacetContext,
    Figure,
    IssueForm,
    PlaceRole,
    Sort,
    labels,
    shortened,
)
from ..text import plural
from ..types import ContactUrl, PlaceKey, ShortText, Spdx, Tag, WebUrl, ref, vocab


class UsageSource(Record):
    """Where a source shows that a municipality uses a solution."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    place: PlaceKey = Field(title="Kommune", description="Amtlicher Schlüssel der Kommune aus used_by.")
    url: WebUrl = Field(
        title="Beleg", description="Öffentliche Seite, die den Einsatz in dieser Kommune zeigt."
    )


class Solution(Entry):
    """A digital solution a municipality can adopt."""

    collection: ClassVar[str] = "solutions"
    label: ClassVar[str] = "Lösung"
    label_plural: ClassVar[str] = "Lösungen"
    rules: ClassVar[tuple[Rule, ...]] = (
        RequiredWhen(
            "licence",
            when="open_source",
            value=True,
            message="Bei open_source: true ist eine Lizenz (licence) anzugeben.",
            note="Pflicht bei open_source: true.",
        ),
    )

    name: ShortText = Field(title="Name", description="Name der Lösung, wie ihre Herausgeber sie nennen.")
    summary: str = Field(
        min_length=10,
        max_length=400,
        title="Kurzbeschreibung",
        description="Ein bis zwei Sätze: was die Lösung leistet und für wen (höchstens 400 Zeichen).",
    )
    action_fields: list[vocab("action_field")] = Field(
        min_length=1,
        title="Handlungsfelder",
        json_schema_extra={"x-title-one": "Handlungsfeld"},
        description="Kommunale Handlungsfelder, in denen die Lösung eingesetzt wird.",
    )
    tags: list[Tag] = Field(
        default_factory=list,
        title="Schlagwörter",
        json_schema_extra={"x-title-one": "Schlagwort"},
        description="Freie Schlagwörter für die Suche (ohne Semikolon).",
    )
    development_status: vocab("development_status") = Field(
        title="Entwicklungsstand",
        description="Reifegrad der Software, wie in publiccode.yml (developmentStatus).",
    )
    open_source: bool = Field(
        title="Open Source",
        description="true, wenn der Quellcode unter einer Open-Source-Lizenz veröffentlicht ist.",
    )
    licence: Spdx | None = Field(
        None,
        title="Lizenz",
        description="Lizenz als SPDX-Ausdruck, z. B. „MIT“ oder „EUPL-1.2 OR AGPL-3.0-only“.",
    )
    repository: WebUrl | None = Field(
        None, title="Quellcode", description="Adresse des öffentlichen Quellcode-Repositoriums."
    )
    publiccode_url: WebUrl | None = Field(
        None,
        title="publiccode.yml",
        description="Adresse der publiccode.yml-Datei der Lösung, falls vorhanden.",
    )
    website: WebUrl | None = Field(None, title="Website", description="Informationsseite der Lösung.")
    provider: ShortText | None = Field(
        None,
        title="Anbieter",
        description="Organisation, die die Lösung herausgibt, pflegt oder anbietet.",
    )
    maintenance: vocab("maintenance") | None = Field(
        None,
        title="Pflege",
        description="Wer die Software pflegt, wie in publiccode.yml (maintenance.type).",
    )
    origin: list[PlaceKey] = Field(
        default_factory=list,
        title="Ursprungskommunen",
        json_schema_extra={"x-title-one": "Ursprungskommune"},
        description="Amtliche Schlüssel der Kommunen, in denen die Lösung entstanden ist.",
    )
    used_by: list[PlaceKey] = Field(
        default_factory=list,
        title="Im Einsatz in",
        description="Amtliche Schlüssel der Kommunen, die die Lösung nachweislich nutzen.",
    )
    used_by_sources: list[UsageSource] = Field(
        default_factory=list,
        title="Belege für den Einsatz",
        description="Je Kommune aus used_by die Quelle, die den Einsatz dort zeigt "
        "(place: Schlüssel, url: Webadresse).",
    )
    standards: list[Tag] = Field(
        default_factory=list,
        title="Standards und Schnittstellen",
        json_schema_extra={"x-title-one": "Standard oder Schnittstelle"},
        description="Offene Standards und Schnittstellen, die die Lösung unterstützt, "
        "z. B. „OGC SensorThings API“.",
    )
    hosting: list[vocab("hosting")] = Field(
        default_factory=list,
        title="Betriebsmodelle",
        json_schema_extra={"x-title-one": "Betriebsmodell"},
        description="Wie die Lösung betrieben werden kann.",
    )
    cost_model: vocab("cost_model") | None = Field(
        None, title="Kostenmodell", description="Wie Kosten für eine nutzende Kommune entstehen."
    )
    transfer_readiness: vocab("transfer_phase") = Field(
        title="Transferreife",
        description="Erreichte Phase nach der Skalierungs-Roadmap der KTS (P1 Ideenfindung bis P5 Transfer).",
    )
    contact: ContactUrl | None = Field(
        None,
        title="Kontakt",
        description="Öffentliche Kontaktadresse (https:// oder mailto:) für Kommunen mit Interesse.",
    )
    funding_projects: list[
        ref("funding-projects", section="Entstanden in den Förderprojekten", backlink="Entstandene Lösungen")
    ] = Field(
        default_factory=list,
        title="Aus Förderprojekten",
        json_schema_extra={"x-title-one": "Aus dem Förderprojekt"},
        description="Kennungen der Förderprojekte, in denen die Lösung entstanden ist.",
    )
    programmes: list[
        ref("programmes", section="Gefördert aus den Programmen", backlink="Geförderte Lösungen")
    ] = Field(
        default_factory=list,
        title="Förderprogramme",
        json_schema_extra={"x-title-one": "Förderprogramm"},
        description="Kennungen der Förderprogramme, die Entwicklung oder Einführung der Lösung "
        "unmittelbar gefördert haben (nicht über ein Förderprojekt).",
    )
    sources: Sources
    last_reviewed: LastReviewed


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


def _solution_laender(entry: Solution, ctx: FacetContext) -> list[str]:
    keys = [k for k in [*entry.origin, *entry.used_by] if k in ctx.places]
    return sorted({ctx.label("land", ctx.places[k].land) for k in keys})


def _used_by_kinds(entry: Solution, ctx: FacetContext) -> list[str]:
    return sorted({ctx.label("place_kind", ctx.places[k].kind) for k in entry.used_by if k in ctx.places})


def _use_without_source(catalogue: CatalogueView, entry_id: str, solution: Solution) -> list[Problem]:
    sourced = {u.place for u in solution.used_by_sources}
    entry_file = catalogue.files[("solutions", entry_id)]
    out = [
        Problem(
            entry_file.path,
            entry_file.line_of(("used_by_sources", index, "place")),
            "used_by_sources",
            f"Belegt wird der Einsatz in {usage.place}, der Schlüssel steht aber nicht unter used_by.",
        )
        for index, usage in enumerate(solution.used_by_sources)
        if usage.place not in solution.used_by
    ]
    for index, key in enumerate(solution.used_by):
        if key in sourced:
            continue
        place = catalogue.reference.places.get(key)
        name = f"{place.name} ({key})" if place else key
        out.append(
            Problem(
                entry_file.path,
                entry_file.line_of(("used_by", index)),
                "used_by",
                f"Für den Einsatz in {name} nennt der Eintrag keinen Beleg. Bitte unter "
                "used_by_sources die Seite angeben, die ihn zeigt (place und url).",
            )
        )
    return out


def _jsonld(entry: Solution, ctx: FacetContext) -> dict[str, Any]:
    doc: dict[str, Any] = {"applicationCategory": [ctx.label("action_field", c) for c in entry.action_fields]}
    if entry.licence:
        doc["license"] = (
            f"https://spdx.org/licenses/{entry.licence}.html" if " " not in entry.licence else entry.licence
        )
    if entry.provider:
        doc["provider"] = {"@type": "Organization", "name": entry.provider}
    if entry.repository:
        doc["sameAs"] = entry.repository
    return doc


def _transfers(entries: dict[str, Solution], ctx: FacetContext) -> int:
    """Uses documented beyond the towns a solution came from."""
    return sum(len(set(s.used_by) - set(s.origin)) for s in entries.values())


COLLECTION = Collection(
    name="solutions",
    model=Solution,
    section="loesungen",
    title="Lösungen",
    row="solution",
    facets=(
        Facet("handlungsfeld", "Handlungsfeld", labels("action_field", "action_fields")),
        Facet("status", "Entwicklungsstand", labels("development_status", "development_status")),
        Facet(
            "quelloffen",
            "Open Source",
            lambda e, ctx: ["Open Source" if e.open_source else "Nicht quelloffen"],
        ),
        Facet("lizenz", "Lizenz", lambda e, ctx: [e.licence] if e.licence else []),
        Facet("betrieb", "Betriebsmodell", labels("hosting", "hosting")),
        Facet("land", "Land (Ursprung oder Einsatz)", _solution_laender),
        Facet("transferreife", "Transferreife", labels("transfer_phase", "transfer_readiness")),
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
        CardFact("Entwicklungsstand", labels("development_status", "development_status")),
        CardFact("Einsatz", _adoption, _adopters, sort="verbreitung"),
        CardFact("Land", _solution_laender, label_plural="Länder"),
        CardFact("Transferreife", labels("transfer_phase", "transfer_readiness")),
    ),
    schema_type="SoftwareApplication",
    jsonld=_jsonld,
    contact=Contact(
        "Anbieter",
        lambda e, ctx: e.provider or "",
        (Channel("contact", "Kontaktseite", mail_label="E-Mail"), Channel("website", "Website")),
        missing="Für diese Lösung ist noch keine Kontaktadresse hinterlegt.",
        fields=("provider",),
    ),
    order=1,
    url_fields=("repository", "website"),
    issue_form=IssueForm(
        slug="loesung-vorschlagen",
        name="Lösung vorschlagen",
        description="Eine digitale Lösung, die Kommunen übernehmen können, in den Katalog aufnehmen.",
        title="[Lösung]: ",
        labels=("neuer-eintrag", "loesung"),
    ),
    warnings=(_use_without_source,),
    derived=(Derived("Gefördert aus den Programmen", through="funding-projects", to="programmes"),),
    place_roles=(
        PlaceRole("origin", ORIGIN, geojson="solutions_origin"),
        PlaceRole("used_by", USE, geojson="solutions_used"),
    ),
    figures=(
        Figure(10, "Lösung", "Lösungen", lambda entries, ctx: len(entries)),
        Figure(
            20,
            "davon Open Source",
            "davon Open Source",
            lambda entries, ctx: sum(1 for s in entries.values() if s.open_source),
            link="?quelloffen=Open+Source",
        ),
        Figure(
            50,
            # soft hyphens (U+00AD) where a narrow tile may break a long word: browsers
            # without a German hyphenation dictionary would cut it anywhere
            "belegte Über\u00adnahme in eine weitere Kommune",
            "belegte Über\u00adnahmen in weitere Kommunen",
            _transfers,
            link="/karte/",
        ),
    ),
    compare=True,
)
