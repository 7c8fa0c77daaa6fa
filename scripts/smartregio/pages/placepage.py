"""The page of a place: what it is, what runs here, what reaches it from above, what runs
nearby, and what lies within it — for every Land, Kreis, Gemeindeverband and Gemeinde.

Honest about what is known: a place no entry names says so plainly and shows how to add what
the town uses, instead of an empty page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..addresses import SECTION_TITLES, url
from ..catalogue import Catalogue
from ..collections import REGISTRY
from ..models import Place
from ..registry import LEAD, PARTNER, USE
from ..text import format_number, plural
from .locator import Locator
from .nearby import NEARBY_KM, Near, Surroundings
from .views import Views, contact_text, place_title, title_of

NEARBY_LISTED = 12  # the nearest ones; a page at national size must not list hundreds
INSIDE_LISTED = 30
# the programmes every place's page lists (its Land's and the Bund's), running ones first; the
# others are counted and the catalogue linked (200 federal programmes would be on 12,417 pages)
FOR_PLACES_LISTED = 20
# the lists of a Land's, Kreis' or Verband's page of what the places within it have: the roles
# that count and the title ({title}: of the collection, {place}: the place's)
INSIDE = (((LEAD, PARTNER), "{title} in {place}"), ((USE,), "Eingesetzte {title} in {place}"))
# the lists of what is near, in this order: the role that counts, the title, how an item says
# where, and whether the entries listed for the places within are left out too
NEAR = (
    (USE, "In der Nähe eingesetzte {title} (bis {km} km)", "eingesetzt in", False),
    (LEAD, "{title} in der Nähe (bis {km} km)", "geleitet von", True),
)
# what the place is to the entries of its Verband and Kreis listed on its page
ABOVE = {LEAD: "federführend", PARTNER: "beteiligt"}
NEAR_ROLES = tuple(role for role, *_ in NEAR)


def prepare(views: Views, made: Surroundings | None = None) -> None:
    """What every place page shares and is costly to compute (the entries near each place),
    computed now rather than with the first place page, or ``made`` by ``surroundings``."""
    views.surroundings(NEAR_ROLES, made)


def surroundings(catalogue: Catalogue) -> Surroundings:
    """What ``prepare`` computes, of the catalogue alone (the build computes it in a second
    process while this one computes the entries' views)."""
    return Surroundings(catalogue, NEAR_ROLES)


@dataclass
class Item:
    text: str
    href: str | None = None
    note: str = ""
    key: str = ""  # the entry it links, where one


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)
    columns: bool = False  # a long list of names: in columns
    limit: int | None = None  # show at most this many (the nearest first), then say how many more
    more: int = 0
    more_href: str | None = None  # where all of them are listed, if anywhere

    def shortened(self) -> Section:
        if self.limit is None or len(self.items) <= self.limit:
            return self
        more = len(self.items) - self.limit
        return Section(self.title, self.items[: self.limit], self.columns, None, more, self.more_href)

    @property
    def more_text(self) -> str:
        """„… und 1.234 weitere.“ in German digits (where they are listed: „… im Katalog“)."""
        if not self.more:
            return ""
        return f"… und {format_number(self.more)} weitere" + (" im Katalog" if self.more_href else ".")


class PlacePages:
    """Views of place pages, with what every place shares computed once per build."""

    def __init__(self, views: Views) -> None:
        self.views = views
        catalogue = views.catalogue
        self.places = catalogue.reference.places
        self.surroundings = views.surroundings(NEAR_ROLES)
        self.locator = Locator(catalogue.reference.land_shapes, catalogue.reference.kreis_shapes)
        self.context = views.context()
        self._for_land: dict[tuple[str, str], list[Item]] = {}

    def view(self, place: Place) -> dict[str, Any]:
        data = self.views.place(place)
        here = {(name, key) for name, keys in self.views.relations.at(place.key) for key in keys}
        above = self._above(place)
        inside = self._inside(place)
        listed = {(name, i.key) for section, name in inside for i in section.items if i.key}
        near = self._nearby(place, here, here | listed)
        sections = [s for s in (*(section for section, _ in inside), above, *near) if s.items]
        known = bool(data["related"] or sections)
        sections += self._for_places(place, data["land"])
        sections += self._children(place)
        contact = self.views.catalogue.reference.contacts.get(place.key)
        data.update(
            contact=(
                {
                    "href": contact.contact,
                    "text": contact_text(contact, self.views.catalogue.reference),
                    "source": contact.source,
                }
                if contact
                else None
            ),
            locator=self.locator.draw(place),
            known=known,
            sections=[s.shortened() for s in sections if s.items],
        )
        return data

    # --- sections ------------------------------------------------------------------------------
    def _link(self, key: str) -> Item:
        place = self.places.get(key)
        return Item(place_title(place) if place else key, url("places", key) if place else None)

    def _entry(self, name: str, key: str) -> Any:
        return self.views.catalogue.entries[name][key]

    def _above(self, place: Place) -> Section:
        """Projects of its Verband and Kreis: a Kreis that is a Modellprojekt carries its
        results to its Gemeinden."""
        r = self.views.relations
        items = []
        for key in self.surroundings.above(place):
            holder = self.places.get(key)
            if holder is None:
                continue
            for name, keys in r.at(key, tuple(ABOVE)):
                for entry_id in sorted(keys):
                    role = next(role for role in ABOVE if entry_id in r.at_place[key].get((name, role), ()))
                    items.append(
                        Item(
                            title_of(self._entry(name, entry_id)),
                            url(name, entry_id),
                            f"{place_title(holder)}, {ABOVE[role]}",
                        )
                    )
        return Section("Projekte von Verband und Kreis", items)

    def _inside(self, place: Place) -> list[tuple[Section, str]]:
        """For a Land, Kreis or Verband: the projects and the solutions in use in the places
        within it (a Kreis whose Gemeinden lead projects is not a blank page); each list with
        the collection it lists."""
        members = self.surroundings.within(place)
        if not members:
            return []
        r = self.views.relations

        def where(keys: list[str]) -> str:
            names = sorted({place_title(self.places[k]) for k in keys}, key=str.casefold)
            return (
                "in " + ", ".join(names[:3]) + (f" und {len(names) - 3} weiteren" if len(names) > 3 else "")
            )

        title = place_title(place)
        sections = []
        for roles, heading in INSIDE:
            found: dict[str, dict[str, list[str]]] = {}
            for key in members:
                for name, keys in r.at(key, roles):
                    for entry_id in keys:
                        found.setdefault(name, {}).setdefault(entry_id, []).append(key)
            for name in REGISTRY:
                if name not in found:
                    continue
                titles = {entry_id: title_of(self._entry(name, entry_id)) for entry_id in found[name]}
                items = [
                    Item(titles[entry_id], url(name, entry_id), where(keys), entry_id)
                    for entry_id, keys in sorted(found[name].items(), key=lambda i: titles[i[0]].casefold())
                ]
                heading_text = heading.format(title=SECTION_TITLES[name], place=title)
                sections.append((Section(heading_text, limit=INSIDE_LISTED, items=items), name))
        return sections

    def _nearby(
        self, place: Place, here: set[tuple[str, str]], listed: set[tuple[str, str]]
    ) -> list[Section]:
        if len(place.key) == 2:
            return []  # a Land's point says nothing about its neighbours
        radius = format_number(NEARBY_KM, 0)
        sections = []
        for role, heading, how, leave_listed_out in NEAR:
            found = self.surroundings.near(role, place, listed if leave_listed_out else here, NEARBY_LISTED)
            for name in REGISTRY:
                if name in found:
                    # only the nearest are drawn; the others are counted („… und 412 weitere.“)
                    nearest, count = found[name]
                    items = [self._near(n, title_of(self._entry(name, n.entry)), how) for n in nearest]
                    title = heading.format(title=SECTION_TITLES[name], km=radius)
                    sections.append(Section(title, items=items, more=count - len(items)))
        return sections

    def _near(self, near: Near, text: str, how: str) -> Item:
        where = self.places[near.where]
        km = "unter 1 km" if near.km < 1 else f"{format_number(round(near.km), 0)} km"
        return Item(text, url(near.collection, near.entry), f"{how} {place_title(where)}, {km}")

    def _for_places(self, place: Place, land: str) -> list[Section]:
        """What every place's page lists, named or not: the programmes of its Land and the Bund."""
        sections = []
        for name, spec in REGISTRY.items():
            if spec.for_places is None:
                continue
            if (name, place.land) not in self._for_land:  # the same for every place of a Land
                self._for_land[(name, place.land)] = [
                    Item(title_of(self._entry(name, key)), url(name, key), note)
                    for key, note in spec.for_places.entries(place.land, self.context)
                ]
            items = list(self._for_land[(name, place.land)])
            title = spec.for_places.title.format(land=land)
            sections.append(Section(title, items, limit=FOR_PLACES_LISTED, more_href=f"/{spec.section}/"))
        return sections

    def _children(self, place: Place) -> list[Section]:
        keys = sorted(
            self.surroundings.children.get(place.key, []), key=lambda k: self.places[k].name.casefold()
        )
        if place.kind == "kreisfreie-stadt":
            return []
        if len(place.key) == 2:
            return [Section("Kreise und kreisfreie Städte", [self._child(k) for k in keys], columns=True)]
        verbaende = [k for k in keys if len(k) == 9]
        gemeinden = [k for k in keys if len(k) == 8]
        return [
            Section(
                plural(len(verbaende), "Gemeindeverband", "Gemeindeverbände"),
                [self._child(k) for k in verbaende],
            ),
            Section(plural(len(gemeinden), "Gemeinde", "Gemeinden"), [self._child(k) for k in gemeinden]),
        ]

    def _child(self, key: str) -> Item:
        item = self._link(key)
        bez = self.places[key].bez or ""
        item.note = "" if item.text.startswith(bez) else bez  # not „Amt Büchen – Amt“
        return item
