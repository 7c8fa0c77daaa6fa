"""The data set we ship: complete as promised, valid, and consistent with official keys."""

from __future__ import annotations

import json
from collections import Counter

from .conftest import REPO

# Destatis GV100 2017, an independent list of the Kreise (see its README.md)
KREISE = REPO / "tests/fixtures/destatis-gv100-2017/kreise-2017.ndjson"


def test_shipped_data_validates(cli):
    result = cli("validate")
    assert result.code == 0, result.err


def test_all_73_modellprojekte_by_staffel(catalogue):
    mpsc = [
        p
        for p in catalogue.entries["funding-projects"].values()
        if p.programme == "modellprojekte-smart-cities"
    ]
    assert len(mpsc) == 73
    assert Counter(p.call for p in mpsc) == {"Staffel 2019": 13, "Staffel 2020": 32, "Staffel 2021": 28}
    assert all(p.category and p.laender and (p.lead or p.lead_organisation) for p in mpsc)


def test_promised_minimum_sizes(catalogue):
    assert len(catalogue.entries["programmes"]) >= 5
    assert len(catalogue.entries["solutions"]) >= 20
    assert len(catalogue.entries["guidelines"]) >= 10
    levels = Counter(p.level for p in catalogue.entries["programmes"].values())
    assert levels["bund"] >= 1 and levels["land"] >= 1


def test_solutions_show_real_transfers(catalogue):
    transferred = [s for s in catalogue.entries["solutions"].values() if set(s.used_by) - set(s.origin)]
    assert len(transferred) >= 5
    open_source = [s for s in catalogue.entries["solutions"].values() if s.open_source]
    assert len(open_source) >= 15


def test_guidelines_are_structured_by_their_phases(catalogue):
    labels = catalogue.reference.vocabularies["transfer_phase"]
    for guideline in catalogue.entries["guidelines"].values():
        for phase in guideline.phases:
            assert f"## {phase} " in guideline.body or f"## {labels[phase].label}" in guideline.body, (
                guideline.id,
                phase,
            )
        assert len(guideline.body.split()) >= 300, guideline.id


def test_the_place_table_is_the_official_one(catalogue):
    """Every Land, Kreis, real Gemeindeverband and Gemeinde, as ``smartregio places`` derived
    them (the counts it recorded), and every place an entry names among them."""
    counts = json.loads((REPO / "data/reference/gebietsstand.json").read_text(encoding="utf-8"))["counts"]
    places = catalogue.reference.places
    assert len(places) == counts["gesamt"] >= 12_000
    by_length = Counter(len(key) for key in places)
    assert by_length[2] == 16 and by_length[5] == 401 and by_length[8] >= 10_700
    used = set()
    for items in catalogue.entries.values():
        for entry in items.values():
            for name in ("origin", "used_by", "partners"):
                used.update(getattr(entry, name, []) or [])
            if getattr(entry, "lead", None):
                used.add(entry.lead)
    assert used - set(places) == set()


def test_keys_agree_with_the_official_kreis_list(catalogue):
    kreise = {}
    for line in KREISE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        kreise[record["schlüssel"]["nummer"]] = record["name"]
    # Kreise formed after 2017 that the list cannot know (none referenced so far)
    newer: set[str] = set()
    for key, place in catalogue.reference.places.items():
        if len(key) < 5:
            continue  # a Land
        assert key[:5] in kreise or key[:5] in newer, (key, place.name)
        if place.kind == "kreisfreie-stadt":
            assert key.endswith("000"), key
