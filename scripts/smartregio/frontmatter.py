"""Read one entry file: YAML front matter with line numbers, and the Markdown body.

The file is untrusted input. Size, encoding, nesting depth and YAML aliases are checked
before anything is built from it, so a hostile file costs little time and memory.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .inputs import MAX_TEXT_BYTES, InputError, InputTree

try:  # libyaml's parser is >10x faster; its nodes carry line numbers too
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml is part of every PyYAML wheel we pin
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

STR_TAG = "tag:yaml.org,2002:str"


_PLAIN = yaml.resolver.Resolver()


@lru_cache(maxsize=65536)
def _plain_tag(value: str) -> str:
    return _PLAIN.resolve(yaml.ScalarNode, value, (True, False))


class SafeLoader(_BaseLoader):
    """The safe loader with a cached tag lookup for plain scalars.

    PyYAML runs its implicit resolvers in Python for every scalar; entries repeat the same
    field names and many values, so the answer per text is cached. We use no path
    resolvers, so their per-node bookkeeping is skipped.
    """

    def resolve(self, kind, value, implicit):  # type: ignore[override]
        if kind is yaml.ScalarNode and implicit[0]:
            return _plain_tag(value)
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node, current_index):  # type: ignore[override]
        return None

    def ascend_resolver(self):  # type: ignore[override]
        return None


MAX_BYTES = MAX_TEXT_BYTES  # one limit for every text file the project reads (inputs.py)
MAX_DEPTH = 10

LinePath = tuple[str | int, ...]


@dataclass
class EntryFile:
    """What a file holds, plus where each field stands in it."""

    path: str
    fields: dict[str, Any]
    body: str
    lines: dict[LinePath, int] = field(default_factory=dict)
    body_line: int = 1
    # numbers as written, so a key like 05315000 (read by YAML as octal) can be quoted back
    numbers: dict[LinePath, str] = field(default_factory=dict)

    def line_of(self, loc: LinePath) -> int:
        """Line of the deepest known part of ``loc``, else the start of the front matter."""
        for end in range(len(loc), 0, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line:
                return line
        return 1


YAML_PROBLEMS = {
    "mapping values are not allowed": "Doppelpunkt an unerwarteter Stelle; Text mit „: “ bitte in "
    "Anführungszeichen setzen",
    "could not find expected ':'": "Erwartet wurde „Feldname: Wert“",
    "did not find expected ',' or ']'": "Eine mit „[“ begonnene Liste wird nicht mit „]“ geschlossen",
    "did not find expected ',' or '}'": "Ein mit „{“ begonnener Block wird nicht mit „}“ geschlossen",
    "did not find expected key": "Erwartet wurde ein Feldname; ist die Einrückung gleichmäßig?",
    "did not find expected '-' indicator": "Erwartet wurde ein Listeneintrag „- “; ist die Einrückung "
    "gleichmäßig?",
    "found character that cannot start any token": "Ein Zeichen kann hier nicht stehen (z. B. Tabulator "
    "oder „@“, „`“ am Anfang eines Werts); Wert bitte in Anführungszeichen setzen",
    "found unexpected end of stream": "Der YAML-Kopf endet mitten in einem Wert (fehlendes "
    "Anführungszeichen?)",
    "exceeded maximum nesting depth": f"YAML ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)",
    "found undefined alias": "YAML-Verweise (*) sind in Einträgen nicht erlaubt",
    "could not determine a constructor": "YAML-Typangaben wie „!!python/…“ sind in Einträgen nicht erlaubt",
    "special characters are not allowed": "Die Datei enthält ein Steuerzeichen",
}
# the tags plain YAML gives; an explicit other tag (!!binary, !!python/…, !custom) is refused
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


def yaml_message(problem: str | None) -> str:
    """A German text for libyaml's English problem descriptions."""
    problem = problem or "unbekannter Fehler"
    for fragment, german in YAML_PROBLEMS.items():
        if fragment in problem:
            return f"YAML-Fehler: {german}."
    return f"YAML-Fehler: {problem}."


class FrontMatterError(Exception):
    """A file that cannot be read as an entry; carries the line to blame."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def decode(raw: bytes, limit: int = MAX_BYTES) -> str:
    """UTF-8 with or without BOM, any line ends; anything else is refused by name."""
    if len(raw) > limit:
        raise FrontMatterError(
            0, f"Datei ist zu groß ({len(raw):,} Bytes, höchstens {limit:,}).".replace(",", ".")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FrontMatterError(
            line,
            f"Datei ist nicht in UTF-8 gespeichert (Byte 0x{raw[exc.start]:02X}). Bitte als UTF-8 "
            "speichern; Excel und ältere Windows-Editoren speichern oft Windows-1252.",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if bad := _BAD_CHARACTER.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        code = ord(bad.group())
        what = "ein Zeichen, das die Schreibrichtung umkehrt" if code >= 0x200 else "ein Steuerzeichen"
        raise FrontMatterError(line, f"Die Datei enthält {what} (U+{code:04X}); bitte entfernen.")
    return text


# C0/C1 control characters other than tab and line feed, and bidi overrides and isolates
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def split(text: str) -> tuple[str, str, int]:
    """Return front matter, body and the body's first line number."""
    if not text.startswith("---\n") and text.strip() != "---":
        raise FrontMatterError(1, "Die Datei muss mit einer Zeile „---“ beginnen (YAML-Kopf fehlt).")
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise FrontMatterError(1, "Der YAML-Kopf wird nicht mit einer Zeile „---“ abgeschlossen.")
    header = text[4 : end + 1]
    body = text[end + 5 :]
    body_line = header.count("\n") + 3
    return header, body, body_line


def _check_events(header: str, offset: int) -> None:
    """Refuse aliases (billion laughs) and deep nesting before building any object."""
    depth = 0
    try:
        for event in yaml.parse(header, Loader=SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise FrontMatterError(
                    event.start_mark.line + offset,
                    "YAML-Anker und -Verweise (&, *) sind in Einträgen nicht erlaubt.",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise FrontMatterError(
                        event.start_mark.line + offset,
                        f"YAML ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen).",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark else 1
        raise FrontMatterError(line, yaml_message(exc.problem or exc.context)) from None


NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class _Builder:
    """Builds Python values from composed nodes in one walk, noting each field's line.

    The walk refuses a node seen twice (an alias: the "billion laughs" attack expands
    through them) and nesting beyond MAX_DEPTH, before any of it is expanded.
    """

    def __init__(self, loader: SafeLoader, offset: int) -> None:
        self.loader = loader
        self.offset = offset
        self.lines: dict[LinePath, int] = {}
        self.numbers: dict[LinePath, str] = {}
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, loc: LinePath, depth: int) -> Any:
        if node.tag not in PLAIN_TAGS:
            raise FrontMatterError(
                node.start_mark.line + self.offset,
                f"YAML-Typangaben wie „{node.tag.replace('tag:yaml.org,2002:', '!!')}“ sind in Einträgen "
                "nicht erlaubt; bitte den Wert ohne sie schreiben.",
            )
        if isinstance(node, yaml.ScalarNode):
            if node.tag == STR_TAG:
                return node.value
            if node.tag in NUMBER_TAGS:
                self.numbers[loc] = node.value
            try:
                return self.loader.construct_object(node, deep=True)
            except ValueError:  # an impossible date such as 2024-02-30: the model names the field
                return node.value
        line = node.start_mark.line + self.offset
        if id(node) in self.seen:
            raise FrontMatterError(line, "YAML-Anker und -Verweise (&, *) sind in Einträgen nicht erlaubt.")
        self.seen.add(id(node))
        if depth >= MAX_DEPTH:
            raise FrontMatterError(line, f"YAML ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen).")
        if isinstance(node, yaml.SequenceNode):
            out_list = []
            for index, item in enumerate(node.value):
                child = (*loc, index)
                self.lines[child] = item.start_mark.line + self.offset
                out_list.append(self.build(item, child, depth + 1))
            return out_list
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + self.offset
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != STR_TAG:
                raise FrontMatterError(key_line, f"Feldnamen müssen Text sein: „{key_node.value}“.")
            key = key_node.value
            if key == "<<":
                raise FrontMatterError(key_line, "YAML-Zusammenführungen („<<“) sind nicht erlaubt.")
            child = (*loc, key)
            if key in out:
                raise FrontMatterError(
                    key_line,
                    f"Das Feld „{key}“ steht doppelt im YAML-Kopf (zuerst in Zeile {self.lines[child]}).",
                )
            self.lines[child] = key_line
            out[key] = self.build(value_node, child, depth + 1)
        return out


def _may_be_hostile(header: str) -> bool:
    """Cheap pre-filter: only text with anchors, aliases or many brackets needs the event scan."""
    return "&" in header or "*" in header or header.count("[") + header.count("{") > 64


def parse_mapping(path: str, header: str, offset: int) -> tuple[dict[str, Any], dict, dict]:
    """YAML text → (data, lines, numbers); ``offset`` turns YAML's 0-based lines into the file's."""
    loader = SafeLoader(header)
    try:
        if _may_be_hostile(header):
            _check_events(header, offset)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + offset if mark else 1
            raise FrontMatterError(line, yaml_message(exc.problem or exc.context)) from None
        if node is None:
            raise FrontMatterError(1, "Der YAML-Kopf ist leer.")
        if not isinstance(node, yaml.MappingNode):
            raise FrontMatterError(
                node.start_mark.line + offset,
                "Der YAML-Kopf muss aus Feldern „name: Wert“ bestehen.",
            )
        builder = _Builder(loader, offset)
        try:
            data = builder.build(node, (), 0)
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            raise FrontMatterError(mark.line + offset if mark else 1, yaml_message(exc.problem)) from None
    except yaml.YAMLError as exc:  # the reader refuses a character before any mark exists
        raise FrontMatterError(1, yaml_message(str(exc))) from None
    finally:
        loader.dispose()
    return data, builder.lines, builder.numbers


def parse(path: str, raw: bytes) -> EntryFile:
    """Parse raw bytes of an entry file; raises FrontMatterError with a German message."""
    header, body, body_line = split(decode(raw))
    data, lines, numbers = parse_mapping(path, header, 2)
    return EntryFile(path=path, fields=data, body=body, lines=lines, body_line=body_line, numbers=numbers)


def _read_raw(path: Path, root: Path | None) -> bytes:
    """The file's bytes through the project's one reader: a regular file inside ``root``
    (default: its own folder), no symlink, no device, size checked before reading."""
    try:
        path = Path(os.path.abspath(path))  # relative paths are the working folder's
        return InputTree(root or path.parent).read_bytes(path, MAX_BYTES)
    except InputError as exc:
        raise FrontMatterError(0, exc.message) from None


def read_yaml(path: Path, display: str, root: Path | None = None) -> EntryFile:
    """A plain YAML file (such as datapackage.yaml), read with the same safeguards."""
    data, lines, numbers = parse_mapping(display, decode(_read_raw(path, root)), 1)
    return EntryFile(path=display, fields=data, body="", lines=lines, numbers=numbers)


def read(path: Path, display: str, root: Path | None = None) -> EntryFile:
    """Read an entry file from disk without reading more than the size limit allows."""
    return parse(display, _read_raw(path, root))
