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


class _Reach:
    """The pairs (place, entry) within reach in one role, sorted by place, then distance, then
    the entry's id (then its collection): ``entries`` numbers the entries, the arrays hold one
    pair each."""

    def __init__(self, entries: list[tuple[str, str]], columns: list[np.ndarray | None]) -> None:
        """``columns``: place, km, where, entry, one pair each; taken over and emptied as they
        are sorted, so that at most one column exists twice at a time (millions of pairs at
        national size)."""
        self.entries = entries
        self.number = {e: n for n, e in enumerate(entries)}
        self.collections = sorted({c for c, _ in entries})
        code = {c: n for n, c in enumerate(self.collections)}
        self.collection = np.array([code[c] for c, _ in entries], dtype=int)
        rank = {e: n for n, e in enumerate(sorted({e for _, e in entries}))}
        id_rank = np.array([rank[e] for _, e in entries], dtype=np.int32)
        place, km, where, entry = columns
        order = np.lexsort((entry, id_rank[entry], km, place))
        del place, km, where, entry
        sorted_columns = []
        for i in range(4):
            column = columns[i]
            assert column is not None
            columns[i] = None
            sorted_columns.append(column[order])
            del column
        self.place, self.km, self.where, self.entry = sorted_columns

    def span(self, i: int) -> tuple[int, int]:
        """Where the pairs of place number ``i`` lie in the arrays (``i`` as the array's own type:
        another would make numpy convert all the millions of numbers for each look-up)."""
        key = self.place.dtype.type(i)
        return int(np.searchsorted(self.place, key, "left")), int(np.searchsorted(self.place, key, "right"))


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
        self._near: dict[str, _Reach] = {}
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

    def _nearest(self, where: dict[tuple[str, str], list[str]]) -> _Reach:
        """Every (place, entry) pair within reach, with the entry's nearest place and the
        distance, as arrays sorted by place, then distance, then the entry's id.

        At 10,000 entries these are millions of pairs, of which a page shows twelve: they stay
        numbers until a page asks (see :meth:`near`). The places within reach of a place are
        computed once per place that names an entry, not once per entry; an entry named in
        several places takes, for each place within reach, the nearest of them (the first on a
        tie)."""
        reach: dict[int, tuple[np.ndarray, np.ndarray]] = {}

        def within(row: int) -> tuple[np.ndarray, np.ndarray]:
            if row not in reach:
                km = self._km_from(row)
                close = np.nonzero(km <= NEARBY_KM)[0].astype(np.int32)
                reach[row] = (close, km[close])
            return reach[row]

        entries = [item for item in sorted(where.items()) if item[1]]
        chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for number, (_, keys) in enumerate(entries):
            rows = np.array([self._index[k] for k in keys], dtype=np.int32)
            parts = [within(row) for row in rows.tolist()]
            places = np.concatenate([p[0] for p in parts])
            kms = np.concatenate([p[1] for p in parts])
            which = np.concatenate([np.full(len(p[0]), n) for n, p in enumerate(parts)])
            # by place, then distance, then the order of the entry's places: the first per place
            order = np.lexsort((which, kms, places))
            first = np.ones(len(order), dtype=bool)
            first[1:] = places[order][1:] != places[order][:-1]
            chosen = order[first]
            numbers = np.full(len(chosen), number, dtype=np.int32)
            chunks.append((places[chosen], kms[chosen], rows[which[chosen]], numbers))
        if not chunks:
            return _Reach([], [np.array([], dtype=dtype) for dtype in (np.int32, float, np.int32, np.int32)])
        # millions of pairs at national size: numbers of four bytes where they suffice, and each
        # column joined and its pieces let go before the next
        arrays: list[np.ndarray | None] = []
        for i in range(4):
            arrays.append(np.concatenate([c[i] for c in chunks]))
            for n, c in enumerate(chunks):
                chunks[n] = (*c[:i], None, *c[i + 1 :])
        del chunks
        reach.clear()  # the distances of each place are in the pairs now
        return _Reach([entry for entry, _ in entries], arrays)

    def _km_from(self, row: int) -> np.ndarray:
        """Haversine distance from one place to all."""
        dlat = self._lat - self._lat[row]
        dlon = self._lon - self._lon[row]
        a = np.sin(dlat / 2) ** 2 + np.cos(self._lat) * np.cos(self._lat[row]) * np.sin(dlon / 2) ** 2
        return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))

    def near(
        self, role: str, place: Place, leave_out: set[tuple[str, str]], shown: int
    ) -> dict[str, tuple[list[Near], int]]:
        """Per collection: the ``shown`` nearest entries naming a place within reach in
        ``role`` and how many there are in all, except those in ``leave_out`` (collection, id)
        and those naming the place itself so."""
        reach = self._near[role]
        i = self._index[place.key]
        start, end = reach.span(i)
        entries = reach.entry[start:end]
        keep = reach.where[start:end] != i
        if leave_out:
            keep &= ~np.isin(entries, [reach.number[e] for e in leave_out if e in reach.number])
        kept = np.nonzero(keep)[0]
        codes = reach.collection[entries[kept]]
        found: dict[str, tuple[list[Near], int]] = {}
        for code, collection in enumerate(reach.collections):
            at = kept[codes == code]
            if len(at):
                nearest = [
                    Near(
                        collection,
                        reach.entries[int(entries[a])][1],
                        self.keys[int(reach.where[start + a])],
                        float(reach.km[start + a]),
                    )
                    for a in at[:shown].tolist()
                ]
                found[collection] = (nearest, len(at))
        return found

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
