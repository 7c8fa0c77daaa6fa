"""Link step: every reference between entries, and to places, must resolve."""

from __future__ import annotations

from .catalogue import Catalogue, field_infos
from .models import MODELS
from .problems import Problems
from .suggest import nearest


def check_links(catalogue: Catalogue, problems: Problems) -> None:
    reference = catalogue.reference
    for collection, model in MODELS.items():
        ref_fields = [f for f in field_infos(model) if f.reference]
        for entry_id, entry in catalogue.entries[collection].items():
            entry_file = catalogue.files[(collection, entry_id)]
            for info in ref_fields:
                value = getattr(entry, info.name)
                values = value if info.is_list else ([] if value is None else [value])
                seen: set[str] = set()
                for index, target in enumerate(values):
                    loc = (info.name, index) if info.is_list else (info.name,)
                    line = entry_file.line_of(loc)
                    prefix = f"Eintrag {index + 1}: " if info.is_list else ""
                    if target in seen:
                        problems.add(
                            entry_file.path,
                            line,
                            info.name,
                            f"{prefix}„{target}“ steht doppelt in der Liste.",
                        )
                        continue
                    seen.add(target)
                    message = _unresolved(catalogue, info.reference, target)
                    if message:
                        problems.add(entry_file.path, line, info.name, prefix + message)
            laender = getattr(entry, "laender", None)
            if laender:
                for name in ("lead", "partners"):
                    value = getattr(entry, name)
                    keys = value if isinstance(value, list) else ([value] if value else [])
                    for index, key in enumerate(keys):
                        place = reference.places.get(key)
                        if place is not None and place.land not in laender:
                            loc = (name, index) if isinstance(value, list) else (name,)
                            problems.add(
                                entry_file.path,
                                entry_file.line_of(loc),
                                name,
                                f"Der Schlüssel {key} ({place.name}) liegt in {place.land}, "
                                f"das Feld laender nennt aber nur {', '.join(laender)}.",
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
        return (
            f"Kein Ort mit dem Schlüssel {target} in data/reference/places.csv. "
            "Bitte den Ort dort mit Name, Art, Land, Koordinaten und Quelle ergänzen."
        )
    entries = catalogue.entries[target_collection]
    if target in entries or (target_collection, target) in catalogue.invalid:
        return None
    label = MODELS[target_collection].label
    hint = nearest(target, list(entries))
    return f"Verweis auf unbekannte(s) {label} „{target}“." + (f" Meinten Sie „{hint}“?" if hint else "")
