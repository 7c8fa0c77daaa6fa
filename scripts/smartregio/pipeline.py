"""``smartregio build``, the pipeline: load → validate → link → package → pages → engine → publish → swap.

Everything is written into staging folders beside the targets and swapped in with renames
at the end, so a failure at any step leaves the previous site untouched. The same input
gives byte-identical output: timestamps come from the data, every listing is sorted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import signal
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any, TypeVar

from . import buildgraph, processes
from .addresses import SECTIONS
from .buildcache import Inputs, SiteRecord, SnapshotCache, docs_digest, prune_site_records, site_state
from .buildgraph import Stage
from .catalogue import Catalogue
from .engine import DEFAULT, EngineError, renderer
from .engine import engine as engine_named
from .heap import few_full_collections
from .inputs import InputError, InputTree
from .limits import FIXED_DATE
from .load import load_catalogue
from .outputs import OutputError, claim, mark, refuse_links, remove_stale
from .package.read import read_package
from .package.store import RELEASES, Download, StoredRelease, StoreError, stored_releases
from .package.write import DetachedRemoval, Removal, move_into, replace_dir, staging_dir
from .pages import placepage as place_pages
from .pages.datapage import Publication
from .pages.generate import Generator
from .pages.legal import missing_warning
from .pages.memo import PageMemo
from .pages.views import Views
from .problems import Problems
from .progress import QUIET, Progress
from .project import Project
from .publish.api import write_api, write_catalogue_indexes
from .publish.compounds import Dictionary
from .publish.dcat import Publisher, build_graph, write_dcat
from .publish.dcat import Release as DcatRelease
from .publish.feed import write_feed
from .publish.finder import write_finder_index
from .publish.formats import describe
from .publish.releases import compile_downloads
from .publish.search import PagefindError, html_files, index_site
from .publish.searchcache import PartCache
from .schema import write_site_schemas
from .settings import PROVISIONAL_NOTE, is_placeholder
from .text import format_date, format_number, plural

DESCRIPTOR = "datapackage.json"
CHANGELOG = "CHANGELOG.md"


@dataclass(frozen=True)
class Built:
    """What a build did: the summary of the catalogue it published, and whether the site was
    already what the inputs make (nothing was done)."""

    summary: str
    unchanged: bool = False


class BuildError(Exception):
    """A build that stopped, with a German sentence; ``problems`` where the input is at fault,
    ``detail`` the traceback of a failed step (``-v`` shows it)."""

    def __init__(self, message: str, problems: Problems | None = None, detail: str | None = None) -> None:
        super().__init__(message)
        self.problems = problems
        self.detail = detail


def source_date(catalogue: Catalogue) -> int:
    """A build timestamp taken from the data (the newest review), never from the clock."""
    dates = [e.last_reviewed for items in catalogue.entries.values() for e in items.values()]
    newest = max(dates) if dates else FIXED_DATE
    return int(datetime.combine(newest, time(12), tzinfo=UTC).timestamp())


def claim_output(site_dir: Path, project: Project, data_dir: Path) -> Path:
    """The site folder and the work folder, checked before any work: smartregio replaces only
    folders it owns (see ``outputs.py``), and writes its cache into real folders of the project
    only; the resolved site folder."""
    try:
        cache = project.cache
        searched = cache / PartCache.FOLDER  # one folder per site (``_search``)
        per_site = sorted(searched.iterdir()) if searched.is_dir() and not searched.is_symlink() else []
        kept = [cache / "versionen", cache / PageMemo.FOLDER, cache / SiteRecord.FOLDER]
        refuse_links([project.root / "build", cache, searched, *per_site, *kept], project.root)
        work = project.docs.parent
        if work != project.root / "build":
            claim(work, project.root, data_dir)
        return claim(site_dir, project.root, data_dir, owned=[project.root / "site"])
    except OutputError as exc:
        raise BuildError(str(exc)) from None


def generate_docs(
    catalogue: Catalogue,
    project: Project,
    publication: Publication | None = None,
    changelog: str | None = None,
    removal: Removal | None = None,
    views: Views | None = None,
    memo: PageMemo | None = None,
    places: SharedPlaces | None = None,
) -> Path:
    """Write the engine's input folder afresh (staged, then swapped in; the old one removed by
    ``removal`` in the background, if given). With ``memo`` the entry and place pages made of
    the same inputs as in the last generation are taken from it, and the memo is kept for the
    next; with ``places`` the second process writes a share of the place pages."""
    project.docs.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(project.docs.parent)
    if project.docs.parent != project.root / "build":
        mark(project.docs.parent)  # a work folder named on the command line is ours from now on
    staging = staging_dir(project.docs.parent, ".docs-") / "docs"
    try:
        generator = Generator.for_project(
            project, catalogue, publication=publication, changelog=changelog, views=views, memo=memo
        )
        generator.write(project.content, staging, places)
        replace_dir(staging, project.docs, removal)
        if memo is not None:
            memo.save()
    except BaseException:
        if places is not None:
            places.abandon()  # the second process writes into the staging folder no more
        raise
    finally:
        shutil.rmtree(staging.parent, ignore_errors=True)
    return project.docs


def _side_outputs(
    views: Views, data_dir: Path, latest: Path, api_site: Path, conn, places: tuple | None
) -> None:
    """Downloads, then a share of the place pages (``SharedPlaces``), then the JSON API: run in
    a second process while this one generates and renders the other pages (the machine has two
    cores; all of it is pure Python). The entries' views are the build's own, computed before
    the process started."""
    catalogue = views.catalogue
    step = "Downloads und API"  # what failed, as the parent's message names it
    try:
        conn.send(("downloads", compile_downloads(catalogue, data_dir, latest)))
        if places is not None:
            step = "Die Seiten der Orte"
            _write_place_share(views, conn, *places)
            step = "Downloads und API"
        write_api(catalogue, views, api_site)
        write_catalogue_indexes(catalogue, views, api_site)
        conn.send(("done", None))
    except BaseException as exc:  # reported by the parent as a build error, with the traceback
        conn.send(("error", (step, f"{type(exc).__name__}: {exc}", traceback.format_exc())))
    finally:
        conn.close()


def _write_place_share(views: Views, conn, project: Project, orders, orders_end, claims) -> None:
    """The second process's part of the place pages: told where they go (or that the build
    makes them itself), it takes chunks until none is left, then reports how many it wrote and
    the memo's records of them."""
    orders_end.close()  # this process's copy of the parent's end: the parent's exit is an end
    try:
        order = orders.recv()
    except EOFError:
        order = None
    finally:
        orders.close()
    if order is None:
        return
    docs, spec = order
    memo = PageMemo.of_spec(spec) if spec is not None else None
    generator = Generator.for_project(project, views.catalogue, views=views, memo=memo)
    keys = generator.place_keys()
    count = 0
    for chunk in _claimed(claims, keys):
        count += generator.write_pages(generator.place_drafts(chunk), docs)
    views.forget_surroundings()
    # one message when all are written: the parent reads it only once its own part is done
    records, taken = memo.hand_over() if memo is not None else ({}, 0)
    conn.send(("places", (count, records, taken)))


# place pages per claim: small enough that the two processes end close together, large enough
# that the messages cost nothing
PLACE_CHUNK = 250


def _claimed(claims, keys: list[str]):
    """Chunks of ``keys`` as this process claims them from the counter it shares with the
    other (each chunk goes to exactly one of them)."""
    while True:
        with claims.get_lock():
            n = claims.value
            if n * PLACE_CHUNK >= len(keys):
                return
            claims.value = n + 1
        yield keys[n * PLACE_CHUNK : (n + 1) * PLACE_CHUNK]


def publish_releases(data_dir: Path, target: Path) -> list[StoredRelease]:
    """Copy every recorded release to ``daten/<version>/``: exactly the files its manifest
    lists, each verified by its checksum (see ``package/store.py``)."""
    try:
        releases = stored_releases(data_dir)
    except StoreError as exc:
        raise BuildError(
            f"Die gespeicherten Versionen sind ungültig ({', '.join(exc.versions) or RELEASES}); "
            "veröffentlichte Versionen dürfen sich nicht ändern.",
            exc.problems,
        ) from None
    for release in releases:
        try:
            release.publish(target / release.version)
        except InputError as exc:  # changed since it was checked
            raise BuildError(f"Version {release.version}: {exc.message}") from None
    return releases


def build_site(
    data_dir: Path,
    site_dir: Path,
    project: Project,
    progress: Progress | None = None,
    engine: str = DEFAULT,
    use_cache: bool = True,
) -> Built:
    """The whole build, stage by stage (``BUILD``, run by ``buildgraph``); each stage reports as
    it ends (see ``progress``).

    load → validate → link → package → pages → engine → publish (downloads, API, DCAT,
    feed, search index, versions) → swap. Downloads and the API run in a second process
    while pages are generated and rendered; everything goes to staging folders that are
    swapped in at the very end. Without ``progress`` the build reports nothing.

    When every input (data, project files, code, installed packages) has the key of the last
    build into ``site_dir`` and the site is as that build left it, there is nothing to do
    (see ``buildcache``); the stored releases' pages come from the cache when their key is
    kept there. ``use_cache=False`` does all the work and renews the cache."""
    with few_full_collections():  # the catalogue and the views stay to the end: see heap
        return _build_site(data_dir, site_dir, project, progress, engine, use_cache)


def _build_site(
    data_dir: Path, site_dir: Path, project: Project, progress: Progress | None, engine: str, use_cache: bool
) -> Built:
    progress = progress or Progress(QUIET)  # a new one: a progress keeps the timings of its build
    started = datetime.now(UTC).timestamp()
    settings = project.settings.smartregio  # a wrong setting stops the build before any work
    site_dir = claim_output(site_dir, project, data_dir)
    for warning in (missing_warning(settings), project.settings.placeholder_warning()):
        if warning:
            progress.warning(warning)
    with contextlib.ExitStack() as ahead:
        with progress.stage("Mit dem letzten Bau vergleichen"):
            inputs = Inputs.of(project, engine)
            # the key of this build, every data file hashed: in a second process while the last
            # site is looked at and the entries load (two seconds of one core at national size)
            build_key = ahead.enter_context(
                processes.Ahead(inputs.with_data, data_dir, data_dir.parent / CHANGELOG, site_dir)
            )
            # the last build into this site folder, if the folder is still as it left it
            record = SiteRecord.read(project.cache, site_dir) if use_cache else None
            if record is not None and record.state != site_state(site_dir):
                record = None
        if record is not None and record.key == build_key.value():
            progress.done(
                "Nichts zu tun: Daten, Seiten, Vorlagen, Einstellungen und Code wie beim letzten Bau"
            )
            return Built(record.summary, unchanged=True)
        SiteRecord.forget(project.cache, site_dir)  # the site is about to change
        with progress.stage("Laden, prüfen, verknüpfen", unit="Einträge") as stage:
            catalogue, problems = load_catalogue(data_dir)
            problems.extend(project.refused_files())
            stage.count = catalogue.count()
        if problems:
            # the entries, or the project's own pages, templates and forms (symlinks, devices)
            raise BuildError("Die Eingaben sind ungültig; die Website wurde nicht gebaut.", problems)
        assert catalogue.meta is not None
        progress.detail(catalogue.summary())
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(site_dir.parent)
        staging = staging_dir(site_dir.parent, f".{site_dir.name}-")
        scratch = staging_dir(site_dir.parent, ".daten-")
        jobs = Jobs()
        given = {
            "data_dir": data_dir,
            "site_dir": site_dir,
            "project": project,
            "engine": engine,
            "engine_title": engine_named(engine).title,
            "use_cache": use_cache,
            "inputs": inputs,
            "build_key": build_key,
            "record": record,
            "catalogue": catalogue,
            "build_date": source_date(catalogue),  # the engine's date of every page, from the data
            "site_url": project.site_url(),
            "staging": staging,
            "scratch": scratch,
            "progress": progress,
            "jobs": jobs,
        }
        assert set(given) == set(GIVEN)
        try:
            buildgraph.run(BUILD, given, KINDS, progress)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            jobs.stop()  # the second process, the versions' job, removals
            shutil.rmtree(scratch, ignore_errors=True)
        # the records of sites not built for a while (their site folder may be long gone)
        prune_site_records(project.cache, (PartCache.FOLDER, PageMemo.FOLDER, SiteRecord.FOLDER), started)
        progress.done("Fertig")
        return Built(catalogue.summary())


class SideOutputs:
    """The second process that writes the downloads, a share of the place pages and the JSON
    API while this one makes and renders the other pages: started before the graph runs,
    stopped (if still running) after it. Where processes fork it shares the place pages
    (``shares``); a spawned one would have to compute their surroundings again."""

    def __init__(self, process, receiver, orders, claims, scratch: Path) -> None:
        self.process = process
        self.receiver = receiver
        self.orders = orders  # where the place pages go, once: None if it makes none
        self.claims = claims
        self.latest = scratch / "daten" / "latest"
        self.api_site = scratch / "api-site"
        self.kept: dict[str, Any] = {}  # messages that came before the one waited for

    @property
    def pid(self) -> int | None:
        return self.process.pid

    @property
    def shares(self) -> bool:
        return self.claims is not None

    @classmethod
    def start(cls, views: Views, data_dir: Path, scratch: Path, project: Project) -> SideOutputs:
        context = processes.context()
        receiver, sender = context.Pipe(duplex=False)
        latest, api_site = scratch / "daten" / "latest", scratch / "api-site"
        orders = claims = places = None
        if context.get_start_method() == "fork":
            their_orders, orders = context.Pipe(duplex=False)
            claims = context.Value("i", 0)
            places = (project, their_orders, orders, claims)
        process = context.Process(
            target=_side_outputs, args=(views, data_dir, latest, api_site, sender, places)
        )
        processes.start(process)
        sender.close()
        if places is not None:
            their_orders.close()
        return cls(process, receiver, orders, claims, scratch)

    def order(self, pages: tuple | None) -> None:
        """Where the place pages go and the memo (or None: none to make), said once."""
        if self.orders is not None:
            with contextlib.suppress(OSError):  # it has ended: its error comes with its next message
                self.orders.send(pages)
            self.orders.close()
            self.orders = None

    def receive(self, expected: str):
        self.order(None)  # waited for without place pages ordered: it makes none
        if expected in self.kept:
            return self.kept.pop(expected)
        while True:
            status, payload = self._next()
            if status == expected:
                return payload
            self.kept[status] = payload

    def _next(self) -> tuple[str, Any]:
        try:
            status, payload = self.receiver.recv()
        except EOFError:
            raise BuildError(
                "Downloads, API und Seiten der Orte konnten nicht geschrieben werden (Prozess beendet)."
            ) from None
        if status == "error":
            step, summary, trace = payload
            raise BuildError(f"{step} konnten nicht geschrieben werden: {summary}", detail=trace)
        return status, payload

    def stop(self) -> None:
        if self.orders is not None:
            self.orders.close()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.receiver.close()


class SharedPlaces:
    """The place pages shared with the second process (``generate.PlaceShare``): it takes
    chunks when its downloads are written, this process when its other pages are, each the
    next chunk not taken (a counter both share), so both end at about the same time."""

    def __init__(self, side: SideOutputs) -> None:
        self.side = side

    def start(self, docs: Path, memo: PageMemo | None) -> None:
        # a small message: the pipe takes it at once, though the process reads it only later
        self.side.order((docs, memo.spec() if memo is not None else None))

    def mine(self, keys: list[str]) -> Iterator[list[str]]:
        return _claimed(self.side.claims, keys)

    def finish(self, memo: PageMemo | None) -> int:
        count, records, taken = self.side.receive("places")
        if memo is not None:
            memo.add(records, taken)
        return count

    def abandon(self) -> None:
        """Stop the second process (the pages failed here): before the staging folder it
        writes into is removed, so that it cannot make parts of it again."""
        self.side.stop()


def _version_pages(
    releases, project: Project, target: Path, engine: str, build_date: int, kept, conn
) -> None:
    """The stored releases' pages, in a process of their own while the current site is made:
    they need nothing of it (each is built from its own release package)."""
    if hasattr(os, "setpgid"):
        os.setpgid(0, 0)  # its engine runs and Pagefind in a group of its own: stopped together
    try:
        dictionary = Dictionary.load(project.cache)  # written to the cache by the parent already
        build_version_snapshots(
            releases,
            project,
            target,
            dictionary,
            engine_named(engine).render,
            build_date=build_date,
            kept=kept,
        )
        conn.send(("done", None))
    except BuildError as exc:  # a stored release that cannot be shown: said as in one process
        conn.send(("failed", (str(exc), exc.problems, exc.detail)))
    except (EngineError, PagefindError) as exc:
        message = f"Die Seiten der Versionen konnten nicht gerendert werden:\n{exc}"
        conn.send(("failed", (message, None, traceback.format_exc())))
    except BaseException as exc:  # reported by the parent as a build error, with the traceback
        conn.send(("error", (f"{type(exc).__name__}: {exc}", traceback.format_exc())))
    finally:
        conn.close()


class VersionPages:
    """The process that makes the stored releases' pages (``/<version>/``) into a folder of its
    own, started once the releases are checked and joined after the search index, when its
    folder moves into the site: the engine and the search see only the current pages."""

    def __init__(self, process, receiver, folder: Path) -> None:
        self.process = process
        self.receiver = receiver
        self.folder = folder

    @classmethod
    def start(
        cls, releases: list, project: Project, folder: Path, engine: str, build_date: int, kept
    ) -> VersionPages:
        folder.mkdir(parents=True)
        context = processes.context()
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_version_pages, args=(releases, project, folder, engine, build_date, kept, sender)
        )
        processes.start(process)
        sender.close()
        return cls(process, receiver, folder)

    def wait(self) -> None:
        try:
            status, payload = self.receiver.recv()
        except EOFError:
            raise BuildError(
                "Die Seiten der Versionen konnten nicht gebaut werden (Prozess beendet)."
            ) from None
        if status == "failed":
            message, problems, detail = payload
            raise BuildError(message, problems, detail)
        if status != "done":
            summary, trace = payload
            raise BuildError(f"Die Seiten der Versionen konnten nicht gebaut werden: {summary}", detail=trace)
        self.process.join()

    def stop(self) -> None:
        """Stop the job and whatever it started (a failed build waits for nothing of it)."""
        if self.process.is_alive():
            try:
                os.killpg(self.process.pid, signal.SIGTERM)  # the job's own group (POSIX)
            except (AttributeError, OSError):  # no groups here, or not yet its own
                self.process.terminate()
        self.process.join()
        self.receiver.close()


Job = TypeVar("Job", SideOutputs, VersionPages, Removal)


class Jobs:
    """What a build's stages start in the background (the second process for downloads and
    API, the versions' process, the removal of the last generated pages), stopped together when
    the build ends: a failed build waits for none of its processes; removals finish."""

    def __init__(self) -> None:
        self.running: list[SideOutputs | VersionPages | Removal] = []

    def add(self, job: Job) -> Job:
        self.running.append(job)
        return job

    def stop(self) -> None:
        for job in self.running:
            job.stop()


# --- the stages of ``build_site``, in order ---------------------------------------------------


def _views(catalogue: Catalogue, project: Project, scratch: Path) -> dict:
    # the entries near every place (numpy, the longer half of this stage at national size)
    # in a second process while this one computes the entries' views; it leaves them in a
    # file of the build's scratch folder, not in a pipe, so that they exist once in memory
    kept = scratch / "umgebung.pickle"
    beside = processes.Beside.start(_surroundings_into, catalogue, kept)
    try:
        # once for the pages, the data page and the API (the second process inherits them)
        views = Views(catalogue, project.settings.smartregio.edit_url)
        views.compute_entries()
    except BaseException:
        if beside is not None:
            beside.stop()
        raise
    made = None
    if beside is not None:
        try:
            beside.result()
            with kept.open("rb") as handle:
                made = pickle.load(handle)  # written just now by this build's own process
        except (processes.BesideFailed, OSError, pickle.UnpicklingError):
            made = None  # computed here instead, where an error shows whole
        finally:
            kept.unlink(missing_ok=True)
    place_pages.prepare(views, made)  # its peak of memory before the second process exists
    processes.give_back_memory()
    return {"views": views}


def _surroundings_into(catalogue: Catalogue, path: Path) -> None:
    with path.open("xb") as handle:  # a new file: never through a link left there
        pickle.dump(place_pages.surroundings(catalogue), handle, protocol=5)


def _start_side(
    views: Views, data_dir: Path, scratch: Path, project: Project, jobs: Jobs, progress: Progress
) -> dict:
    side = jobs.add(SideOutputs.start(views, data_dir, scratch, project))
    progress.detail(f"Datenpaket, Downloads und API entstehen parallel (Prozess {side.pid}).")
    return {"side": side}


def _stored_versions(
    data_dir: Path,
    scratch: Path,
    project: Project,
    engine: str,
    build_date: int,
    use_cache: bool,
    inputs: Inputs,
    jobs: Jobs,
) -> dict:
    releases = publish_releases(data_dir, scratch / "daten")
    dictionary = Dictionary.load(project.cache)  # before the job starts: it reads the kept word sets
    kept = (SnapshotCache(project.cache / "versionen", reuse=use_cache), inputs)
    job = jobs.add(VersionPages.start(releases, project, scratch / "versionen", engine, build_date, kept))
    return {"releases": releases, "dictionary": dictionary, "version_pages": job}


def _pages(
    catalogue: Catalogue,
    project: Project,
    data_dir: Path,
    jobs: Jobs,
    views: Views,
    side: SideOutputs,
    inputs: Inputs,
    use_cache: bool,
    progress: Progress,
) -> dict:
    changelog = read_changelog(data_dir)
    # the entry and place pages of unchanged inputs come from the last generation (``memo``);
    # its scope: the code, templates and installed packages the pages are rendered with
    memo = PageMemo.open(project.cache, project.docs, inputs.engine_key, reuse=use_cache)
    places = SharedPlaces(side) if side.shares else None
    docs = generate_docs(catalogue, project, None, changelog, jobs.add(Removal()), views, memo, places)
    if memo.taken:
        taken = plural(memo.taken, "Seite", "Seiten")
        progress.detail(f"{taken} von Einträgen und Orten unverändert aus dem letzten Bau.")
    return {"docs": docs, "changelog": changelog, "page_digests": memo.digests()}


def _downloads(
    side: SideOutputs,
    catalogue: Catalogue,
    project: Project,
    releases: list,
    changelog: str | None,
    docs: Path,
    site_url: str,
    views: Views,
) -> dict:
    downloads = side.receive("downloads")
    list_downloads_in_descriptor(side.latest, downloads)
    # the descriptor now lists the others: publish its own size and checksum as it is now
    downloads = [describe(side.latest / d.name, d.title) if d.name == DESCRIPTOR else d for d in downloads]
    assert catalogue.meta is not None
    publication = Publication(catalogue.meta.version, side.latest, downloads, releases, changelog)
    Generator.for_project(project, catalogue, site_url=site_url, views=views).write_data_page(
        docs, publication
    )
    return {"downloads": downloads, "publication": publication}


def _engine(
    engine: str,
    project: Project,
    docs: Path,
    staging: Path,
    site_dir: Path,
    build_date: int,
    record: SiteRecord | None,
    inputs: Inputs,
    site_url: str,
    progress: Progress,
    page_digests: dict,
) -> dict:
    chosen = engine_named(engine)
    processes.give_back_memory()  # the generated pages' memory, before the engine's runs fork
    engine_key = inputs.for_engine(site_url, build_date)
    # the docs folder's digest (what the site record says the site is made of) is taken beside
    # the engine's run, which only reads that folder (see ``engine.selection``); at national
    # size the walk through its 22,500 folders was two seconds of one core after the run
    digest = processes.Ahead(docs_digest, docs, page_digests)
    try:
        render_site(
            chosen, project, docs, staging, site_dir, build_date, record, engine_key, digest.value, progress
        )
        files = digest.value()
    finally:
        digest.stop()
    # the pages the search reads: no later stage writes HTML (its folders are moved in after it)
    return {"engine_key": engine_key, "files": files, "html_files": html_files(staging)}


def _metadata(
    catalogue: Catalogue,
    releases: list,
    downloads: list,
    publication: Publication,
    site_url: str,
    project: Project,
    staging: Path,
    scratch: Path,
) -> None:
    move_into(scratch / "daten", staging / "daten")  # the data package, then its metadata beside it
    released = next((r for r in releases if r.version == catalogue.meta.version), None)
    dcat_release = DcatRelease(
        catalogue.meta.version,
        released.date if released else catalogue_date(catalogue),
        publication.titled(released.downloads()) if released else downloads,
        f"{site_url}daten/{released.version if released else 'latest'}/",
        first_issued=releases[0].date if releases else None,  # the data's first publication
    )
    publisher = Publisher.from_settings(project.settings.smartregio)
    write_dcat(build_graph(catalogue, dcat_release, site_url, publisher), staging / "daten")
    write_feed(catalogue, releases, site_url, staging / "feed.xml", publisher.name)
    write_site_schemas(catalogue, staging)  # /schema/<collection>.json for editors


def _finder(catalogue: Catalogue, staging: Path) -> dict:
    return {"finder_files": write_finder_index(catalogue, staging)}  # /kommunen/finden/, every place


def _api(side: SideOutputs, staging: Path) -> None:
    side.receive("done")
    side.process.join()
    move_into(side.api_site, staging)


def _search(
    project: Project,
    staging: Path,
    catalogue: Catalogue,
    site_dir: Path,
    use_cache: bool,
    dictionary: Dictionary,
    inputs: Inputs,
    html_files: list[str],
) -> None:
    # only the parts whose pages changed are marked and indexed again; one folder per site
    # (the preview's too); the marking's scope: the code and packages
    site = hashlib.sha256(str(site_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    parts = PartCache(project.cache / PartCache.FOLDER / site, reuse=use_cache)
    names = place_names(catalogue, dictionary)
    # fragments the last site holds with the same bytes are linked from it, not written again
    last = site_dir / "pagefind" if use_cache else None
    index_site(staging, dictionary, names, cache=parts, scope=inputs.engine_key, last=last, listed=html_files)


def _versions(releases: list, version_pages: VersionPages, staging: Path) -> dict:
    # made by the job started when the releases were checked (``_stored_versions``)
    version_pages.wait()
    move_into(version_pages.folder, staging)  # versions.json, latest/ and /<version>/
    return {"versions_built": len(releases)}


def _swap(
    staging: Path,
    site_dir: Path,
    build_key: processes.Ahead[str],
    catalogue: Catalogue,
    engine_key: str,
    files: dict,
    project: Project,
) -> None:
    mark(staging)
    replace_dir(staging, site_dir, DetachedRemoval())
    done = SiteRecord(build_key.value(), site_state(site_dir) or "", catalogue.summary(), engine_key, files)
    done.write(project.cache, site_dir)


def _count(name: str):
    def count(made: dict) -> int:
        value = made[name]
        return value if isinstance(value, int) else len(value)

    return count


# the build: every stage after loading, in order (``buildgraph`` checks that each need is made
# before it, and the test of the house that this list is the build)
BUILD = [
    Stage(
        "Ansichten der Einträge",
        ("catalogue", "project", "scratch"),
        ("views",),
        _views,
        "Einträge",
        lambda made: made["views"].catalogue.count(),
    ),
    Stage(
        "Downloads und API beginnen",
        ("views", "data_dir", "scratch", "project", "jobs", "progress"),
        ("side",),
        _start_side,
    ),
    Stage(
        "Veröffentlichte Versionen",
        ("data_dir", "scratch", "project", "engine", "build_date", "use_cache", "inputs", "jobs"),
        ("releases", "dictionary", "version_pages"),
        _stored_versions,
        ("Version", "Versionen"),
        _count("releases"),
    ),
    Stage(
        "Seiten erzeugen",
        ("catalogue", "project", "data_dir", "jobs", "views", "side", "inputs", "use_cache", "progress"),
        ("docs", "changelog", "page_digests"),
        _pages,
        "Seiten",
        lambda made: sum(1 for _ in made["docs"].rglob("*.md")),
    ),
    Stage(
        "Datenpaket und Downloads",
        ("side", "catalogue", "project", "releases", "changelog", "docs", "site_url", "views"),
        ("downloads", "publication"),
        _downloads,
        "Dateien",
        _count("downloads"),
    ),
    Stage(
        "Engine ({engine_title}) rendert",
        (
            "engine",
            "project",
            "docs",
            "staging",
            "site_dir",
            "build_date",
            "record",
            "inputs",
            "site_url",
            "progress",
            "page_digests",
        ),
        ("engine_key", "files", "html_files"),
        _engine,
        "HTML-Seiten",
        _count("html_files"),
    ),
    Stage(
        "DCAT-AP.de, Feed, Schemas",
        ("catalogue", "releases", "downloads", "publication", "site_url", "project", "staging", "scratch"),
        (),
        _metadata,
    ),
    Stage(
        "Index für „Kommune finden“",
        ("catalogue", "staging"),
        ("finder_files",),
        _finder,
        "Dateien",
        _count("finder_files"),
    ),
    Stage("JSON-API", ("side", "staging"), (), _api),
    Stage(
        "Suchindex (Pagefind)",
        ("project", "staging", "catalogue", "site_dir", "use_cache", "dictionary", "inputs", "html_files"),
        (),
        _search,
    ),
    Stage(
        "Seiten der Versionen",
        ("releases", "version_pages", "staging"),
        ("versions_built",),
        _versions,
        ("Version", "Versionen"),
        _count("versions_built"),
    ),
    Stage(
        "Website austauschen",
        ("staging", "site_dir", "build_key", "catalogue", "engine_key", "files", "project"),
        (),
        _swap,
    ),
]

# what ``build_site`` gives the graph: the inputs, the loaded catalogue and the working folders
GIVEN = (
    "data_dir", "site_dir", "project", "engine", "engine_title", "use_cache", "inputs", "build_key",
    "record", "catalogue", "build_date", "site_url", "staging", "scratch", "progress", "jobs",
)  # fmt: skip

# the kind of every value the build's stages pass on
KINDS: dict[str, Any] = {
    "data_dir": Path,
    "site_dir": Path,
    "project": Project,
    "engine": str,
    "engine_title": str,
    "use_cache": bool,
    "inputs": Inputs,
    "build_key": processes.Ahead,
    "record": (SiteRecord, type(None)),
    "catalogue": Catalogue,
    "build_date": int,
    "site_url": str,
    "staging": Path,
    "scratch": Path,
    "side": SideOutputs,
    "progress": Progress,
    "releases": list,
    "docs": Path,
    "changelog": (str, type(None)),
    "page_digests": dict,
    "downloads": list,
    "publication": Publication,
    "engine_key": str,
    "files": dict,
    "html_files": list,
    "finder_files": int,
    "dictionary": Dictionary,
    "version_pages": VersionPages,
    "versions_built": int,
    "jobs": Jobs,
    "views": Views,
}


def render_site(
    chosen,
    project: Project,
    docs: Path,
    staging: Path,
    site_dir: Path,
    build_date: int,
    record: SiteRecord | None,
    engine_key: str,
    files: Callable[[], dict[str, str]],
    progress: Progress,
) -> None:
    """The engine's run: of the entry pages only those whose docs file changed since
    ``record``, the build that wrote ``site_dir``, when the engine can (the others are that
    build's, byte for byte); otherwise every page. ``files``: the docs folder's digest, asked
    for only when there is a record to compare it with."""
    sections = tuple(SECTIONS.values())
    pages = record.pages_to_render(engine_key, files(), sections) if record is not None else None
    if pages is not None and getattr(chosen, "incremental", False):
        try:
            kept = chosen.render_pages(
                project.config_file, docs, staging, sections, pages, site_dir, build_date=build_date
            )
        except OSError:  # the previous site changed meanwhile: render everything
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
        else:
            progress.detail(
                f"{plural(len(pages), 'Seite', 'Seiten')} von Einträgen neu gerendert, "
                f"{format_number(kept)} unverändert aus dem letzten Bau."
            )
            return
    chosen.render(project.config_file, docs, staging, shard_sections=sections, build_date=build_date)


def read_changelog(data_dir: Path) -> str | None:
    """CHANGELOG.md, written by ``smartregio release`` beside ``data/``: a regular file only."""
    tree = InputTree(data_dir.parent)
    if tree.kind(CHANGELOG) == "missing":
        return None
    try:
        return tree.read_text(CHANGELOG)
    except InputError as exc:
        raise BuildError(f"{CHANGELOG}: {exc.message}") from None


def build_version_snapshots(
    releases: list[StoredRelease],
    project: Project,
    site: Path,
    dictionary: Dictionary,
    render=None,
    each=None,
    build_date: int | None = None,
    kept: tuple[SnapshotCache, Inputs] | None = None,
) -> None:
    """Each released version's pages under ``/<version>/`` and ``versions.json`` beside them,
    which Material's version selector reads. Built from the stored release package, so a
    version shows exactly the data it published; with ``kept`` (a cache and the build's
    inputs) a version whose key is kept is copied from there, and one rendered is kept."""
    (site / "versions.json").write_text(json.dumps(version_menu(releases), indent=1) + "\n", encoding="utf-8")
    (site / "latest").mkdir()
    (site / "latest" / "index.html").write_text(
        Generator.render_template("redirect.html", target="../"), encoding="utf-8"
    )
    render = render or renderer(DEFAULT)
    for release in each(releases, len(releases)) if each else releases:  # ``each`` draws a bar
        version_url = project.site_url() + release.version + "/"
        if kept is not None:
            cache, inputs = kept
            published = {"version": release.version, "date": release.date, "files": release.files}
            key = inputs.for_release(published, version_url, build_date)
            if cache.restore(release.version, key, site / release.version):
                continue
        given = {
            "release": release,
            "project": project,
            "version_url": version_url,
            "target": site / release.version,
            "build_date": build_date,
            "render": render,
            "dictionary": dictionary,
        }
        buildgraph.run(RELEASE, given, RELEASE_KINDS, Progress(QUIET))  # the outer stage reports
        if kept is not None:
            cache.keep(release.version, key, site / release.version)


# --- the stages of a stored release's pages (``build_version_snapshots``), in order ------------


def _read_release(release: StoredRelease) -> dict:
    return {"catalogue": read_package(release.folder / "datapackage.json")}


def _release_pages(
    catalogue: Catalogue,
    project: Project,
    release: StoredRelease,
    version_url: str,
    target: Path,
    build_date: int | None,
    render,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        Generator.for_project(
            project,
            catalogue,
            site_url=version_url,
            release=(release.version, format_date(release.date)),  # every page says it is older
        ).write(project.content, docs)
        render(project.config_file, docs, target, site_url=version_url, build_date=build_date)


def _release_api(catalogue: Catalogue, target: Path) -> dict:
    views = Views(catalogue, None, every_place=False)
    write_api(catalogue, views, target)
    write_catalogue_indexes(catalogue, views, target)
    return {"views": views}


def _release_finder(catalogue: Catalogue, target: Path, views: Views) -> None:
    # the field on its start page finds the places that version has pages for
    write_finder_index(catalogue, target, views.paged_places)


def _release_search(catalogue: Catalogue, target: Path, dictionary: Dictionary) -> None:
    # its own search, over the pages of that version (after the catalogue indexes, which the
    # search's hit numbers refer to)
    index_site(target, dictionary, place_names(catalogue, dictionary))


RELEASE = [
    Stage("Paket der Version lesen", ("release",), ("catalogue",), _read_release),
    Stage(
        "Seiten der Version",
        ("catalogue", "project", "release", "version_url", "target", "build_date", "render"),
        (),
        _release_pages,
    ),
    Stage("JSON-API der Version", ("catalogue", "target"), ("views",), _release_api),
    Stage("Index für „Kommune finden“ der Version", ("catalogue", "target", "views"), (), _release_finder),
    Stage("Suchindex der Version", ("catalogue", "target", "dictionary"), (), _release_search),
]
RELEASE_KINDS: dict[str, Any] = {
    "release": StoredRelease,
    "project": Project,
    "version_url": str,
    "target": Path,
    "build_date": (int, type(None)),
    "render": object,  # the engine's render
    "dictionary": Dictionary,
    "catalogue": Catalogue,
    "views": Views,
}


def place_names(catalogue: Catalogue, dictionary: Dictionary) -> frozenset[str]:
    """The words of the places' names the search keeps whole (a town, not „Darm“ + „Stadt“)."""
    return dictionary.proper_names(place.name for place in catalogue.reference.places.values())


CURRENT_VERSION = "."
CURRENT_TITLE = "Aktueller Stand (laufend aktualisiert)"


def version_menu(releases: list[StoredRelease]) -> list[dict]:
    """The entries of Material's version selector, newest first after the current state.

    Material links an entry to ``../<version>/`` from a version's root and looks the reader's
    page up in that version's ``sitemap.xml``. The current data lives at the site root, so its
    entry is ``.``: ``.././`` is the root from a version's copy and from the root itself, and
    the root's sitemap lets a reader on ``/1.0.0/loesungen/x/`` land on ``/loesungen/x/``. The
    alias ``latest`` names it for Material's outdated check and matches ``/latest/``, which
    only forwards to the root."""
    # the current data are no numbered version; the label says what they are to a reader
    current = {"version": CURRENT_VERSION, "title": CURRENT_TITLE, "aliases": ["latest"]}
    return [
        current,
        *(
            {"version": r.version, "title": f"{r.version} – Datenstand {format_date(r.date)}", "aliases": []}
            for r in reversed(releases)
        ),
    ]


def catalogue_date(catalogue: Catalogue):
    return datetime.fromtimestamp(source_date(catalogue), tz=UTC).date()


def list_downloads_in_descriptor(folder: Path, downloads: list[Download]) -> None:
    """Name every download with size and SHA-256 in the published package descriptor (and
    say that its homepage is provisional while it is a placeholder)."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    described = descriptor.get("description", "")
    if is_placeholder(descriptor.get("homepage")) and PROVISIONAL_NOTE not in described:
        # the package names its homepage (data/datapackage.yaml): say while it is a placeholder
        descriptor["description"] = f"{described} {PROVISIONAL_NOTE}".strip()
    descriptor["downloads"] = [
        {
            "path": d.name,
            "title": d.title,
            "format": d.format.lower(),
            "mediatype": d.mediatype,
            "bytes": d.bytes,
            "hash": f"sha256:{d.sha256}",
        }
        for d in downloads
        if d.name != DESCRIPTOR
    ]
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
