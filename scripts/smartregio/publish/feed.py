"""Atom feed of new and changed entries (newest review first) and of data releases, for
people who follow the catalogue in a feed reader."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from xml.etree import ElementTree as ET

from ..addresses import url
from ..catalogue import COLLECTIONS, Catalogue
from ..collections import MODELS
from ..limits import FIXED_DATE
from ..models import title_of
from ..package.store import StoredRelease
from ..settings import PROVISIONAL_NOTE, is_placeholder

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 100


def _stamp(day: date) -> str:
    return datetime.combine(day, time(12), tzinfo=UTC).isoformat().replace("+00:00", "Z")


def write_feed(
    catalogue: Catalogue,
    releases: list[StoredRelease],
    site_url: str,
    path: Path,
    publisher: str = "smartregio-Redaktion",
) -> None:
    base = site_url.rstrip("/")
    items: list[tuple[date, str, str, str, str]] = []
    for collection in COLLECTIONS:
        label = MODELS[collection].label
        for entry in catalogue.entries[collection].values():
            title = title_of(entry)
            summary = getattr(entry, "summary", None) or ""
            items.append(
                (
                    entry.last_reviewed,
                    f"{label}: {title}",
                    base + url(collection, entry.id),
                    summary,
                    f"{base}{url(collection, entry.id)}#{entry.last_reviewed.isoformat()}",
                )
            )
    for release in releases:
        items.append(
            (
                release.date,
                f"Daten-Version {release.version} veröffentlicht",
                f"{base}/aenderungen/",
                f"Alle Dateien unter {base}/daten/{release.version}/",
                f"{base}/daten/{release.version}/",
            )
        )
    items.sort(key=lambda item: (item[0], item[2]), reverse=True)
    items = items[:LIMIT]
    # Atom is the default namespace, declared on the root: the tags need no prefix and no
    # process-wide registration (ElementTree's register_namespace is global state)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "de"})
    ET.SubElement(feed, "id").text = base + "/feed.xml"
    ET.SubElement(feed, "title").text = "smartregio – neue und geänderte Einträge"
    ET.SubElement(feed, "updated").text = _stamp(items[0][0]) if items else _stamp(FIXED_DATE)
    ET.SubElement(feed, "link", {"href": base + "/feed.xml", "rel": "self"})
    ET.SubElement(feed, "link", {"href": base + "/"})
    if is_placeholder(site_url):  # the addresses below are not the site's own yet
        ET.SubElement(feed, "subtitle").text = PROVISIONAL_NOTE
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = publisher
    for day, title, link, summary, identifier in items:
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "id").text = identifier
        ET.SubElement(entry, "title").text = title
        ET.SubElement(entry, "link", {"href": link})
        ET.SubElement(entry, "updated").text = _stamp(day)
        ET.SubElement(entry, "summary").text = summary
    ET.indent(feed)
    path.write_bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n")
