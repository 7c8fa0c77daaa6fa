"""``smartregio import publiccode FILE``: a solution entry from a publiccode.yml (v0.2 to v0.7).

The description is taken in German (``de``, ``deu``, ``de-…``) if there is one, else in
English, else in the first language given. The mapping:

| publiccode.yml | Feld | Regel |
| --- | --- | --- |
| ``name`` | ``name`` | unverändert |
| ``description.<Sprache>.shortDescription`` | ``summary`` | Leerraum zusammengefasst |
| ``description.<Sprache>.longDescription``, ``features`` | Text | Langtext, dann „## Funktionen“ |
| ``legal.license`` | ``licence`` | in SPDX-Schreibweise (``GPL-3.0`` → ``GPL-3.0-only``) |
| ``legal.license`` | ``open_source`` | ``true`` bei OSI-Lizenz (OR: eine, AND: alle), sonst von Hand |
| ``url`` | ``repository`` | unverändert |
| ``landingURL`` | ``website`` | unverändert |
| ``developmentStatus`` | ``development_status`` | gleiche Codes (concept … obsolete) |
| ``maintenance.type`` | ``maintenance`` | gleiche Codes (internal, contract, community, none) |
| ``legal.mainCopyrightOwner`` | ``provider`` | sonst ``organisation.name``, sonst ``legal.repoOwner`` |
| ``maintenance.contacts[0].email`` | ``contact`` | als ``mailto:``-Adresse |
| Option ``--url`` | ``publiccode_url`` | Adresse der publiccode.yml |
| ``categories``, ``intendedAudience.scope`` | ``tags`` | ohne Doppelte |
| ``url``, Option ``--url`` | ``sources`` | die Belege der Angaben |
| – | ``last_reviewed`` | Tag des Imports |
| – | ``action_fields``, ``transfer_readiness`` | nicht ableitbar: von Hand ergänzen |
| ``usedBy`` | – | nur gemeldet (freier Text); Schlüssel-Vorschläge aus ``places.csv`` |
| ``fundedBy``, ``supports`` | – | nur gemeldet |

Problems in the mapped values are errors located in the publiccode.yml
(``FILE:Zeile N: Schlüssel „legal.license“ (licence): …``) and nothing is written. Fields
the file cannot fill are left out of the written draft, with a comment block that names
them; ``smartregio validate`` reports them until they are filled in.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from ..frontmatter import FrontMatterError, read_yaml
from ..problems import Problem
from ..reference import display_path
from ..spdx import read_spdx
from .entries import (
    Candidate,
    FieldNames,
    ImportFailed,
    Outcome,
    after_import,
    check_batch,
    open_catalogue,
    render,
    write_texts,
)
from .publiccode_standard import check_publiccode

KEY = "Schlüssel"
# OSI-approved licences (SPDX ids) that public-sector software commonly uses
_OSI_IDS = """0BSD AFL-3.0 AGPL-3.0-only AGPL-3.0-or-later Apache-1.1 Apache-2.0 APSL-2.0 Artistic-2.0
    BlueOak-1.0.0 BSD-1-Clause BSD-2-Clause BSD-2-Clause-Patent BSD-3-Clause BSL-1.0 CAL-1.0
    CDDL-1.0 CECILL-2.1 CPAL-1.0 ECL-2.0 EFL-2.0 EPL-1.0 EPL-2.0 EUPL-1.1 EUPL-1.2
    GPL-2.0-only GPL-2.0-or-later GPL-3.0-only GPL-3.0-or-later ISC LGPL-2.0-only
    LGPL-2.0-or-later LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0-only LGPL-3.0-or-later LPL-1.02
    LPPL-1.3c MIT MIT-0 MPL-1.1 MPL-2.0 MS-PL MS-RL MulanPSL-2.0 NCSA OFL-1.1 OSL-3.0
    PostgreSQL Python-2.0 UPL-1.0 Unlicense W3C Zlib"""
OSI_APPROVED = frozenset(_OSI_IDS.split())
MANUAL = {
    "action_fields": ["verwaltung"],
    "transfer_readiness": "P1",
    "open_source": False,
}
PLACE_PREFIXES = re.compile(
    r"^(stadt|gemeinde|gemeine|landkreis|kreis|amt|verbandsgemeinde|samtgemeinde|"
    r"landeshauptstadt|hansestadt|universitätsstadt|große kreisstadt)\s+",
    re.IGNORECASE,
)


def _get(doc: Any, *keys: str | int) -> Any:
    for key in keys:
        if isinstance(key, int):
            if not isinstance(doc, list) or len(doc) <= key:
                return None
            doc = doc[key]
        else:
            if not isinstance(doc, dict):
                return None
            doc = doc.get(key)
    return doc


def pick_description(description: Any) -> tuple[str | None, dict[str, Any]]:
    """German if given (de, deu, ger, de-DE …), else English, else the first language."""
    if not isinstance(description, dict) or not description:
        return None, {}
    languages = [k for k in description if isinstance(description[k], dict)]
    for group in (("de", "deu", "ger"), ("en", "eng")):
        for key in languages:
            if re.split(r"[-_]", str(key).lower())[0] in group:
                return str(key), description[key]
    if languages:
        return str(languages[0]), description[languages[0]]
    return None, {}


def osi_approved(expression: str) -> bool | None:
    """True if the licence expression is open source by OSI's list; None if unreadable."""
    import boolean
    from license_expression import (
        ExpressionError,
        LicenseSymbol,
        LicenseWithExceptionSymbol,
        get_spdx_licensing,
    )

    try:
        parsed = get_spdx_licensing().parse(expression, validate=True)
    except (ExpressionError, Exception):
        return None

    def ok(node: Any) -> bool:
        if isinstance(node, LicenseWithExceptionSymbol):
            return ok(node.license_symbol)
        if isinstance(node, LicenseSymbol):
            return node.key in OSI_APPROVED
        if isinstance(node, boolean.OR):
            return any(ok(arg) for arg in node.args)
        if isinstance(node, boolean.AND):
            return all(ok(arg) for arg in node.args)
        return False

    return ok(parsed)


def normalized_licence(expression: str) -> str:
    reading = read_spdx(expression)
    return reading.normalized if not reading.errors and reading.normalized else expression


MAPPED = ("name", "url", "landingURL", "developmentStatus", "legal.license", "maintenance.type")


def _mapped(key: str) -> bool:
    """Keys whose values become entry fields (and are checked there)."""
    return key in MAPPED or (key.startswith("description.") and key.endswith(".shortDescription"))


def _loc(key: str) -> tuple[str | int, ...]:
    """„maintenance.contacts[0].name“ → ("maintenance", "contacts", 0, "name")."""
    parts: list[str | int] = []
    for part in key.split("."):
        name, *indexes = part.replace("]", "").split("[")
        parts.append(name)
        parts.extend(int(i) for i in indexes if i.isdigit())
    return tuple(parts)


def place_suggestion(name: str, places: dict) -> str | None:
    """The key of the place a free-text name most likely means, if exactly one matches."""
    wanted = {name.strip().casefold(), PLACE_PREFIXES.sub("", name.strip()).casefold()}
    hits = [p for p in places.values() if p.name.casefold() in wanted]
    return hits[0].key if len(hits) == 1 else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [str(v).strip() for v in value if isinstance(v, str | int | float) and str(v).strip()]


def map_publiccode(doc: dict[str, Any], url: str | None) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """Entry fields from a publiccode.yml, the publiccode key each came from, and notes."""
    data: dict[str, Any] = {}
    keys: dict[str, str] = {}
    notes: list[str] = []

    def put(field: str, value: Any, key: str) -> None:
        if value is None or value == []:
            return
        data[field] = value
        keys[field] = key

    put("name", _text(doc.get("name")), "name")
    language, description = pick_description(doc.get("description"))
    if language:
        prefix = f"description.{language}"
        short = _text(description.get("shortDescription"))
        put("summary", " ".join(short.split()) if short else None, f"{prefix}.shortDescription")
        long = description.get("longDescription")
        features = _strings(description.get("features"))
        body = (long.strip() + "\n") if isinstance(long, str) and long.strip() else ""
        if features:
            body += ("\n" if body else "") + "## Funktionen\n\n" + "".join(f"- {f}\n" for f in features)
        if body:
            data["body"] = body
            keys["body"] = f"{prefix}.longDescription"
    licence = _text(_get(doc, "legal", "license"))
    if licence:
        normal = normalized_licence(licence)
        if normal != licence:
            notes.append(f"Lizenz in SPDX-Schreibweise gebracht: „{licence}“ → „{normal}“")
        put("licence", normal, "legal.license")
        if osi_approved(normal):
            put("open_source", True, "legal.license")
    put("repository", _text(doc.get("url")), "url")
    put("website", _text(doc.get("landingURL")), "landingURL")
    put("development_status", _text(doc.get("developmentStatus")), "developmentStatus")
    put("maintenance", _text(_get(doc, "maintenance", "type")), "maintenance.type")
    for key in (("legal", "mainCopyrightOwner"), ("organisation", "name"), ("legal", "repoOwner")):
        owner = _text(_get(doc, *key))
        if owner:
            put("provider", owner, ".".join(key))
            break
    email = _text(_get(doc, "maintenance", "contacts", 0, "email"))
    if email:
        put("contact", email if email.startswith("mailto:") else f"mailto:{email}", "maintenance.contacts")
    put("publiccode_url", url, "--url")
    tags = _strings(doc.get("categories")) + _strings(_get(doc, "intendedAudience", "scope"))
    tags += _strings(doc.get("tags"))  # publiccode.yml 0.1 had free tags
    put("tags", list(dict.fromkeys(tags)), "categories")
    sources = [s for s in (_text(doc.get("url")), url) if s]
    put("sources", list(dict.fromkeys(sources)), "url")
    data["last_reviewed"] = date.today()
    return data, keys, notes


def import_publiccode(
    path: Path,
    data_dir: Path,
    entry_id: str | None = None,
    url: str | None = None,
    update: bool = False,
) -> Outcome:
    from ..text import slugify

    shown = str(path)
    outcome = Outcome(code=1)
    if not path.is_file():
        outcome.problems = [Problem.in_input(shown, 0, "Die Datei existiert nicht.")]
        return outcome
    try:
        source = read_yaml(path, shown)
    except FrontMatterError as exc:
        outcome.problems = [Problem.in_input(shown, exc.line, exc.message)]
        return outcome
    except OSError as exc:
        outcome.problems = [Problem.in_input(shown, 0, f"Datei kann nicht gelesen werden: {exc.strerror}.")]
        return outcome
    doc = source.fields
    version = doc.get("publiccodeYmlVersion")
    if version is None:
        outcome.problems = [
            Problem.in_input(shown, 1, "publiccodeYmlVersion fehlt: Ist das eine publiccode.yml?", label="")
        ]
        return outcome
    # the standard first; keys the entry takes over are checked by the model below, which
    # also names the smartregio field, so each problem is reported once
    standard = [
        Problem.in_input(
            shown, source.line_of(_loc(key)), f"{message} (Standard publiccode.yml)", label=key, kind=KEY
        )
        for key, message in check_publiccode(doc)
        if not _mapped(key)
    ]
    version = str(version)
    known = re.fullmatch(r"0(\.[2-7](\.\d+)?)?", version)
    language, _ = pick_description(doc.get("description"))
    outcome.notes.append(
        f"publiccode.yml Version {version}"
        + ("" if known else " (nicht ausdrücklich unterstützt; gelesen wie 0.7)")
        + (f"; Beschreibung in „{language}“" if language else "; keine Beschreibung")
    )
    try:
        catalogue = open_catalogue(data_dir)
    except ImportFailed as exc:
        outcome.problems = exc.problems
        return outcome

    data, keys, notes = map_publiccode(doc, url)
    outcome.notes.extend(notes)
    names = FieldNames("solutions")
    made = entry_id or (slugify(data["name"]) if isinstance(data.get("name"), str) else None)
    if made:
        data["id"] = made
        keys["id"] = "--id" if entry_id else "name"
    manual = [f for f in MANUAL if f not in data]
    checked_data = {**data, **{f: MANUAL[f] for f in manual}}
    lines = {field: source.line_of(tuple(key.split("."))) for field, key in keys.items()}
    candidate = Candidate(
        "solutions",
        checked_data,
        shown,
        1,
        labels={f: k for f, k in keys.items() if not k.startswith("--")},
        present=set(data),  # an update keeps the entry's own values for the manual fields
        kind=KEY,
        lines=lines,
    )
    valid, problems = check_batch([candidate], catalogue, data_dir, update=update)
    outcome.problems = sorted(standard + problems, key=lambda p: p.line)
    if outcome.problems or not valid:
        return outcome

    checked = valid[0]
    if checked.exists:  # --update: the existing entry had them
        manual = []
    comments = _draft_comments(manual, names, catalogue, doc)
    outcome.notes.extend(_reports(doc, catalogue))
    text = render(checked.entry, omit=frozenset(manual), comments=tuple(comments))
    write_texts([(checked.target, text)])
    outcome.written = [checked.target]
    outcome.code = 0
    if manual:
        outcome.notes.append(
            "Von Hand zu ergänzen (aus publiccode.yml nicht ableitbar): "
            + ", ".join(f"{f} ({names.title(f)})" for f in manual)
        )
    outcome.notes.append("last_reviewed ist der heutige Tag: bitte die Angaben mit den Quellen abgleichen")
    outcome.after = (
        f"Entwurf geschrieben: {display_path(checked.target, data_dir)}. Nach dem Ergänzen prüfen mit "
        "„smartregio validate“."
        if manual
        else after_import(data_dir)
    )
    return outcome


def _draft_comments(manual: list[str], names: FieldNames, catalogue, doc: dict[str, Any]) -> list[str]:
    if not manual:
        return []
    reference = catalogue.reference
    lines = ["Bitte ergänzen (aus der publiccode.yml nicht ableitbar), dann das „#“ entfernen:"]
    for name in manual:
        info = names.infos[name]
        if info.vocabulary:
            codes = ", ".join(reference.vocabularies.get(info.vocabulary, {}))
            example = f"[{next(iter(reference.vocabularies.get(info.vocabulary, {})), '')}]"
            value = example if info.is_list else ""
            lines.append(f"{name}: {value}".rstrip() + f"    # {names.title(name)}; erlaubt: {codes}")
        elif info.base is bool:
            lines.append(
                f"{name}:    # {names.title(name)}: true oder false (Lizenz nicht als OSI-Lizenz erkannt)"
            )
    used = _strings(doc.get("usedBy"))
    if used:
        lines.append("used_by laut usedBy (freier Text): amtliche Schlüssel eintragen, z. B.")
        for user in used:
            key = place_suggestion(user, reference.places)
            lines.append(
                f'  - "{key}"    # {user}' if key else f'  - "…"    # {user}: Schlüssel nachschlagen'
            )
    return lines


def _reports(doc: dict[str, Any], catalogue) -> list[str]:
    out = []
    used = _strings(doc.get("usedBy"))
    if used:
        found = []
        for user in used:
            key = place_suggestion(user, catalogue.reference.places)
            found.append(f"{user} → {key}" if key else user)
        out.append(
            f"usedBy nennt {len(used)} Nutzer (freier Text, keine Schlüssel; nicht übernommen): "
            + "; ".join(found)
        )
    funded = [_text(_get(f, "name")) or _text(f) for f in (doc.get("fundedBy") or []) if f]
    if funded:
        out.append(
            f"fundedBy (nicht übernommen, ggf. als funding_projects): {'; '.join(filter(None, funded))}"
        )
    supports = doc.get("supports")
    if isinstance(supports, list) and supports:
        items = [_text(_get(s, "name")) or _text(_get(s, "id")) or _text(s) for s in supports]
        out.append(f"supports (nicht übernommen, ggf. als standards): {'; '.join(filter(None, items))}")
    return out
