"""The site's stable addresses (DESIGN.md): cited and linked from outside, so never changed."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .apinames import API, API_ADDRESSES, API_CARDS, API_FACETS, API_LIST, RESERVED_IDS
from .collections import REGISTRY

# the address of each collection's pages (/<section>/<id>/) and of the places
SECTIONS: Mapping[str, str] = MappingProxyType(
    {**{name: c.section for name, c in REGISTRY.items()}, "places": "kommunen"}
)
SECTION_TITLES: Mapping[str, str] = MappingProxyType(
    {**{name: c.title for name, c in REGISTRY.items()}, "places": "Kommunen"}
)
__all__ = [
    "API",
    "API_ADDRESSES",
    "API_CARDS",
    "API_FACETS",
    "API_LIST",
    "RESERVED_IDS",
    "SECTIONS",
    "SECTION_TITLES",
]


def page_path(collection: str, key: str) -> str:
    """Path of an entry's page source inside the docs folder."""
    return f"{SECTIONS[collection]}/{key}/index.md"


def url(collection: str, key: str) -> str:
    """Site-absolute address of an entry page, without the site prefix."""
    return f"/{SECTIONS[collection]}/{key}/"


def json_url(collection: str, key: str) -> str:
    return f"/{API}/{SECTIONS[collection]}/{key}.json"
