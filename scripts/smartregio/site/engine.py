"""The engine: the only module that knows MkDocs. It renders generated Markdown to HTML.

Replacing the engine (ProperDocs, Zensical) means replacing this one function; the pages,
front matter and template overrides it reads are engine-neutral.
"""

from __future__ import annotations

import gzip
import logging
import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path
from xml.etree import ElementTree as ET


class EngineError(Exception):
    """The engine refused the generated pages (a bug in the generator or a hand-written page)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


SHARD_FROM = 1500  # pages; below this one engine run is faster than two


def render(config_file: Path, docs_dir: Path, site_dir: Path, shard_sections: tuple[str, ...] = ()) -> None:
    """Build ``docs_dir`` into ``site_dir``, strictly.

    With ``shard_sections`` (folders whose ``<section>/<key>/index.md`` pages are outside the
    navigation) and enough pages, two engine runs share those pages between the machine's
    cores; each run gets every other page, so each page renders exactly as in one run.
    """
    shards = _shards(docs_dir, shard_sections)
    if shards is None:
        _render_once(config_file, docs_dir, site_dir)
    else:
        _render_sharded(config_file, docs_dir, site_dir, shards)
    normalise_sitemap(site_dir)


def _shards(docs_dir: Path, sections: tuple[str, ...]) -> list[list[Path]] | None:
    if not sections or (os.cpu_count() or 1) < 2:
        return None
    pages = sorted(p.parent for s in sections for p in (docs_dir / s).glob("*/index.md"))
    if len(pages) < SHARD_FROM:
        return None
    return [pages[0::2], pages[1::2]]


def _render_sharded(config_file: Path, docs_dir: Path, site_dir: Path, shards: list[list[Path]]) -> None:
    sharded = {folder for shard in shards for folder in shard}
    with tempfile.TemporaryDirectory(prefix="shards-", dir=site_dir.parent) as tmp:
        work = Path(tmp)
        for number, shard in enumerate(shards):
            mine = set(shard)
            target = work / f"docs-{number}"
            for path in docs_dir.rglob("*"):
                if path.is_dir() or (path.parent in sharded and path.parent not in mine):
                    continue
                (target / path.relative_to(docs_dir)).parent.mkdir(parents=True, exist_ok=True)
                os.link(path, target / path.relative_to(docs_dir))
        context = multiprocessing.get_context("fork")
        errors = context.SimpleQueue()
        runs = [
            context.Process(
                target=_render_child, args=(config_file, work / f"docs-{n}", work / f"site-{n}", errors)
            )
            for n in range(len(shards))
        ]
        for run in runs:
            run.start()
        for run in runs:
            run.join()
        if not errors.empty() or any(run.exitcode for run in runs):
            raise EngineError(errors.get() if not errors.empty() else "Ein Engine-Lauf ist abgebrochen.")
        site_dir.mkdir(parents=True, exist_ok=True)
        shutil.copytree(work / "site-0", site_dir, dirs_exist_ok=True)
        for folder in shards[1]:
            rel = folder.relative_to(docs_dir)
            shutil.copytree(work / "site-1" / rel, site_dir / rel, dirs_exist_ok=True)
        normalise_sitemap(site_dir, (work / "site-1" / "sitemap.xml",))


def _render_child(config_file: Path, docs_dir: Path, site_dir: Path, errors) -> None:
    try:
        _render_once(config_file, docs_dir, site_dir)
    except EngineError as exc:
        errors.put(str(exc))
        raise SystemExit(1) from None


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def normalise_sitemap(site_dir: Path, others: tuple[Path, ...] = ()) -> None:
    """Every page of the site (and of ``others``' sitemaps) in ``sitemap.xml``, sorted, and a
    gzip copy with fixed bytes, so one run and a sharded run give the same files."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    ns = SITEMAP_NS
    ET.register_namespace("", ns)
    entries = {}
    for path in (sitemap, *others):
        for url in ET.parse(path).getroot().findall(f"{{{ns}}}url"):
            entries[url.findtext(f"{{{ns}}}loc")] = url
    urls = ET.Element(f"{{{ns}}}urlset")
    for loc in sorted(entries):
        urls.append(entries[loc])
    ET.indent(urls)
    data = ET.tostring(urls, encoding="utf-8", xml_declaration=True) + b"\n"
    sitemap.write_bytes(data)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))


def _render_once(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """One strict engine run."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        build(config)
    except MkDocsException as exc:
        raise EngineError("\n".join([*handler.messages, str(exc)])) from None
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
