"""The one definition of an entry's shape, per collection.

Titles and descriptions are German: they become the labels in the published Table
Schemas, the editor help (JSON Schema) and the scaffold comments. Rules that need other
entries (references) live in ``links.py``; rules inside one entry live here.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .limits import MAX_BODY, MAX_EMAIL, MAX_ITEMS, MAX_LIST_TEXT
from .text import format_number
from .types import (
    Amount,
    ContactUrl,
    EntryId,
    PlaceKey,
    ReviewDate,
    ShortText,
    Spdx,
    Tag,
    WebUrl,
    Year,
    ref,
    text_problem,
    vocab,
)

Sources = Annotated[
    list[WebUrl],
    Field(
        min_length=1,
        title="Quellen",
        description="Öffentliche Webadressen, die die Angaben belegen (mindestens eine).",
    ),
]
LastReviewed = Annotated[
    ReviewDate,
    Field(
        title="Zuletzt geprüft",
        description="Datum, an dem die Angaben zuletzt mit den Quellen abgeglichen wurden "
        "(JJJJ-MM-TT, nicht in der Zukunft).",
    ),
]


def _cross_field(field: str, message: str) -> PydanticCustomError:
    """An error naming two fields; ``field`` is where the line number points."""
    return PydanticCustomError("cross_field", message, {"field": field})


MULTILINE_FIELDS = frozenset({"body", "summary", "description"})


class Record(BaseModel):
    """Base of every model read from contributors: no text may hide or reorder characters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _bounded_list(cls, value):
        """Every list within the limits, checked before its values are (a million values would
        cost a million checks); a list of texts is one cell of the package's CSV."""
        if isinstance(value, list):
            if len(value) > MAX_ITEMS:
                raise PydanticCustomError(
                    "too_many",
                    f"Die Liste hat {format_number(len(value))} Werte, höchstens "
                    f"{format_number(MAX_ITEMS)} sind möglich.",
                )
            size = sum(len(item) + 1 for item in value if isinstance(item, str))
            if size > MAX_LIST_TEXT:
                raise PydanticCustomError(
                    "too_many",
                    f"Die Werte der Liste haben zusammen {format_number(size)} Zeichen, höchstens "
                    f"{format_number(MAX_LIST_TEXT)} sind möglich.",
                )
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _clean_text(cls, value, info: ValidationInfo):
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and (problem := text_problem(text, info.field_name in MULTILINE_FIELDS)):
                raise PydanticCustomError("text", problem)
        return value


def _de(number: float) -> str:
    return f"{number:.4f}".replace(".", ",")


def _check_period(start: int | None, end: int | None) -> None:
    if start is not None and end is not None and end < start:
        raise _cross_field("end", f"Ende ({end}) liegt vor dem Beginn (start: {start}).")


class Entry(Record):
    """Fields every entry shares."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)

    collection: ClassVar[str]
    label: ClassVar[str]
    label_plural: ClassVar[str]
    body_title: ClassVar[str] = "Beschreibung"
    body_required: ClassVar[bool] = False

    id: EntryId = Field(
        title="Kennung",
        description="Dauerhafte Kennung des Eintrags, gleich dem Dateinamen ohne „.md“: "
        "Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, höchstens 64 Zeichen.",
    )
    body: str = Field(
        "",
        max_length=MAX_BODY,
        title="Beschreibung",
        description="Der Text unter dem YAML-Kopf, in Markdown.",
    )


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
    funding_projects: list[ref("funding-projects")] = Field(
        default_factory=list,
        title="Aus Förderprojekten",
        json_schema_extra={"x-title-one": "Aus dem Förderprojekt"},
        description="Kennungen der Förderprojekte, in denen die Lösung entstanden ist.",
    )
    programmes: list[ref("programmes")] = Field(
        default_factory=list,
        title="Förderprogramme",
        json_schema_extra={"x-title-one": "Förderprogramm"},
        description="Kennungen der Förderprogramme, die Entwicklung oder Einführung der Lösung "
        "unmittelbar gefördert haben (nicht über ein Förderprojekt).",
    )
    sources: Sources
    last_reviewed: LastReviewed

    @model_validator(mode="after")
    def _open_source_needs_licence(self) -> Solution:
        if self.open_source and not self.licence:
            raise _cross_field("licence", "Bei open_source: true ist eine Lizenz (licence) anzugeben.")
        return self


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
    solution: ref("solutions") | None = Field(
        None,
        title="Lösung",
        description="Kennung der Lösung, wenn die Maßnahme eine nachnutzbare Lösung ist oder nutzt.",
    )


class FundingProject(Entry):
    """A funded project, e.g. one of the Modellprojekte Smart Cities."""

    collection: ClassVar[str] = "funding-projects"
    label: ClassVar[str] = "Förderprojekt"
    label_plural: ClassVar[str] = "Förderprojekte"

    title: ShortText = Field(title="Titel", description="Name des Projekts bzw. der Kommune(n).")
    summary: str | None = Field(
        None,
        max_length=600,
        title="Kurzbeschreibung",
        description="Zwei bis vier Sätze: was das Projekt vorhatte und was daraus wurde "
        "(höchstens 600 Zeichen).",
    )
    programme: ref("programmes") = Field(title="Förderprogramm", description="Kennung des Förderprogramms.")
    co_funding: list[ref("programmes")] = Field(
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
    solutions: list[ref("solutions")] = Field(
        default_factory=list,
        title="Entstandene Lösungen",
        json_schema_extra={"x-title-one": "Entstandene Lösung"},
        description="Kennungen der Lösungen, die im Projekt entstanden sind oder die es übernommen hat.",
    )
    website: WebUrl | None = Field(None, title="Website", description="Website des Projekts.")
    sources: Sources
    last_reviewed: LastReviewed

    @model_validator(mode="after")
    def _consistent(self) -> FundingProject:
        _check_period(self.start, self.end)
        if (
            self.funding_amount is not None
            and self.total_budget is not None
            and self.funding_amount > self.total_budget
        ):
            raise _cross_field(
                "funding_amount",
                "Die Fördersumme (funding_amount) ist größer als das Gesamtvolumen (total_budget).",
            )
        if self.lead is None and self.lead_organisation is None:
            raise _cross_field("lead", "Anzugeben ist lead (amtlicher Schlüssel) oder lead_organisation.")
        return self


class Guideline(Entry):
    """How a solution is carried over from one municipality to the next."""

    collection: ClassVar[str] = "guidelines"
    label: ClassVar[str] = "Leitfaden"
    label_plural: ClassVar[str] = "Leitfäden"
    body_title: ClassVar[str] = "Text"
    body_required: ClassVar[bool] = True

    title: ShortText = Field(title="Titel", description="Titel des Leitfadens.")
    summary: str = Field(
        min_length=10,
        max_length=400,
        title="Kurzbeschreibung",
        description="Worum es geht und was man danach weiß (höchstens 400 Zeichen).",
    )
    audience: list[vocab("audience")] = Field(
        min_length=1,
        title="Zielgruppen",
        json_schema_extra={"x-title-one": "Zielgruppe"},
        description="Für wen der Leitfaden geschrieben ist.",
    )
    phases: list[vocab("transfer_phase")] = Field(
        min_length=1,
        title="Phasen",
        json_schema_extra={"x-title-one": "Phase"},
        description="Phasen der Skalierungs-Roadmap, die der Leitfaden behandelt (P1–P5).",
    )
    workstreams: list[vocab("workstream")] = Field(
        min_length=1,
        title="Arbeitsstränge",
        json_schema_extra={"x-title-one": "Arbeitsstrang"},
        description="Arbeitsstränge: wirtschaftlich, organisatorisch, finanziell, technisch.",
    )
    solutions: list[ref("solutions")] = Field(
        default_factory=list,
        title="Lösungen",
        json_schema_extra={"x-title-one": "Lösung"},
        description="Kennungen der Lösungen, für die der Leitfaden gilt.",
    )
    projects: list[ref("funding-projects")] = Field(
        default_factory=list,
        title="Förderprojekte",
        json_schema_extra={"x-title-one": "Förderprojekt"},
        description="Kennungen der Förderprojekte, auf die sich der Leitfaden stützt.",
    )
    related_guidelines: list[ref("guidelines")] = Field(
        default_factory=list,
        title="Weiterführende Leitfäden",
        json_schema_extra={"x-title-one": "Weiterführender Leitfaden"},
        description="Kennungen anderer Leitfäden, die man dazu lesen sollte.",
    )
    effort: vocab("effort") | None = Field(
        None, title="Aufwand", description="Grobe Einschätzung des Aufwands für eine Kommune."
    )
    prerequisites: list[ShortText] = Field(
        default_factory=list,
        title="Voraussetzungen",
        json_schema_extra={"x-title-one": "Voraussetzung"},
        description="Was vor dem Start vorhanden sein sollte.",
    )
    sources: Sources
    last_reviewed: LastReviewed


class Programme(Entry):
    """A funding programme (EU, Bund or Land)."""

    collection: ClassVar[str] = "programmes"
    label: ClassVar[str] = "Förderprogramm"
    label_plural: ClassVar[str] = "Förderprogramme"

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
    url: WebUrl | None = Field(None, title="Website", description="Offizielle Seite des Programms.")
    sources: Sources
    last_reviewed: LastReviewed

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        _check_period(self.start, self.end)
        if self.level == "land" and not self.land:
            raise _cross_field("land", "Bei level: land ist das Land (land) anzugeben.")
        if self.level != "land" and self.land:
            raise _cross_field("land", "land ist nur bei level: land anzugeben.")
        return self


MODELS: dict[str, type[Entry]] = {
    model.collection: model for model in (Solution, FundingProject, Guideline, Programme)
}


KEY_LENGTHS: dict[str, int] = {
    "land": 2,
    "gemeinde": 8,
    "stadt": 8,
    "kreisfreie-stadt": 8,
    "landkreis": 5,
    "stadtkreis": 5,
    "region": 5,
    "amt": 9,
    "verbandsgemeinde": 9,
    "samtgemeinde": 9,
    "verwaltungsgemeinschaft": 9,
    "verwaltungsverband": 9,
}


class Place(Record):
    """A row of ``data/reference/places.csv``: an official administrative unit, derived from
    BKG's boundaries by ``smartregio places`` (never typed by hand); entries name it by key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(
        pattern=r"^(\d{2}|\d{5}|\d{8}|\d{9})$",
        title="Amtlicher Schlüssel",
        description="2-stelliger Landesschlüssel, 5-stelliger Kreisschlüssel, 8-stelliger Amtlicher "
        "Gemeindeschlüssel (AGS) oder 9-stelliger Teil des Regionalschlüssels (Gemeindeverband).",
    )
    name: ShortText = Field(title="Name", description="Amtlicher Name (BKG, Attribut GEN).")
    kind: vocab("place_kind") = Field(title="Art", description="Art der Gebietskörperschaft.")
    bez: ShortText | None = Field(
        None,
        title="Amtliche Bezeichnung",
        description="Bezeichnung der Gebietseinheit (BKG, Attribut BEZ).",
    )
    land: vocab("land") = Field(title="Land", description="Kürzel des Landes.")
    kreis: str | None = Field(
        None,
        pattern=r"^\d{5}$",
        title="Kreis",
        description="Schlüssel des Kreises (leer für Kreise und Länder).",
    )
    verband: str | None = Field(
        None,
        pattern=r"^\d{9}$",
        title="Gemeindeverband",
        description="Schlüssel des Gemeindeverbands (Amt, Verbandsgemeinde …), dem die Gemeinde angehört.",
    )
    lat: float = Field(
        ge=47.2, le=55.1, title="Breite", description="Punkt in der Fläche, Breite (WGS 84)."
    )
    lon: float = Field(ge=5.8, le=15.1, title="Länge", description="Punkt in der Fläche, Länge (WGS 84).")
    area_km2: float | None = Field(
        None, ge=0, title="Fläche (km²)", description="Fläche in Quadratkilometern."
    )

    @model_validator(mode="after")
    def _key_matches(self, info: ValidationInfo) -> Place:
        length = KEY_LENGTHS.get(self.kind)
        if length and len(self.key) != length:
            raise _cross_field("key", f"Für die Art „{self.kind}“ hat der Schlüssel {length} Stellen.")
        city_key = len(self.key) == 8 and self.key.endswith("000")
        if city_key and self.kind != "kreisfreie-stadt":
            raise _cross_field(
                "kind",
                f"Ein 8-stelliger Schlüssel auf „000“ ({self.key}) bezeichnet eine kreisfreie Stadt; "
                f"die Art ist aber „{self.kind}“.",
            )
        if self.kind == "kreisfreie-stadt" and not city_key:
            raise _cross_field(
                "key",
                f"Eine kreisfreie Stadt hat einen 8-stelligen Schlüssel auf „000“, nicht {self.key}.",
            )
        # a Gemeinde (8) or Verband (9) lies in its Kreis (the first 5 digits of its key); a
        # Verband's key (9) and its Gemeinden's keys (8) share the Kreis, not more
        if self.kreis and not (len(self.key) in (8, 9) and self.key.startswith(self.kreis)):
            raise _cross_field("kreis", f"Der Schlüssel {self.key} liegt nicht im Kreis {self.kreis}.")
        if self.verband and not (len(self.key) == 8 and self.key[:5] == self.verband[:5]):
            raise _cross_field("verband", f"Die Gemeinde {self.key} liegt nicht im Verband {self.verband}.")
        reference = (info.context or {}).get("reference")
        if reference is not None:
            expected = reference.land_keys.get(self.land)
            if expected and not self.key.startswith(expected):
                raise _cross_field(
                    "key",
                    f"Der Schlüssel beginnt mit {self.key[:2]}, das Land {self.land} hat aber "
                    f"den Schlüssel {expected}.",
                )
        return self


class PackageLicence(Record):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Spdx = Field(title="SPDX-Kennung", description="z. B. CC-BY-4.0")
    path: WebUrl = Field(title="Lizenztext", description="Adresse des Lizenztexts.")
    title: ShortText = Field(title="Titel", description="Name der Lizenz.")


class PackageContributor(Record):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: ShortText = Field(title="Name")
    roles: list[ShortText] = Field(default_factory=list, title="Rollen")
    email: str | None = Field(None, pattern=r"^[^@\s]+@[^@\s]+$", max_length=MAX_EMAIL, title="E-Mail")
    path: WebUrl | None = Field(None, title="Website")


class PackageSource(Record):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: ShortText = Field(title="Titel")
    path: WebUrl = Field(title="Adresse")


class PackageMeta(Record):
    """``data/datapackage.yaml``: what the published package says about itself."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9._-]+$", title="Name des Pakets")
    title: ShortText = Field(title="Titel")
    description: str = Field(min_length=1, max_length=MAX_BODY, title="Beschreibung")
    version: str = Field(
        pattern=r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$",
        title="Version",
        description="Semantische Version MAJOR.MINOR.PATCH.",
    )
    homepage: WebUrl = Field(title="Website")
    keywords: list[ShortText] = Field(default_factory=list, title="Schlagwörter")
    licenses: list[PackageLicence] = Field(min_length=1, title="Lizenzen")
    attribution: ShortText = Field(title="Namensnennung", description="Text für die Namensnennung.")
    contributors: list[PackageContributor] = Field(min_length=1, title="Beteiligte")
    sources: list[PackageSource] = Field(default_factory=list, title="Quellen")
