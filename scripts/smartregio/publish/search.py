"""Run Pagefind on the built site and make its output reproducible.

Pagefind writes each filter's values in hash-map order, which differs from run to run, and
names files by their content. We re-encode the filter files with values in sorted order,
rename them by their new content, and rewrite the metadata that points at them, so the
same site always gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import cbor2

MAGIC = b"pagefind_dcd"


class PagefindError(Exception):
    pass


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise PagefindError(f"unerwartetes Pagefind-Format: {path.name}")
    return cbor2.loads(raw[len(MAGIC) :])


def _write(folder: Path, prefix: str, suffix: str, value, digits: int) -> str:
    """Write ``value`` as a Pagefind file named by its content; returns the hash part of the name."""
    payload = MAGIC + cbor2.dumps(value)
    name = f"{prefix}{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    return name


def canonicalise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, file_hash in meta[3]:
            path = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = _read(path)
            values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])
            path.unlink()
            filters.append(
                [name, _write(bundle / "filter", f"{language}_", ".pf_filter", [filter_name, values], 7)]
            )
        meta[3] = sorted(filters)
        meta[4] = sorted(meta[4], key=lambda item: item[0])
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}_", ".pf_meta", meta, 10).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def index_site(site: Path) -> None:
    """Index the built site (German from <html lang>) into ``site/pagefind``."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise PagefindError(f"Pagefind ist fehlgeschlagen:\n{result.stdout}\n{result.stderr}")
    canonicalise(site / "pagefind")
