"""The index of „Kommune finden“ beside the pages: ``/kommunen/finden/<prefix>.json``, one small
file per first two letters of a word of a place's name (or two digits of its key), and
``regeln.json``, the normalisation rules the browser applies to what a reader types.

Written beside the rendered site like the API (the engine never sees it): a reader's browser
loads only the file of what is being typed (see ``pages/finder.py``)."""

from __future__ import annotations

import json
from pathlib import Path

from ..catalogue import Catalogue
from ..pages.finder import RULES, shards

FOLDER = "kommunen/finden"


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_finder_index(catalogue: Catalogue, site: Path, keys: frozenset[str] | None = None) -> int:
    """Write the rules and every shard into ``site``; returns the number of files. ``keys``:
    only the places that have a page there (a version's copy pages the places it names)."""
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "regeln.json").write_text(_dump(RULES) + "\n", encoding="utf-8")
    written = 1
    for name, places in shards(catalogue.reference, keys).items():
        (folder / f"{name}.json").write_text(_dump(places) + "\n", encoding="utf-8")
        written += 1
    return written
