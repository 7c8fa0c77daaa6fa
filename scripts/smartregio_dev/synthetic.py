"""Synthetic but realistic data sets of any size, for benchmarks and scale tests.

Entries carry every field, valid cross-references, umlauts and Markdown bodies, so the
load, validate and package steps do the same work per entry as on the real data.
"""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

from smartregio.boundaries import BOUNDARIES_FILE
from smartregio.reference import GEBIETSSTAND_FILE, PLACES_FILE

WORDS = [
    "Bürger",
    "Daten",
    "Plattform",
    "Quartier",
    "Mobilität",
    "Wärme",
    "Beteiligung",
    "Sensor",
    "Karte",
    "Dorf",
    "Stadt",
    "Verwaltung",
    "Service",
    "Energie",
    "Parken",
    "Klima",
    "Wasser",
    "Schule",
    "Pflege",
    "Markt",
]


def _name(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(3)) + f" {n}"


def _body(rng: random.Random) -> str:
    paras = []
    for _ in range(3):
        paras.append(" ".join(rng.choice(WORDS).lower() for _ in range(60)).capitalize() + ".")
    return "\n\n".join(paras) + "\n\n- Punkt eins\n- Punkt zwei\n"


def generate(target: Path, n: int, seed: int = 1) -> dict[str, int]:
    """Write ``n`` entries (plus the places they name) under ``target``; returns counts."""
    rng = random.Random(seed)
    repo = Path(__file__).resolve().parents[2] / "data"
    if target.exists():
        shutil.rmtree(target)
    (target / "reference").mkdir(parents=True)
    shutil.copytree(repo / "reference" / "vocabularies", target / "reference" / "vocabularies")
    shutil.copy(repo / "reference" / "laender.csv", target / "reference" / "laender.csv")
    shutil.copy(repo / "reference" / BOUNDARIES_FILE, target / "reference" / BOUNDARIES_FILE)
    shutil.copy(repo / "datapackage.yaml", target / "datapackage.yaml")

    n_prog = max(2, n // 50)
    n_sol = int(n * 0.45)
    n_guide = int(n * 0.1)
    n_proj = n - n_prog - n_sol - n_guide
    n_places = max(10, n // 4)

    # the official places of the repository (every Gemeinde): entries name a sample of them
    shutil.copy(repo / "reference" / PLACES_FILE, target / "reference" / PLACES_FILE)
    shutil.copy(repo / "reference" / GEBIETSSTAND_FILE, target / "reference" / GEBIETSSTAND_FILE)
    with (repo / "reference" / PLACES_FILE).open(encoding="utf-8", newline="") as handle:
        gemeinden = [(row["key"], row["land"]) for row in csv.DictReader(handle) if len(row["key"]) == 8]
    places = rng.sample(gemeinden, min(n_places, len(gemeinden)))

    def write(collection: str, entry_id: str, front: str, body: str) -> None:
        folder = target / collection
        folder.mkdir(exist_ok=True)
        (folder / f"{entry_id}.md").write_text(f"---\nid: {entry_id}\n{front}---\n{body}", encoding="utf-8")

    src = "sources:\n  - https://www.smart-city-dialog.de/quelle\nlast_reviewed: 2025-06-01\n"
    for i in range(n_prog):
        write(
            "programmes",
            f"programm-{i}",
            f"name: Programm {i}\nsummary: Ein Förderprogramm für smarte Kommunen.\n"
            f"funder: Ministerium {i}\nlevel: bund\nstart: 2019\nend: 2027\nvolume: 1000000\n"
            f"funding_rate: 65 %\nurl: https://example.org/p{i}\n{src}",
            _body(rng),
        )
    for i in range(n_proj):
        (key, land), *others = rng.sample(places, 3)
        partners = "".join(f'  - "{k}"\n' for k, _ in others)
        laender = sorted({land} | {lnd for _, lnd in others})
        sols = "".join(f"  - loesung-{rng.randrange(n_sol)}\n" for _ in range(1))
        write(
            "funding-projects",
            f"projekt-{i}",
            f"title: Projekt Smarte Region {i}\nsummary: Ein Förderprojekt für Kommunen.\n"
            f'programme: programm-{i % n_prog}\ncall: Staffel 2020\nlead: "{key}"\n'
            f"partners:\n{partners}laender: [{', '.join(laender)}]\ncategory: mittelstadt\n"
            f"start: 2020\nend: 2026\nfunding_amount: 500000\ntotal_budget: 800000\n"
            f"status: laufend\ntopics: [mobilitaet, verwaltung]\nsolutions:\n{sols}"
            f"website: https://example.org/projekt/{i}\n{src}",
            _body(rng),
        )
    for i in range(n_sol):
        used = sorted({places[rng.randrange(len(places))][0] for _ in range(3)})
        used_yaml = "".join(f'  - "{k}"\n' for k in used)
        write(
            "solutions",
            f"loesung-{i}",
            f"name: {_name(rng, i)}\nsummary: Eine Lösung für Bürgerinnen und Bürger mit Ümläuten.\n"
            f"action_fields: [mobilitaet, beteiligung]\ntags: [App, Open Data]\n"
            f"development_status: stable\nopen_source: true\nlicence: EUPL-1.2\n"
            f"repository: https://example.org/git/{i}\nwebsite: https://example.org/l/{i}\n"
            f'provider: Stadtwerke {i}\nmaintenance: community\norigin:\n  - "{places[i % len(places)][0]}"\n'
            f"used_by:\n{used_yaml}standards: [OGC SensorThings API]\nhosting: [eigenbetrieb, saas]\n"
            f"cost_model: lizenzkostenfrei\ntransfer_readiness: P4\n"
            f"contact: mailto:kontakt{i}@example.org\nfunding_projects:\n  - projekt-{i % n_proj}\n{src}",
            _body(rng),
        )
    for i in range(n_guide):
        write(
            "guidelines",
            f"leitfaden-{i}",
            f"title: Leitfaden {i}\nsummary: So übertragen Sie eine Lösung in Ihre Kommune.\n"
            f"audience: [digitalisierung, it-betrieb]\nphases: [P3, P4, P5]\n"
            f"workstreams: [technisch, finanziell]\nsolutions:\n  - loesung-{i % n_sol}\n"
            f"projects:\n  - projekt-{i % n_proj}\neffort: mittel\n"
            f"prerequisites:\n  - Ein Beschluss des Rates\n{src}",
            "## P3 Pilotphase\n\n" + _body(rng),
        )
    return {
        "programmes": n_prog,
        "funding-projects": n_proj,
        "solutions": n_sol,
        "guidelines": n_guide,
        "places": len(places),
    }
