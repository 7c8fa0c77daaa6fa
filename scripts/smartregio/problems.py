"""Problems found in the data: collected, never raised, so a contributor sees all at once."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

# characters that start a new line (or move the cursor) when printed; their escapes instead
_BREAKING = {
    code: char.encode("unicode_escape").decode("ascii")
    for code, char in ((c, chr(c)) for c in (*range(32), *range(0x7F, 0xA0), 0x2028, 0x2029))
}


def printable(text: str) -> str:
    """``text`` on one line: a file name or value with a line break (or an escape sequence)
    must not print a line that looks like ``::error`` or another message of its own."""
    return text.translate(_BREAKING)


def github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub reads it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command's property (file, title): a „:“ or „,“ would end it early."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem; ``line`` is 1-based, 0 when a whole file is meant.

    The one problem type of every command. A problem of an input being imported (a table, a
    form, a publiccode.yml) also names the ``label`` its author wrote (a column header, a
    section title) and its ``kind`` („Spalte“, „Abschnitt“); ``line`` is then a row of that
    input, and the text says so („Zeile 3“), as a spreadsheet shows it."""

    path: str
    line: int
    field: str
    message: str
    label: str = ""
    kind: str = ""

    @classmethod
    def in_input(
        cls, path: str, line: int, message: str, field: str = "", label: str = "", kind: str = "Spalte"
    ) -> Problem:
        """A problem of an imported input, located by row and by column or section."""
        return cls(path, line, field, message, label, kind)

    def as_text(self) -> str:
        if self.kind:
            return self._as_input_text()
        path = printable(self.path)
        location = f"{path}:{self.line}" if self.line else path
        field = f" {printable(self.field)}:" if self.field else ""
        return f"{location}:{field} {printable(self.message)}"

    def _as_input_text(self) -> str:
        """One line, whatever the input held (values and headers come from outside: a line
        break or an escape sequence in them must not print a line of its own)."""
        path, label, name, message = map(printable, (self.path, self.label, self.field, self.message))
        where = f"{path}:Zeile {self.line}" if self.line else path
        if label and name:
            return f"{where}: {self.kind} „{label}“ ({name}): {message}"
        if label:
            return f"{where}: {self.kind} „{label}“: {message}"
        if name:
            return f"{where}: {name}: {message}"
        return f"{where}: {message}"


def _as_record(problem: Problem) -> dict[str, object]:
    """A problem for JSON: the input's label and kind only where an import set them."""
    return {k: v for k, v in asdict(problem).items() if v or k not in ("label", "kind")}


class Problems:
    """An append-only set of problems with the output formats the CLI offers: a problem found
    twice (two checks, or a merged report) is kept once, so a count matches the lines printed."""

    def __init__(self) -> None:
        self._items: dict[Problem, None] = {}  # insertion-ordered, each problem once

    def add(self, path: str, line: int, field: str, message: str) -> None:
        self._items.setdefault(Problem(path, line, field, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self._items.setdefault(problem)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(self.sorted())

    def sorted(self) -> list[Problem]:
        return sorted(self._items)

    def as_text(self) -> str:
        return "\n".join(p.as_text() for p in self.sorted())

    def as_json(self) -> str:
        return json.dumps(
            {"problems": [_as_record(p) for p in self.sorted()], "count": len(self)},
            ensure_ascii=False,
            indent=2,
        )

    def as_github(self) -> str:
        """GitHub workflow commands, so errors show on the changed line of a pull request;
        every property and the message escaped, so no value can end one or start another."""
        lines = []
        for p in self.sorted():
            props = f"file={github_property(p.path)}"
            if p.line:
                props += f",line={p.line}"
            title = github_property(p.field or "smartregio")
            lines.append(f"::error {props},title={title}::{github_data(p.message)}")
        return "\n".join(lines)
