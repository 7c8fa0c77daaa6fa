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
# the cosine of the angle between two points a kilometre beyond reach: every place within
# reach has a larger one, whatever the rounding
_CANDIDATE_COS = float(np.cos((NEARBY_KM + 1.0) / EARTH_KM))


@dataclass(frozen=True)
class Near:
    """An entry near a place: ``where`` is the nearest place that names it in the role asked
    for (where it runs, where it is led from)."""

    collection: str
    entry: str
    where: str
    km: float


class _Reach:
    """The pairs (place, entry) within reach in one role, grouped by place: ``entries`` numbers
    the entries in the order of their ids (then collections), the arrays hold one pair each.
    Within a place the pairs stay in the order of the entries' numbers; :meth:`ordered` sorts
    one place's few hundred by distance when its page asks (sorting all millions at once by
    place, distance and id took two seconds at 10,000 entries, grouping them takes a tenth)."""

    def __init__(self, entries: list[tuple[str, str]], columns: list[np.ndarray | None]) -> None:
        """``columns``: place, km, where, entry, one pair each, in the order of the entries'
        numbers; taken over and emptied as they are grouped, so that at most one column exists
        twice at a time (millions of pairs at national size)."""
        self.entries = entries
        self.number = {e: n for n, e in enumerate(entries)}
        self.collections = sorted({c for c, _ in entries})
        code = {c: n for n, c in enumerate(self.collections)}
        self.collection = np.array([code[c] for c, _ in entries], dtype=int)
        place = columns[0]
        assert place is not None
        # a stable sort keeps each place's pairs in the entries' order; numpy sorts numbers of
        # two bytes by their digits (radix), in linear time
        small = len(place) == 0 or int(place.max()) < 1 << 16
        order = np.argsort(place.astype(np.uint16) if small else place, kind="stable")
        del place
        grouped = []
        for i in range(4):
            column = columns[i]
            assert column is not None
            columns[i] = None
            grouped.append(column[order])
            del column
        self.place, self.km, self.where, self.entry = grouped

    def span(self, i: int) -> tuple[int, int]:
        """Where the pairs of place number ``i`` lie in the arrays (``i`` as the array's own type:
        another would make numpy convert all the millions of numbers for each look-up)."""
        key = self.place.dtype.type(i)
        return int(np.searchsorted(self.place, key, "left")), int(np.searchsorted(self.place, key, "right"))

    def ordered(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The entries, distances and nearest places of place number ``i``'s pairs, nearest
        first, then by the entry's id (then its collection: the entries' numbers)."""
        start, end = self.span(i)
        entry, km = self.entry[start:end], self.km[start:end]
        order = np.lexsort((entry, km))
        return entry[order], km[order], self.where[start:end][order]


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
        # the points on the unit sphere: one product tells which places can be within reach
        self._xyz = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))
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
        distance, as arrays grouped by place (see :class:`_Reach`).

        At 10,000 entries these are millions of pairs, of which a page shows twelve: they stay
        numbers until a page asks (see :meth:`near`). The places within reach of a place are
        computed once per place that names an entry, not once per entry; an entry named in
        several places takes, for each place within reach, the nearest of them (the first on a
        tie)."""
        reach: dict[int, tuple[np.ndarray, np.ndarray]] = {}

        def within(row: int) -> tuple[np.ndarray, np.ndarray]:
            if row not in reach:
                reach[row] = self._within_reach(row)
            return reach[row]

        # numbered by id, then collection: the order of pairs at the same distance
        by_id = sorted(where.items(), key=lambda item: (item[0][1], item[0][0]))
        entries = [item for item in by_id if item[1]]
        chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for number, (_, keys) in enumerate(entries):
            rows = np.array([self._index[k] for k in keys], dtype=np.int32)
            parts = [within(row) for row in rows.tolist()]
            if len(parts) == 1:  # one place: each place within reach once, nothing to choose
                places, kms = parts[0]
                count = len(places)
                nearest_row = np.full(count, rows[0], dtype=np.int32)
                chunks.append((places, kms, nearest_row, np.full(count, number, dtype=np.int32)))
                continue
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

    def _within_reach(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """The places within ``NEARBY_KM`` of one place and their haversine distances. The
        chord between the points on the unit sphere picks the candidates first, with a
        kilometre to spare: the distance then is computed for the few hundred of them, not for
        all 12,000 places (a third of this stage's time before)."""
        candidates = np.nonzero(self._xyz @ self._xyz[row] >= _CANDIDATE_COS)[0]
        lat, lon = self._lat[candidates], self._lon[candidates]
        dlat = lat - self._lat[row]
        dlon = lon - self._lon[row]
        a = np.sin(dlat / 2) ** 2 + np.cos(lat) * np.cos(self._lat[row]) * np.sin(dlon / 2) ** 2
        km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
        close = km <= NEARBY_KM
        return candidates[close].astype(np.int32), km[close]

    def near(
        self, role: str, place: Place, leave_out: set[tuple[str, str]], shown: int
    ) -> dict[str, tuple[list[Near], int]]:
        """Per collection: the ``shown`` nearest entries naming a place within reach in
        ``role`` and how many there are in all, except those in ``leave_out`` (collection, id)
        and those naming the place itself so."""
        reach = self._near[role]
        i = self._index[place.key]
        entries, kms, where = reach.ordered(i)
        keep = where != i
        if leave_out:
            keep &= ~np.isin(entries, [reach.number[e] for e in leave_out if e in reach.number])
        kept = np.nonzero(keep)[0]
        codes = reach.collection[entries[kept]]
        found: dict[str, tuple[list[Near], int]] = {}
        for code, collection in enumerate(reach.collections):
            at = kept[codes == code]
            if len(at):
                first = at[:shown]
                columns = (entries[first].tolist(), where[first].tolist(), kms[first].tolist())
                nearest = [
                    Near(collection, reach.entries[e][1], self.keys[w], k)
                    for e, w, k in zip(*columns, strict=True)
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
