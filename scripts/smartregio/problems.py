"""Problems found in the data: collected, never raised, so a contributor sees all at once."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem; ``line`` is 1-based, 0 when a whole file is meant."""

    path: str
    line: int
    field: str
    message: str

    def as_text(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        return f"{location}:{field} {self.message}"


class Problems:
    """An append-only list of problems with the output formats the CLI offers."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, path: str, line: int, field: str, message: str) -> None:
        self._items.append(Problem(path, line, field, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(self.sorted())

    def sorted(self) -> list[Problem]:
        return sorted(set(self._items))

    def as_text(self) -> str:
        return "\n".join(p.as_text() for p in self.sorted())

    def as_json(self) -> str:
        return json.dumps(
            {"problems": [asdict(p) for p in self.sorted()], "count": len(self.sorted())},
            ensure_ascii=False,
            indent=2,
        )

    def as_github(self) -> str:
        """GitHub workflow commands, so errors show on the changed line of a pull request."""

        def esc(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        lines = []
        for p in self.sorted():
            props = f"file={esc(p.path).replace(',', '%2C').replace(':', '%3A')}"
            if p.line:
                props += f",line={p.line}"
            title = f"{p.field}" if p.field else "smartregio"
            lines.append(f"::error {props},title={esc(title)}::{esc(p.message)}")
        return "\n".join(lines)
