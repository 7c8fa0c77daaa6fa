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
from ..collections import REGISTRY
from ..models import Place

NEARBY_KM = 50.0
EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Near:
    """An entry near a place: ``where`` is the nearest place that names it in the role asked
    for (where it runs, where it is led from)."""

    collection: str
    entry: str
    where: str
    km: float


class Surroundings:
    """For every place: the entries within ``NEARBY_KM`` by the role of their places (the
    solutions in use, the projects led), nearest first, and the places above and below it
    (Verband, Kreis, Land)."""

    def __init__(self, catalogue: Catalogue, roles: tuple[str, ...]) -> None:
        places = catalogue.reference.places
        self.keys = sorted(places)
        self._index = {key: i for i, key in enumerate(self.keys)}
        lat = np.radians([places[k].lat for k in self.keys])
        lon = np.radians([places[k].lon for k in self.keys])
        self._lat, self._lon = lat, lon
        self._near: dict[str, dict[str, list[Near]]] = {}
        for role in roles:
            where: dict[tuple[str, str], list[str]] = defaultdict(list)
            for name, spec in REGISTRY.items():
                for place_role in spec.place_roles:
                    if place_role.role == role:
                        for entry in catalogue.entries[name].values():
                            where[(name, entry.id)] += [k for k in place_role.keys(entry) if k in places]
            self._near[role] = self._nearest(where)
        self.children: dict[str, list[str]] = defaultdict(list)
        for key, place in places.items():
            if place.verband:
                self.children[place.verband].append(key)
            if place.kreis:
                self.children[place.kreis].append(key)
            if len(key) == 5:
                self.children[key[:2]].append(key)

    def _nearest(self, where: dict[tuple[str, str], list[str]]) -> dict[str, list[Near]]:
        """place key → entries within reach, each with its nearest place and distance."""
        found: dict[str, list[Near]] = defaultdict(list)
        for (collection, entry), keys in sorted(where.items()):
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
                found[self.keys[i]].append(Near(collection, entry, self.keys[nearest[i]], float(best[i])))
        for items in found.values():
            items.sort(key=lambda n: (n.km, n.entry))
        return found

    def _km_from(self, row: int) -> np.ndarray:
        """Haversine distance from one place to all."""
        dlat = self._lat - self._lat[row]
        dlon = self._lon - self._lon[row]
        a = np.sin(dlat / 2) ** 2 + np.cos(self._lat) * np.cos(self._lat[row]) * np.sin(dlon / 2) ** 2
        return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))

    def near(self, role: str, place: Place, leave_out: set[tuple[str, str]]) -> list[Near]:
        """The entries naming a place within reach in ``role``, except those in ``leave_out``
        (collection, id) and those naming the place itself so."""
        return [
            n
            for n in self._near[role].get(place.key, [])
            if (n.collection, n.entry) not in leave_out and n.where != place.key
        ]

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
