"""The JSON API's own file names inside a collection's folder, and the ids they reserve: a module
without imports, so that the entry types can refuse those ids."""

from __future__ import annotations

API = "api/v1"
# what the JSON API writes into a collection's folder beside the entries' ``<id>.json``
API_LIST = "index"  # index.json: the collection's entries
API_SYNONYMS = "synonyme"  # synonyme.json: groups of search terms that mean the same
API_FACETS = "facetten"  # facetten.json: the catalogue's facet index and sort orders
API_ADDRESSES = "adressen"  # adressen.json: the entries' pages in card order
API_CARDS = "karten"  # karten/<n>.json: a folder, so no entry's „karten.json“ collides
#: Ids no entry may have: its ``<id>.json`` would be one of the collection's own files.
RESERVED_IDS = frozenset({API_LIST, API_FACETS, API_ADDRESSES})
