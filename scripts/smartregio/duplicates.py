"""Warn when an entry looks like one the catalogue already has.

Two entries of a collection are likely the same when their names are equal after
normalising ("Smart Village App" / "SmartVillage-App"), nearly equal (difflib ratio of the
normalised names at least 0.92, same numbers in both, and the differing part a slip rather
than another word: "Smart City Jena" is not "Smart City Gera"), or when they share a
repository or website address. These are warnings: they never change the exit code.

Near names are found with sorted neighbourhoods (names sorted forwards and backwards, each
compared with the next few), so the check stays linear for large catalogues.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from .catalogue import Catalogue
from .collections import MODELS, REGISTRY
from .models import name_field
from .problems import Problem

NEAR_RATIO = 0.92
CORE_RATIO = 0.5  # how alike the differing parts of two near names must be
WINDOW = 12  # neighbours compared in each sort order
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_DIGITS = re.compile(r"\d+")


def normalise_name(text: str) -> str:
    """Lower case, umlauts transliterated, accents dropped, only a–z and 0–9 kept."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_GERMAN))
    return re.sub(r"[^a-z0-9]", "", text.encode("ascii", "ignore").decode("ascii"))


def normalise_url(url: str) -> str:
    """Address without scheme, ``www.``, fragment, trailing slash or ``.git``; lower case."""
    parts = urlsplit(url.strip().lower())
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/").removesuffix(".git").rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


@dataclass(frozen=True)
class Item:
    """What the check needs to know about one entry."""

    path: str
    line: int
    name: str
    key: str  # normalised name
    urls: tuple[tuple[str, str, int, str], ...] = ()  # (field, url, line, normalised)


@dataclass(frozen=True)
class Duplicate:
    """Two entries that look alike; ``first`` sorts before ``second``."""

    kind: str  # "name", "near" or "url"
    first: Item
    second: Item
    field: str = ""  # the name field; for "url": the address field of first
    other_field: str = ""  # for "url": field of second
    url_lines: tuple[int, int] = (0, 0)

    def paths(self) -> tuple[str, str]:
        return self.first.path, self.second.path

    def warning(self, at_first: bool = False) -> Problem:
        """A located warning at ``second`` (the later file), or at ``first``."""
        here, there = (self.first, self.second) if at_first else (self.second, self.first)
        if self.kind == "url":
            field, other = (self.field, self.other_field) if at_first else (self.other_field, self.field)
            line, other_line = self.url_lines if at_first else self.url_lines[::-1]
            message = (
                f"Warnung: dieselbe Adresse wie {other} von „{there.name}“ in {there.path}:{other_line}; "
                "der Eintrag ist also ähnlich wie dieser. Gibt es ihn schon?"
            )
            return Problem(here.path, line, field, message)
        how = "gleich bis auf die Schreibweise" if self.kind == "name" else "fast gleicher Name"
        message = (
            f"Warnung: „{here.name}“ ist ähnlich wie „{there.name}“ in {there.path}:{there.line} "
            f"({how}). Gibt es den Eintrag schon?"
        )
        return Problem(here.path, here.line, self.field, message)


def _items(catalogue: Catalogue, collection: str) -> list[Item]:
    model = MODELS[collection]
    field = name_field(model)
    url_fields = REGISTRY[collection].url_fields
    items = []
    sources = [
        (catalogue.files[(collection, key)], {f: getattr(entry, f) for f in (field, *url_fields)})
        for key, entry in catalogue.entries[collection].items()
    ]
    sources += [
        (entry_file, raw)
        for (owner, _), (raw, entry_file) in catalogue.unvalidated.items()
        if owner == collection
    ]
    for entry_file, values in sources:
        name = values.get(field)
        if not isinstance(name, str):
            continue
        urls = tuple(
            (f, url, entry_file.line_of((f,)), normalise_url(url))
            for f in url_fields
            if isinstance(url := values.get(f), str) and url.strip()
        )
        items.append(Item(entry_file.path, entry_file.line_of((field,)), name, normalise_name(name), urls))
    return sorted(items, key=lambda item: item.path)


def looks_alike(a: str, b: str) -> bool:
    """Whether two normalised names are equal or near (the rule of this module)."""
    return bool(a) and (a == b or _near(a, b))


def _near(a: str, b: str) -> bool:
    if not a or not b or a == b:
        return False
    total = len(a) + len(b)
    if 2 * min(len(a), len(b)) < NEAR_RATIO * total:  # ratio can't reach the bound
        return False
    if _DIGITS.findall(a) != _DIGITS.findall(b):  # "Projekt 1" and "Projekt 2" differ
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= NEAR_RATIO and matcher.ratio() >= NEAR_RATIO and _typo_like(a, b)


def _typo_like(a: str, b: str) -> bool:
    """Whether the part that differs looks like a slip, not another word.

    "Smart City Jena" and "Smart City Gera" are close by ratio but name two places: with the
    common start and end removed, "jen" and "ger" have little in common. An insertion
    ("plattform" → "plattformen") or a slip ("vilage", "viallge") passes.
    """
    start = _common_start(a, b)
    a, b = a[start:], b[start:]
    end = _common_start(a[::-1], b[::-1])
    a, b = a[: len(a) - end], b[: len(b) - end]
    if not a or not b or max(len(a), len(b)) <= 2:
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= CORE_RATIO


def _common_start(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _collection_duplicates(collection: str, items: list[Item]) -> list[Duplicate]:
    found: dict[tuple[str, str], Duplicate] = {}

    def add(kind: str, a: Item, b: Item, **extra) -> None:
        first, second = sorted((a, b), key=lambda item: item.path)
        if first.path == second.path:
            return
        key = (first.path, second.path)
        if key not in found or (found[key].kind != "name" and kind == "name"):
            found[key] = Duplicate(kind, first, second, **extra)

    field = name_field(MODELS[collection])
    by_key: dict[str, Item] = {}
    for item in items:
        if not item.key:
            continue
        if item.key in by_key:
            add("name", by_key[item.key], item, field=field)
        else:
            by_key[item.key] = item
    distinct = list(by_key.values())
    for order in (lambda item: item.key, lambda item: item.key[::-1]):
        ranked = sorted(distinct, key=order)
        for index, item in enumerate(ranked):
            for other in ranked[index + 1 : index + 1 + WINDOW]:
                if _near(item.key, other.key):
                    add("near", item, other, field=field)
    by_url: dict[str, tuple[Item, str, int]] = {}
    for item in items:  # sorted by path: the entry seen first is the earlier file
        for url_field, _url, line, key in item.urls:
            if not key:
                continue
            if key not in by_url:
                by_url[key] = (item, url_field, line)
                continue
            seen, seen_field, seen_line = by_url[key]
            if seen.path != item.path:
                add("url", seen, item, field=seen_field, other_field=url_field, url_lines=(seen_line, line))
    return list(found.values())


def find_duplicates(catalogue: Catalogue) -> list[Duplicate]:
    """Every pair of look-alike entries, per collection, in a stable order."""
    found = []
    for collection in MODELS:
        found.extend(_collection_duplicates(collection, _items(catalogue, collection)))
    return sorted(found, key=lambda d: d.paths())


def warnings(duplicates: list[Duplicate], only: Callable[[str], bool] | None = None) -> list[Problem]:
    """Warnings located at the later file; with ``only`` (whether the entry a message names is
    in question) just the pairs touching them, located at the one in question."""
    out = []
    for duplicate in duplicates:
        if only is None:
            out.append(duplicate.warning())
            continue
        first, second = (only(p) for p in duplicate.paths())
        if second:
            out.append(duplicate.warning())
        elif first:
            out.append(duplicate.warning(at_first=True))
    return sorted(out)


def as_github(problems: list[Problem]) -> str:
    """Warnings as GitHub workflow commands (``::warning …``)."""
    from .problems import Problems

    collected = Problems()
    collected.extend(problems)
    return "\n".join(
        "::warning " + line.removeprefix("::error ") for line in collected.as_github().splitlines()
    )
