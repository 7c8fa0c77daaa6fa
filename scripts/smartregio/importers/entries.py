"""What every importer shares: field names, cell values, the batch check and the writer.

A *candidate* is one entry-to-be with the place it came from (file, row or line, and the
label of each column or section). ``check_batch`` validates candidates with the real
models and reference data, checks their references against the existing entries plus the
other candidates, and refuses to overwrite an entry unless ``update`` is set. Problems read
``FILE:Zeile N: Spalte „X“ (field): message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .. import atomic
from ..catalogue import Catalogue
from ..collections import MODELS
from ..fields import FieldInfo, field_infos
from ..frontmatter import EntryFile, FrontMatterError, read
from ..links import check_links
from ..load import load_catalogue
from ..models import Entry
from ..problems import Problem, Problems
from ..reference import display_path
from ..suggest import nearest
from ..types import ID_PATTERN
from ..validate import validate_model

COLUMN = "Spalte"
SECTION = "Abschnitt"
MISSING: Any = object()  # "no value": the model's default applies


@dataclass
class Outcome:
    """What an import did: files written, problems, notes on how the input was read."""

    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    after: str = ""
    code: int = 0


def problems_of(found: list[Problem]) -> Problems:
    """An import's problems as every command reports them: each once, in file and line order."""
    problems = Problems()
    problems.extend(found)
    return problems


class ImportFailed(Exception):
    """The input cannot be imported at all (missing file, unreadable data folder …)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems_of(problems).as_text())
        self.problems = problems


# --- field names -----------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Header or label as compared: case, spaces, underscores and hyphens do not matter."""
    return re.sub(r"[\s_\-]+", "", text).casefold()


class FieldNames:
    """A model's fields by name and German title, for matching headers and section labels."""

    def __init__(self, collection: str) -> None:
        self.collection = collection
        self.model: type[Entry] = MODELS[collection]
        self.infos: dict[str, FieldInfo] = {i.name: i for i in field_infos(self.model)}
        self.titles: dict[str, str] = {
            name: info.title or name for name, info in self.model.model_fields.items()
        }
        self.lookup: dict[str, str] = {}
        for name, title in self.titles.items():
            self.lookup.setdefault(normalize(title), name)
        self.lookup.setdefault(normalize(self.model.body_title), "body")
        for name in self.titles:  # a field's own name always wins
            self.lookup[normalize(name)] = name
        self.url_lists = url_list_fields(self.model)

    def match(self, label: str) -> str | None:
        return self.lookup.get(normalize(label))

    def hint(self, label: str) -> str | None:
        """„Titel“ (name) of the field the label most likely meant."""
        options = {title: name for name, title in self.titles.items()}
        options.update({name: name for name in self.titles})
        best = nearest(label.strip(), list(options))
        if best is None:
            squeezed = {normalize(o): o for o in options}
            found = nearest(normalize(label), list(squeezed))
            best = squeezed[found] if found else None
        if best is None:
            return None
        name = options[best]
        return f"„{self.titles[name]}“ ({name})"

    def required_fields(self) -> list[str]:
        """Fields a table must have a column for (the id can be made from the name)."""
        out = [n for n, i in self.infos.items() if i.required and n not in ("id", "body")]
        if self.model.body_required:
            out.append("body")
        return out

    def title(self, name: str) -> str:
        return self.titles.get(name, name)


def url_list_fields(model: type[Entry]) -> set[str]:
    """List fields whose items are web addresses: split on spaces, as in the published package."""
    out = set()
    for name, prop in model.model_json_schema()["properties"].items():
        items = prop.get("items", {})
        if items.get("format") == "uri" or "^https?://" in str(items.get("pattern", "")):
            out.add(name)
    return out


# --- cell values -----------------------------------------------------------------------------

TRUE_WORDS = {"true", "wahr", "ja", "j", "yes", "x", "1"}
FALSE_WORDS = {"false", "falsch", "nein", "n", "no", "0"}
EXCEL_EPOCH = date(1899, 12, 30)
# serial numbers Excel would show as a plausible review date (1954 … 2119)
SERIAL_RANGE = (20000, 80000)


def serial_to_date(number: float) -> date | None:
    """An Excel serial day number (1900 date system) as a date, if plausible."""
    if not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1] or not float(number).is_integer():
        return None
    return EXCEL_EPOCH + timedelta(days=int(number))


def split_list(text: str, is_url_list: bool, delimiter: str | None = None) -> list[str]:
    """Items of a list cell: ``;`` between values, spaces (or ``;``) between web addresses."""
    if delimiter is not None:
        parts = text.split(delimiter)
    elif is_url_list:
        parts = re.split(r"\s+|[;,]\s*(?=https?://)", text)
    else:
        parts = text.split(";")
    return [part.strip() for part in parts if part.strip()]


def text_value(info: FieldInfo, text: str, is_url_list: bool, delimiter: str | None = None):
    """The value a text cell stands for; ``(value, problem)`` with ``MISSING`` for empty."""
    if info.name == "body":
        body = text.replace("\r\n", "\n").replace("\r", "\n")
        return (body if body.strip() else MISSING), None
    text = text.strip()
    if not text:
        return MISSING, None
    if info.is_list:
        items = split_list(text, is_url_list, delimiter)
        return (items or MISSING), None
    if info.base is date:
        if re.fullmatch(r"\d+(\.0+)?", text):
            converted = serial_to_date(float(text))
            if converted is None:
                return MISSING, f"„{text}“ ist kein Datum. Erwartet wird JJJJ-MM-TT."
            return converted, None
        german = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        if german:
            try:
                return date(int(german[3]), int(german[2]), int(german[1])), None
            except ValueError:
                return MISSING, f"„{text}“ ist kein gültiges Datum."
        return text, None
    if info.base is bool:
        word = text.casefold()
        if word in TRUE_WORDS:
            return True, None
        if word in FALSE_WORDS:
            return False, None
        return text, None
    return text, None


def derive_id(names: FieldNames, data: dict[str, Any]) -> str | None:
    from ..text import slugify

    for source in ("name", "title"):
        if isinstance(data.get(source), str) and data[source].strip():
            return slugify(data[source]) or None
    return None


# --- candidates and the batch check ----------------------------------------------------------


@dataclass
class Candidate:
    """One entry-to-be and where its values came from."""

    collection: str
    data: dict[str, Any]
    path: str
    line: int
    labels: dict[str, str] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)
    kind: str = COLUMN
    hints: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # field -> its own line, if not ``line``

    def problem(self, field_name: str, message: str, names: FieldNames | None = None) -> Problem:
        label = self.labels.get(field_name) or (names.title(field_name) if names and field_name else "")
        line = self.lines.get(field_name, self.line)
        return Problem.in_input(self.path, line, message, field_name, label, self.kind)


@dataclass
class Checked:
    candidate: Candidate
    entry: Entry | None
    target: Path
    exists: bool = False
    problems: list[Problem] = field(default_factory=list)


def open_catalogue(data_dir: Path) -> Catalogue:
    """The existing data; problems of existing entries do not block an import of new ones."""
    if not data_dir.is_dir():
        raise ImportFailed([Problem.in_input(str(data_dir), 0, "Der Datenordner existiert nicht.")])
    catalogue, problems = load_catalogue(data_dir)
    reference = catalogue.reference
    if not reference.vocabularies or not reference.places:
        broken = [
            Problem.in_input(p.path, p.line, p.message, p.field)
            for p in problems
            if "reference" in p.path or not p.path.endswith(".md")
        ]
        raise ImportFailed(
            broken or [Problem.in_input(str(data_dir), 0, "Die Referenzdaten (Vokabulare, Orte) fehlen.")]
        )
    return catalogue


def _merge_existing(candidate: Candidate, target: Path, shown: str) -> dict[str, Any] | Problem:
    try:
        existing = read(target, shown)
    except (FrontMatterError, OSError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        return candidate.problem("id", f"Der vorhandene Eintrag {shown} ist nicht lesbar: {message}")
    data = dict(existing.fields)
    data["body"] = existing.body
    for name in candidate.present:
        if name in candidate.data:
            data[name] = candidate.data[name]
        else:
            data.pop(name, None)
    return data


def _validate(candidate: Candidate, catalogue: Catalogue, data_dir: Path, update: bool) -> Checked:
    names = FieldNames(candidate.collection)
    model = names.model
    entry_id = candidate.data.get("id")
    ok_id = isinstance(entry_id, str) and re.match(ID_PATTERN, entry_id) and len(entry_id) <= 64
    folder = data_dir / candidate.collection
    target = folder / f"{entry_id}.md" if ok_id else folder / ".invalid"
    checked = Checked(candidate, None, target, exists=bool(ok_id) and target.is_file())
    problems = checked.problems
    problems.extend(candidate.problems)
    data = dict(candidate.data)
    if checked.exists and update:
        merged = _merge_existing(candidate, target, display_path(target, data_dir))
        if isinstance(merged, Problem):
            problems.append(merged)
            return checked
        data = merged
    found = Problems()
    entry = validate_model(
        model, data, catalogue.reference, lambda loc: candidate.line, candidate.path, found
    )
    blocked = {p.field for p in candidate.problems}
    if "id" not in data and blocked & {"name", "title"}:
        blocked.add("id")  # it would have been made from the name
    for p in found:
        if p.field in blocked:
            continue  # the cell was reported already; its value is missing for that reason
        problems.append(candidate.problem(p.field, p.message + candidate.hints.get(p.field, ""), names))
    if model.body_required and not str(data.get("body", "")).strip():
        problems.append(candidate.problem("body", f"Der {model.body_title} fehlt.", names))
        entry = None
    if checked.exists and not update:
        shown = display_path(target, data_dir)
        problems.append(
            candidate.problem(
                "id",
                f"Den Eintrag gibt es schon ({shown}). Zum Überschreiben „--update“ angeben.",
                names,
            )
        )
    checked.entry = entry if not problems else None
    checked.candidate = Candidate(**{**candidate.__dict__, "data": data})
    return checked


def _link_problems(catalogue: Catalogue, batch: list[Checked]) -> dict[int, list[Problem]]:
    """References of the batch, resolved against the existing entries plus the batch itself."""
    combined = Catalogue(
        reference=catalogue.reference,
        meta=catalogue.meta,
        entries={name: dict(items) for name, items in catalogue.entries.items()},
        files=dict(catalogue.files),
        invalid=set(catalogue.invalid),
        unvalidated={},
    )
    markers: dict[str, int] = {}
    for index, checked in enumerate(batch):
        candidate = checked.candidate
        marker = f"\x00import-{index}"
        markers[marker] = index
        entry_file = EntryFile(path=marker, fields={}, body="")
        entry_id = candidate.data.get("id")
        key = (candidate.collection, entry_id if isinstance(entry_id, str) else marker)
        if checked.entry is not None:
            combined.entries[candidate.collection][checked.entry.id] = checked.entry
            combined.files[key] = entry_file
            combined.invalid.discard(key)
        else:
            combined.unvalidated[(candidate.collection, marker)] = (candidate.data, entry_file)
            combined.invalid.add(key)
    found = Problems()
    check_links(combined, found)
    out: dict[int, list[Problem]] = {}
    for p in found:
        if p.path in markers:
            index = markers[p.path]
            candidate = batch[index].candidate
            names = FieldNames(candidate.collection)
            out.setdefault(index, []).append(candidate.problem(p.field, p.message, names))
    return out


def check_batch(
    candidates: list[Candidate],
    catalogue: Catalogue,
    data_dir: Path,
    update: bool = False,
    skip_invalid: bool = False,
) -> tuple[list[Checked], list[Problem]]:
    """Valid entries to write, and every problem found; without ``skip_invalid`` the first
    list is empty as soon as one candidate has a problem."""
    batch = [_validate(c, catalogue, data_dir, update) for c in candidates]
    seen: dict[tuple[str, str], int] = {}
    for checked in batch:
        candidate = checked.candidate
        entry_id = candidate.data.get("id")
        if not isinstance(entry_id, str):
            continue
        key = (candidate.collection, entry_id)
        if key in seen:
            checked.problems.append(
                candidate.problem("id", f"Die Kennung „{entry_id}“ steht schon in Zeile {seen[key]}.")
            )
            checked.entry = None
        else:
            seen[key] = candidate.line
    for index, found in _link_problems(catalogue, batch).items():
        batch[index].problems.extend(found)
        batch[index].entry = None
    problems = [p for checked in batch for p in checked.problems]
    if not skip_invalid:
        return ([] if problems else batch), problems
    good = [c for c in batch if not c.problems]
    while good:  # a row pointing at a skipped row would leave a broken reference behind
        later = _link_problems(catalogue, good)
        if not later:
            break
        for index, found in later.items():
            good[index].problems.extend(found)
            problems.extend(found)
        good = [c for c in good if not c.problems]
    return good, problems


# --- writing ---------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """yaml.safe_dump's dumper; digit-only text (official keys) is always double-quoted."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if re.fullmatch(r"[0-9]+", value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def render(entry: Entry, omit: frozenset[str] = frozenset(), comments: tuple[str, ...] = ()) -> str:
    """The entry file: YAML front matter in model order, then the Markdown body.

    ``omit`` leaves fields out (a draft's placeholders); ``comments`` end the front matter."""
    fields: dict[str, Any] = {}
    for name in type(entry).model_fields:
        if name == "body" or name in omit:
            continue
        value = getattr(entry, name)
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, list | tuple):
            value = [v.model_dump(exclude_none=True) if isinstance(v, BaseModel) else v for v in value]
        fields[name] = value
    header = yaml.dump(
        fields,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10**9,
    )
    header += "".join(f"# {line}\n".replace("# \n", "#\n") for line in comments)
    body = entry.body
    if body and not body.endswith("\n"):
        body += "\n"
    return f"---\n{header}---\n{body}"


def write_texts(items: list[tuple[Path, str]]) -> None:
    """Write all files or none (temp files named ``.<name>.….import`` until all are written)."""
    atomic.write_texts(items, suffix=".import")


def write_entries(batch: list[Checked]) -> list[Path]:
    items = [(c.target, render(c.entry)) for c in batch if c.entry is not None]
    write_texts(items)
    return [target for target, _ in items]


def after_import(data_dir: Path) -> str:
    """One line on the state of the data folder after writing."""
    catalogue, problems = load_catalogue(data_dir)
    if not problems:
        return f"Prüfung danach: alles gültig ({catalogue.summary()})."
    return f"Prüfung danach: Der Datenordner hat {len(problems)} Problem(e); „smartregio validate“ zeigt sie."
