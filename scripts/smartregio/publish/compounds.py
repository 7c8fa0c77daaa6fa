"""Split German compounds, so that a search for „Haushalt“ finds „Bürgerhaushalt“.

The dictionary is the noun list of the ``german-nouns`` package (about 100,000 nouns with
all their inflected forms, compiled from de.wiktionary.org, CC BY-SA 4.0). A word is split
into the fewest parts that are each a known form, the modifiers allowing the usual linking
elements (Verwaltung·s·software, Schul·weg). Pagefind indexes a word written with ASCII
punctuation inside both whole and in parts, so the index copy of a page gets the compound
written as ``Bürger^haushalt``; the search script removes the marker before showing text.
Names stay whole (Darmstadt is no Darm·stadt): those the dictionary marks as names, and the
words of the places' names that are no common nouns.

A build reads the dictionary once (:meth:`Dictionary.load`) and passes it along; the word
sets are kept in the project's ``build/cache/``, never under the home folder.

Each step takes time in proportion to the text: a word longer than any German word
(:data:`limits.MAX_WORD`) stays whole, and no part is tried that is longer than the
dictionary's longest form could make it.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path

from ..atomic import write_text
from ..cells import csv_records
from ..inputs import MAX_TABLE_BYTES, InputError, InputTree
from ..limits import MAX_WORD

#: Joins the parts of a split compound in the index copy of a page; never shown to a reader.
MARKER = "^"
#: Shorter words are rarely compounds, and shorter parts are mostly false friends („Hau“).
MIN_WORD = 8
MIN_PART = 4
#: Linking elements a modifier may carry before the next part (Fugenelemente).
LINKS = ("", "s", "es", "n", "en", "er")
#: Feminine endings, which make a word of a noun, not a compound (Bürger·innen).
FEMININE = ("innen", "in")

_WORD = re.compile(r"^[^\W\d_]+$")
_TEXT_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD},}}")
_GRAMMAR_COLUMNS = {"pos", "genus", "genus 1", "genus 2", "genus 3", "genus 4"}


#: Word classes of names (Darmstadt, Müller): a name is never taken apart into „Darm“ + „Stadt“.
_NAME_CLASSES = {"Toponym", "Eigenname", "Nachname", "Vorname"}


CACHE_PREFIX = "german-nouns-"


def cache_file(cache_dir: Path, version: str) -> Path:
    """Named by the dictionary's version and this module's code: a build never reads word
    sets that other code derived (two builds of one site must give the same bytes)."""
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return cache_dir / f"{CACHE_PREFIX}{version}-{code}.txt"


class Dictionary:
    """The nouns compounds split into and the names that stay whole, with the splits found so
    far (kept per dictionary: a build passes its own along, nothing is kept between builds)."""

    def __init__(self, nouns: frozenset[str], names: frozenset[str], kept: str | None = None) -> None:
        self.nouns = nouns  # every inflected form of every common noun, lower-cased
        self.names = names  # every form of a name the dictionary knows only as a name
        if kept is not None:  # the sets as the cache keeps them (``kept_form``): their digest only
            self.fingerprint = _digest(kept)
        # the most letters a part can have: the longest form plus a linking element, or a
        # verb stem whose noun on „-ung“ is the longest form (Förder·programm)
        self.longest_part = max(map(len, nouns), default=0) + max(map(len, LINKS))
        self._split = functools.lru_cache(maxsize=200_000)(self._split_uncached)

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Dictionary:
        """Read from ``german-nouns``; with ``cache_dir`` (the project's ``build/cache/``) the
        word sets are kept there, so the next build reads them in a fraction of the time and
        other versions' sets there are removed. Nothing is written anywhere else.

        A name is a word the dictionary knows only as a name (Herrenberg, Darmstadts), not one
        that is also a common noun (Essen, Halle)."""
        version = metadata.version("german-nouns")
        cache = cache_file(cache_dir, version) if cache_dir is not None else None
        if cache is not None:
            try:  # a regular file only (no FIFO to block on, no link to follow)
                text = InputTree(cache.parent).read_text(cache.name, MAX_TABLE_BYTES)
                nouns, _, names = text.partition("\n\n")
                return cls(frozenset(nouns.split("\n")), frozenset(names.split("\n")), text)
            except InputError:
                pass  # not there yet (or just tidied away by a build of other code): read the package
        common: set[str] = set()
        named: set[str] = set()
        source = resources.files("german_nouns").joinpath("nouns.csv")
        with source.open(encoding="utf-8", newline="") as handle:
            rows = (record for _, record in csv_records(handle))
            header = next(rows)
            columns = [i for i, name in enumerate(header) if name not in _GRAMMAR_COLUMNS]
            pos = header.index("pos")
            for row in rows:
                forms = named if _NAME_CLASSES & set(row[pos].split(",")) else common
                for i in columns:
                    if i < len(row) and len(word := row[i]) >= MIN_PART and _WORD.match(word):
                        forms.add(word.lower())
        nouns = frozenset(common)
        names = frozenset(named - common)  # „Essen“, „Halle“: a town, but a noun too
        kept = kept_form(nouns, names)
        if cache is not None:
            _keep(cache, kept)
        return cls(nouns, names, kept)

    @functools.cached_property
    def fingerprint(self) -> str:
        """A digest of the word sets: a page marked with one dictionary is marked the same with
        another of the same fingerprint (the search keeps parts by it, see :mod:`searchcache`).
        Taken of the sets as the cache keeps them, so a dictionary read from the cache is not
        sorted again (a quarter of a million words, ~0.2 s a build); a kept file in another
        order than the sorted one only gives another fingerprint, never a wrong one."""
        return _digest(kept_form(self.nouns, self.names))

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of ``word`` in its own spelling (linking elements stay on the modifier),
        each long part split again (Rats·informations·system); ``(word,)`` for no compound,
        and for a run of letters longer than any word (neither tried nor kept)."""
        if len(word) < MIN_WORD or len(word) > MAX_WORD:
            return (word,)
        return self._split(word)

    def _split_uncached(self, word: str) -> tuple[str, ...]:
        if not _WORD.match(word):
            return (word,)
        lower, known = word.lower(), self.nouns
        if lower in self.names:
            return (word,)
        for suffix in FEMININE:
            stem = lower[: -len(suffix)]
            if lower.endswith(suffix) and stem in known:
                # Bürger·innen is no compound of „Bürge“ and „Rinnen“: split the stem instead
                *parts, last = self.split(word[: len(stem)])
                return (*parts, last + word[len(stem) :])
        cuts = _best_split(lower, known, self.longest_part)
        if cuts is None:
            return (word,)
        bounds = (0, *cuts, len(word))
        # a part that is a word of its own stays whole (Bürger·haushalt, not Bürger·haus·halt)
        return tuple(
            part
            for a, b in itertools.pairwise(bounds)
            for part in ((word[a:b],) if lower[a:b] in known else self.split(word[a:b]))
        )

    def _marked(self, word: str, names: frozenset[str]) -> str:
        # nouns only, as German writes them: „ursprünglich“ is no Ursprung·lich, and names in
        # capitals (MITMACHEN) are left as they are
        if not word[0].isupper() or word.isupper() or word in names:
            return word
        return MARKER.join(self.split(word))

    def mark(self, text: str, names: frozenset[str] = frozenset()) -> str:
        """``text`` with every compound noun written as its parts joined by :data:`MARKER`,
        except the ``names`` (see :meth:`proper_names`)."""
        return _TEXT_WORD.sub(lambda m: self._marked(m.group(0), names), text)

    def proper_names(self, names: Iterable[str]) -> frozenset[str]:
        """The words of ``names`` (the places') that are no nouns of the dictionary: Darmstadt
        is a town, not „Darm“ and „Stadt“, so a search for „Stadt“ does not find it; the nouns
        in a name stay compounds (Land·kreis Potsdam-Mittelmark)."""
        return frozenset(
            word for name in names for word in _TEXT_WORD.findall(name) if word.lower() not in self.nouns
        )


def _digest(kept: str) -> str:
    return hashlib.sha256(kept.encode("utf-8")).hexdigest()


def kept_form(nouns: frozenset[str], names: frozenset[str]) -> str:
    """The word sets as the cache keeps them: each sorted, a word a line, an empty line between."""
    return "\n".join(sorted(nouns)) + "\n\n" + "\n".join(sorted(names))


def _keep(cache: Path, kept: str) -> None:
    """Write the word sets (``kept_form``) to ``cache`` (whole or not at all) and remove older
    sets beside it."""
    try:
        # a new file beside it, renamed over it: never written through a planted name
        write_text(cache, kept)
        for stale in cache.parent.glob(f"{CACHE_PREFIX}*.txt"):
            if stale != cache:
                stale.unlink(missing_ok=True)  # the sets of other versions or older code
    except OSError:
        pass  # a read-only project only costs the next build the same few seconds


def _modifier(piece: str, known: frozenset[str]) -> bool:
    """A part before the head: a noun form with a linking element (Verwaltung·s), a noun
    that drops its final e (Schul·weg), or the stem of a verb noun (Förder·programm)."""
    if any(piece.endswith(link) and piece[: len(piece) - len(link)] in known for link in LINKS):
        return True
    stem = piece[:-1] if piece.endswith("e") else piece
    return piece + "e" in known or stem + "ung" in known


def _best_split(lower: str, known: frozenset[str], longest: int) -> tuple[int, ...] | None:
    """Cut positions of the split into the fewest parts, the shortest part as long as
    possible (Bürger·haushalt, not Bürgerhaus·halt); at least two parts."""
    n = len(lower)
    # best[i]: the best cover of lower[i:] as ((parts, -shortest part), cuts)
    best: list[tuple[tuple[int, int], tuple[int, ...]] | None] = [None] * (n + 1)
    for start in range(n - MIN_PART, -1, -1):
        choice = None
        for end in range(start + MIN_PART, min(n, start + longest) + 1):
            if start == 0 and end == n:
                continue  # the word itself is no split
            piece = lower[start:end]
            if end == n:
                if piece not in known:
                    continue
                score, cuts = (1, -len(piece)), ()
            else:
                rest = best[end]
                if rest is None or not _modifier(piece, known):
                    continue
                score = (rest[0][0] + 1, max(rest[0][1], -len(piece)))
                cuts = (end, *rest[1])
            if choice is None or score < choice[0]:
                choice = (score, cuts)
        best[start] = choice
    return best[0][1] if best[0] else None
