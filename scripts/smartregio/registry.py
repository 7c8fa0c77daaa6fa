"""What a collection declares: its model, address, titles, intro, facets, sorts, card facts, DCAT
text and the hints for ``new``; how its entries relate to others (derived relations, the roles of
the places they name); and what its pages show beyond the facts (contact box, schema.org, listed
sub-records, start-page tiles). Each collection is one module in ``collections/`` that builds one
:class:`Collection`; ``collections`` finds them. Nothing else names the collections one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from .models import Entry


class CatalogueView(Protocol):
    """What a collection's warnings read of the loaded catalogue (``catalogue.Catalogue``, which
    stands above the collections and is not imported here)."""

    entries: dict[str, dict[str, Any]]
    files: dict[tuple[str, str], Any]
    reference: Any


@dataclass(frozen=True)
class FacetContext:
    """What a facet may look up: vocabulary labels, the places, the other entries."""

    label: Callable[[str, str], str]
    places: dict[str, Any]
    entries: dict[str, dict[str, Entry]]
    year: int | None = None  # "now" as the data knows it: the year of the newest review


@dataclass(frozen=True)
class Facet:
    key: str  # in the URL (?handlungsfeld=…) and the search index
    label: str
    values: Callable[[Any, FacetContext], list[str]]


@dataclass(frozen=True)
class CardFact:
    """One line of a catalogue card: what a reader asks first, without opening the entry."""

    label: str
    # one text, or a list (shortened to a few, „und 3 weitere“; the label then in the plural)
    text: Callable[[Any, FacetContext], str | list[str] | None]
    # shown in smaller print below the line, e.g. the towns behind „läuft in 3 Kommunen“
    detail: Callable[[Any, FacetContext], str | None] | None = None
    label_plural: str | None = None
    # the key of the collection's sort that orders by this fact: its column in the catalogue's
    # table view sorts by it (a fact without one is no sortable column)
    sort: str | None = None
    # a column of the table view too (a long or secondary fact stays on the card only)
    in_table: bool = True

    def line(self, entry: Any, ctx: FacetContext) -> tuple[str, str, str] | None:
        """(label, text, detail) for one entry, or None when the entry has no value."""
        value = self.text(entry, ctx)
        if not value:
            return None
        label = self.label
        if isinstance(value, list):
            label = self.label_plural if self.label_plural and len(value) > 1 else self.label
            value = shortened(value, 4)
        detail = self.detail(entry, ctx) if self.detail else None
        return label, value, detail or ""


@dataclass(frozen=True)
class Sort:
    key: str
    label: str
    # the entry's sort key; None for the two every collection has (title, last review)
    value: Callable[[Any], str | None] | None = None


TITLE_SORT = "titel"
REVIEW_SORT = "geprueft"
DEFAULT_SORTS = (Sort(TITLE_SORT, "Name (A–Z)"), Sort(REVIEW_SORT, "Zuletzt geprüft"))


@dataclass(frozen=True)
class IssueForm:
    """A GitHub issue form through which readers propose an entry of the collection."""

    slug: str  # the form's file name under .github/ISSUE_TEMPLATE/
    name: str
    description: str
    title: str  # the issue title's prefix, e.g. „[Lösung]: “
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Derived:
    """A list of related entries reached through others: a solution's programmes are also those
    of the projects it came from. ``through`` and ``to`` are collection names; two entries are
    linked when a reference field of either names the other, a weaker claim aside (a project
    that only uses a solution did not fund it from its programme)."""

    label: str
    through: str
    to: str


# What a place is to an entry that names it. The pages of places, the map, the lists of what is
# near and the GeoJSON download speak of the entries by these roles, not by their collection.
LEAD = "lead"  # the entry is led from the place (a project's lead)
PARTNER = "partner"  # the place takes part in it
ORIGIN = "origin"  # the entry was made there
USE = "use"  # the entry is in use there
ROLES = (LEAD, PARTNER, ORIGIN, USE)


@dataclass(frozen=True)
class PlaceRole:
    """A field naming places (one key or a list of keys) and what they are to the entry."""

    field: str
    role: str  # one of ROLES
    geojson: str  # the GeoJSON download's property listing these entries per place (kept stable)

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"{self.field}: unknown place role {self.role!r}, expected one of {ROLES}")

    def keys(self, entry: Any) -> list[str]:
        value = getattr(entry, self.field)
        return list(value) if isinstance(value, list) else [value] if value else []


@dataclass(frozen=True)
class ForPlaces:
    """A list on every place's page, whether or not an entry names the place: the programmes of
    its Land and of the Bund. ``title`` may say ``{land}``; ``entries`` gives, for a Land's code,
    the ids with a note each, in order."""

    title: str
    entries: Callable[[str, FacetContext], list[tuple[str, str]]]


@dataclass(frozen=True)
class Channel:
    """A way to get in touch: a field holding a web or ``mailto:`` address, and its label."""

    field: str
    label: str
    mail_label: str | None = None  # the label of a mailto: address


@dataclass(frozen=True)
class Contact:
    """The box „Ansprechpartner“ of an entry page: who to ask and how. The fields it shows are
    not repeated among the facts."""

    role: str  # what the organisation is to the entry: „Anbieter“, „Federführend“
    organisation: Callable[[Any, FacetContext], str]
    channels: tuple[Channel, ...] = ()
    missing: str = ""  # said when the first channel is empty
    fields: tuple[str, ...] = ()  # the organisation's fields (shown here, not among the facts)

    @property
    def shown(self) -> frozenset[str]:
        return frozenset({*self.fields, *(channel.field for channel in self.channels)})


@dataclass(frozen=True)
class Figure:
    """A tile of the start page: a number, what it counts and the page it leads to."""

    rank: int  # the tiles of all collections stand in this order (the pages' count of places: 70)
    one: str  # the label after the number 1
    many: str
    # the number, from the collection's entries (id → entry); None: no tile
    value: Callable[[dict[str, Any], FacetContext], float | None]
    # where the tile leads: "" the collection's catalogue, "?…" the catalogue filtered, "/…" a
    # page of the site; ``entry`` instead picks the entry (its id) whose page it is
    link: str = ""
    entry: Callable[[dict[str, Any], FacetContext], str | None] | None = None
    money: bool = False  # an amount in euro: compact on the tile, exact in its title


@dataclass(frozen=True)
class Collection:
    name: str  # the folder under data/ and the package's table name
    model: type[Entry]
    section: str  # the address: /<section>/<id>/
    title: str  # plural, as headings and menus say it
    row: str  # a link table's column naming this collection's entries
    facets: tuple[Facet, ...] = ()
    sorts: tuple[Sort, ...] = DEFAULT_SORTS
    card: tuple[CardFact, ...] = ()  # the facts a catalogue card shows under the summary
    schema_type: str = "CreativeWork"  # schema.org type of an entry page
    # its further schema.org properties (beyond name, description, sources and date)
    jsonld: Callable[[Any, FacetContext], dict[str, Any]] | None = None
    contact: Contact | None = None
    # a list of sub-records shown below an entry's text (a project's measures): each with its
    # title, summary, web address and the entry its reference field names
    records: str | None = None
    order: int = 100  # place in menus, listings and the package: lower first
    # a vocabulary whose terms become the body's headings in a new entry (a guideline's phases)
    body_sections: str | None = None
    url_fields: tuple[str, ...] = ()  # web addresses that identify an entry (duplicate check)
    issue_form: IssueForm | None = None
    # checks that can have exceptions: (catalogue, id, entry) → warnings, shown by validate
    warnings: tuple[Callable[[Any, str, Any], list[Any]], ...] = ()
    # the lists of related entries on an entry page come from the reference fields (``ref``'s
    # section and backlink, in the order of the fields and collections), plus these relations
    # through other entries; ``related`` puts the lists it names first, in its order
    derived: tuple[Derived, ...] = ()
    related: tuple[str, ...] = ()
    # the fields naming places, with the place's role; places named so get a page, a point on
    # the map and a feature in the GeoJSON download
    place_roles: tuple[PlaceRole, ...] = ()
    for_places: ForPlaces | None = None
    # a field listing Länder: every place the place roles name must lie in one of them
    laender_field: str | None = None
    figures: tuple[Figure, ...] = ()  # the start page's tiles
    compare: bool = False  # its entries can be compared side by side at /vergleich/ (one collection)

    # derived from the model's rules across fields (``Entry.rules``), never written twice
    @property
    def notes(self) -> dict[str, str]:
        """Notes on fields for ``new`` and the issue forms: a rule told where the field stands."""
        return {field: note for rule in self.model.rules for field, note in rule.notes().items()}

    @property
    def placeholder_anyway(self) -> frozenset[str]:
        """Optional fields that a new entry shows all the same (one of two must be given)."""
        return frozenset().union(*(rule.placeholders() for rule in self.model.rules))

    @property
    def schema_rules(self) -> tuple[dict[str, Any], ...]:
        """The rules as JSON Schema (``allOf``) for editors."""
        return tuple(rule.json_schema() for rule in self.model.rules)


def labels(vocabulary: str, attribute: str) -> Callable[[Any, FacetContext], list[str]]:
    """A facet showing the German labels of one vocabulary field (single value or list)."""

    def values(entry: Any, ctx: FacetContext) -> list[str]:
        value = getattr(entry, attribute)
        codes = value if isinstance(value, list) else ([value] if value else [])
        return [ctx.label(vocabulary, code) for code in codes]

    return values


def shortened(names: list[str], shown: int = 5) -> str:
    """„A, B, C und 4 weitere“: a long list cut short in German."""
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} und {len(names) - shown} weitere"


def period(entry: Any, ctx: FacetContext) -> str | None:
    if entry.start and entry.end:
        return f"{entry.start}–{entry.end}"
    if entry.start:
        return f"seit {entry.start}"
    return f"bis {entry.end}" if entry.end else None
