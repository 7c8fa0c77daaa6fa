"""MkDocs 1.6 with Material for MkDocs: generated Markdown to HTML.

The pages, front matter and template overrides it reads are engine-neutral; ``zensical.py``
beside this module renders the same folder with Zensical. ProperDocs, the continuation of
MkDocs 1.x under its own import name, runs exactly this code with ``package="properdocs"``
(``properdocs.py``): the same configuration, theme, shards and checks.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from multiprocessing import connection
from pathlib import Path
from xml.etree import ElementTree as ET

import jinja2
import jinja2.bccache

from .. import processes
from ..outputs import working_prefix
from . import BuiltinEngine, frames
from .errors import EngineError
from .selection import link_or_copy, selected_docs


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


SHARD_FROM = 500  # entry pages; below this one engine run is as fast as several (measured)
#: entry pages per engine run at most: MkDocs holds every page it renders until its run ends
#: (~50 KB each), so at national size the pages go to more runs than cores, a core's worth
#: at a time (two runs of 11,000 pages: 560 MB each; five of 4,500: ~250 MB)
PAGES_PER_RUN = 5000


def render(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    shard_sections: tuple[str, ...] = (),
    site_url: str | None = None,
    build_date: int | None = None,
    package: str = "mkdocs",
) -> None:
    """Build ``docs_dir`` into ``site_dir``, strictly, with the engine of the import package
    ``package`` (``mkdocs``, or ``properdocs``, which keeps MkDocs 1.6's interface);
    ``site_url`` replaces the configured one (a version's copy lives under its own address,
    which its 404 page and sitemap need);
    ``build_date`` (seconds since 1970, UTC) is the date MkDocs gives every page and the
    sitemap, instead of the clock's.

    With ``shard_sections`` (folders whose ``<section>/<key>/index.md`` pages are outside the
    navigation) and enough pages, one engine run per core shares those pages: each run reads
    the same docs folder and leaves out the other runs' pages (``exclude_docs``), so each
    page renders exactly as in one run.
    """
    if FRAMES and shard_sections:
        done = _render_framed(config_file, docs_dir, site_dir, shard_sections, site_url, build_date, package)
        if done:
            return
        if done is False:  # a shape whose frame does not give the engine's bytes: all by the engine
            shutil.rmtree(site_dir)
            site_dir.mkdir()
    shards = _shards(docs_dir, shard_sections)
    if shards is None:
        _render_once(config_file, docs_dir, site_dir, None, site_url, build_date, package)
    else:
        _render_sharded(config_file, docs_dir, site_dir, shards, site_url, build_date, package)
    normalise_sitemap(site_dir)


#: the section pages of one shape come from the engine's rendering of that shape (``frames``)
FRAMES = True
#: filled pages per worker process at least; fewer are filled in the calling process
FILL_PER_WORKER = 2000


def _render_framed(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    sections: tuple[str, ...],
    site_url: str | None,
    build_date: int | None,
    package: str,
) -> bool | None:
    """One engine run for the navigation's pages, the section pages that are not framed and
    two probe pages of each shape; then every framed page filled into its shape's frame
    (``frames``). None when there is nothing to frame (or too much the engine must render
    itself), False (the site half made) when a shape's frame does not give the engine's bytes."""
    pages = frames.section_pages(docs_dir, sections)
    if not pages:
        return None
    with _Fillers(docs_dir, site_dir, pages) as fillers:
        plan = fillers.plan()
        if not plan.framed or len(plan.unframed) >= SHARD_FROM:
            return None
        probes = frames.probes(docs_dir, plan.shapes)
        # the probes are written into the run's own folder, never into the docs folder
        with selected_docs(docs_dir, sections, plan.unframed) as selected:
            for probe in probes:
                for variant, path in enumerate(probe.docs_paths()):
                    (selected / path).parent.mkdir()
                    (selected / path).write_text(probe.text(variant), encoding="utf-8")
            _render_once(config_file, selected, site_dir, None, site_url, build_date, package)
        made = {
            shape: frames.frame_of(probe, site_dir) for probe, shape in zip(probes, plan.shapes, strict=True)
        }
        if any(frame is None for frame in made.values()):
            return False
        entries = [
            entry
            for probe, folders in zip(probes, plan.shapes.values(), strict=True)
            for entry in frames.sitemap_entries(site_dir, probe, folders, SITEMAP_NS)
        ]
        fillers.fill(made)  # type: ignore[arg-type]
    probed = {f"/{probe.section}/{folder}/" for probe in probes for folder in probe.folders}
    for folder in probed:
        shutil.rmtree(site_dir / folder.strip("/"))
    normalise_sitemap(site_dir, extra=entries, drop=lambda loc: any(loc.endswith(f) for f in probed))
    return True


#: the section pages of one shape come from the engine's rendering of that shape (``frames``)
FRAMES = True
#: section pages per worker process at least; fewer are read and filled in the calling process
FILL_PER_WORKER = 2000


class _Fillers:
    """The section pages' shares (``frames.Share``), one per core in a worker process when
    there are enough pages, else one in this process: each reads its pages, says their shapes,
    and fills them when the frames come. Leaving the block stops the workers."""

    def __init__(self, docs_dir: Path, site_dir: Path, pages: list[str]) -> None:
        self.site_dir = site_dir
        workers = min(_cores(), len(pages) // FILL_PER_WORKER)
        self.local = frames.Share(docs_dir, pages) if workers < 2 else None
        self.runs: list[tuple] = []
        if self.local is None:
            context = processes.context()
            for n in range(workers):
                mine, theirs = context.Pipe()
                run = context.Process(target=_filler, args=(theirs, docs_dir, site_dir, pages[n::workers]))
                processes.start(run)
                theirs.close()
                self.runs.append((run, mine))

    def __enter__(self) -> _Fillers:
        return self

    def __exit__(self, *exc: object) -> None:
        for _, conn in self.runs:
            conn.close()  # a worker still waiting for frames ends
        for run, _ in self.runs:
            run.join(timeout=30)
            if run.is_alive():
                run.terminate()
                run.join()

    def plan(self) -> frames.Plan:
        if self.local is not None:
            return self.local.plan()
        plan = frames.Plan()
        for _, conn in self.runs:
            plan.add(self._answer(conn))
        for folders in plan.shapes.values():
            folders.sort()
        plan.unframed.sort()
        return plan

    def fill(self, made: dict[tuple[str, str], frames.Frame]) -> None:
        if self.local is not None:
            self.local.fill(self.site_dir, made)
            return
        for _, conn in self.runs:
            conn.send(made)
        for _, conn in self.runs:
            self._answer(conn)

    @staticmethod
    def _answer(conn):
        try:
            kind, value = conn.recv()
        except EOFError:
            raise EngineError("Ein Prozess, der Seiten füllt, ist abgebrochen.") from None
        if kind == "error":
            raise EngineError(value)
        return value


def _filler(conn, docs_dir: Path, site_dir: Path, pages: list[str]) -> None:
    """A worker of ``_Fillers``: its share's plan, then, given the frames, its pages."""
    share = frames.Share(docs_dir, pages)
    try:
        conn.send(("plan", share.plan()))
        made = conn.recv()
        share.fill(site_dir, made)
        conn.send(("done", None))
    except (EOFError, BrokenPipeError):  # the caller stopped waiting (it renders otherwise)
        return
    except (OSError, ValueError, KeyError) as exc:
        with contextlib.suppress(OSError):
            conn.send(("error", f"Seiten füllen: {type(exc).__name__}: {exc}"))


@dataclass
class Shard:
    exclude_docs: str  # gitignore-style patterns for MkDocs' exclude_docs (mkdocs.yml sets none)
    folders: list[Path]  # the page folders this run renders


MAX_RUNS = 8
# Runs after the first take page folders by the last character of their name, and only these
# characters, which need no escaping in a pattern's character class; the first run takes the
# rest.
_PLAIN = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


def _cores() -> int:
    return os.cpu_count() or 1


def _run_count(pages: int, cores: int) -> int:
    """Runs of at most ``PAGES_PER_RUN`` pages, in whole waves of ``cores`` runs: a last wave
    of one run would leave the other cores idle while it renders (three runs on two cores take
    three runs' time, four smaller ones two and a bit)."""
    needed = max(-(-pages // PAGES_PER_RUN), 1)
    return min(-(-needed // cores) * cores, MAX_RUNS)


def _shards(docs_dir: Path, sections: tuple[str, ...]) -> list[Shard] | None:
    if not sections or _cores() < 2:
        return None
    pages = sorted(p.parent for s in sections for p in (docs_dir / s).glob("*/index.md"))
    if len(pages) < SHARD_FROM:
        return None
    runs = _run_count(len(pages), _cores())
    by_last: dict[str, list[Path]] = {}
    for folder in pages:
        by_last.setdefault(folder.name[-1], []).append(folder)
    # balance: the largest groups first, each to the least loaded run that may take it
    chars: list[set[str]] = [set() for _ in range(runs)]
    load = [0] * runs
    for char, folders in sorted(by_last.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        run = min(range(runs) if char in _PLAIN else [0], key=lambda r: (load[r], r))
        load[run] += len(folders)
        chars[run].add(char)
    others = [c for c in chars[1:] if c]
    if not others:
        return None
    taken = "".join(sorted(set().union(*others)))
    shards = [
        Shard(
            "\n".join(f"/{s}/*[{taken}]/index.md" for s in sections),
            [f for f in pages if f.name[-1] not in taken],
        )
    ]
    for own in others:
        mine = "".join(sorted(own))
        exclude = [line for s in sections for line in (f"/{s}/*/index.md", f"!/{s}/*[{mine}]/index.md")]
        shards.append(Shard("\n".join(exclude), [f for f in pages if f.name[-1] in own]))
    return shards


def _render_sharded(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    shards: list[Shard],
    site_url: str | None = None,
    build_date: int | None = None,
    package: str = "mkdocs",
) -> None:
    with tempfile.TemporaryDirectory(prefix=working_prefix("shards"), dir=site_dir.parent) as tmp:
        work = Path(tmp)
        context = processes.context()
        errors = context.SimpleQueue()
        runs = [
            context.Process(
                target=_render_child,
                args=(config_file, docs_dir, work / f"site-{n}", shard.exclude_docs, errors),
                kwargs={"site_url": site_url, "build_date": build_date, "package": package},
            )
            for n, shard in enumerate(shards)
        ]
        _run_at_most(runs, _cores())
        if not errors.empty() or any(run.exitcode for run in runs):
            raise EngineError(errors.get() if not errors.empty() else "Ein Engine-Lauf ist abgebrochen.")
        # the first run's site becomes the site; the other runs' own pages move into it
        if site_dir.exists():
            site_dir.rmdir()  # an empty staging folder; anything else is a caller's mistake
        (work / "site-0").rename(site_dir)
        for n, shard in enumerate(shards[1:], start=1):
            for folder in shard.folders:
                rel = folder.relative_to(docs_dir)
                (work / f"site-{n}" / rel).rename(site_dir / rel)
        normalise_sitemap(site_dir, tuple(work / f"site-{n}" / "sitemap.xml" for n in range(1, len(shards))))


def _run_at_most(runs: list, at_once: int) -> None:
    """Start the processes ``runs``, never more than ``at_once`` running, and wait for all."""
    waiting = list(runs)
    running: list = []
    while waiting or running:
        while waiting and len(running) < at_once:
            processes.start(waiting[0])
            running.append(waiting.pop(0))
        connection.wait([run.sentinel for run in running])
        for run in [run for run in running if not run.is_alive()]:
            run.join()
            running.remove(run)


def _render_child(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    exclude_docs: str,
    errors,
    site_url: str | None = None,
    build_date: int | None = None,
    package: str = "mkdocs",
) -> None:
    try:
        _render_once(config_file, docs_dir, site_dir, exclude_docs, site_url, build_date, package)
    except EngineError as exc:
        errors.put(str(exc))
        raise SystemExit(1) from None


def render_pages(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    shard_sections: tuple[str, ...],
    pages: frozenset[str],
    previous: Path,
    site_url: str | None = None,
    build_date: int | None = None,
    package: str = "mkdocs",
) -> int:
    """Render like :func:`render`, but of the pages in ``shard_sections`` only ``pages``
    (paths in ``docs_dir``, ``<section>/<key>/index.md``); every other page of those sections
    is taken from ``previous``, the site rendered from the same files of ``docs_dir`` with the
    same configuration, theme and build date. Such a page is outside the navigation, so its
    HTML depends on nothing but its own file and those (the same reason shards may split them).
    Returns how many pages were taken over."""
    with selected_docs(docs_dir, shard_sections, pages) as selected:
        _render_once(config_file, selected, site_dir, None, site_url, build_date, package)
    kept = 0
    folders: set[str] = set()
    for section in shard_sections:
        for source in sorted((docs_dir / section).glob("*/index.md")):
            rel = source.relative_to(docs_dir).as_posix()
            if rel in pages:
                continue
            folder = rel[: -len("index.md")]
            target = site_dir / folder / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(previous / folder / "index.html", target)
            folders.add(folder)
            kept += 1
    # the kept pages' entries from the previous sitemap: the last two parts of their address
    normalise_sitemap(site_dir, (previous / "sitemap.xml",), keep=lambda loc: _folder_of(loc) in folders)
    return kept


def _folder_of(location: str) -> str:
    """``section/key/`` of a page address ``…/section/key/``."""
    return "/".join(location.rstrip("/").split("/")[-2:]) + "/"


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def normalise_sitemap(
    site_dir: Path, others: tuple[Path, ...] = (), keep=None, extra: Iterable[ET.Element] = (), drop=None
) -> None:
    """Every page of the site (and of ``others``' sitemaps, those whose address ``keep`` accepts,
    and the entries ``extra``; none whose address ``drop`` names) in ``sitemap.xml``, sorted,
    and a gzip copy with fixed bytes, so one run and a sharded run give the same files."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    ns = SITEMAP_NS
    entries = {}
    for path in (sitemap, *others):
        for url in ET.parse(path).getroot().findall(f"{{{ns}}}url"):
            loc = url.findtext(f"{{{ns}}}loc")
            if path is sitemap or keep is None or keep(loc):
                entries[loc] = url
    for url in extra:
        entries[url.findtext(f"{{{ns}}}loc")] = url
    if drop is not None:
        entries = {loc: url for loc, url in entries.items() if not drop(loc)}
    urls = ET.Element(f"{{{ns}}}urlset")
    for loc in sorted(entries):
        urls.append(entries[loc])
    ET.indent(urls)
    data = ET.tostring(urls, encoding="utf-8", xml_declaration=True, default_namespace=ns) + b"\n"
    sitemap.write_bytes(data)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))


def render_changed(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    site_url: str | None = None,
    build_date: int | None = None,
    package: str = "mkdocs",
    compiled: MutableMapping[str, bytes] | None = None,
) -> None:
    """Render into ``site_dir`` only the pages of ``docs_dir`` whose file is newer than their
    HTML there (MkDocs' „dirty“ build), for the preview's first answer to an edit. A page
    outside the navigation renders as in a full run (its HTML depends on its own file and the
    settings only); the site's other files are left as they are. A warning other than MkDocs'
    note on dirty builds raises :class:`EngineError`, as in a strict run. ``compiled``, kept by
    the caller between runs, holds the templates compiled (see :class:`KeptTemplates`)."""
    _render_once(
        config_file, docs_dir, site_dir, None, site_url, build_date, package, dirty=True, compiled=compiled
    )


class KeptTemplates(jinja2.BytecodeCache):
    """The theme's and the overrides' templates compiled once for a process that runs the
    engine again and again (the preview's quick pass): MkDocs makes a new template environment
    for every run, which parsed and compiled Material's templates anew each time (a quarter of
    a second of every answer). The compiled code stays in the caller's mapping, in memory only;
    Jinja compares each template's source checksum, so an edited template compiles again."""

    def __init__(self, store: MutableMapping[str, bytes]) -> None:
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class _UseKeptTemplates:
    """A plugin of one engine run (its ``on_env`` event) that gives the run's template
    environment the kept templates."""

    def __init__(self, store: MutableMapping[str, bytes]) -> None:
        self.cache = KeptTemplates(store)

    def on_env(self, env: jinja2.Environment, config: object, files: object) -> jinja2.Environment:
        env.bytecode_cache = self.cache
        return env


# what MkDocs (and ProperDocs) log at the start of every dirty build
DIRTY_NOTICE = "A 'dirty' build is being performed"


def _render_once(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    exclude_docs: str | None = None,
    site_url: str | None = None,
    build_date: int | None = None,
    package: str = "mkdocs",
    dirty: bool = False,
    compiled: MutableMapping[str, bytes] | None = None,
) -> None:
    """One strict engine run (leaving out the pages ``exclude_docs`` names); ``dirty``: of
    the pages only those newer than their HTML, with every warning but the dirty note an error."""
    logger = logging.getLogger(package)
    handler = _Collect()
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        with _build_environment(build_date):
            build, load_config, refused = _interface(package)
            options = {"exclude_docs": exclude_docs} if exclude_docs else {}
            if site_url:
                options["site_url"] = site_url
            try:
                config = load_config(
                    str(config_file),
                    docs_dir=str(docs_dir),
                    site_dir=str(site_dir),
                    strict=not dirty,
                    **options,
                )
                if compiled is not None:
                    config.plugins["smartregio-kept-templates"] = _UseKeptTemplates(compiled)
                build(config, dirty=dirty)
            except refused as exc:
                raise EngineError("\n".join([*handler.messages, str(exc)])) from None
            warned = [m for m in handler.messages if not m.startswith(DIRTY_NOTICE)]
            if dirty and warned:  # strict mode counts the dirty note too: checked here instead
                raise EngineError("\n".join(warned))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def _interface(package: str) -> tuple:
    """``build``, ``load_config`` and the exception of a refused build, from MkDocs or from
    ProperDocs, which keeps MkDocs 1.6's interface under its own name."""
    if package == "properdocs":
        from properdocs.commands.build import build
        from properdocs.config import load_config
        from properdocs.exceptions import ProperDocsException as refused
    else:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException as refused
    return build, load_config, refused


@contextlib.contextmanager
def _build_environment(build_date: int | None) -> Iterator[None]:
    """The build date where MkDocs reads it (``SOURCE_DATE_EPOCH``), for this run only: after
    it the process environment is as before, including what MkDocs and its theme set there
    when they are first imported (Material's ``NO_MKDOCS_2_WARNING``)."""
    before = dict(os.environ)
    if build_date is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(build_date)
    try:
        yield
    finally:
        for name in set(os.environ) - set(before):
            del os.environ[name]
        for name, value in before.items():
            if os.environ.get(name) != value:
                os.environ[name] = value


def build_plain(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """A plain ``mkdocs build`` (the benchmark's baseline for the same engine and theme)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir)))


#: registered as the entry point ``mkdocs`` of ``smartregio.engines`` (pyproject.toml)
ENGINE = BuiltinEngine("mkdocs", "MkDocs", __name__, incremental=True)
