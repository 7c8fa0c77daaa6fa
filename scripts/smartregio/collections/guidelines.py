"""Guidelines for carrying a solution over to another municipality — model, address, facets and
hints in one place."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ..models import Entry, LastReviewed, Sources
from ..registry import REVIEW_SORT, TITLE_SORT, CardFact, Collection, Facet, Figure, Sort, labels
from ..types import ShortText, ref, vocab


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
    solutions: list[ref("solutions", backlink="Leitfäden zu dieser Lösung")] = Field(
        default_factory=list,
        title="Lösungen",
        json_schema_extra={"x-title-one": "Lösung"},
        description="Kennungen der Lösungen, für die der Leitfaden gilt.",
    )
    projects: list[ref("funding-projects", backlink="Leitfäden, die sich auf das Projekt stützen")] = Field(
        default_factory=list,
        title="Förderprojekte",
        json_schema_extra={"x-title-one": "Förderprojekt"},
        description="Kennungen der Förderprojekte, auf die sich der Leitfaden stützt.",
    )
    related_guidelines: list[ref("guidelines", section="Weitere Leitfäden", backlink="Weitere Leitfäden")] = (
        Field(
            default_factory=list,
            title="Weiterführende Leitfäden",
            json_schema_extra={"x-title-one": "Weiterführender Leitfaden"},
            description="Kennungen anderer Leitfäden, die man dazu lesen sollte.",
        )
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


COLLECTION = Collection(
    name="guidelines",
    model=Guideline,
    section="leitfaeden",
    title="Leitfäden",
    row="guideline",
    facets=(
        Facet("phase", "Phase", labels("transfer_phase", "phases")),
        Facet("arbeitsstrang", "Arbeitsstrang", labels("workstream", "workstreams")),
        Facet("zielgruppe", "Zielgruppe", labels("audience", "audience")),
    ),
    sorts=(Sort(TITLE_SORT, "Titel (A–Z)"), Sort(REVIEW_SORT, "Zuletzt geprüft")),
    card=(
        CardFact("Phase", labels("transfer_phase", "phases"), label_plural="Phasen"),
        CardFact("Zielgruppe", labels("audience", "audience"), label_plural="Zielgruppen"),
        CardFact("Aufwand", labels("effort", "effort")),
    ),
    schema_type="Article",
    jsonld=lambda e, ctx: {"headline": e.title},
    order=3,
    body_sections="transfer_phase",
    figures=(Figure(60, "Leitfaden", "Leitfäden", lambda entries, ctx: len(entries)),),
)
