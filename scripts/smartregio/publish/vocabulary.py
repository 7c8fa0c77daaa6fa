"""The search index's own vocabulary, for „Meinten Sie …?“ when a query finds nothing.

Every word of the text Pagefind indexes, counted by the pages it appears on, is written to
``pagefind/woerter/<letter>.json``, one file per first letter of the folded word: a reader's
browser loads only the letters of a query that found nothing, never the whole vocabulary.
The folding is the one the search script uses (no accents, lower case, ß as ss)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

FOLDER = "woerter"
#: shorter words are matched whole (see the search script's short words) and not corrected
SHORTEST = 4
LONGEST = 40
_WORD = re.compile(rf"[^\W\d_]{{{SHORTEST},{LONGEST}}}")


def fold(word: str) -> str:
    """As ``fold`` in catalogue.js: „Förderung“ → „forderung“, „Straße“ → „strasse“."""
    decomposed = unicodedata.normalize("NFD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.lower().replace("ß", "ss")


def words_of(text: str) -> tuple[str, ...]:
    """The words of a text that a reader might mistype (letters only, four at least)."""
    return tuple(_WORD.findall(text))


class Vocabulary:
    """Words as written, with the number of pages each is on."""

    def __init__(self) -> None:
        self.pages: Counter[str] = Counter()

    def add_page(self, words: Iterable[str]) -> None:
        self.pages.update(set(words))

    def add_counts(self, counts: dict[str, int]) -> None:
        """Several pages at once: per word, how many of them use it."""
        self.pages.update(counts)

    def entries(self) -> dict[str, list[tuple[str, int]]]:
        """Per first letter of the folded word: (word as most pages write it, pages), the most
        frequent first; the spellings of one folded word count together."""
        forms: dict[str, Counter[str]] = {}
        for word, count in self.pages.items():
            forms.setdefault(fold(word), Counter())[word] += count
        by_letter: dict[str, list[tuple[str, int]]] = {}
        for folded, spellings in forms.items():
            shown = min(spellings, key=lambda w: (-spellings[w], w))
            letter = folded[0] if "a" <= folded[0] <= "z" else "_"
            by_letter.setdefault(letter, []).append((shown, sum(spellings.values())))
        return {k: sorted(v, key=lambda item: (-item[1], item[0])) for k, v in sorted(by_letter.items())}

    def write(self, bundle: Path) -> int:
        """``bundle/woerter/<letter>.json``; the number of words written."""
        folder = bundle / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        written = 0
        for letter, items in self.entries().items():
            (folder / f"{letter}.json").write_text(
                json.dumps(items, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
            )
            written += len(items)
        return written
