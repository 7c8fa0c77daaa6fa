"""``smartregio import issue-form FILE``: an entry from the text of a filled-in issue form.

GitHub renders a submitted form as Markdown: one ``### Label`` section per field with the
value below, ``_No response_`` for an empty field, selected dropdown options joined by
``, `` and checkboxes as ``- [x] Option``. Sections are matched to fields by the field's
German title (the form's label) or name; dropdown options „Bezeichnung (code)“ give their
code. List fields take one value per line (place keys and ids: the first word of the line,
so „08115021 Herrenberg“ works). The entry is validated like a table row; problems read
``FILE:Zeile N: Abschnitt „Label“ (field): message`` with the line of the section heading.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalogue import COLLECTIONS
from ..problems import Problem
from .entries import (
    MISSING,
    SECTION,
    Candidate,
    FieldNames,
    ImportFailed,
    Outcome,
    after_import,
    check_batch,
    derive_id,
    normalize,
    open_catalogue,
    text_value,
    write_entries,
)
from .forms import CONFIRMATION

HEADING = re.compile(r"^###[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
CHECKBOX = re.compile(r"^\s*[-*] \[([ xX])\] (.*)$")
NO_RESPONSE = "_No response_"
IGNORED = {normalize(CONFIRMATION)}


@dataclass
class Section:
    label: str
    value: str
    line: int


def parse_sections(text: str) -> list[Section]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    matches = list(HEADING.finditer(text))
    sections = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip("\n")
        stripped = value.strip()
        if stripped == NO_RESPONSE or stripped.lower() == "none":
            value = ""
        fence = re.fullmatch(r"```[^\n]*\n(.*?)\n?```", stripped, re.DOTALL)
        if fence:
            value = fence[1]
        sections.append(Section(match[1].strip(), value, text[: match.start()].count("\n") + 1))
    return sections


def checked_options(value: str) -> list[str] | None:
    """The ticked options if the section is a checkbox list, else None."""
    lines = [line for line in value.splitlines() if line.strip()]
    if not lines or not all(CHECKBOX.match(line) for line in lines):
        return None
    return [m[2].strip() for m in map(CHECKBOX.match, lines) if m and m[1] in "xX"]


def option_codes(value: str) -> list[str]:
    """Codes of selected options „Bezeichnung (code), Bezeichnung (code)“ or plain codes."""
    codes = re.findall(r"\(([^()]+)\)\s*(?:,|$)", value.strip())
    if codes:
        return [c.strip() for c in codes]
    return [part.strip() for part in re.split(r"[,;\n]", value) if part.strip()]


def _list_items(names: FieldNames, name: str, value: str) -> list[str]:
    info = names.infos[name]
    items: list[str] = []
    for raw in value.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", raw).strip()
        if not line:
            continue
        if info.reference:
            items.append(line.split()[0].strip(",;"))
        elif name in names.url_lists:
            items.extend(part for part in re.split(r"[\s;,]+(?=https?://)|\s+", line) if part)
        else:
            items.extend(part.strip() for part in line.split(";") if part.strip())
    return items


def section_value(names: FieldNames, name: str, value: str) -> tuple[Any, str | None]:
    info = names.infos[name]
    if name == "body":
        return (value.strip("\n") + "\n" if value.strip() else MISSING), None
    if not value.strip():
        return MISSING, None
    ticked = checked_options(value)
    if info.vocabulary or info.base is bool:
        codes = [c for option in ticked for c in option_codes(option)] if ticked is not None else None
        codes = codes if codes is not None else option_codes(value)
        if not codes:
            return MISSING, None
        if info.is_list:
            return codes, None
        if len(codes) > 1:
            return MISSING, f"Nur ein Wert ist erlaubt, gewählt sind {len(codes)}: {', '.join(codes)}."
        return text_value(info, codes[0], False)
    if info.nested:
        records = [record_of(info.nested, line) for line in value.splitlines() if line.strip()]
        return (records or MISSING), None
    if info.is_list:
        items = ticked if ticked is not None else _list_items(names, name, value)
        return (items or MISSING), None
    return text_value(info, " ".join(value.split()), False)


def record_of(model, line: str) -> dict[str, str]:
    """One line „Titel | Beschreibung | Webadresse | Kennung der Lösung“ as a sub-record."""
    parts = [part.strip() for part in line.strip().lstrip("-*").split("|")]
    return {name: part for name, part in zip(model.model_fields, parts, strict=False) if part}


def detect_collection(sections: list[Section]) -> tuple[str | None, str]:
    scores = {}
    for collection in COLLECTIONS:
        names = FieldNames(collection)
        scores[collection] = sum(1 for s in sections if names.match(s.label))
    best = max(scores.values(), default=0)
    winners = [c for c, score in scores.items() if score == best]
    if best == 0 or len(winners) > 1:
        return None, ", ".join(winners)
    return winners[0], ""


def read_text(path: Path) -> tuple[str, str]:
    if str(path) == "-":
        return sys.stdin.read(), "<stdin>"
    return path.read_text(encoding="utf-8-sig"), str(path)


def build_candidate(
    sections: list[Section], names: FieldNames, shown: str
) -> tuple[Candidate, list[Problem]]:
    candidate = Candidate(names.collection, {}, shown, 1, kind=SECTION)
    fatal: list[Problem] = []
    for section in sections:
        if normalize(section.label) in IGNORED:
            continue
        name = names.match(section.label)
        if name is None:
            hint = names.hint(section.label)
            fatal.append(
                Problem.in_input(
                    shown,
                    section.line,
                    "Unbekannter Abschnitt." + (f" Meinten Sie {hint}?" if hint else ""),
                    label=section.label,
                    kind=SECTION,
                )
            )
            continue
        if name in candidate.labels:
            fatal.append(
                Problem.in_input(
                    shown,
                    section.line,
                    f"Der Abschnitt steht doppelt (zuerst in Zeile {candidate.lines[name]}).",
                    field=name,
                    label=section.label,
                    kind=SECTION,
                )
            )
            continue
        candidate.labels[name] = section.label
        candidate.lines[name] = section.line
        candidate.present.add(name)
        value, problem = section_value(names, name, section.value)
        if problem:
            candidate.problems.append(candidate.problem(name, problem, names))
        elif value is not MISSING:
            candidate.data[name] = value
    if "id" not in candidate.data and (made := derive_id(names, candidate.data)):
        candidate.data["id"] = made
    return candidate, fatal


def import_issue_form(
    path: Path, data_dir: Path, collection: str | None = None, update: bool = False
) -> Outcome:
    outcome = Outcome(code=1)
    try:
        text, shown = read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        outcome.problems = [Problem.in_input(str(path), 0, f"Die Datei ist nicht lesbar ({exc}).")]
        return outcome
    sections = parse_sections(text)
    if not sections:
        outcome.problems = [
            Problem.in_input(
                shown, 0, "Keine Abschnitte „### Feld“ gefunden: Ist das der Text eines Issue-Formulars?"
            )
        ]
        return outcome
    if collection is None:
        collection, tied = detect_collection(sections)
        if collection is None:
            outcome.problems = [
                Problem.in_input(
                    shown,
                    0,
                    "Die Sammlung ist nicht zu erkennen"
                    + (f" ({tied})" if tied else "")
                    + ": bitte --collection angeben.",
                )
            ]
            return outcome
    outcome.notes.append(f"Sammlung: {collection}")
    try:
        catalogue = open_catalogue(data_dir)
    except ImportFailed as exc:
        outcome.problems = exc.problems
        return outcome
    names = FieldNames(collection)
    candidate, fatal = build_candidate(sections, names, shown)
    if fatal:
        outcome.problems = fatal
        return outcome
    valid, problems = check_batch([candidate], catalogue, data_dir, update=update)
    outcome.problems = problems
    if problems or not valid:
        return outcome
    outcome.written = write_entries(valid)
    outcome.after = after_import(data_dir)
    outcome.code = 0
    return outcome
