"""``smartregio new``: a new entry file with every field, explained, ready to fill in.

Each field of the model stands in model order under a German comment: what it means
(the model's description), whether it is required, and for vocabularies the allowed codes.
Required fields hold placeholders the validator rejects ("" or an empty list item), so a
forgotten one is reported with its line; optional fields are empty, so the file validates
as soon as the required ones are filled.
"""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

from .collections import MODELS, REGISTRY
from .duplicates import looks_alike, normalise_name
from .fields import FieldInfo, field_infos
from .load import file_name_problem, load_meta
from .models import Entry, name_field
from .problems import Problems
from .reference import ReferenceData, display_path, load_reference
from .text import slugify

WIDTH = 100
MAX_LISTED_IDS = 12


def field_note(collection: str, field: str) -> str | None:
    """The note a collection gives on a field (a rule across fields, told where it stands)."""
    return REGISTRY[collection].notes.get(field)


HINT_END = "Diese Hinweise erscheinen nicht auf der Website und dürfen gelöscht werden."


class ScaffoldError(Exception):
    """The entry cannot be created; the message is German and names the reason."""


def _comment(text: str, indent: str = "#   ") -> list[str]:
    return textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent="# ",
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _allowed(reference: ReferenceData, vocabulary: str) -> list[str]:
    """``#   Erlaubt: code = Label; …``, wrapped between terms, never inside one."""
    terms = [f"{t.code} = {t.label}" for t in reference.vocabularies.get(vocabulary, {}).values()]
    lines, line = [], "#   Erlaubt:"
    for index, term in enumerate(terms):
        piece = term + (";" if index < len(terms) - 1 else "")
        if len(line) + 1 + len(piece) > WIDTH and not line.endswith(":"):
            lines.append(line)
            line = "#  "
        line += " " + piece
    return [*lines, line]


def _kind_hint(info: FieldInfo, collection: str, data_dir: Path) -> str:
    if info.reference == "places":
        return (
            'Amtliche Schlüssel in Anführungszeichen, z. B. "09162000"; der Ort muss in '
            "data/reference/places.csv stehen."
        )
    if info.reference:
        ids = sorted(p.name[:-3] for p in (data_dir / info.reference).glob("*.md"))
        if ids and len(ids) <= MAX_LISTED_IDS:
            return f"Vorhanden: {', '.join(ids)}."
        return f"Kennungen wie die Dateinamen in data/{info.reference}/ (ohne „.md“)."
    if info.base is bool:
        return "true oder false."
    return ""


def _field_block(
    model: type[Entry], info: FieldInfo, values: dict[str, str], reference: ReferenceData, data_dir: Path
) -> list[str]:
    collection = model.collection
    field = model.model_fields[info.name]
    placeholder = info.required or info.name in REGISTRY[collection].placeholder_anyway
    status = "Pflichtfeld" if placeholder else "optional"
    if info.nested:
        status += ", Liste von Angaben mit den Feldern " + ", ".join(
            f"{n} ({f.title})" for n, f in info.nested.model_fields.items()
        )
    elif info.is_list:
        status += ", Liste: je Wert eine Zeile „  - wert“" if placeholder else ", Liste: [wert, wert]"
    parts = [f"{field.title} ({status}): {field.description}"]
    if note := field_note(collection, info.name):
        parts.append(note)
    if hint := _kind_hint(info, collection, data_dir):
        parts.append(hint)
    lines = _comment(" ".join(parts))
    if info.vocabulary:
        lines += _allowed(reference, info.vocabulary)
    name = info.name
    if name in values:
        lines.append(f"{name}: {values[name]}")
    elif info.nested:
        first = next(iter(info.nested.model_fields))
        lines += [f"{name}: []", "#   Beispiel:", f"#   {name}:", f'#     - {first}: "…"']
        lines += [f"#       {n}: …" for n in list(info.nested.model_fields)[1:]]
    elif info.is_list:
        lines += [f"{name}:", '  - ""'] if placeholder else [f"{name}: []"]
    elif placeholder and info.base is str:
        lines.append(f'{name}: ""')
    else:
        lines.append(f"{name}:")
    return lines


def _body(collection: str, reference: ReferenceData, hint: str) -> str:
    parts = [_html_comment(f"{hint} {HINT_END}".strip())]
    if sections := REGISTRY[collection].body_sections:
        for term in (reference.vocabularies.get(sections) or {}).values():
            parts.append(f"## {term.label}")
            parts.append(
                _html_comment(f"{term.description} Was ist in dieser Phase zu tun, worauf ist zu achten?")
            )
    return "\n\n".join(parts) + "\n"


def _html_comment(text: str) -> str:
    """A Markdown comment: the contributor reads it, the site never shows it."""
    return "\n".join(textwrap.wrap(f"<!-- {text} -->", WIDTH, break_on_hyphens=False, break_long_words=False))


def render(
    collection: str,
    entry_id: str,
    title: str,
    reference: ReferenceData,
    data_dir: Path,
    today: date,
    hint: str = "",
) -> str:
    """The text of a new entry file; ``hint`` is the collection's hint above the body, from
    ``datapackage.yaml``."""
    model = MODELS[collection]
    values = {
        "id": entry_id,
        name_field(model): json.dumps(title, ensure_ascii=False),
        "last_reviewed": today.isoformat(),
    }
    lines = ["---", f"# yaml-language-server: $schema=../.schema/{collection}.json"]
    lines += _comment(
        f'Neuer Eintrag: {model.label}. Jedes Feld mit „Pflichtfeld“ ausfüllen (leere "" ersetzen), '
        "optionale Felder ausfüllen, wenn eine Quelle sie belegt, sonst leer lassen. Text mit „: “ "
        "in Anführungszeichen setzen. Zeilen mit # sind Hinweise und dürfen bleiben.",
        indent="# ",
    )
    for info in field_infos(model):
        if info.name == "body":
            continue
        lines.append("")
        lines += _field_block(model, info, values, reference, data_dir)
    lines.append("---")
    return "\n".join(lines) + "\n" + _body(collection, reference, hint)


def entry_id_for(title: str) -> str:
    """The id a title gives, or ScaffoldError saying why there is none."""
    entry_id = slugify(title)
    if not entry_id or file_name_problem(f"{entry_id}.md"):
        raise ScaffoldError(
            f"Aus dem Titel „{title}“ lässt sich keine Kennung bilden. Bitte einen Titel mit "
            "Buchstaben oder Ziffern angeben."
        )
    return entry_id


def check_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise ScaffoldError('Der Titel ist leer. Beispiel: smartregio new <Sammlung> "Mein Eintrag"')
    if any(ord(char) < 32 for char in title):
        raise ScaffoldError("Der Titel darf keine Zeilenumbrüche oder Steuerzeichen enthalten.")
    if len(title) > 200:
        raise ScaffoldError(f"Der Titel ist zu lang: {len(title)} Zeichen, höchstens 200.")
    return title


def create(data_dir: Path, collection: str, title: str, today: date | None = None) -> Path:
    """Write ``data_dir/<collection>/<id>.md``; never overwrites, writes nothing on error."""
    if collection not in MODELS:
        raise ScaffoldError(f"Unbekannte Sammlung „{collection}“. Sammlungen: {', '.join(MODELS)}.")
    title = check_title(title)
    entry_id = entry_id_for(title)
    if not data_dir.is_dir():
        raise ScaffoldError(f"Der Datenordner {data_dir} existiert nicht.")
    path = data_dir / collection / f"{entry_id}.md"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(
            f"{display_path(path, data_dir)} gibt es schon. Bitte diese Datei bearbeiten oder einen "
            "anderen Titel wählen."
        )
    reference = load_reference(data_dir, Problems())
    meta = load_meta(data_dir, Problems())
    texts = meta.collections.get(collection) if meta else None
    hint = texts.new_entry_hint if texts else ""
    text = render(collection, entry_id, title, reference, data_dir, today or date.today(), hint)
    path.parent.mkdir(exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{display_path(path, data_dir)} gibt es schon.") from None
    return path


def similar_entries(data_dir: Path, collection: str, title: str, created: Path) -> list[Path]:
    """Existing files of the collection whose id looks like the title (a cheap early hint)."""
    key = normalise_name(title)
    return [
        path
        for path in sorted((data_dir / collection).glob("*.md"))
        if path != created and looks_alike(key, normalise_name(path.name[:-3]))
    ]


def next_steps(path: Path, data_dir: Path, similar: list[Path]) -> str:
    shown = display_path(path, data_dir)
    data_arg = "" if data_dir == Path("data") else f" --data {data_dir}"
    lines = [f"Neuer Eintrag angelegt: {shown}"]
    for other in similar:
        lines.append(
            f"Hinweis: {display_path(other, data_dir)} sieht ähnlich aus. Gibt es den Eintrag schon? "
            "Dann lieber diesen ergänzen und die neue Datei löschen."
        )
    lines += [
        "",
        "Nächste Schritte:",
        f'  1. {shown} öffnen und jedes Pflichtfeld ausfüllen (leere "" ersetzen); die Zeilen mit #',
        "     darüber erklären jedes Feld. Optionale Felder nur mit Quelle ausfüllen, sonst leer lassen.",
        "  2. Den Text unter dem zweiten „---“ schreiben.",
        f"  3. Prüfen: smartregio validate{data_arg}   (nennt jede noch offene Stelle mit Zeilennummer)",
        f"  4. Ansehen: smartregio serve{data_arg}",
        "  5. Pull Request stellen.",
        "Editoren mit YAML-Unterstützung (z. B. VS Code mit der Erweiterung „YAML“) zeigen die Hilfe",
        "und erlaubte Werte schon beim Tippen.",
    ]
    return "\n".join(lines)
