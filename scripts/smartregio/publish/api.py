"""Static JSON API under ``/api/v1/``: the same data as the pages, for programs.

One document per entry (its fields, the readable facts and links both ways), one per
municipality by official key, a list per collection and an index.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..addresses import API, API_ADDRESSES, API_CARDS, API_FACETS, API_LIST, SECTION_TITLES, SECTIONS, url
from ..apinames import API_SYNONYMS
from ..catalogue import COLLECTIONS, Catalogue
from ..pages.views import EntryView, Views, title_of


def _write(path: Path, document: Any) -> None:
    """Compact JSON: Python's C encoder only runs without ``indent`` (five times faster at
    10,000 documents), and programs read it alike; browsers indent JSON for people."""
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )


def _entry_document(view: EntryView, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": view.key,
        "collection": view.collection,
        "title": view.title,
        "page": view.url,
        "data": data,
        "facts": [
            {
                "field": f.name,
                "label": f.label,
                "values": [link.text for link in f.items],
                "links": [link.href for link in f.items if link.href],
                # each value with its address (None for plain text), for programs that show links
                "items": [{"text": link.text, "href": link.href} for link in f.items],
            }
            for f in view.facts
        ],
        "related": {
            r.title: [{"title": link.text, "page": link.href} for link in r.links] for r in view.related
        },
    }


def write_api(catalogue: Catalogue, views: Views, site: Path) -> int:
    """Write every API document into the built site; returns how many were written."""
    root = site / API
    count = 0
    # the search terms that mean the same, for the site search (loaded with the first query)
    _write(root / f"{API_SYNONYMS}.json", [list(group) for group in catalogue.reference.synonyms])
    index: dict[str, Any] = {"version": "v1", "collections": {}}
    for collection in COLLECTIONS:
        section = SECTIONS[collection]
        items = []
        for entry in sorted(catalogue.entries[collection].values(), key=lambda e: e.id):
            view = views.entry(collection, entry)
            _write(root / section / f"{entry.id}.json", _entry_document(view, entry.model_dump(mode="json")))
            items.append(
                {
                    "id": entry.id,
                    "title": title_of(entry),
                    "page": view.url,
                    "api": f"/{API}/{section}/{entry.id}.json",
                }
            )
            count += 1
        _write(
            root / section / f"{API_LIST}.json",
            {"collection": collection, "count": len(items), "items": items},
        )
        index["collections"][section] = {
            "title": SECTION_TITLES[collection],
            "count": len(items),
            "list": f"/{API}/{section}/{API_LIST}.json",
        }
    places = []
    paged = views.paged_places  # the places with a page (see pages/generate.py)
    for key, place in sorted(catalogue.reference.places.items()):
        if key not in paged:
            continue
        data = views.place(place)
        _write(
            root / "kommunen" / f"{key}.json",
            {
                "key": key,
                "title": data["title"],
                "page": url("places", key),
                "data": place.model_dump(mode="json"),
                "related": {
                    r.title: [{"title": link.text, "page": link.href} for link in r.links]
                    for r in data["related"]
                },
            },
        )
        places.append({"key": key, "title": data["title"], "api": f"/{API}/kommunen/{key}.json"})
        count += 1
    _write(root / "kommunen" / f"{API_LIST}.json", {"count": len(places), "items": places})
    index["collections"]["kommunen"] = {
        "title": "Kommunen",
        "count": len(places),
        "list": f"/{API}/kommunen/{API_LIST}.json",
    }
    _write(root / "index.json", index)
    return count


CARDS_PER_FILE = 50


def write_catalogue_indexes(catalogue: Catalogue, views: Views, site: Path) -> None:
    """Facet index and result cards per collection, for the catalogue's filters.

    Entries are numbered in title order. ``facets.json`` maps every facet value to the numbers
    of its entries and holds the other sort orders; ``cards/<n>.json`` holds title, summary and
    address of 50 entries each. Filtering without a search term needs only the facet index and
    the few card files on screen, never the whole catalogue.
    """
    for collection in COLLECTIONS:
        section = SECTIONS[collection]
        entries = sorted(catalogue.entries[collection].values(), key=lambda e: title_of(e).casefold())
        facets: dict[str, dict[str, list[int]]] = {}
        sorts: dict[str, list[tuple[str, int]]] = {}
        cards = []
        for number, entry in enumerate(entries):
            view = views.entry(collection, entry)
            for name, values in view.filters.items():
                if name == "sammlung":
                    continue
                for value in values:
                    facets.setdefault(name, {}).setdefault(value, []).append(number)
            for name, key in view.sort.items():
                if name != "titel":
                    sorts.setdefault(name, []).append((key, number))
            cards.append(views.card(collection, entry).compact())
        # newest first, equal keys in title order; entries without the key (a project
        # without a start year) follow in title order instead of dropping out of the list
        # ``keyed``: how many of an order have the key, so that the reverse order (the table
        # view's second click on a column) turns these round and keeps the others last
        order, keyed_counts = {}, {}
        for name, keys in sorts.items():
            keyed = [n for _, n in sorted(keys, key=lambda k: (k[0], -k[1]), reverse=True)]
            placed = set(keyed)
            order[name] = keyed + [n for n in range(len(entries)) if n not in placed]
            keyed_counts[name] = len(keyed)
        folder = site / API / section
        index = {
            "count": len(entries),
            "chunk": CARDS_PER_FILE,
            "facets": facets,
            "order": order,
            "keyed": keyed_counts,
        }
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{API_FACETS}.json").write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        # the addresses in card order, for a full-text hit to find its card (loaded on demand)
        _write(folder / f"{API_ADDRESSES}.json", [card["u"] for card in cards])
        for start in range(0, len(cards), CARDS_PER_FILE):
            _write(
                folder / API_CARDS / f"{start // CARDS_PER_FILE}.json", cards[start : start + CARDS_PER_FILE]
            )
