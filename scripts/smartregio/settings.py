"""The site's settings, typed and read once: ``site_url`` and ``extra.smartregio`` of mkdocs.yml.

Every stage that needs a setting takes it from one ``SiteSettings`` object instead of
re-reading the file; a wrong setting is a located German problem (``mkdocs.yml:42:
extra.smartregio.publisher.email: …``), never a traceback in a late stage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .problems import Problems
from .types import ContactUrl, ShortText, WebUrl

DEFAULT_SITE_URL = "https://smartregio.example.org/"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# documentation domains (RFC 2606): an address there reaches nobody, it only stands in
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "example")


# said in the metadata (DCAT, datapackage.json, feed, citation) while the site has no address
PROVISIONAL_NOTE = (
    "Hinweis: Die Adresse der Website ist vorläufig (ein Platzhalter); die hier genannten "
    "Adressen gelten erst, wenn die Website ihre endgültige Adresse hat."
)


def is_placeholder(address: str | None) -> bool:
    """True for an unset address or one on a documentation domain (``https://x.example.org/``,
    ``mailto:daten@x.example.org``, ``daten@x.example.com``): shown as a way to reach someone it
    would mislead, and metadata naming it must say it is provisional."""
    if not address:
        return True
    text = address.removeprefix("mailto:")
    host = text.rpartition("@")[2] if "://" not in text else (urlsplit(text).hostname or "")
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in PLACEHOLDER_DOMAINS)


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PublisherSettings(_Settings):
    """Who publishes the data: DCAT-AP.de publisher and contact point, the feed's author."""

    name: ShortText = Field(title="Name der herausgebenden Stelle")
    url: WebUrl | None = Field(None, title="Website der herausgebenden Stelle")
    email: str | None = Field(None, pattern=EMAIL, title="E-Mail-Adresse für Fragen zu den Daten")


class OperatorSettings(_Settings):
    """Who runs the site, for Impressum, Datenschutz and Barrierefreiheit (§ 5 DDG, Art. 13 DSGVO,
    BITV 2.0). Every part may be unset while the site is set up: the build warns and those pages
    name the part as missing, never filled with sample text."""

    name: ShortText | None = Field(None, title="Betreibende Stelle")
    address: list[ShortText] = Field(default_factory=list, title="Anschrift (je Zeile ein Eintrag)")
    representative: ShortText | None = Field(None, title="Vertreten durch")
    email: str | None = Field(None, pattern=EMAIL, title="E-Mail-Adresse")
    phone: ShortText | None = Field(None, title="Telefon")
    data_protection_officer: ShortText | None = Field(None, title="Datenschutzbeauftragte(r) mit Kontakt")
    supervisory_authority: ShortText | None = Field(None, title="Zuständige Datenschutz-Aufsichtsbehörde")
    accessibility_contact: ContactUrl | None = Field(
        None, title="Kontakt für Barrieren (https:// oder mailto:)"
    )
    enforcement_body: ShortText | None = Field(None, title="Durchsetzungs- bzw. Schlichtungsstelle (BITV)")


class SmartregioSettings(_Settings):
    """``extra.smartregio`` in mkdocs.yml."""

    edit_url: WebUrl | None = Field(None, title="Adresse, an die „Eintrag bearbeiten“ den Dateinamen hängt")
    repository: WebUrl | None = Field(None, title="Repository der Daten (Issue-Formulare, Mitmachen)")
    contact: ContactUrl | None = Field(None, title="Kontakt für Beiträge ohne GitHub-Konto")
    publisher: PublisherSettings | None = Field(None, title="Herausgebende Stelle")
    contributor_id: WebUrl | None = Field(None, title="GovData-contributorID, sobald vergeben")
    operator: OperatorSettings | None = Field(None, title="Betreibende Stelle der Website")


class SiteSettings(_Settings):
    site_url: WebUrl = Field(DEFAULT_SITE_URL, title="Adresse der veröffentlichten Website")
    smartregio: SmartregioSettings = Field(default_factory=SmartregioSettings)

    @property
    def base_url(self) -> str:
        """``site_url`` with exactly one trailing slash."""
        return self.site_url.rstrip("/") + "/"

    @property
    def provisional(self) -> bool:
        """The site has no address of its own yet (``site_url`` unset or a placeholder)."""
        return is_placeholder(self.site_url)

    def placeholders(self) -> list[str]:
        """Keys of the addresses that are placeholders: ``site_url`` (set or not: it always has
        one) and any contact or publisher address set on a documentation domain."""
        found = ["site_url"] if self.provisional else []
        extra = self.smartregio
        publisher = extra.publisher
        for key, value in (
            ("contact", extra.contact),
            ("publisher.url", publisher.url if publisher else None),
            ("publisher.email", publisher.email if publisher else None),
        ):
            if value and is_placeholder(value):
                found.append(f"extra.smartregio.{key}")
        return found

    def placeholder_warning(self) -> str | None:
        """The build's German warning while an address is a placeholder, else None."""
        found = self.placeholders()
        if not found:
            return None
        return (
            f"Warnung: Platzhalter-Adressen in mkdocs.yml: {', '.join(found)}. Bitte die echten Adressen "
            "eintragen; bis dahin zeigen die Seiten diese Kontakte nicht an, und DCAT, datapackage.json, "
            "Feed und Zitiervorschlag nennen die Adresse der Website vorläufig."
        )


class SettingsError(Exception):
    def __init__(self, problems: Problems) -> None:
        super().__init__(problems.as_text())
        self.problems = problems


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may name Python objects (``!!python/name:…`` for extensions); they are the
    engine's business, so they are read as nothing instead of refused or evaluated."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _lines(node: yaml.Node, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    lines: dict[tuple[str, ...], int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, str(key.value))
            lines[child] = key.start_mark.line + 1
            lines.update(_lines(value, child))
    return lines


def load_settings(config_file: Path) -> SiteSettings:
    """Read and check the settings; ``SettingsError`` lists every problem with its line."""
    from .validate import german_message

    shown = str(config_file)
    problems = Problems()
    try:
        text = config_file.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_ConfigLoader)
        config: Any = yaml.load(text, Loader=_ConfigLoader) or {}
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(shown, 0, "", f"Die Einstellungen sind nicht lesbar ({exc}).")
        raise SettingsError(problems) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.add(shown, mark.line + 1 if mark else 0, "", f"YAML-Fehler: {getattr(exc, 'problem', exc)}.")
        raise SettingsError(problems) from None
    if not isinstance(config, dict):
        problems.add(shown, 1, "", "mkdocs.yml muss aus Feldern „name: Wert“ bestehen.")
        raise SettingsError(problems)
    lines = _lines(node) if node is not None else {}
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    raw = {"smartregio": extra.get("smartregio") or {}}
    if config.get("site_url"):
        raw["site_url"] = config["site_url"]
    try:
        return SiteSettings.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(str(part) for part in error["loc"])
            path = loc if loc[:1] == ("site_url",) else ("extra", *loc)
            line = next((lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in lines), 0)
            fields = list(SmartregioSettings.model_fields) if len(loc) <= 2 else []
            problems.add(shown, line, ".".join(path), german_message(error, fields))
        raise SettingsError(problems) from None
