"""Run Pagefind on the built site and make its output reproducible.

Pagefind reads a copy of the pages in which German compounds are written in their parts
(see :mod:`compounds`) and code blocks are left out: a reader searches prose, not the YAML
of an example entry. The pages the reader gets stay as they are.

Pagefind writes each filter's values in hash-map order, which differs from run to run, and
names files by their content. We re-encode the filter files with values in sorted order,
rename them by their new content, and rewrite the metadata that points at them, so the
same site always gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import cbor2

from ..addresses import API, API_ADDRESSES
from .compounds import Dictionary

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


# markup Pagefind never shows, a code block, a tag, or the text between tags
_HTML_PART = re.compile(
    r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->)|(<pre\b.*?</pre\s*>)|(<[^>]*>)|([^<]+)",
    re.DOTALL | re.IGNORECASE,
)


def index_copy(html: str, dictionary: Dictionary, names: frozenset[str] = frozenset()) -> str | None:
    """The page as Pagefind should read it: compounds marked (but not the proper ``names``),
    code blocks left out. Filter values stay as they are: the catalogue filters by them. None
    for a page without ``data-pagefind-body``, which Pagefind skips (a catalogue listing);
    everything before the body (head, header, navigation) stays as it is, unread."""
    body = html.find("data-pagefind-body")
    if body < 0:
        return None
    start = html.rfind("<", 0, body)
    tag = ""

    def part(match: re.Match[str]) -> str:
        nonlocal tag
        if match.group(2) is not None:
            return ""
        if match.group(3) is not None:
            tag = match.group(3)
        if match.group(4) is not None and "data-pagefind-filter" not in tag:
            return dictionary.mark(match.group(4), names)
        return match.group(0)

    return html[:start] + _HTML_PART.sub(part, html[start:])


def index_site(site: Path, dictionary: Dictionary, names: frozenset[str] = frozenset()) -> None:
    """Index the built site (German from <html lang>) into ``site/pagefind``, compounds split
    by ``dictionary``; ``names`` are proper names whose parts are no search terms (see
    :meth:`compounds.Dictionary.proper_names`)."""
    with tempfile.TemporaryDirectory(prefix="smartregio-index-") as temporary:
        copy = Path(temporary)
        for page in site.rglob("*.html"):
            text = index_copy(page.read_text(encoding="utf-8"), dictionary, names)
            if text is None:
                continue
            target = copy / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(copy),
                "--output-path",
                str(site / "pagefind"),
                "--quiet",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode:
        raise PagefindError(f"Pagefind ist fehlgeschlagen:\n{result.stdout}\n{result.stderr}")
    canonicalise(site / "pagefind")
    write_hit_numbers(site)


def write_hit_numbers(site: Path) -> None:
    """For each catalogue, ``pagefind/nummern/<section>.json``: Pagefind's page id of each
    entry → the entry's number in the catalogue's facet index (its ``adressen.json`` order).
    A text hit in a catalogue then finds its card and its place in the chosen order without
    Pagefind's sort index (which every search would download) and without its fragment."""
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    page_ids: dict[str, str] = {}
    for info in entry["languages"].values():
        meta = _read(bundle / f"pagefind.{info['hash']}.pf_meta")
        for page_id, _words in meta[1]:
            raw = gzip.decompress((bundle / "fragment" / f"{page_id}.pf_fragment").read_bytes())
            page_ids[json.loads(raw[len(MAGIC) :])["url"]] = page_id
    out = bundle / "nummern"
    out.mkdir(exist_ok=True)
    for addresses in sorted((site / API).glob(f"*/{API_ADDRESSES}.json")):
        urls = json.loads(addresses.read_text(encoding="utf-8"))
        numbers = {page_ids[u]: n for n, u in enumerate(urls) if u in page_ids}
        (out / f"{addresses.parent.name}.json").write_text(
            json.dumps(dict(sorted(numbers.items())), separators=(",", ":")), encoding="utf-8"
        )
