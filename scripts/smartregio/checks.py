"""Warnings: rules that usually point at a mistake but can have exceptions.

They never change the exit code of ``validate``; a contributor sees them beside the errors,
located like them, and decides.
"""

from __future__ import annotations

from .catalogue import Catalogue
from .collections import REGISTRY
from .frontmatter import EntryFile
from .markup import long_word, long_word_message, lost_on_page
from .models import Entry
from .problems import Problem


def quality_warnings(catalogue: Catalogue) -> list[Problem]:
    found: list[Problem] = []
    for name, collection in REGISTRY.items():  # each collection's own warnings
        for entry_id, entry in catalogue.entries[name].items():
            for check in collection.warnings:
                found.extend(check(catalogue, entry_id, entry))
    for (collection, entry_id), entry_file in catalogue.files.items():
        entry = catalogue.entries[collection].get(entry_id)
        if entry is not None:
            found.extend(_lost_text(entry_file, entry))
    return sorted(found)


def _lost_text(entry_file: EntryFile, entry: Entry) -> list[Problem]:
    """What the pages would drop without a word: text nested too deep, images and their
    alternative text, and runs of letters that are no words (the search keeps them whole)."""
    out = [
        Problem(entry_file.path, entry_file.body_line + line, "body", message)
        for line, message in lost_on_page(entry.body)
    ]
    for name, value in entry:
        if name == "body":
            continue
        for index, text in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(text, str) and (word := long_word(text)):
                loc = (name, index) if isinstance(value, list) else (name,)
                out.append(Problem(entry_file.path, entry_file.line_of(loc), name, long_word_message(word)))
    return out
