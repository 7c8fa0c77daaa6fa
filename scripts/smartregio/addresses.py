"""The site's stable addresses (DESIGN.md): cited and linked from outside, so never changed."""

from __future__ import annotations

SECTIONS: dict[str, str] = {
    "solutions": "loesungen",
    "funding-projects": "foerderprojekte",
    "guidelines": "leitfaeden",
    "programmes": "programme",
    "places": "kommunen",
}
SECTION_TITLES: dict[str, str] = {
    "solutions": "Lösungen",
    "funding-projects": "Förderprojekte",
    "guidelines": "Leitfäden",
    "programmes": "Förderprogramme",
    "places": "Kommunen",
}
API = "api/v1"
# what the JSON API writes into a collection's folder beside the entries' ``<id>.json``
API_LIST = "index"  # index.json: the collection's entries
API_FACETS = "facetten"  # facetten.json: the catalogue's facet index and sort orders
API_ADDRESSES = "adressen"  # adressen.json: the entries' pages in card order
API_CARDS = "karten"  # karten/<n>.json: a folder, so no entry's „karten.json“ collides
#: Ids no entry may have: its ``<id>.json`` would be one of the collection's own files.
RESERVED_IDS = frozenset({API_LIST, API_FACETS, API_ADDRESSES})


def page_path(collection: str, key: str) -> str:
    """Path of an entry's page source inside the docs folder."""
    return f"{SECTIONS[collection]}/{key}/index.md"


def url(collection: str, key: str) -> str:
    """Site-absolute address of an entry page, without the site prefix."""
    return f"/{SECTIONS[collection]}/{key}/"


def json_url(collection: str, key: str) -> str:
    return f"/{API}/{SECTIONS[collection]}/{key}.json"
