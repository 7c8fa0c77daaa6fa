"""``smartregio places``: the official places of Germany, derived from BKG's boundaries.

Länder, Kreise, Gemeindeverbände and Gemeinden come from the shapefiles of BKG's VG5000 or
VG250 (layers LAN, KRS, VWG, GEM) instead of being typed by hand: names, keys and types as
BKG publishes them, a point inside each area and its size, simplified outlines of Länder and
Kreise for maps. Gemeindefreie Gebiete (forests, lakes, military areas without a Gemeinde)
are left out: no entry can be about them.

``layers`` reads and checks the shapefile set, ``derive`` computes the rows, ``outlines`` the
boundaries, ``overlay`` applies the territorial changes after the Gebietsstand, ``write``
writes every file or none.
"""

from __future__ import annotations


class PlacesError(Exception):
    """Input the command refuses; ``messages`` are German and name the file (and record)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
