"""Warnings: rules that usually point at a mistake but can have exceptions.

They never change the exit code of ``validate``; a contributor sees them beside the errors,
located like them, and decides.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .catalogue import Catalogue
from .collections.funding_projects import FundingProject
from .collections.solutions import Solution
from .frontmatter import EntryFile
from .markup import long_word, long_word_message, lost_on_page
from .models import Entry
from .problems import Problem


def quality_warnings(catalogue: Catalogue) -> list[Problem]:
    found: list[Problem] = []
    for entry_id, project in catalogue.entries["funding-projects"].items():
        found.extend(_project_without_outcome(catalogue, entry_id, project))
        found.extend(_lead_named_differently(catalogue, entry_id, project))
    for entry_id, solution in catalogue.entries["solutions"].items():
        found.extend(_use_without_source(catalogue, entry_id, solution))
    for (collection, entry_id), entry_file in catalogue.files.items():
        entry = catalogue.entries[collection].get(entry_id)
        if entry is not None:
            found.extend(_lost_text(entry_file, entry))
    return sorted(found)


def _lost_text(entry_file: EntryFile, entry: Entry) -> list[Problem]:
    """What the pages would drop without a word: text nested too deep, images and their
    alternative text, and runs of letters that are no words (the search keeps them whole)."""
    out = [
        Problem(entry_file.path, entry_file.body_line + line, "body", message)
        for line, message in lost_on_page(entry.body)
    ]
    for name, value in entry:
        if name == "body":
            continue
        for index, text in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(text, str) and (word := long_word(text)):
                loc = (name, index) if isinstance(value, list) else (name,)
                out.append(Problem(entry_file.path, entry_file.line_of(loc), name, long_word_message(word)))
    return out


def _project_without_outcome(catalogue: Catalogue, entry_id: str, project: FundingProject) -> list[Problem]:
    if project.measures or project.solutions:
        return []
    entry_file = catalogue.files[("funding-projects", entry_id)]
    return [
        Problem(
            entry_file.path,
            1,
            "measures",
            "Das Projekt nennt weder Maßnahmen (measures) noch entstandene Lösungen (solutions). "
            "Was hat es umgesetzt?",
        )
    ]


def _use_without_source(catalogue: Catalogue, entry_id: str, solution: Solution) -> list[Problem]:
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




# the words that stand before a place's name in a project's title: „Modellprojekt Smart City Ulm“,
# „Smarte.Land.Region Landkreis Cham“
_BEFORE_NAME = re.compile(
    r"(?:Smart Cit(?:y|ies)|Smarte\.Land\.Region|Landkreis|Kreis|Stadt|Gemeinde|Amt|Verbandsgemeinde|"
    r"Samtgemeinde|Verwaltungsgemeinschaft|Region)\s+(?P<name>.+)$"
)


def _lead_named_differently(catalogue: Catalogue, entry_id: str, project: FundingProject) -> list[Problem]:
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
