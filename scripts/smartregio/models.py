"""The one definition of an entry's shape, per collection.

Titles and descriptions are German: they become the labels in the published Table
Schemas, the editor help (JSON Schema) and the scaffold comments. Rules that need other
entries (references) live in ``links.py``; rules inside one entry live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .limits import MAX_BODY, MAX_EMAIL, MAX_ITEMS, MAX_LIST_TEXT
from .text import format_number
from .types import (
    ContactUrl,
    EntryId,
    PlaceKey,
    ReviewDate,
    ShortText,
    Spdx,
    WebUrl,
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


def cross_field(field: str, message: str) -> PydanticCustomError:
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


@dataclass(frozen=True)
class RequiredWhen:
    """A rule across fields, defined once: ``field`` must be given when ``when`` equals
    ``value`` (and, with ``else_message``, stay empty otherwise). The model checks it; the JSON
    Schema for editors and the notes of ``smartregio new`` are derived from it."""

    field: str
    when: str
    value: Any
    message: str
    else_message: str | None = None
    note: str = ""

    def problem(self, entry: BaseModel) -> PydanticCustomError | None:
        given = getattr(entry, self.field) not in (None, "", [])
        applies = getattr(entry, self.when) == self.value
        if applies and not given:
            return cross_field(self.field, self.message)
        if self.else_message and not applies and given:
            return cross_field(self.field, self.else_message)
        return None

    def json_schema(self) -> dict[str, Any]:
        rule: dict[str, Any] = {
            "if": {"properties": {self.when: {"const": self.value}}, "required": [self.when]},
            "then": {"required": [self.field], "properties": {self.field: {"type": "string"}}},
        }
        if self.else_message:
            rule["else"] = {"properties": {self.field: {"type": "null"}}}
        return rule

    def notes(self) -> dict[str, str]:
        return {self.field: self.note} if self.note else {}

    def placeholders(self) -> frozenset[str]:
        return frozenset()


@dataclass(frozen=True)
class OneOf:
    """A rule across fields: at least one of ``fields`` is given (the first is the usual one and
    gets a placeholder in a new entry). ``notes`` are told where each field stands."""

    fields: tuple[str, ...]
    message: str
    field_notes: tuple[tuple[str, str], ...] = ()

    def problem(self, entry: BaseModel) -> PydanticCustomError | None:
        if all(getattr(entry, name) in (None, "", []) for name in self.fields):
            return cross_field(self.fields[0], self.message)
        return None

    def json_schema(self) -> dict[str, Any]:
        return {
            "anyOf": [{"required": [name], "properties": {name: {"type": "string"}}} for name in self.fields]
        }

    def notes(self) -> dict[str, str]:
        return dict(self.field_notes)

    def placeholders(self) -> frozenset[str]:
        return frozenset(self.fields[:1])


Rule = RequiredWhen | OneOf


def name_field(model: type[BaseModel]) -> str:
    """The field that names an entry of ``model``: ``name`` or ``title``."""
    return "name" if "name" in model.model_fields else "title"


def title_of(record: Any) -> str:
    """What an entry (or a place, or a sub-record) is called: its name or title."""
    return getattr(record, "name", None) or getattr(record, "title", "")


def check_period(start: int | None, end: int | None) -> None:
    if start is not None and end is not None and end < start:
        raise cross_field("end", f"Ende ({end}) liegt vor dem Beginn (start: {start}).")


class Entry(Record):
    """Fields every entry shares."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)

    collection: ClassVar[str]
    label: ClassVar[str]
    label_plural: ClassVar[str]
    body_title: ClassVar[str] = "Beschreibung"
    body_required: ClassVar[bool] = False
    rules: ClassVar[tuple[Rule, ...]] = ()  # rules across fields that JSON Schema can express

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

    @model_validator(mode="after")
    def _rules_across_fields(self) -> Entry:
        for rule in self.rules:
            if (problem := rule.problem(self)) is not None:
                raise problem
        return self


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
    lat: float = Field(ge=47.2, le=55.1, title="Breite", description="Punkt in der Fläche, Breite (WGS 84).")
    lon: float = Field(ge=5.8, le=15.1, title="Länge", description="Punkt in der Fläche, Länge (WGS 84).")
    area_km2: float | None = Field(
        None, ge=0, title="Fläche (km²)", description="Fläche in Quadratkilometern."
    )

    @model_validator(mode="after")
    def _key_matches(self, info: ValidationInfo) -> Place:
        length = KEY_LENGTHS.get(self.kind)
        if length and len(self.key) != length:
            raise cross_field("key", f"Für die Art „{self.kind}“ hat der Schlüssel {length} Stellen.")
        city_key = len(self.key) == 8 and self.key.endswith("000")
        if city_key and self.kind != "kreisfreie-stadt":
            raise cross_field(
                "kind",
                f"Ein 8-stelliger Schlüssel auf „000“ ({self.key}) bezeichnet eine kreisfreie Stadt; "
                f"die Art ist aber „{self.kind}“.",
            )
        if self.kind == "kreisfreie-stadt" and not city_key:
            raise cross_field(
                "key",
                f"Eine kreisfreie Stadt hat einen 8-stelligen Schlüssel auf „000“, nicht {self.key}.",
            )
        # a Gemeinde (8) or Verband (9) lies in its Kreis (the first 5 digits of its key); a
        # Verband's key (9) and its Gemeinden's keys (8) share the Kreis, not more
        if self.kreis and not (len(self.key) in (8, 9) and self.key.startswith(self.kreis)):
            raise cross_field("kreis", f"Der Schlüssel {self.key} liegt nicht im Kreis {self.kreis}.")
        if self.verband and not (len(self.key) == 8 and self.key[:5] == self.verband[:5]):
            raise cross_field("verband", f"Die Gemeinde {self.key} liegt nicht im Verband {self.verband}.")
        reference = (info.context or {}).get("reference")
        if reference is not None:
            expected = reference.land_keys.get(self.land)
            if expected and not self.key.startswith(expected):
                raise cross_field(
                    "key",
                    f"Der Schlüssel beginnt mit {self.key[:2]}, das Land {self.land} hat aber "
                    f"den Schlüssel {expected}.",
                )
        return self


class PlaceContact(Record):
    """A row of ``data/reference/place-contacts.csv``: where a municipality itself says whom to ask
    about its digital or smart-city work. Kept once per place; shown wherever the place appears
    as a user of a solution, so that a reader knows whom to ask in the towns that already use it."""

    key: PlaceKey = Field(title="Ort", description="Amtlicher Schlüssel der Kommune.")
    contact: ContactUrl = Field(
        title="Kontakt",
        description="Funktionspostfach (mailto:) oder Kontaktseite der Stelle, keine Person.",
    )
    kind: vocab("contact_kind") = Field(title="Art der Stelle", description="Wofür die Stelle zuständig ist.")
    source: WebUrl = Field(
        title="Quelle", description="Seite der Kommune oder Meldung, die den Kontakt nennt."
    )
    last_reviewed: LastReviewed


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


class CollectionTexts(Record):
    """The editorial texts of one collection: an editor changes them in ``datapackage.yaml``,
    not in the code that defines the collection."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    intro: str = Field(
        min_length=1,
        max_length=MAX_BODY,
        title="Einleitung",
        description="Steht über dem Katalog der Sammlung.",
    )
    description: str = Field(
        min_length=1,
        max_length=MAX_BODY,
        title="Beschreibung",
        description="Beschreibt die Tabelle im Datenpaket und den Datensatz in DCAT.",
    )
    new_entry_hint: str = Field(
        "",
        max_length=MAX_BODY,
        title="Hinweis für neue Einträge",
        description="Steht als Kommentar über dem Text einer neuen Eintragsdatei (smartregio new).",
    )


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
    collections: dict[str, CollectionTexts] = Field(
        default_factory=dict,
        title="Texte der Sammlungen",
        description="Je Sammlung (Ordnername unter data/) ihre Einleitung, Beschreibung und der "
        "Hinweis für neue Einträge.",
    )
