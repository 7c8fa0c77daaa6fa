"""Reference tables under ``data/reference/``: places, Länder and controlled vocabularies."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .boundaries import BOUNDARIES_FILE, KREISE_FILE, load_shapes
from .cells import CSV_FIELD_LIMIT, CsvSyntaxError, csv_records, de_number
from .frontmatter import FrontMatterError, decode
from .inputs import KIND_PROBLEMS, MAX_TABLE_BYTES, MAX_TEXT_BYTES, InputError, InputTree
from .problems import Problems

VOCABULARY_DIR = "vocabularies"
PLACES_FILE = "places.csv"
SYNONYMS_FILE = "synonyme.csv"  # words the site search treats alike, kept by the editors
MAX_SYNONYM = 60  # characters of one search term
CONTACTS_FILE = "place-contacts.csv"  # whom to ask in a place, with the source that says so
GEBIETSSTAND_FILE = "gebietsstand.json"  # where the places come from, and the attribution they need
LAENDER_FILE = "laender.csv"


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class PlacesSource:
    """The official data the place table was derived from (``smartregio places``): shown with
    every place, map, download and DCAT record, as the Datenlizenz Deutschland requires."""

    attribution: str  # „© GeoBasis-DE / BKG 2021 (Daten verändert)“
    url: str  # the attribution links here
    product: str  # VG5000 or VG250
    gebietsstand: str  # JJJJ-MM-TT
    licence: str
    licence_url: str


@dataclass
class ReferenceData:
    """Everything entries are checked against besides each other."""

    vocabularies: dict[str, dict[str, Term]] = field(default_factory=dict)
    land_keys: dict[str, str] = field(default_factory=dict)
    places: dict = field(default_factory=dict)  # key -> models.Place
    place_lines: dict[str, int] = field(default_factory=dict)
    land_shapes: dict = field(default_factory=dict)  # code -> boundaries.LandShape
    kreis_shapes: dict = field(default_factory=dict)  # Kreis key -> boundaries.LandShape
    places_display: str = "data/reference/places.csv"  # as messages name it
    places_source: PlacesSource | None = None
    # the official outlines as read (GeoJSON text), published unchanged for the map: "laender", "kreise"
    outlines: dict[str, str] = field(default_factory=dict)
    # groups of search terms that mean the same (Förderung, Förderprogramm), from synonyme.csv
    synonyms: list[tuple[str, ...]] = field(default_factory=list)
    contacts: dict = field(default_factory=dict)  # place key -> models.PlaceContact
    contact_lines: dict[str, int] = field(default_factory=dict)
    contacts_display: str = "data/reference/place-contacts.csv"

    def label(self, vocabulary: str, code: str) -> str:
        term = self.vocabularies.get(vocabulary, {}).get(code)
        return term.label if term else code


def read_rows(
    path: Path, display: str, problems: Problems, root: Path | None = None, limit: int = MAX_TEXT_BYTES
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV with their line numbers; problems are collected, not raised.

    Read through the project's one reader (a regular file inside ``root``, size checked
    first). A table separated by semicolons (as German Excel saves it) gets one hint, not a
    missing field in every row."""
    try:
        path = Path(os.path.abspath(path))  # relative paths are the working folder's
        text = decode(InputTree(root or path.parent).read_bytes(path, limit), limit)
    except InputError as exc:
        problems.add(display, 0, "", exc.message)
        return []
    except FrontMatterError as exc:
        problems.add(display, exc.line, "", exc.message)
        return []
    header = text.split("\n", 1)[0]
    if ";" in header and "," not in header:
        problems.add(
            display,
            1,
            "",
            "Die Spalten sind mit Semikolons getrennt; smartregio erwartet Kommas (CSV nach RFC 4180). "
            "In Excel „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen oder die Trennzeichen ersetzen.",
        )
        return []
    rows = []
    header: list[str] | None = None
    try:
        for line, record in csv_records(text):
            if not record:
                continue  # an empty line holds no row
            if header is None:
                header = record
                continue
            if len(record) > len(header):
                problems.add(display, line, "", "Zeile hat mehr Spalten als die Kopfzeile.")
                continue
            row = dict(zip(header, record + [""] * (len(header) - len(record)), strict=True))
            long = [k for k, v in row.items() if len(v) > CSV_FIELD_LIMIT]
            if long:
                problems.add(
                    display,
                    line,
                    long[0],
                    f"Die Zelle ist länger als {de_number(CSV_FIELD_LIMIT)} Zeichen; so lang ist kein Wert "
                    "dieser Tabelle.",
                )
                continue
            rows.append((line, row))
    except CsvSyntaxError as exc:
        problems.add(display, exc.line, "", exc.message)
    return rows


def _load_terms(path: Path, display: str, problems: Problems, root: Path) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for line, row in read_rows(path, display, problems, root):
        code = row.get("code", "").strip()
        if not code or not row.get("label", "").strip():
            problems.add(display, line, "code", "Jede Zeile braucht code und label.")
            continue
        if code in terms:
            problems.add(display, line, "code", f"Der Code „{code}“ kommt doppelt vor.")
            continue
        terms[code] = Term(code, row["label"].strip(), row.get("description", "").strip())
    return terms


def load_reference(data_dir: Path, problems: Problems) -> ReferenceData:
    from .models import Place
    from .validate import validate_model  # local: validate imports this module

    reference = ReferenceData()
    data_dir = Path(os.path.abspath(data_dir))  # the tree takes absolute paths or its own
    tree = InputTree(data_dir)
    base = data_dir / "reference"
    vocab_dir = base / VOCABULARY_DIR
    if tree.kind(vocab_dir) != "dir":
        problems.add(display_path(vocab_dir, data_dir), 0, "", "Ordner mit den Vokabularen fehlt.")
    else:
        for item in tree.list(vocab_dir):
            path = vocab_dir / item.name
            if not item.name.endswith(".csv"):
                continue
            if item.kind in KIND_PROBLEMS or item.kind == "dir":
                problems.add(
                    display_path(path, data_dir),
                    0,
                    "",
                    KIND_PROBLEMS.get(item.kind, "Ein Ordner, keine Tabelle."),
                )
                continue
            reference.vocabularies[path.stem] = _load_terms(
                path, display_path(path, data_dir), problems, data_dir
            )

    laender_path = base / LAENDER_FILE
    if tree.kind(laender_path) != "missing":
        display = display_path(laender_path, data_dir)
        land_terms: dict[str, Term] = {}
        for line, row in read_rows(laender_path, display, problems, data_dir):
            code, key = row.get("code", ""), row.get("key", "")
            if not (len(code) == 2 and len(key) == 2 and key.isdigit() and row.get("name")):
                problems.add(
                    display, line, "", "Jede Zeile braucht code (2 Buchstaben), key (2 Ziffern) und name."
                )
                continue
            land_terms[code] = Term(code, row["name"])
            reference.land_keys[code] = key
        reference.vocabularies["land"] = land_terms
    else:
        problems.add(display_path(laender_path, data_dir), 0, "", "Tabelle der Länder fehlt.")

    for name, attribute in ((BOUNDARIES_FILE, "land_shapes"), (KREISE_FILE, "kreis_shapes")):
        shapes_path = base / name
        if tree.kind(shapes_path) == "missing":
            continue  # maps then go without outlines
        try:
            text = tree.read_text(shapes_path, MAX_TABLE_BYTES)
            setattr(reference, attribute, load_shapes(shapes_path, text))
            # published unchanged for the map
            reference.outlines["laender" if name == BOUNDARIES_FILE else "kreise"] = text
        except InputError as exc:
            problems.add(display_path(shapes_path, data_dir), 0, "", exc.message)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            problems.add(
                display_path(shapes_path, data_dir), 0, "", f"Die Grenzen sind nicht lesbar ({exc})."
            )

    reference.places_source = _load_source(tree, base / GEBIETSSTAND_FILE, data_dir, problems)
    places_path = base / PLACES_FILE
    if tree.kind(places_path) == "missing":
        problems.add(display_path(places_path, data_dir), 0, "", "Tabelle der Orte fehlt.")
        return reference
    display = reference.places_display = display_path(places_path, data_dir)
    for line, row in read_rows(places_path, display, problems, data_dir, MAX_TABLE_BYTES):
        present = {name: value for name, value in row.items() if value != ""}  # an empty cell: no value
        place = validate_model(Place, present, reference, lambda loc, line=line: line, display, problems)
        if place is None:
            continue
        if place.key in reference.places:
            first = reference.place_lines[place.key]
            problems.add(display, line, "key", f"Der Schlüssel {place.key} steht schon in Zeile {first}.")
            continue
        reference.places[place.key] = place
        reference.place_lines[place.key] = line
    _load_contacts(tree, base / CONTACTS_FILE, data_dir, reference, problems)
    _load_synonyms(tree, base / SYNONYMS_FILE, data_dir, reference, problems)
    return reference


def _load_synonyms(
    tree: InputTree, path: Path, data_dir: Path, reference: ReferenceData, problems: Problems
) -> None:
    """Search terms that mean the same, one group per row (``begriffe``: terms separated by
    „|“); the site search looks for each term of a group when a query names one. A term
    belongs to one group only, so a search never drifts from one meaning to the next."""
    if tree.kind(path) == "missing":
        return
    display = display_path(path, data_dir)
    seen: dict[str, int] = {}
    for line, row in read_rows(path, display, problems, data_dir, MAX_TABLE_BYTES):
        terms = tuple(dict.fromkeys(t.strip() for t in row.get("begriffe", "").split("|") if t.strip()))
        if len(terms) < 2:
            problems.add(
                display, line, "begriffe", "Eine Gruppe braucht mindestens zwei Begriffe, getrennt durch „|“."
            )
            continue
        if long := [t for t in terms if len(t) > MAX_SYNONYM]:
            problems.add(
                display, line, "begriffe", f"„{long[0][:20]}…“ ist länger als {MAX_SYNONYM} Zeichen."
            )
            continue
        twice = [t for t in terms if t.casefold() in seen]
        if twice:
            problems.add(
                display,
                line,
                "begriffe",
                f"„{twice[0]}“ steht schon in Zeile {seen[twice[0].casefold()]}; "
                "ein Begriff gehört zu einer Gruppe.",
            )
            continue
        seen.update({t.casefold(): line for t in terms})
        reference.synonyms.append(terms)


def _load_contacts(
    tree: InputTree, path: Path, data_dir: Path, reference: ReferenceData, problems: Problems
) -> None:
    """The places' contact points, one row per place (optional file); keys are checked against
    the places with the entries' references (``links``)."""
    from .models import PlaceContact
    from .validate import validate_model

    if tree.kind(path) == "missing":
        return
    display = reference.contacts_display = display_path(path, data_dir)
    for line, row in read_rows(path, display, problems, data_dir, MAX_TABLE_BYTES):
        present = {name: value for name, value in row.items() if value != ""}
        where = lambda loc, line=line: line  # noqa: E731 - one row, one line
        contact = validate_model(PlaceContact, present, reference, where, display, problems)
        if contact is None:
            continue
        if contact.key in reference.contacts:
            first = reference.contact_lines[contact.key]
            problems.add(display, line, "key", f"Für {contact.key} steht schon in Zeile {first} ein Kontakt.")
            continue
        reference.contacts[contact.key] = contact
        reference.contact_lines[contact.key] = line


def _load_source(tree: InputTree, path: Path, data_dir: Path, problems: Problems) -> PlacesSource | None:
    shown = display_path(path, data_dir)
    if tree.kind(path) == "missing":
        problems.add(shown, 0, "", "Die Herkunft der Orte fehlt (mit „smartregio places“ erzeugen).")
        return None
    try:
        facts = json.loads(tree.read_text(path))
        return PlacesSource(**{name: str(facts[name]) for name in PlacesSource.__dataclass_fields__})
    except InputError as exc:
        problems.add(shown, 0, "", exc.message)
    except (ValueError, KeyError, TypeError) as exc:
        problems.add(shown, 0, "", f"Die Herkunft der Orte ist nicht lesbar ({exc}).")
    return None


def display_path(path: Path, data_dir: Path) -> str:
    """Paths in messages read as the contributor sees them in the project, whatever the
    working folder: relative to the data folder's parent (``data/solutions/x.md``); a path
    outside it absolute. :func:`shown_path` turns it back into the file."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(_project_root(data_dir)).as_posix()
    except ValueError:
        return str(absolute)


def shown_path(shown: str, data_dir: Path) -> Path:
    """The file a message names (see :func:`display_path`), resolved."""
    return (_project_root(data_dir) / shown).resolve()


def _project_root(data_dir: Path) -> Path:
    return Path(os.path.abspath(data_dir)).parent
