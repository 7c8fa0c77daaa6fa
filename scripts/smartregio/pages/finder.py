"""„Kommune finden“: how a typed name is compared with the official places, and the prefix
index the field loads while a reader types.

One normaliser serves both sides: the build normalises every place's name with
:func:`normalise`, and the browser normalises the query with the same rules, read from
:data:`RULES` (published as ``regeln.json`` beside the index), so the two cannot drift apart.
Tests run both over the same examples.

Ranking (the browser's, documented here because the index is built for it): exact name first,
then name prefix, then the prefix of a later word; within each, Gemeinden and Städte before
Gemeindeverbände before Kreise before Länder (a reader typing „Neustadt a.d. Waldnaab“ wants
the town more often than its Landkreis), then alphabetically.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..models import Place
from ..reference import ReferenceData as Reference
from .views import place_title

# Letters folded before anything else: ß is two letters in every spelling readers use.
FOLD = {"ß": "ss", "ẞ": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d"}
# A second spelling that a name with an umlaut is also found under (München → Muenchen);
# without it, both „münchen“ and „munchen“ already match (diacritics are dropped).
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue"}
# Whole words (and runs of words) written out, as official names abbreviate them:
# „St. Ingbert“, „Neustadt a.d. Waldnaab“, „Garching b. München“, „Aschau i. Chiemgau“.
# Longest first; a word counts only once it is complete (followed by a space or a dot), so
# „St“ still finds Stuttgart while the reader types.
WORDS = [
    ["a d", "an der"],
    ["i d", "in der"],
    ["v d", "vor der"],
    ["st", "sankt"],
    ["a", "am"],
    ["b", "bei"],
    ["i", "im"],
]
# Kinds ranked by what a reader most often means for equal names.
KIND_RANK = {
    "gemeinde": 0,
    "stadt": 0,
    "kreisfreie-stadt": 0,
    "amt": 1,
    "samtgemeinde": 1,
    "verbandsgemeinde": 1,
    "verwaltungsgemeinschaft": 1,
    "verwaltungsverband": 1,
    "landkreis": 2,
    "region": 2,
    "stadtkreis": 2,
    "land": 3,
}
SHARD_LENGTH = 2  # a query loads one file per first two letters (or digits)
MAX_OPTIONS = 50  # the browser shows at most this many and says how many there are

RULES: dict[str, Any] = {
    "fold": FOLD,
    "umlauts": UMLAUTS,
    "words": WORDS,
    "shard_length": SHARD_LENGTH,
    "max_options": MAX_OPTIONS,
}

_SEPARATORS = re.compile(r"[^a-z0-9]+")


def _letters(text: str, umlauts: bool) -> str:
    text = text.casefold()
    if umlauts:
        text = "".join(UMLAUTS.get(c, c) for c in text)
    text = "".join(FOLD.get(c, c) for c in text)
    # drop accents: é → e, ü → u (NFD splits a letter from its marks)
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def normalise(text: str, complete: bool = True, umlauts: bool = False) -> str:
    """The form names are compared in: lower case, ASCII letters and digits, single spaces,
    abbreviations written out. ``complete`` says the last word is whole (a name, not a query
    being typed); ``umlauts`` spells ä as ae instead of a."""
    letters = _letters(text, umlauts)
    words = [w for w in _SEPARATORS.split(letters) if w]
    ends_open = bool(words) and not complete and not _SEPARATORS.fullmatch(letters[-1:] or "a")
    out: list[str] = []
    i = 0
    while i < len(words):
        for short, long in WORDS:
            parts = short.split(" ")
            n = len(parts)
            whole = i + n < len(words) or not ends_open  # the run's last word is complete
            if words[i : i + n] == parts and whole:
                out.extend(long.split(" "))
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def forms(place: Place) -> list[str]:
    """Every normalised form a place is found under: its name and its title, each also with
    umlauts spelt out."""
    found = []
    for text in (place.name, place_title(place)):
        for umlauts in (False, True):
            form = normalise(text, umlauts=umlauts)
            if form not in found:
                found.append(form)
    return found


def kind_text(place: Place, reference: Reference) -> str:
    """What the place is: its BEZ, except where the kind says more („Kreisfreie Stadt“
    for a city whose BEZ is „Stadt“, the Kreis level of such a city)."""
    if place.kind in ("kreisfreie-stadt", "stadtkreis") or not place.bez:
        return reference.label("place_kind", place.kind)
    return place.bez


def describe(place: Place, reference: Reference) -> str:
    """The words that tell places of one name apart: kind, Kreis and Land
    („Stadt, Landkreis Marburg-Biedenkopf, Hessen“)."""
    parts = [kind_text(place, reference)]
    kreis = reference.places.get(place.kreis) if place.kreis else None
    if kreis and kreis.key != place.key and place.kind != "kreisfreie-stadt":
        parts.append(place_title(kreis))
    if place.kind != "land":
        parts.append(reference.label("land", place.land))
    return ", ".join(parts)


def record(place: Place, reference: Reference) -> list[Any]:
    """One place in the index: key, title, description, kind rank, normalised forms."""
    rank = KIND_RANK.get(place.kind, 2)
    return [place.key, place_title(place), describe(place, reference), rank, forms(place)]


def _shard_names(place_forms: Iterable[str]) -> set[str]:
    """The shards a place belongs to: the first letters of every word of every form (a
    word inside the name is found by its prefix too)."""
    names = set()
    for form in place_forms:
        for word in form.split(" "):
            if len(word) >= SHARD_LENGTH:
                names.add(word[:SHARD_LENGTH])
            elif word:
                names.add(word)  # a one-letter word is its own shard
    return names


def shards(reference: Reference, keys: frozenset[str] | None = None) -> dict[str, list[list[Any]]]:
    """Shard name → the places whose name has a word starting so (letters), or whose key
    starts so (digits); each shard sorted by key, so the same data gives the same bytes.
    ``keys``: only these places (those with a page in a version's copy)."""
    result: dict[str, list[list[Any]]] = defaultdict(list)
    for key, place in sorted(reference.places.items()):
        if keys is not None and key not in keys:
            continue
        entry = record(place, reference)
        for name in sorted(_shard_names(entry[4]) | {key[:SHARD_LENGTH]}):
            result[name].append(entry)
    return dict(sorted(result.items()))


def initial(place: Place) -> str:
    """The letter a place is listed under on the pages without JavaScript (Ö under O)."""
    form = normalise(place.name)
    return form[:1] if form[:1].isalpha() else "#"
