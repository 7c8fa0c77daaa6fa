"""The page of a place: what it is, what runs here, what reaches it from above, what runs
nearby, and what lies within it — for every Land, Kreis, Gemeindeverband and Gemeinde.

Honest about what is known: a place no entry names says so plainly and shows how to add what
the town uses, instead of an empty page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..addresses import url
from ..collections.programmes import Programme
from ..models import Place
from ..text import format_number, plural
from .locator import Locator
from .nearby import NEARBY_KM, Near, Surroundings
from .views import Views, place_title, title_of

NEARBY_LISTED = 12  # the nearest ones; a page at national size must not list hundreds
INSIDE_LISTED = 30


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

    def shortened(self) -> Section:
        if self.limit is None or len(self.items) <= self.limit:
            return self
        return Section(self.title, self.items[: self.limit], self.columns, None, len(self.items) - self.limit)

    @property
    def more_text(self) -> str:
        """„… und 1.234 weitere.“ in German digits."""
        return f"… und {format_number(self.more)} weitere." if self.more else ""


class PlacePages:
    """Views of place pages, with what every place shares computed once per build."""

    def __init__(self, views: Views) -> None:
        self.views = views
        catalogue = views.catalogue
        self.places = catalogue.reference.places
        self.surroundings = Surroundings(catalogue)
        self.locator = Locator(catalogue.reference.land_shapes, catalogue.reference.kreis_shapes)
        reviews = [e.last_reviewed for items in catalogue.entries.values() for e in items.values()]
        self.year = max(reviews).year if reviews else None  # "now" as the data knows it
        programmes = catalogue.entries["programmes"].values()
        self.federal = sorted((p for p in programmes if p.level == "bund"), key=lambda p: p.name.casefold())
        self.by_land: dict[str, list[Programme]] = {}
        for programme in sorted(programmes, key=lambda p: p.name.casefold()):
            if programme.level == "land" and programme.land:
                self.by_land.setdefault(programme.land, []).append(programme)

    def view(self, place: Place) -> dict[str, Any]:
        data = self.views.place(place)
        r = self.views.relations
        here_projects = set(r.projects_of_place[place.key])
        here_solutions = set(r.solutions_in_place[place.key]) | set(r.solutions_from_place[place.key])
        above = self._above(place)
        inside = self._inside(place)
        for section in inside:
            here_projects |= {i.key for i in section.items if i.key}
        sections = [
            s for s in (*inside, above, *self._nearby(place, here_projects, here_solutions)) if s.items
        ]
        known = bool(data["related"] or sections)
        land = data["land"]
        sections.append(Section(f"Förderprogramme für {land} und vom Bund", self._programmes(place)))
        sections += self._children(place)
        data.update(
            locator=self.locator.draw(place),
            known=known,
            sections=[s.shortened() for s in sections if s.items],
        )
        return data

    # --- sections ------------------------------------------------------------------------------
    def _link(self, key: str) -> Item:
        place = self.places.get(key)
        return Item(place_title(place) if place else key, url("places", key) if place else None)

    def _above(self, place: Place) -> Section:
        """Projects of its Verband and Kreis: a Kreis that is a Modellprojekt carries its
        results to its Gemeinden."""
        r = self.views.relations
        items = []
        for key in self.surroundings.above(place):
            holder = self.places.get(key)
            if holder is None:
                continue
            for project_id in sorted(r.projects_of_place[key]):
                project = self.views.catalogue.entries["funding-projects"][project_id]
                role = "federführend" if project.lead == key else "beteiligt"
                items.append(
                    Item(
                        title_of(project),
                        url("funding-projects", project_id),
                        f"{place_title(holder)}, {role}",
                    )
                )
        return Section("Projekte von Verband und Kreis", items)

    def _inside(self, place: Place) -> list[Section]:
        """For a Land, Kreis or Verband: the projects and the solutions in use in the places
        within it (a Kreis whose Gemeinden lead projects is not a blank page)."""
        members = self.surroundings.within(place)
        if not members:
            return []
        r = self.views.relations
        entries = self.views.catalogue.entries
        projects: dict[str, list[str]] = {}
        solutions: dict[str, list[str]] = {}
        for key in members:
            for project_id in r.projects_of_place.get(key, ()):
                projects.setdefault(project_id, []).append(key)
            for solution_id in r.solutions_in_place.get(key, ()):
                solutions.setdefault(solution_id, []).append(key)

        def where(keys: list[str]) -> str:
            names = sorted({place_title(self.places[k]) for k in keys}, key=str.casefold)
            return (
                "in " + ", ".join(names[:3]) + (f" und {len(names) - 3} weiteren" if len(names) > 3 else "")
            )

        title = place_title(place)
        return [
            Section(
                f"Förderprojekte in {title}",
                limit=INSIDE_LISTED,
                items=[
                    Item(title_of(entries["funding-projects"][p]), url("funding-projects", p), where(keys), p)
                    for p, keys in sorted(
                        projects.items(), key=lambda i: title_of(entries["funding-projects"][i[0]])
                    )
                ],
            ),
            Section(
                f"Eingesetzte Lösungen in {title}",
                limit=INSIDE_LISTED,
                items=[
                    Item(entries["solutions"][s].name, url("solutions", s), where(keys), s)
                    for s, keys in sorted(
                        solutions.items(), key=lambda i: entries["solutions"][i[0]].name.casefold()
                    )
                ],
            ),
        ]

    def _nearby(self, place: Place, projects: set[str], solutions: set[str]) -> list[Section]:
        if len(place.key) == 2:
            return []  # a Land's point says nothing about its neighbours
        radius = format_number(NEARBY_KM, 0)
        entries = self.views.catalogue.entries
        return [
            Section(
                f"In der Nähe eingesetzte Lösungen (bis {radius} km)",
                limit=NEARBY_LISTED,
                items=[
                    self._near(n, entries["solutions"][n.entry].name, "solutions", "eingesetzt in")
                    for n in self.surroundings.solutions_near(place, solutions)
                ],
            ),
            Section(
                f"Förderprojekte in der Nähe (bis {radius} km)",
                limit=NEARBY_LISTED,
                items=[
                    self._near(
                        n, title_of(entries["funding-projects"][n.entry]), "funding-projects", "geleitet von"
                    )
                    for n in self.surroundings.projects_near(place, projects)
                    if n.where != place.key
                ],
            ),
        ]

    def _near(self, near: Near, text: str, collection: str, how: str) -> Item:
        where = self.places[near.where]
        km = "unter 1 km" if near.km < 1 else f"{format_number(round(near.km), 0)} km"
        return Item(text, url(collection, near.entry), f"{how} {place_title(where)}, {km}")

    def _programmes(self, place: Place) -> list[Item]:
        land = self.views.reference.label("land", place.land)
        return [
            Item(
                p.name,
                url("programmes", p.id),
                f"{'Land ' + land if p.level == 'land' else 'Bund'}, {self._status(p)}",
            )
            for p in [*self.by_land.get(place.land, []), *self.federal]
        ]

    def _status(self, programme: Programme) -> str:
        if programme.end is None:
            return "ohne bekanntes Ende"
        if self.year is not None and programme.end < self.year:
            return f"beendet ({programme.end})"
        return f"läuft bis {programme.end}"

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
