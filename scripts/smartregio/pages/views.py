"""What each page shows, computed once from the catalogue: facts, links both ways, filters.

Everything here is plain data (strings, lists, dicts); templates turn it into markup and
escape it. No HTML is built in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from ..addresses import SECTION_TITLES, json_url, url
from ..catalogue import Catalogue
from ..collections import MODELS, REGISTRY
from ..fields import FieldInfo, field_infos
from ..models import Entry, Place, title_of
from ..registry import LEAD, ORIGIN, PARTNER, REVIEW_SORT, ROLES, TITLE_SORT, USE, FacetContext
from ..text import format_date, format_eur, format_number, slugify
from .addressnames import describe_address
from .nearby import Surroundings

# fields shown elsewhere on the page than in the key-facts box
NOT_IN_FACTS = {"id", "body", "name", "title", "summary", "sources", "last_reviewed"}
MONEY = "EUR"  # the unit of amounts: shown with the value („8.000.000 €“), not in the label
# the lists of a place's page naming the entries that name the place, by its role ({}: the title
# of their collection)
PLACE_LISTS = ((LEAD, "{}"), (PARTNER, "{}"), (ORIGIN, "Hier entstandene {}"), (USE, "Hier eingesetzte {}"))


@dataclass(slots=True)  # no instance dict: the build keeps thousands, and hashing reads them
class Link:
    text: str
    href: str | None = None
    external: bool = False


@dataclass(slots=True)
class Fact:
    label: str
    items: list[Link]
    name: str = ""


@dataclass(slots=True)
class Related:
    title: str
    links: list[Link]


@dataclass(slots=True)
class RecordView:
    """One sub-record listed on its entry's page (a project's measure), with the entry it names."""

    title: str
    summary: str
    url: str | None
    link: Link | None
    link_label: str = ""  # the title of the field naming that entry, e.g. „Lösung“


@dataclass(slots=True)
class Records:
    title: str  # the field's title, e.g. „Maßnahmen“
    anchor: str
    items: list[RecordView]


@dataclass(slots=True)
class ContactView:
    """Who to ask: the first thing a town that wants to take a solution over needs."""

    organisation: str
    role: str  # what the organisation is to the entry, e.g. „Anbieter“, „Federführend“
    channels: list[Fact]  # e.g. E-Mail, Kontaktseite, Website
    missing: str = ""  # said on the page when no way to get in touch is known yet


@dataclass(slots=True)
class CardLine:
    label: str
    text: str
    detail: str = ""


@dataclass(slots=True)
class CardView:
    """A catalogue card: the same facts on the server-rendered list and in the filtered one."""

    url: str
    title: str
    summary: str
    facts: list[CardLine]

    def compact(self) -> dict[str, Any]:
        """The card as the catalogue script reads it (short keys: thousands of cards per view)."""
        return {
            "u": self.url,
            "t": self.title,
            "s": self.summary,
            "f": [[f.label, f.text, f.detail] if f.detail else [f.label, f.text] for f in self.facts],
        }


@dataclass(slots=True)
class EntryView:
    collection: str
    key: str
    title: str
    summary: str
    url: str
    json_url: str
    facts: list[Fact]
    related: list[Related]
    sources: list[Link]
    last_reviewed: str | None
    edit_path: str | None
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)
    body: str = ""
    records: Records | None = None
    contact: ContactView | None = None


def field_titles(model: type) -> dict[str, tuple[str, str]]:
    """Each field's label as (one value, several values): „Land“ and „Länder“."""
    titles = {}
    units = {info.name: info.unit for info in field_infos(model)}
    for name, f in model.model_fields.items():
        many = f.title or name
        extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
        # a unit in the label is dropped where the value carries it („8.000.000 €“)
        if units.get(name):
            many = many.removesuffix(f" ({units[name]})")
        titles[name] = (str(extra.get("x-title-one", many)), many)
    return titles


# kinds whose official name leaves out what they are (GEN „Plön“, BEZ „Kreis“)
_TITLED_KINDS = frozenset(
    {"landkreis", "amt", "verbandsgemeinde", "samtgemeinde", "verwaltungsgemeinschaft", "verwaltungsverband"}
)


def contact_text(contact: Any, reference: Any) -> str:
    """„smartcity@stadt-muenster.de (Smart City)“ or „Kontaktseite (Digitalisierung)“."""
    mail = contact.contact.startswith("mailto:")
    shown = contact.contact.removeprefix("mailto:") if mail else "Kontaktseite"
    return f"{shown} ({reference.label('contact_kind', contact.kind)})"


def place_title(place: Place) -> str:
    """A place as readers name it: „Kreis Plön“, „Amt Süderbrarup“, but „Rhein-Sieg-Kreis“,
    „Region Hannover“ and „München“ as they stand."""
    name = place.name
    if place.kind not in _TITLED_KINDS or not place.bez:
        return name
    lowered = name.casefold()
    if "kreis" in lowered or lowered.startswith(("region ", "städteregion ", place.bez.casefold())):
        return name
    return f"{place.bez} {name}"


@dataclass(frozen=True)
class _Link:
    """A reference field as the relations read it (``nested``: the sub-records holding it)."""

    field: str
    nested: str | None
    target: str
    section: str | None
    backlink: str
    weaker: bool = False


@cache
def _links(collection: str) -> tuple[_Link, ...]:
    """The reference fields of a collection's entries and sub-records, places aside."""
    spec = REGISTRY[collection]
    found = []
    for info in field_infos(spec.model):
        inners = [(i, info.name) for i in field_infos(info.nested)] if info.nested else [(info, None)]
        for inner, nested in inners:
            if inner.reference and inner.reference != "places":
                found.append(
                    _Link(
                        inner.name,
                        nested,
                        inner.reference,
                        inner.section,
                        inner.backlink or spec.title,
                        inner.weaker,
                    )
                )
    return tuple(found)


def _values(entry: Entry, link: _Link) -> list[str]:
    holders = getattr(entry, link.nested) if link.nested else entry
    out: list[str] = []
    for holder in holders if isinstance(holders, list) else [holders] if holders else []:
        value = getattr(holder, link.field)
        out.extend(value if isinstance(value, list) else [value] if value else [])
    return out


@cache
def related_order(collection: str) -> tuple[tuple[str, str], ...]:
    """The lists of related entries an entry page may show, as (label, collection), in order:
    those the collection names in ``related`` first, then its references' own sections, its
    derived relations and the backlinks of other collections' references."""
    spec = REGISTRY[collection]
    found = [(link.section, link.target) for link in _links(collection) if link.section]
    found += [(derived.label, derived.to) for derived in spec.derived]
    for other in REGISTRY:
        found += [(link.backlink, other) for link in _links(other) if link.target == collection]
    first = [item for label in spec.related for item in found if item[0] == label]
    return tuple(dict.fromkeys([*first, *found]))


def with_role(*roles: str) -> list[str]:
    """The collections whose entries name places in one of ``roles``, in menu order."""
    return [name for name, spec in REGISTRY.items() if any(r.role in roles for r in spec.place_roles)]


def _weak_labels() -> set[tuple[str, str]]:
    """The lists (label, collection) that hold weaker claims, on both pages of a reference."""
    weak = set()
    for name in REGISTRY:
        for link in _links(name):
            if link.weaker:
                if link.section:
                    weak.add((link.section, link.target))
                weak.add((link.backlink, name))
    return weak


def _read(collection: str, entry: Entry) -> tuple:
    """All that :class:`Relations` reads of an entry: its reference fields' values and the
    places it names, by role."""
    return (
        tuple(tuple(_values(entry, link)) for link in _links(collection)),
        tuple(tuple(role.keys(entry)) for role in REGISTRY[collection].place_roles),
    )


class Relations:
    """Links in both directions, including those only one side states: every reference field
    links its entry's page and the referenced one (``types.ref``), and each collection's derived
    relations reach through other entries. A place is linked to the entries that name it, by its
    role (``registry.PlaceRole``)."""

    def __init__(self, catalogue: Catalogue) -> None:
        e = catalogue.entries
        # (collection, id) → (label, collection) → ids: the lists of related entries on its page
        self._sections: dict[tuple[str, str], dict[tuple[str, str], set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        # (collection, id) → collection → ids linked either way, for the derived relations
        linked: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for name in REGISTRY:
            links = _links(name)
            for entry in e[name].values():
                here = (name, entry.id)
                for link in links:
                    for value in _values(entry, link):
                        if not link.weaker:  # a derived relation goes through firm links only
                            linked[here][link.target].add(value)
                            linked[(link.target, value)][name].add(entry.id)
                        if link.section:
                            self._sections[here][(link.section, link.target)].add(value)
                        self._sections[(link.target, value)][(link.backlink, name)].add(entry.id)
        self._drop_weaker_claims()
        for name, spec in REGISTRY.items():
            for derived in spec.derived:
                for entry in e[name].values():
                    near = linked.get((name, entry.id), {}).get(derived.through, ())
                    far = {
                        key
                        for step in near
                        for key in linked.get((derived.through, step), {}).get(derived.to, ())
                    }
                    if far:
                        self._sections[(name, entry.id)][(derived.label, derived.to)] |= far
        # place key → (collection, role) → ids of the entries naming the place in that role
        self.at_place: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
        for name, spec in REGISTRY.items():
            for role in spec.place_roles:
                for entry in e[name].values():
                    for key in role.keys(entry):
                        self.at_place[key][(name, role.role)].add(entry.id)
        # the places an entry names: they get a page, a card on the map and an API document
        self.named_places: frozenset[str] = frozenset(self.at_place)

    @classmethod
    def of(cls, catalogue: Catalogue, previous: tuple[Catalogue, Relations] | None = None) -> Relations:
        """The relations of ``catalogue``; with ``previous`` (an earlier catalogue and its
        relations) those again when no entry was added or removed and no changed entry differs
        in what relations read (the preview: most edits change an entry's text, and relations
        over the whole catalogue take half a second at 10,000 entries)."""
        if previous is not None:
            old, relations = previous
            if all(old.entries[n].keys() == catalogue.entries[n].keys() for n in REGISTRY) and all(
                entry is old.entries[n][key] or _read(n, entry) == _read(n, old.entries[n][key])
                for n in REGISTRY
                for key, entry in catalogue.entries[n].items()
            ):
                return relations
        return cls(catalogue)

    def __getstate__(self) -> dict[str, Any]:
        """Plain dicts for a spawned worker (a defaultdict's factory here cannot be pickled)."""
        state = dict(self.__dict__)
        for name in ("_sections", "at_place"):
            state[name] = {key: dict(inner) for key, inner in state[name].items()}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in ("_sections", "at_place"):
            plain = state[name]
            state[name] = defaultdict(lambda: defaultdict(set))
            for key, inner in plain.items():
                state[name][key].update(inner)
        self.__dict__.update(state)

    def _drop_weaker_claims(self) -> None:
        """An entry listed under a stronger relation is not listed again under a weaker one to
        the same collection (a solution the project developed is not also one it „uses“)."""
        weak = _weak_labels()
        for lists in self._sections.values():
            for label, target in [key for key in lists if key in weak]:
                stronger = set().union(
                    *(ids for (other, to), ids in lists.items() if to == target and (other, to) not in weak)
                )
                lists[(label, target)] -= stronger
                if not lists[(label, target)]:
                    del lists[(label, target)]

    def at(self, key: str, roles: tuple[str, ...] = ROLES) -> list[tuple[str, set[str]]]:
        """The entries naming a place in one of ``roles``: (collection, ids), in menu order."""
        named = self.at_place.get(key, {})
        found = [
            (name, set().union(*(named.get((name, role), set()) for role in roles))) for name in REGISTRY
        ]
        return [(name, ids) for name, ids in found if ids]

    def related(self, collection: str, key: str) -> list[tuple[str, str, set[str]]]:
        """The lists of related entries on an entry's page: (label, collection, ids), in order."""
        sections = self._sections.get((collection, key), {})
        return [
            (label, target, sections[(label, target)])
            for label, target in related_order(collection)
            if sections.get((label, target))
        ]


class Views:
    """Builds the view of every page from one catalogue."""

    def __init__(
        self,
        catalogue: Catalogue,
        edit_base: str | None,
        every_place: bool = True,
        relations: Relations | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.reference = catalogue.reference
        # the catalogue's relations (``Relations.of`` gives the preview an earlier load's again)
        self.relations = relations if relations is not None else Relations(catalogue)
        # the places with a page: all of them on the site; in a stored version's copy only those
        # its entries name (a version does not repeat 12,000 place pages)
        self.paged_places: frozenset[str] = (
            frozenset(catalogue.reference.places)
            if every_place
            else self.relations.named_places & catalogue.reference.places.keys()
        )
        self.edit_base = self.base(edit_base)
        self._infos = {c: field_infos(m) for c, m in MODELS.items()}
        self._entry_views: dict[tuple[str, str], EntryView] = {}
        self._titles = {m.__name__: field_titles(m) for m in MODELS.values()}
        self._ctx: FacetContext | None = None
        self._surroundings: dict[tuple[str, ...], Surroundings] = {}

    def __getstate__(self) -> dict[str, Any]:
        """Without the places' surroundings: a spawned worker (downloads, API) needs none."""
        return {**self.__dict__, "_surroundings": {}}

    def surroundings(self, roles: tuple[str, ...], made: Surroundings | None = None) -> Surroundings:
        """The entries near every place in ``roles``, computed once (or ``made`` elsewhere of
        the same catalogue): millions of pairs at national size, which the build computes
        before it starts its second process (its peak of memory then is not on top of that
        process's)."""
        if made is not None:
            self._surroundings[roles] = made
        if roles not in self._surroundings:
            self._surroundings[roles] = Surroundings(self.catalogue, roles)
        return self._surroundings[roles]

    def forget_surroundings(self) -> None:
        """Let the surroundings go once the place pages are made (nothing after them asks)."""
        self._surroundings.clear()

    @staticmethod
    def base(edit_base: str | None) -> str | None:
        """The edit address as the pages link it: with one closing slash."""
        return edit_base.rstrip("/") + "/" if edit_base else None

    def compute_entries(self) -> int:
        """Every entry's view, computed now: the build does this before it starts the process
        for downloads and API, which inherits them, so no entry's view is computed twice.
        Returns the number of entries."""
        count = 0
        for collection, items in self.catalogue.entries.items():
            for entry in items.values():
                self.entry(collection, entry)
                count += 1
        return count

    # --- links ---------------------------------------------------------------------------------
    def entry_link(self, collection: str, key: str) -> Link:
        entry = self.catalogue.entries[collection].get(key)
        return Link(title_of(entry) if entry else key, url(collection, key))

    def place_link(self, key: str) -> Link:
        """A place named as readers name it (Kreis Plön), linked when it has a page: every
        place an entry names has one."""
        place = self.reference.places.get(key)
        href = url("places", key) if key in self.paged_places else None
        return Link(place_title(place) if place else key, href)

    def web_link(self, address: str) -> Link:
        """A link outside the site, named by its site and page (not the bare address)."""
        if address.startswith("mailto:"):
            return Link(address.removeprefix("mailto:"), address, external=True)
        return Link(describe_address(address, self.reference.label), address, external=True)

    def links(self, collection: str, keys) -> list[Link]:
        links = [self.entry_link(collection, k) for k in keys]
        return sorted(links, key=lambda link: (link.text.casefold(), link.href or ""))

    # --- facts ---------------------------------------------------------------------------------
    def _value_links(self, info: FieldInfo, value: Any) -> list[Link]:
        values = value if isinstance(value, list) else [value]
        out = []
        for item in values:
            if info.reference == "places":
                out.append(self.place_link(item))
            elif info.reference:
                out.append(self.entry_link(info.reference, item))
            elif info.vocabulary:
                out.append(Link(self.reference.label(info.vocabulary, item)))
            elif isinstance(item, bool):
                out.append(Link("Ja" if item else "Nein"))
            elif info.unit == MONEY:
                out.append(Link(format_eur(item)))
            elif isinstance(item, date):
                out.append(Link(format_date(item)))
            elif isinstance(item, float):
                out.append(Link(format_number(item)))
            elif isinstance(item, str) and item.startswith(("https://", "http://", "mailto:")):
                out.append(self.web_link(item))
            else:
                out.append(Link(str(item)))
        return out

    def facts(self, entry: Entry) -> list[Fact]:
        titles = self._titles[type(entry).__name__]
        contact = REGISTRY[entry.collection].contact
        in_contact = contact.shown if contact else frozenset()  # shown in the contact box instead
        facts = []
        for info in self._infos[entry.collection]:
            if info.name in NOT_IN_FACTS or info.name in in_contact or info.nested:
                continue
            value = getattr(entry, info.name)
            if value is None or value == []:
                continue
            links = self._value_links(info, value)
            one, many = titles[info.name]
            facts.append(Fact(one if len(links) == 1 else many, links, info.name))
        return facts

    def contact(self, entry: Entry) -> ContactView | None:
        """The contact box, as the entry's collection declares it (guidelines have none)."""
        spec = REGISTRY[entry.collection].contact
        if spec is None:
            return None
        channels = []
        for channel in spec.channels:
            if address := getattr(entry, channel.field):
                mail = channel.mail_label and address.startswith("mailto:")
                channels.append(Fact(channel.mail_label if mail else channel.label, [self.web_link(address)]))
        unreachable = bool(spec.channels) and not getattr(entry, spec.channels[0].field)
        organisation = spec.organisation(entry, self.context())
        return ContactView(organisation, spec.role, channels, spec.missing if unreachable else "")

    # --- pages ---------------------------------------------------------------------------------
    def entry(self, collection: str, entry: Entry) -> EntryView:
        """The view of one entry page; computed once, as several outputs need it."""
        key = (collection, entry.id)
        if key not in self._entry_views:
            self._entry_views[key] = self._entry(collection, entry)
        return self._entry_views[key]

    def _entry(self, collection: str, entry: Entry) -> EntryView:
        related = self._related(entry)
        if asked := self.contacts_of_users(collection, entry):
            related.append(asked)
        view = EntryView(
            collection=collection,
            key=entry.id,
            title=title_of(entry),
            summary=getattr(entry, "summary", None) or "",
            url=url(collection, entry.id),
            json_url=json_url(collection, entry.id),
            facts=self.facts(entry),
            related=[r for r in related if r.links],
            sources=[self.web_link(s) for s in entry.sources],
            contact=self.contact(entry),
            last_reviewed=format_date(entry.last_reviewed),
            edit_path=f"{self.edit_base}{collection}/{entry.id}.md" if self.edit_base else None,
        )
        view.filters, view.sort = self.filters(collection, entry)
        if records := REGISTRY[collection].records:
            view.records = self.records(entry, records)
        return view

    def contacts_of_users(self, collection: str, entry: Entry) -> Related | None:
        """Whom to ask in the towns that use the entry (``data/reference/place-contacts.csv``):
        for every place in a role of use, its published contact point."""
        reference = self.catalogue.reference
        links = []
        for role in REGISTRY[collection].place_roles:
            if role.role != USE:
                continue
            for key in role.keys(entry):
                place, contact = reference.places.get(key), reference.contacts.get(key)
                if place is not None and contact is not None:
                    text = f"{place_title(place)}: {contact_text(contact, reference)}"
                    links.append(Link(text, contact.contact, True))
        return Related("Ansprechstellen in Kommunen, die sie einsetzen", links) if links else None

    def records(self, entry: Entry, name: str) -> Records:
        """A list of sub-records (a project's measures), each linked to the entry it names."""
        info = next(i for i in self._infos[entry.collection] if i.name == name)
        assert info.nested is not None
        link = next((i for i in field_infos(info.nested) if i.reference and i.reference != "places"), None)
        link_label = field_titles(info.nested)[link.name][0] if link else ""
        items = []
        value = getattr(entry, name)
        for record in value if isinstance(value, list) else [value] if value else []:
            target = getattr(record, link.name) if link else None
            items.append(
                RecordView(
                    title_of(record),
                    getattr(record, "summary", None) or "",
                    getattr(record, "url", None),
                    self.entry_link(link.reference, target) if link and link.reference and target else None,
                    link_label,
                )
            )
        title = self._titles[type(entry).__name__][name][1]
        return Records(title, slugify(title), items)

    def _related(self, entry: Entry) -> list[Related]:
        return [
            Related(label, self.links(target, keys))
            for label, target, keys in self.relations.related(entry.collection, entry.id)
        ]

    def place(self, place: Place) -> dict[str, Any]:
        source = self.reference.places_source
        return {
            "key": place.key,
            "title": place_title(place),
            "name": place.name,
            "kind": self.reference.label("place_kind", place.kind),
            "bez": place.bez or "",
            "land": self.reference.label("land", place.land),
            # its Verband and Kreis (the Land has a row of its own; a kreisfreie Stadt is its own Kreis)
            "within": [
                self.place_link(key)
                for key in (place.verband, place.kreis)
                if key
                and key in self.reference.places
                and key != place.key
                and not (place.kind == "kreisfreie-stadt" and key == place.kreis)
            ],
            "area": f"{format_number(place.area_km2, 2)} km²" if place.area_km2 is not None else "",
            "lat": place.lat,
            "lon": place.lon,
            "position": f"{format_number(place.lat, 4)}° N, {format_number(place.lon, 4)}° O",
            "attribution": {"text": source.attribution, "url": source.url} if source else None,
            "url": url("places", place.key),
            "section_title": SECTION_TITLES["places"],  # the search's type badge and filter
            "related": [
                Related(label, self.links(name, keys)) for (label, name), keys in self._place_lists(place.key)
            ],
        }

    def _place_lists(self, key: str) -> list[tuple[tuple[str, str], set[str]]]:
        """The lists of entries naming a place on its page: by role, then collection; the lists
        of two roles with the same label are one."""
        lists: dict[tuple[str, str], set[str]] = {}
        for role, label in PLACE_LISTS:
            for name, keys in self.relations.at(key, (role,)):
                lists.setdefault((label.format(SECTION_TITLES[name]), name), set()).update(keys)
        return list(lists.items())

    # --- schema.org ------------------------------------------------------------------------------
    def jsonld(self, collection: str, entry: Entry, site_url: str) -> dict[str, Any]:
        """schema.org description of an entry page, for search engines and other readers."""
        page = site_url + url(collection, entry.id)
        doc: dict[str, Any] = {
            "@context": "https://schema.org",
            "@id": page,
            "url": page,
            "name": title_of(entry),
            "inLanguage": "de",
            "dateModified": entry.last_reviewed.isoformat(),
            "isBasedOn": list(entry.sources),
        }
        if getattr(entry, "summary", None):
            doc["description"] = entry.summary
        doc["@type"] = REGISTRY[collection].schema_type
        if spec := REGISTRY[collection].jsonld:
            doc.update(spec(entry, self.context()))
        return doc

    # --- catalogue cards -----------------------------------------------------------------------
    def card(self, collection: str, entry: Entry) -> CardView:
        view = self.entry(collection, entry)
        ctx = self.context()
        lines = [CardLine(*line) for fact in REGISTRY[collection].card if (line := fact.line(entry, ctx))]
        return CardView(view.url, view.title, view.summary, lines)

    def context(self) -> FacetContext:
        """What the collections' facets, card facts and lists may look up; made once."""
        if self._ctx is None:
            reviews = [e.last_reviewed for items in self.catalogue.entries.values() for e in items.values()]
            year = max(reviews).year if reviews else None
            self._ctx = FacetContext(
                self.reference.label, self.reference.places, self.catalogue.entries, year
            )
        return self._ctx

    # --- catalogue filters ---------------------------------------------------------------------
    def filters(self, collection: str, entry: Entry) -> tuple[dict[str, list[str]], dict[str, str]]:
        """Facet values (German labels) and sort keys for one entry, as the catalogue offers them."""
        spec = REGISTRY[collection]
        ctx = self.context()
        f: dict[str, list[str]] = {"sammlung": [SECTION_TITLES[collection]]}
        for facet in spec.facets:
            f[facet.key] = facet.values(entry, ctx)
        sort = {TITLE_SORT: title_of(entry).casefold(), REVIEW_SORT: entry.last_reviewed.isoformat()}
        for option in spec.sorts:
            if option.value is not None and (value := option.value(entry)) is not None:
                sort[option.key] = value
        return {k: v for k, v in f.items() if v}, sort


def facets(collection: str) -> list[tuple[str, str]]:
    return [(f.key, f.label) for f in REGISTRY[collection].facets]


def sorts(collection: str) -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in REGISTRY[collection].sorts]


def table_columns(collection: str) -> list[dict[str, Any]]:
    """The columns of the catalogue's table view: the entry's name, then its card facts, each
    with the labels its cards use (singular and plural) and the sort that orders by it."""
    spec = REGISTRY[collection]
    title = next(s.label for s in spec.sorts if s.key == TITLE_SORT).removesuffix(" (A–Z)")
    columns: list[dict[str, Any]] = [{"label": title, "labels": [], "sort": TITLE_SORT}]
    for fact in (f for f in spec.card if f.in_table):
        labels = [fact.label, *([fact.label_plural] if fact.label_plural else [])]
        columns.append({"label": fact.label, "labels": labels, "sort": fact.sort})
    return columns
