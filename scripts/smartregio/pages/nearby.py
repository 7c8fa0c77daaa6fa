"""What concerns a place besides what names it: what runs nearby, what reaches it from above.

A small town that no entry names still learns from its page that a solution runs 12 km away,
that its Kreis is a Modellprojekt Smart City, and which programmes of its Land and of the
Bund exist. Distances are great-circle distances between the places' points (each inside its
area, see ``smartregio places``), computed for all places at once with numpy.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..catalogue import Catalogue
from ..models import Place

NEARBY_KM = 50.0
EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Near:
    """An entry near a place: ``where`` is the nearest place it runs in (or is led from)."""

    entry: str
    where: str
    km: float


class Surroundings:
    """For every place: the solutions in use and the projects within ``NEARBY_KM``, nearest
    first, and the places above and below it (Verband, Kreis, Land)."""

    def __init__(self, catalogue: Catalogue) -> None:
        places = catalogue.reference.places
        self.keys = sorted(places)
        self._index = {key: i for i, key in enumerate(self.keys)}
        lat = np.radians([places[k].lat for k in self.keys])
        lon = np.radians([places[k].lon for k in self.keys])
        self._lat, self._lon = lat, lon
        users: dict[str, list[str]] = defaultdict(list)
        for solution in catalogue.entries["solutions"].values():
            users[solution.id] = [k for k in solution.used_by if k in places]
        leads = {
            p.id: [p.lead]
            for p in catalogue.entries["funding-projects"].values()
            if p.lead and p.lead in places
        }
        self.solutions = self._nearest(users)
        self.projects = self._nearest(leads)
        self.children: dict[str, list[str]] = defaultdict(list)
        for key, place in places.items():
            if place.verband:
                self.children[place.verband].append(key)
            if place.kreis:
                self.children[place.kreis].append(key)
            if len(key) == 5:
                self.children[key[:2]].append(key)

    def _nearest(self, where: dict[str, list[str]]) -> dict[str, list[Near]]:
        """place key → entries within reach, each with its nearest place and distance."""
        found: dict[str, list[Near]] = defaultdict(list)
        for entry, keys in sorted(where.items()):
            if not keys:
                continue
            rows = [self._index[k] for k in keys]
            best = np.full(len(self.keys), np.inf)
            nearest = np.zeros(len(self.keys), dtype=int)
            for row in rows:
                km = self._km_from(row)
                closer = km < best
                best[closer] = km[closer]
                nearest[closer] = row
            for i in np.nonzero(best <= NEARBY_KM)[0]:
                found[self.keys[i]].append(Near(entry, self.keys[nearest[i]], float(best[i])))
        for items in found.values():
            items.sort(key=lambda n: (n.km, n.entry))
        return found

    def _km_from(self, row: int) -> np.ndarray:
        """Haversine distance from one place to all."""
        dlat = self._lat - self._lat[row]
        dlon = self._lon - self._lon[row]
        a = np.sin(dlat / 2) ** 2 + np.cos(self._lat) * np.cos(self._lat[row]) * np.sin(dlon / 2) ** 2
        return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))

    def solutions_near(self, place: Place, in_use_here: set[str]) -> list[Near]:
        """Solutions in use within reach but not in the place itself."""
        return [n for n in self.solutions.get(place.key, []) if n.entry not in in_use_here]

    def projects_near(self, place: Place, own: set[str]) -> list[Near]:
        """Projects led from a place within reach, except those the place takes part in."""
        return [n for n in self.projects.get(place.key, []) if n.entry not in own]

    def within(self, place: Place) -> list[str]:
        """Every place inside a Land, Kreis or Verband (all levels below it), else none."""
        found: set[str] = set()
        todo = list(self.children.get(place.key, []))
        while todo:
            key = todo.pop()
            if key in found or key == place.key:
                continue
            found.add(key)
            todo.extend(self.children.get(key, []))
        return sorted(found)

    def above(self, place: Place) -> list[str]:
        """The keys of its Verband and Kreis, nearest first (the Land is named separately)."""
        return [key for key in (place.verband, place.kreis) if key and key != place.key]
