"""Is a publiccode.yml valid by the standard? Required keys and types per version.

The importer maps only some keys into an entry; before it does, the whole file is checked
against the standard (publiccode.yml v0.2 – v0.7 and v1, as the reference parser
``italia/publiccode-parser-go`` defines them), so a file the standard rejects is never
imported half-read. Checks that need the network (does the URL answer?) are left out.
Every problem names the publiccode key, e.g. ``maintenance.contacts``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..spdx import read_spdx

VERSIONS = {
    "0",
    "0.2",
    "0.2.0",
    "0.2.1",
    "0.2.2",
    "0.3",
    "0.3.0",
    "0.4",
    "0.4.0",
    "0.5",
    "0.5.0",
    "0.7",
    "0.7.0",
    "1",
}
DEVELOPMENT_STATUS = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = (
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
)
MAINTENANCE = ("internal", "contract", "community", "none")
LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

MIME = re.compile(r"^[a-z]+/[a-zA-Z0-9.+_-]+$")
COUNTRY = re.compile(r"^[A-Za-z]{2}$")
LOGO_EXTENSIONS = (".svg", ".png")
KEYS = {
    "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn",
    "softwareVersion", "releaseDate", "logo", "monochromeLogo", "organisation", "inputTypes",
    "outputTypes", "platforms", "categories", "usedBy", "fundedBy", "roadmap", "developmentStatus",
    "softwareType", "supports", "intendedAudience", "description", "legal", "maintenance",
    "localisation", "dependsOn", "IT", "it",
}  # fmt: skip

Finding = tuple[str, str]  # (publiccode key, German message), made a Problem by the importer


def _is_url(value: Any, web_only: bool = False) -> bool:
    if not isinstance(value, str) or not value.strip() or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    if web_only and parts.scheme not in ("http", "https"):
        return False
    return bool(parts.scheme) and bool(parts.netloc)


def _is_uri(value: Any) -> bool:
    """Any URI with a scheme (https://…, urn:…), as organisation and funder URIs may be."""
    return isinstance(value, str) and re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", value) is not None


def _is_date(value: Any) -> bool:
    if isinstance(value, date):
        return True
    if not isinstance(value, str) or not DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _spdx_valid(expression: str) -> bool:
    """SPDX as the standard reads it: known ids, deprecated ones (AGPL-3.0) included."""
    return not read_spdx(expression).errors


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Finding] = []

    def add(self, key: str, message: str) -> None:
        self.problems.append((key, message))

    def text(
        self, doc: dict, key: str, path: str, required: bool = True, max_length: int | None = None
    ) -> Any:
        value = doc.get(key)
        if value is None or value == "":
            if required:
                self.add(path, "Pflichtangabe nach dem Standard fehlt.")
            return None
        if not isinstance(value, str):
            self.add(path, "Erwartet wird Text.")
            return None
        if max_length is not None and len(value) > max_length:
            self.add(path, f"Text ist zu lang: {len(value)} Zeichen, höchstens {max_length}.")
        return value

    def choice(self, doc: dict, key: str, path: str, allowed: tuple[str, ...]) -> Any:
        value = self.text(doc, key, path)
        if value is not None and value not in allowed:
            self.add(path, f"„{value}“ ist nach dem Standard nicht erlaubt. Erlaubt: {', '.join(allowed)}.")
        return value

    def url(self, doc: dict, key: str, path: str, required: bool = False, web_only: bool = True) -> None:
        value = doc.get(key)
        if value is None:
            if required:
                self.add(path, "Pflichtangabe nach dem Standard fehlt.")
            return
        if not _is_url(value, web_only):
            self.add(path, "Keine gültige Webadresse.")

    def strings(
        self, doc: dict, key: str, path: str, required: bool = False, non_empty: bool = False
    ) -> list:
        value = doc.get(key)
        if value is None:
            if required:
                self.add(path, "Pflichtangabe nach dem Standard fehlt (eine Liste).")
            return []
        if not isinstance(value, list):
            self.add(path, "Erwartet wird eine Liste.")
            return []
        if non_empty and not value:
            self.add(path, "Die Liste darf nicht leer sein.")
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.add(f"{path}[{index}]", "Erwartet wird Text.")
        return value

    def mapping(self, doc: dict, key: str, path: str, required: bool = True) -> dict:
        value = doc.get(key)
        if value is None:
            if required:
                self.add(path, "Pflichtangabe nach dem Standard fehlt.")
            return {}
        if not isinstance(value, dict):
            self.add(path, "Erwartet werden Felder der Form „name: Wert“.")
            return {}
        return value

    def records(self, doc: dict, key: str, path: str) -> list[dict]:
        value = doc.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(path, "Erwartet wird eine Liste.")
            return []
        out = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{path}[{index}]", item))
            else:
                self.add(f"{path}[{index}]", "Erwartet werden Felder der Form „name: Wert“.")
        return out


def check_publiccode(doc: Any) -> list[Finding]:
    """Every way ``doc`` (a parsed publiccode.yml) breaks the standard, empty when it is valid."""
    c = _Checker()
    if not isinstance(doc, dict):
        return [("", "Eine publiccode.yml besteht aus Feldern „name: Wert“.")]
    version = doc.get("publiccodeYmlVersion")
    if version is None:
        c.add("publiccodeYmlVersion", "Pflichtangabe nach dem Standard fehlt.")
    elif str(version) not in VERSIONS:
        c.add(
            "publiccodeYmlVersion", f"Unbekannte Version „{version}“. Bekannt: {', '.join(sorted(VERSIONS))}."
        )
    elif not isinstance(version, str):
        c.add("publiccodeYmlVersion", f'Die Version ist als Text anzugeben: "{version}".')
    for key in doc:
        if key not in KEYS:
            c.add(str(key), "Unbekannter Schlüssel; der Standard kennt ihn nicht.")
    if "it" in doc and "IT" in doc:
        c.add("it", "Die Länderangabe steht doppelt (it und IT).")
    c.text(doc, "name", "name")
    for key in ("applicationSuite", "softwareVersion"):
        c.text(doc, key, key, required=False)
    for key in ("logo", "monochromeLogo"):
        logo = c.text(doc, key, key, required=False)
        if logo is not None:
            if logo.startswith(("/", "file:")):
                c.add(key, "Das Logo ist als Pfad im Repository oder als Webadresse anzugeben.")
            elif not logo.lower().endswith(LOGO_EXTENSIONS):
                c.add(key, "Das Logo muss eine SVG- oder PNG-Datei sein.")
    organisation = c.mapping(doc, "organisation", "organisation", required=False)
    if organisation:
        c.text(organisation, "uri", "organisation.uri")
        if organisation.get("uri") is not None and not _is_uri(organisation["uri"]):
            c.add("organisation.uri", "Keine gültige Adresse (URI).")
    audience = c.mapping(doc, "intendedAudience", "intendedAudience", required=False)
    c.strings(audience, "scope", "intendedAudience.scope")
    for key in ("countries", "unsupportedCountries"):
        for index, country in enumerate(c.strings(audience, key, f"intendedAudience.{key}")):
            if isinstance(country, str) and not COUNTRY.match(country):
                c.add(
                    f"intendedAudience.{key}[{index}]", "Kein Ländercode nach ISO 3166-1 (zwei Buchstaben)."
                )
    depends = c.mapping(doc, "dependsOn", "dependsOn", required=False)
    for kind in ("open", "proprietary", "hardware"):
        for path, dependency in c.records(depends, kind, f"dependsOn.{kind}"):
            c.text(dependency, "name", f"{path}.name")
            for key in ("versionMin", "versionMax", "version"):
                c.text(dependency, key, f"{path}.{key}", required=False)
            if "optional" in dependency and not isinstance(dependency["optional"], bool):
                c.add(f"{path}.optional", "Erwartet wird true oder false.")
    c.url(doc, "url", "url", required=True, web_only=False)
    c.url(doc, "landingURL", "landingURL")
    c.url(doc, "roadmap", "roadmap")
    based_on = doc.get("isBasedOn")
    for index, item in enumerate(based_on if isinstance(based_on, list) else [based_on] if based_on else []):
        if not _is_url(item):
            c.add(f"isBasedOn[{index}]", "Keine gültige Webadresse.")
    if "releaseDate" in doc and doc["releaseDate"] is not None and not _is_date(doc["releaseDate"]):
        c.add("releaseDate", "Erwartet wird ein Datum der Form JJJJ-MM-TT.")
    c.strings(doc, "platforms", "platforms", required=True, non_empty=True)
    c.strings(doc, "categories", "categories")
    c.strings(doc, "usedBy", "usedBy")
    for key in ("inputTypes", "outputTypes"):
        for index, mime in enumerate(c.strings(doc, key, key)):
            if isinstance(mime, str) and not MIME.match(mime):
                c.add(f"{key}[{index}]", "Kein MIME-Typ (z. B. text/csv).")
    c.choice(doc, "developmentStatus", "developmentStatus", DEVELOPMENT_STATUS)
    c.choice(doc, "softwareType", "softwareType", SOFTWARE_TYPES)
    for path, funder in c.records(doc, "fundedBy", "fundedBy"):
        if c.text(funder, "uri", f"{path}.uri") is not None and not _is_uri(funder["uri"]):
            c.add(f"{path}.uri", "Keine gültige Adresse (URI).")

    descriptions = c.mapping(doc, "description", "description")
    if "description" in doc and isinstance(doc.get("description"), dict) and not descriptions:
        c.add("description", "Mindestens eine Sprache angeben (z. B. de:).")
    for language, text in descriptions.items():
        path = f"description.{language}"
        if not isinstance(language, str) or not LANGUAGE.match(language):
            c.add(path, "Kein gültiges Sprachkürzel (BCP 47, z. B. de, en, de-CH).")
        if not isinstance(text, dict):
            c.add(path, "Erwartet werden Felder der Form „name: Wert“.")
            continue
        c.text(text, "shortDescription", f"{path}.shortDescription", max_length=150)
        long = c.text(text, "longDescription", f"{path}.longDescription", max_length=10000)
        if long is not None and len(long) < 150:
            c.add(f"{path}.longDescription", f"Text ist zu kurz: {len(long)} Zeichen, mindestens 150.")
        c.text(text, "genericName", f"{path}.genericName", required=False, max_length=35)
        c.text(text, "localisedName", f"{path}.localisedName", required=False)
        # v0 requires features; v1 made them optional
        c.strings(text, "features", f"{path}.features", required=str(version) != "1", non_empty=True)
        c.strings(text, "screenshots", f"{path}.screenshots")
        c.strings(text, "awards", f"{path}.awards")
        c.url(text, "documentation", f"{path}.documentation")
        c.url(text, "apiDocumentation", f"{path}.apiDocumentation")
        videos = text.get("videos")
        for index, video in enumerate(videos if isinstance(videos, list) else []):
            if not _is_url(video):
                c.add(f"{path}.videos[{index}]", "Keine gültige Webadresse.")

    legal = c.mapping(doc, "legal", "legal")
    licence = c.text(legal, "license", "legal.license") if legal or "legal" not in doc else None
    if licence is not None and not _spdx_valid(licence):
        c.add("legal.license", f"„{licence}“ ist kein gültiger SPDX-Ausdruck.")

    maintenance = c.mapping(doc, "maintenance", "maintenance")
    kind = c.choice(maintenance, "type", "maintenance.type", MAINTENANCE) if maintenance else None
    contractors = c.records(maintenance, "contractors", "maintenance.contractors") if maintenance else []
    contacts = c.records(maintenance, "contacts", "maintenance.contacts") if maintenance else []
    if kind == "contract" and not contractors:
        c.add("maintenance.contractors", "Bei maintenance.type: contract sind die Auftragnehmer anzugeben.")
    if kind != "contract" and maintenance.get("contractors"):
        c.add("maintenance.contractors", "Auftragnehmer nur bei maintenance.type: contract angeben.")
    if kind in ("internal", "community") and not contacts:
        c.add("maintenance.contacts", f"Bei maintenance.type: {kind} sind Ansprechpersonen anzugeben.")
    for path, contractor in contractors:
        c.text(contractor, "name", f"{path}.name")
        if not _is_date(contractor.get("until")):
            c.add(f"{path}.until", "Erwartet wird ein Datum der Form JJJJ-MM-TT.")
        if contractor.get("email") is not None and not EMAIL.match(str(contractor["email"])):
            c.add(f"{path}.email", "Keine gültige E-Mail-Adresse.")
        c.url(contractor, "website", f"{path}.website")
    for path, contact in contacts:
        c.text(contact, "name", f"{path}.name")
        if contact.get("email") is not None and not EMAIL.match(str(contact["email"])):
            c.add(f"{path}.email", "Keine gültige E-Mail-Adresse.")

    localisation = c.mapping(doc, "localisation", "localisation")
    if localisation:
        if not isinstance(localisation.get("localisationReady"), bool):
            c.add("localisation.localisationReady", "Pflichtangabe nach dem Standard: true oder false.")
        languages = c.strings(
            localisation,
            "availableLanguages",
            "localisation.availableLanguages",
            required=True,
            non_empty=True,
        )
        for index, language in enumerate(languages):
            if isinstance(language, str) and not LANGUAGE.match(language):
                c.add(f"localisation.availableLanguages[{index}]", "Kein gültiges Sprachkürzel (BCP 47).")
    return c.problems
