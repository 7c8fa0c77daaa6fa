"""``smartregio bench``: time each stage on synthetic data and report peak memory.

Each size runs in a fresh process so its peak resident memory is its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(n: int) -> dict[str, float]:
    """Run load+validate and package for ``n`` entries in this process."""
    from smartregio.load import load_catalogue
    from smartregio.package.write import write_package

    from .synthetic import generate

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        generate(data, n)
        t0 = time.perf_counter()
        catalogue, problems = load_catalogue(data)
        t1 = time.perf_counter()
        if problems:
            raise SystemExit("synthetic data invalid:\n" + problems.as_text()[:2000])
        write_package(catalogue, data, Path(tmp) / "package")
        t2 = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # before the downloads
        from smartregio.publish.releases import compile_downloads

        downloads = compile_downloads(catalogue, data, Path(tmp) / "downloads")
        t3 = time.perf_counter()
        return {
            "entries": catalogue.count(),
            "load_validate_s": round(t1 - t0, 2),
            "package_s": round(t2 - t1, 2),
            "total_s": round(t2 - t0, 2),
            "peak_rss_mb": round(peak / 1024, 1),
            "downloads_s": round(t3 - t2, 2),
            "downloads_mb": round(sum(d.bytes for d in downloads) / 1e6, 1),
        }


def _in_child(module: str, function: str, *args: int | str) -> dict | None:
    """Run one measurement in a fresh process, so its peak memory is its own."""
    call = f"{function}({', '.join(map(repr, args))})"
    code = f"import json; from smartregio_dev.{module} import {function}; print(json.dumps({call}))"
    source_root = str(Path(__file__).resolve().parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [source_root, os.environ.get("PYTHONPATH")])),
    }
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env)
    if out.returncode:
        print(out.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_site_sizes(sizes: list[int], engine: str | None = None) -> int:
    print(
        f"\nGanze Website mit {engine or 'der Standard-Engine'} (Build, CPU-Zeit, Spitze RSS inkl. Pagefind, "
        "Größe; Browser-Downloads in KB gzip):"
    )
    for n in sizes:
        r = _in_child("bench_site", "run_site", n, *([engine] if engine else []))
        if r is None:
            return 1
        print("  " + ", ".join(f"{k}={v}" for k, v in r.items()))
    return 0


def measure_hostile() -> dict[str, float]:
    """Seconds for inputs that must stay cheap: an alias bomb, look-alikes among 10,000 names."""
    from smartregio.duplicates import Item, _collection_duplicates, normalise_name
    from smartregio.frontmatter import FrontMatterError, parse

    levels = [f"a: &a [{', '.join(['x'] * 9)}]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    bomb = ("---\nid: bombe\n" + "\n".join(levels) + "\n---\n").encode()
    t0 = time.perf_counter()
    with contextlib.suppress(FrontMatterError):
        parse("bombe.md", bomb)
    t1 = time.perf_counter()
    words = ["Stadt", "Dorf", "App", "Portal", "Daten", "Mobil", "Klima", "Park", "Bürger", "Karte"]
    items = []
    for i in range(10_000):
        name = " ".join(words[(i * k) % len(words)] for k in (1, 3, 7)) + f" Lösung {i}"
        items.append(Item(f"data/solutions/l-{i:05d}.md", 3, name, normalise_name(name)))
    t2 = time.perf_counter()
    _collection_duplicates("solutions", items)
    t3 = time.perf_counter()
    return {"alias_bomb_s": round(t1 - t0, 3), "lookalikes_10k_s": round(t3 - t2, 2)}


def run_shipped(engine: str | None = None) -> int:
    print(
        f"\nAusgelieferte Daten mit allen amtlichen Orten, {engine or 'Standard-Engine'} "
        "(Build, CPU-Zeit, Spitze RSS, Seiten; KB gzip):"
    )
    r = _in_child("bench_site", "run_shipped", *([engine] if engine else []))
    if r is None:
        return 1
    print("  " + ", ".join(f"{k}={v}" for k, v in r.items()))
    return 0


def run(sizes: list[int], site: bool = False, shipped: bool = False, engine: str | None = None) -> int:
    """With ``shipped``: the shipped data first, then the synthetic sizes (none: only shipped).
    ``engine`` renders the site runs (``--site``, ``--shipped``; None: the default engine)."""
    if shipped and (code := run_shipped(engine)):
        return code
    if shipped and not sizes:
        return 0
    print(
        f"{'N':>7} {'laden+prüfen s':>15} {'paketieren s':>13} {'gesamt s':>9} {'Spitze RSS MB':>14}"
        f" {'Downloads s':>12} {'Downloads MB':>13}"
    )
    for n in sizes:
        r = _in_child("bench", "measure", n)
        if r is None:
            return 1
        print(
            f"{r['entries']:>7} {r['load_validate_s']:>15} {r['package_s']:>13} "
            f"{r['total_s']:>9} {r['peak_rss_mb']:>14} {r['downloads_s']:>12} {r['downloads_mb']:>13}"
        )
    hostile = measure_hostile()
    print(
        f"\nFeindliche Eingaben: YAML-Aliasbombe abgewiesen in {hostile['alias_bomb_s']} s, "
        f"Ähnlichkeitsprüfung von 10.000 Namen in {hostile['lookalikes_10k_s']} s (Ziel je < 5 s)."
    )
    return run_site_sizes(sizes, engine) if site else 0
