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


def page_path(collection: str, key: str) -> str:
    """Path of an entry's page source inside the docs folder."""
    return f"{SECTIONS[collection]}/{key}/index.md"


def url(collection: str, key: str) -> str:
    """Site-absolute address of an entry page, without the site prefix."""
    return f"/{SECTIONS[collection]}/{key}/"


def json_url(collection: str, key: str) -> str:
    return f"/{API}/{SECTIONS[collection]}/{key}.json"
