"""The Markdown of entry text, read once the way the page reads it.

``pages/markdown.py`` renders entry text with :func:`parser`; ``checks.py`` reads the same
tree to warn about what the page would lose without a word: text nested deeper than the
parser follows, images (the page shows none) and runs of letters longer than any word.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .limits import MAX_NESTING, MAX_WORD
from .text import format_number


def parser() -> MarkdownIt:
    """CommonMark with GitHub's tables and strikethrough, so an entry looks as in the pull
    request's preview; blocks nested deeper than :data:`limits.MAX_NESTING` are not read."""
    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])


_PARSER = parser()
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MAX_WORD + 1},}}")
_ADDRESS = re.compile(r"\S*(://|@)\S*")  # web and e-mail addresses: their letters are no words
_HTML_IMAGE = re.compile(r"<img\b", re.IGNORECASE)
# a line that opens many blocks at once (quotes, list markers, indentation): it may nest deeply
_MAY_NEST = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_NESTING // 2},}}", re.MULTILINE)
# blocks whose content the parser reads as blocks again: one level deeper, and none at the limit
_CONTAINERS = frozenset({"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"})


def long_word(text: str) -> str | None:
    """A run of letters longer than any German word (outside addresses), or None."""
    found = _LONG_WORD.search(_ADDRESS.sub(" ", text))
    return found.group(0) if found else None


def long_word_message(word: str) -> str:
    return (
        f"„{word[:30]}…“ hat {format_number(len(word))} Buchstaben ohne Leerzeichen, mehr als jedes "
        f"Wort (höchstens {MAX_WORD}). Fehlen Leerzeichen? Die Suche findet es nur als Ganzes."
    )


def _may_hide(text: str) -> bool:
    """Cheap test first: only a text that could lose something is parsed."""
    return bool("![" in text or _HTML_IMAGE.search(text) or _LONG_WORD.search(text) or _MAY_NEST.search(text))


def lost_on_page(text: str) -> list[tuple[int, str]]:
    """What the page would not show of ``text``: (line within the text, counted from 0;
    a German message), in the order of the text."""
    if not _may_hide(text):
        return []
    found: list[tuple[int, str]] = []
    for token in _PARSER.parse(text):
        line = token.map[0] if token.map else 0
        if token.type in _CONTAINERS and token.level >= MAX_NESTING - 1:
            found.append(
                (
                    line,
                    f"Der Text ist hier mehr als {MAX_NESTING} Ebenen tief verschachtelt (Zitate, "
                    "Listen); was darin (und womöglich danach) steht, fehlt auf der Seite. Bitte flacher "
                    "gliedern.",
                )
            )
        if token.type == "html_block" and _HTML_IMAGE.search(token.content):
            found.append((line, _html_image_message()))
        for child in token.children or ():
            if child.type == "image":
                alt = child.content or ""
                shown = f"„{alt}“" if alt else "nichts (das Bild hat keinen Alternativtext)"
                found.append(
                    (
                        line,
                        f"Bilder zeigt die Seite nicht: Statt „{child.attrs.get('src', '')}“ steht dort "
                        f"nur sein Alternativtext, {shown}. Bitte auf das Bild verlinken, wenn es zählt.",
                    )
                )
            elif child.type == "html_inline" and _HTML_IMAGE.search(child.content):
                found.append((line, _html_image_message()))
            elif child.type == "text" and (word := long_word(child.content)):
                found.append((line, long_word_message(word)))
    return list(dict.fromkeys(found))  # one warning per line and kind


def _html_image_message() -> str:
    return (
        "HTML-Bilder (<img>) entfernt die Seite samt ihrem Alternativtext. Bitte den Text selbst "
        "schreiben oder auf das Bild verlinken."
    )
