"""Link step: every reference between entries, and to places, must resolve."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .catalogue import Catalogue
from .collections import MODELS, REGISTRY
from .fields import field_infos
from .problems import Problem, Problems
from .registry import Collection
from .suggest import nearest
from .types import ID_PATTERN, PLACE_KEY_PATTERN


@dataclass
class LinkMemo:
    """Each entry's link problems from the last check, for a process that checks the same data
    folder again after each edit (the preview, through ``load.LoadCache``): an entry the load
    gave back as the same object (its file did not change) is not checked again while the
    entries' identifiers, the invalid entries and the reference tables are those of the last
    check; any of them changed, every entry is checked."""

    scope: tuple = ()
    found: dict[tuple[str, str], tuple[Any, Any, list[Problem]]] = field(default_factory=dict)

    def renew(self, catalogue: Catalogue) -> None:
        scope = (
            {collection: frozenset(entries) for collection, entries in catalogue.entries.items()},
            frozenset(catalogue.invalid),
        )
        if not self.scope or self.scope[0] is not catalogue.reference or self.scope[1:] != scope:
            self.found.clear()
        self.scope = (catalogue.reference, *scope)


def check_links(catalogue: Catalogue, problems: Problems, memo: LinkMemo | None = None) -> None:
    """Check references of valid entries, and those of invalid entries that are well formed,
    so a contributor sees a broken reference in the same run as a broken field. With ``memo``,
    the unchanged entries' problems of the last check are taken (see :class:`LinkMemo`)."""
    if memo is not None:
        memo.renew(catalogue)
    for collection, model in MODELS.items():
        spec = REGISTRY[collection]
        ref_fields = [f for f in field_infos(model) if f.reference]
        nested_fields = [f for f in field_infos(model) if f.nested]
        for entry_id, entry in catalogue.entries[collection].items():
            entry_file = catalogue.files[(collection, entry_id)]
            kept = memo.found.get((collection, entry_id)) if memo is not None else None
            if kept is not None and kept[0] is entry and kept[1] is entry_file:
                problems.extend(kept[2])
                continue
            found = Problems()
            fields = {info.name: getattr(entry, info.name) for info in ref_fields}
            _check_entry(catalogue, ref_fields, fields, entry_file, found)
            for info in nested_fields:
                _check_records(catalogue, info, getattr(entry, info.name), entry_file, found)
            if spec.laender_field and getattr(entry, spec.laender_field):
                _check_laender(catalogue, spec, entry, entry_file, found)
            problems.extend(found)
            if memo is not None:
                memo.found[(collection, entry_id)] = (entry, entry_file, list(found))
        for (owner, _), (raw, entry_file) in sorted(catalogue.unvalidated.items()):
            if owner == collection:
                fields = {info.name: raw.get(info.name) for info in ref_fields}
                _check_entry(catalogue, ref_fields, fields, entry_file, problems, only_well_formed=True)
                for info in nested_fields:
                    records = raw.get(info.name)
                    if isinstance(records, list):
                        _check_records(catalogue, info, records, entry_file, problems)


def check_contacts(catalogue: Catalogue, problems: Problems) -> None:
    """A contact names an official place, like an entry's reference does."""
    reference = catalogue.reference
    for key, line in reference.contact_lines.items():
        if message := _unresolved(catalogue, "places", key):
            problems.add(reference.contacts_display, line, "key", message)


def _check_entry(catalogue, ref_fields, fields, entry_file, problems, only_well_formed=False) -> None:
    for info in ref_fields:
        value = fields.get(info.name)
        if only_well_formed and value is not None and not isinstance(value, list | str):
            continue
        values = value if isinstance(value, list) else ([] if value is None else [value])
        seen: set[str] = set()
        for index, target in enumerate(values):
            if not isinstance(target, str) or (only_well_formed and not _well_formed(info.reference, target)):
                continue  # the field check has reported it already
            loc = (info.name, index) if info.is_list else (info.name,)
            line = entry_file.line_of(loc)
            prefix = f"Eintrag {index + 1}: " if info.is_list else ""
            if target in seen:
                problems.add(
                    entry_file.path, line, info.name, f"{prefix}„{target}“ steht doppelt in der Liste."
                )
                continue
            seen.add(target)
            message = _unresolved(catalogue, info.reference, target)
            if message:
                problems.add(entry_file.path, line, info.name, prefix + message)


def _check_records(catalogue: Catalogue, info, records, entry_file, problems: Problems) -> None:
    """References inside sub-records, e.g. the solution a project's measure names."""
    assert info.nested is not None
    for sub in field_infos(info.nested):
        if not sub.reference or sub.is_list:
            continue
        for index, record in enumerate(records):
            target = record.get(sub.name) if isinstance(record, dict) else getattr(record, sub.name, None)
            if not isinstance(target, str) or not _well_formed(sub.reference, target):
                continue
            message = _unresolved(catalogue, sub.reference, target)
            if message:
                line = entry_file.line_of((info.name, index, sub.name))
                problems.add(entry_file.path, line, f"{info.name}[{index + 1}].{sub.name}", message)


def _well_formed(collection: str, target: str) -> bool:
    pattern = PLACE_KEY_PATTERN if collection == "places" else ID_PATTERN
    return re.match(pattern, target) is not None


def similar_keys(key: str, places: dict, most: int = 3) -> list[str]:
    """Official keys of the same length one slip away from ``key``: a digit mistyped, two
    neighbouring digits swapped, or (for a Gemeinde) another Gemeinde of the same Kreis whose
    key ends alike; nearest first."""
    if not key.isdigit():
        return []
    found = []
    for index in range(len(key)):
        for digit in "0123456789":
            candidate = key[:index] + digit + key[index + 1 :]
            if candidate != key and candidate in places:
                found.append(candidate)
        if index + 1 < len(key):
            swapped = key[:index] + key[index + 1] + key[index] + key[index + 2 :]
            if swapped != key and swapped in places:
                found.append(swapped)
    return sorted(dict.fromkeys(found), key=lambda k: (abs(int(k) - int(key)), k))[:most]


def _check_laender(catalogue: Catalogue, spec: Collection, entry, entry_file, problems: Problems) -> None:
    """The places an entry names lie in the Länder it lists (a project's lead and partners)."""
    field = spec.laender_field
    laender = getattr(entry, field)
    for role in spec.place_roles:
        name = role.field
        value = getattr(entry, name)
        keys = value if isinstance(value, list) else ([value] if value else [])
        for index, key in enumerate(keys):
            place = catalogue.reference.places.get(key)
            if place is not None and place.land not in laender:
                loc = (name, index) if isinstance(value, list) else (name,)
                problems.add(
                    entry_file.path,
                    entry_file.line_of(loc),
                    name,
                    f"Der Schlüssel {key} ({place.name}) liegt in {place.land}, "
                    f"das Feld {field} nennt aber nur {', '.join(laender)}.",
                )


def _unresolved(catalogue: Catalogue, target_collection: str, target: str) -> str | None:
    if target_collection == "places":
        places = catalogue.reference.places
        if target in places:
            return None
        land = next(
            (code for code, key in catalogue.reference.land_keys.items() if target.startswith(key)),
            None,
        )
        if land is None and catalogue.reference.land_keys:
            return f"Der Schlüssel {target} beginnt mit keinem Landesschlüssel (01–16)."
        close = similar_keys(target, places)
        named = [f"{key} ({places[key].name}, {places[key].bez or places[key].kind})" for key in close]
        hint = f" Meinten Sie {' oder '.join(named)}?" if named else ""
        return (
            f"Den Schlüssel {target} gibt es in den amtlichen Verwaltungsgebieten nicht "
            f"(data/reference/places.csv, abgeleitet mit „smartregio places“).{hint}"
        )
    entries = catalogue.entries[target_collection]
    if target in entries or (target_collection, target) in catalogue.invalid:
        return None
    label = MODELS[target_collection].label
    hint = nearest(target, list(entries))
    return f"Verweis auf unbekannte(s) {label} „{target}“." + (f" Meinten Sie „{hint}“?" if hint else "")
