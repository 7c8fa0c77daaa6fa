"""Impressum, Datenschutz and the Erklärung zur Barrierefreiheit, made from the operator settings.

The law asks for real facts about who runs the site (§ 5 DDG, Art. 13 DSGVO, § 12b BGG with
BITV 2.0). They come from ``extra.smartregio.operator`` in mkdocs.yml; a part that is not set
is said to be missing on the page, and the build warns, so no sample name is ever published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..settings import OperatorSettings, SmartregioSettings, is_placeholder

SETTINGS_PREFIX = "extra.smartregio"


@dataclass(frozen=True)
class LegalPage:
    """One legal page: where it goes, its template and which operator settings it shows."""

    path: str  # inside the docs folder, as mkdocs.yml's nav names it
    template: str
    title: str
    description: str
    keys: tuple[str, ...]  # fields of OperatorSettings the page needs


LEGAL_PAGES = (
    LegalPage(
        "impressum.md",
        "legal_impressum.html",
        "Impressum",
        "Anbieterkennzeichnung der Website nach § 5 Digitale-Dienste-Gesetz.",
        ("name", "address", "representative", "email", "phone"),
    ),
    LegalPage(
        "datenschutz.md",
        "legal_datenschutz.html",
        "Datenschutz",
        "Welche Daten beim Besuch der Website anfallen und welche Rechte Sie haben.",
        ("name", "address", "email", "data_protection_officer", "supervisory_authority"),
    ),
    LegalPage(
        "barrierefreiheit.md",
        "legal_barrierefreiheit.html",
        "Erklärung zur Barrierefreiheit",
        "Wie barrierefrei die Website ist, welche Barrieren bekannt sind und wie Sie sie melden.",
        ("name", "accessibility_contact", "enforcement_body"),
    ),
)

# settings outside ``operator`` that a generated page needs (Mitmachen)
OTHER_KEYS = ("repository", "contact")


def _unset(value: object) -> bool:
    return value is None or value == [] or value == ""


def missing_settings(settings: SmartregioSettings) -> list[str]:
    """Full keys (``extra.smartregio.operator.name`` …) of every unset setting a page needs,
    in the order of the settings model."""
    operator = settings.operator or OperatorSettings()
    needed = {key for page in LEGAL_PAGES for key in page.keys}
    missing = [
        f"{SETTINGS_PREFIX}.operator.{key}"
        for key in OperatorSettings.model_fields
        if key in needed and _unset(getattr(operator, key))
    ]
    missing += [f"{SETTINGS_PREFIX}.{key}" for key in OTHER_KEYS if _unset(getattr(settings, key))]
    return missing


def missing_warning(settings: SmartregioSettings) -> str | None:
    """The build's German warning line, or None when every needed setting is there."""
    missing = missing_settings(settings)
    if not missing:
        return None
    return (
        "Warnung: Es fehlen Einstellungen für Impressum, Datenschutz, Barrierefreiheit oder "
        f"Mitmachen: {', '.join(missing)}. Bitte in mkdocs.yml unter extra.smartregio eintragen "
        "(Beispiel in den Kommentaren dort); bis dahin nennen die Seiten diese Angaben als fehlend."
    )


def contact_label(address: str) -> str:
    """What a reader sees for a contact address: the e-mail address without ``mailto:``."""
    return address.removeprefix("mailto:")


def page_context(settings: SmartregioSettings, site_url: str, stated: date) -> dict[str, object]:
    """What the legal templates show; ``stated`` is the date the statement speaks for."""
    operator = settings.operator or OperatorSettings()
    accessibility = operator.accessibility_contact
    return {
        "operator": operator,
        "site_url": None if is_placeholder(site_url) else site_url,  # no placeholder as the site's address
        "stated": stated.strftime("%d.%m.%Y"),
        "stated_iso": stated.isoformat(),
        "accessibility_href": accessibility,
        "accessibility_label": contact_label(accessibility) if accessibility else None,
    }
