"""Site benchmark: full build of N synthetic entries against a plain MkDocs build of as many
trivial pages as the site has (entry, place, catalogue and content pages), and the bytes a
reader's browser downloads to open and filter a catalogue page and to run a first search
(measured in Chromium, compressed with gzip as a server would)."""

from __future__ import annotations

import gzip
import resource
import shutil
import tempfile
import time
from pathlib import Path

from .localserve import CHROMIUM

REPO = Path(__file__).resolve().parents[2]


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


class TreeMemory:
    """The peak of the memory of a process (this one, or ``root``) and all its descendants
    taken together, sampled five times a second from /proc while the ``with`` block runs: the
    build runs Pagefind, the engine's runs and the side process beside itself, and
    ``peak_rss_mb`` names only the largest single process. Each process counts with its
    proportional set size (PSS): a forked worker's pages shared with its parent count once, not
    in each (RSS would count them in each). 0 where there is no /proc."""

    def __init__(self, root: int | None = None, interval: float = 0.2) -> None:
        import threading

        self.root = root
        self.interval = interval
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        if Path("/proc/self/smaps_rollup").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak_mb = max(self.peak_mb, self.total_mb(self.root))

    @staticmethod
    def total_mb(root: int | None = None) -> float:
        """This process (or ``root``) and its descendants now, each by its proportional set size."""
        import os

        root = root or os.getpid()
        parents: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(entry.path, "stat").read_text()
                except OSError:  # ended meanwhile
                    continue
                parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
        total_kb = 0
        for pid in parents:
            ancestor = pid
            while ancestor not in (root, 0, 1) and ancestor in parents:
                ancestor = parents[ancestor]
            if ancestor == root:
                total_kb += _pss_kb(pid)
        return round(total_kb / 1024, 1)


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:  # ended meanwhile
        pass
    return 0


def _cpu_s() -> float:
    """CPU seconds of this process and its finished children (the engine's shards, Pagefind):
    steadier than the wall clock on a machine shared with other work."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return round(own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime, 1)


def _size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 1)


#: bare MkDocs builds to compare with, and full builds of the site: the machine's speed drifts
#: by a fifth between minutes, so each kind runs twice, in turn (build, bare, bare, build), and
#: the fastest of each are compared
PLAIN_RUNS = 2
SITE_RUNS = 2


def full_builds(data: Path, site: Path, project, engine: str, work: Path) -> dict[str, float]:
    """The site built from scratch :data:`SITE_RUNS` times, with :data:`PLAIN_RUNS` bare MkDocs
    builds of as many pages between the first and the second: the fastest build, its CPU
    seconds, the slowest, the largest peak of memory of a build, and the ratio of the fastest
    to the fastest bare build."""
    builds = [_timed_build(data, site, project, engine)]
    pages = sum(1 for _ in site.rglob("index.html"))
    plain = [plain_mkdocs(pages, work / f"plain-{run}") for run in range(PLAIN_RUNS)]
    builds += [_timed_build(data, site, project, engine) for _ in range(SITE_RUNS - 1)]
    fastest = min(builds)
    return {
        "site_build_s": round(fastest[0], 1),
        "site_build_slowest_s": round(max(builds)[0], 1),
        "cpu_s": round(fastest[1], 1),
        "peak_rss_mb": _peak_mb(),
        "peak_all_processes_mb": max(build[2] for build in builds),
        "site_mb": _size_mb(site),
        "pages": pages,
        **compared([build[0] for build in builds], plain),
    }


def _timed_build(data: Path, site: Path, project, engine: str) -> tuple[float, float, float]:
    """Seconds and CPU seconds (children included) of one full build and the peak MB of its
    processes, in a new interpreter, as ``smartregio build`` runs: every build starts from the
    same state. (A second build in the bench's own process started with the first one's
    caches and heap, ~250 MB more; a forked one copied the pages of the bench's heap it
    touched.) The new process times its own build, without its start and imports, as the
    bare MkDocs build is timed."""
    import multiprocessing

    spawned = multiprocessing.get_context("spawn")
    receiver, sender = spawned.Pipe(duplex=False)
    run = spawned.Process(target=_build, args=(data, site, project, engine, sender))
    run.start()
    sender.close()
    with TreeMemory(run.pid) as memory:
        try:
            seconds, cpu = receiver.recv()
        except EOFError:
            run.join()
            raise RuntimeError(f"Der Bau brach ab (Rückgabewert {run.exitcode}).") from None
        run.join()
    return seconds, cpu, memory.peak_mb


def _build(data: Path, site: Path, project, engine: str, sender) -> None:
    from smartregio.pipeline import build_site

    start, cpu = time.perf_counter(), _cpu_s()
    build_site(data, site, project, engine=engine, use_cache=False)
    sender.send((time.perf_counter() - start, _cpu_s() - cpu))


def compared(builds: list[float], plain: list[float]) -> dict[str, float]:
    """The bare builds' fastest and slowest seconds, and the fastest build over the fastest
    bare one (the ratio the target names)."""
    return {
        "plain_mkdocs_s": round(min(plain), 1),
        "plain_mkdocs_slowest_s": round(max(plain), 1),
        "ratio": round(min(builds) / min(plain), 2),
    }


def plain_mkdocs(n: int, work: Path) -> float:
    """``mkdocs build`` of n trivial pages with the same theme, outside the nav."""
    from smartregio.engine.mkdocs import build_plain

    docs = work / "plain-docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    for i in range(n):
        (docs / "p" / f"{i}.md").write_text(f"# Seite {i}\n\nEin kurzer Text.\n", encoding="utf-8")
    config = work / "plain.yml"
    config.write_text(
        "site_name: plain\ntheme:\n  name: material\n  language: de\n  font: false\nplugins: []\n"
        "nav:\n  - index.md\nnot_in_nav: |\n  /p/*\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    build_plain(config, docs, work / "plain-site")
    return time.perf_counter() - start


def browser_bytes(site: Path) -> dict[str, int]:
    """Compressed bytes for: opening /loesungen/, then one facet, and a first search, each
    without what the browser already downloaded before it."""
    from playwright.sync_api import sync_playwright

    from .localserve import CHROMIUM_ARGS, serve

    def gz(data: bytes, url: str) -> int:
        return len(data) if ".pf_" in url or url.endswith(".pagefind") else len(gzip.compress(data, 6))

    out = {}
    with serve(site) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        seen: list[int] = []
        # a file the browser already holds (the theme's script and styles, Pagefind's loader)
        # costs nothing the second time: each address counts once, at its first download
        counted: set[str] = set()

        def downloaded(response) -> None:
            address = response.url.split("?")[0]
            if response.ok and address not in counted:
                counted.add(address)
                seen.append(gz(response.body(), response.url))

        page.on("response", downloaded)
        page.goto(origin + "/loesungen/", wait_until="networkidle")
        page.wait_for_selector("[data-sr-results] > li")
        out["catalogue_open"] = sum(seen)
        seen.clear()
        page.locator("[data-sr-facets] > summary").click()  # the facets start folded
        page.locator("[data-facet=handlungsfeld] input").first.check()
        page.wait_for_timeout(1500)
        out["catalogue_filter"] = sum(seen)
        seen.clear()
        page.goto(origin + "/suche/?q=Klima", wait_until="networkidle")
        # until the hits are on screen (at 10,000 entries that takes a few seconds)
        page.wait_for_selector("[data-sr-results] > li", timeout=60_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        out["first_search"] = sum(seen)
        browser.close()
    return out


# Chrome DevTools' „Fast 3G“ preset (the throughput in bytes per second, 90 % of the nominal
# 1.6 Mbit/s down and 750 kbit/s up, and 150 ms round trip × 3.75) and a CPU four times slower
FAST_3G = {
    "latency": 562.5,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
    "uploadThroughput": 750 * 1024 / 8 * 0.9,
}
SLOW_CPU = 4


def slow_phone_search(site: Path, query: str = "Klima") -> dict[str, float]:
    """On a slow phone (Fast 3G, CPU 4× slower, 390 px), the search page opened and loaded,
    then a query typed: seconds until „Suche läuft“ shows and until the first hit shows."""
    from playwright.sync_api import sync_playwright

    from .localserve import CHROMIUM_ARGS, serve

    with serve(site) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **FAST_3G})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOW_CPU})
        page.goto(origin + "/suche/", wait_until="networkidle", timeout=120_000)
        page.locator("#sr-q").fill(query)
        start = time.perf_counter()
        page.wait_for_function(
            "document.querySelector('[data-sr-status]').textContent.startsWith('Suche läuft')",
            timeout=60_000,
            polling=20,
        )
        running = time.perf_counter() - start
        page.wait_for_selector("[data-sr-results] > li", timeout=120_000)
        first = time.perf_counter() - start
        browser.close()
    return {"slow_phone_running_s": round(running, 2), "slow_phone_first_hit_s": round(first, 2)}


def rebuilds(data: Path, site: Path, project, engine: str) -> dict[str, float]:
    """Seconds for a second build with nothing changed, and for one after an entry's text
    changed (what the cache under build/cache/ saves; see ``buildcache``)."""
    from smartregio.pipeline import build_site

    start = time.perf_counter()
    build_site(data, site, project, engine=engine)
    unchanged = time.perf_counter() - start
    entry = sorted((data / "solutions").glob("*.md"))[0]
    entry.write_text(entry.read_text(encoding="utf-8") + "\nEin geänderter Absatz.\n", encoding="utf-8")
    start = time.perf_counter()
    build_site(data, site, project, engine=engine)
    one_entry = time.perf_counter() - start
    return {"rebuild_unchanged_s": round(unchanged, 1), "rebuild_one_entry_s": round(one_entry, 1)}


def preview_edit(data: Path, site: Path, project, engine: str) -> dict[str, float]:
    """Seconds from saving an entry to the preview serving its changed page, as ``serve`` runs:
    the watcher and the server in threads, the page asked for over HTTP until it shows the
    change. The site just built is the preview's; the full build that would follow is not run."""
    import threading
    import urllib.request

    from smartregio.preview import Preview, Watcher, preview_server, watched

    preview = Preview(data, project, site, engine)
    preview.quick.follow(project.docs, project)  # as after the build that wrote the site
    server = preview_server(preview, "127.0.0.1", 0)
    stop = threading.Event()
    watcher = Watcher(watched(data, project), preview.update)
    threads = [threading.Thread(target=server.serve_forever, daemon=True)]
    threads.append(threading.Thread(target=watcher.run, args=(stop,), daemon=True))
    for thread in threads:
        thread.start()
    entry = sorted((data / "solutions").glob("*.md"))[-1]
    address = f"http://127.0.0.1:{server.server_address[1]}/loesungen/{entry.stem}/"
    try:
        start = time.perf_counter()
        entry.write_text(entry.read_text(encoding="utf-8") + "\nVorschaumessung.\n", encoding="utf-8")
        while time.perf_counter() - start < 120:
            with urllib.request.urlopen(address) as response:
                if b"Vorschaumessung." in response.read():
                    break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
    return {"preview_edit_s": round(seconds, 2)}


def run_site(n: int, engine: str | None = None) -> dict[str, float]:
    from smartregio.engine import DEFAULT
    from smartregio.project import Project

    from .synthetic import generate

    work = Path(tempfile.mkdtemp(prefix="sr-bench-"))
    try:
        data = work / "data"
        generate(data, n)
        project = Project(REPO, build_root=work / "build")
        # at 10,000 entries the site has ~22,500 pages (every official place has one), and the
        # bare build is of as many
        result = {"entries": n, **full_builds(data, work / "site", project, engine or DEFAULT, work)}
        result.update(rebuilds(data, work / "site", project, engine or DEFAULT))
        result.update(preview_edit(data, work / "site", project, engine or DEFAULT))
        if Path(CHROMIUM).exists():
            result.update({k: round(v / 1024, 1) for k, v in browser_bytes(work / "site").items()})
            result.update(slow_phone_search(work / "site"))
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def place_page_bytes(site: Path) -> dict[str, float]:
    """Compressed sizes (gzip 6, KB) of the Gemeinde pages: the largest and the median."""
    sizes = sorted(
        len(gzip.compress(page.read_bytes(), 6))
        for page in (site / "kommunen").glob("*/index.html")
        if len(page.parent.name) == 8
    )
    if not sizes:
        return {}
    return {
        "gemeinde_page_max_kb": round(sizes[-1] / 1024, 1),
        "gemeinde_page_median_kb": round(sizes[len(sizes) // 2] / 1024, 1),
    }


def finder_and_map_bytes(site: Path) -> dict[str, float]:
    """Compressed KB a reader's browser downloads: while typing a name into „Kommune finden“ on
    /kommunen/ (after the page itself), and for the first view of /karte/ (everything)."""
    from playwright.sync_api import sync_playwright

    from .localserve import CHROMIUM_ARGS, serve

    def gz(data: bytes) -> int:
        return len(gzip.compress(data, 6))

    out: dict[str, float] = {}
    with serve(site) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        seen: list[int] = []
        page.on("response", lambda r: seen.append(gz(r.body())) if r.ok else None)
        page.goto(origin + "/kommunen/", wait_until="networkidle")
        seen.clear()
        page.locator("[role=combobox]").first.press_sequentially("Neustadt", delay=80)
        page.locator("#sr-finder-liste [role=option]").first.wait_for()
        page.wait_for_load_state("networkidle")
        out["finder_typing_kb"] = round(sum(seen) / 1024, 1)
        fresh = browser.new_page()
        seen_map: list[int] = []
        fresh.on("response", lambda r: seen_map.append(gz(r.body())) if r.ok else None)
        fresh.goto(origin + "/karte/", wait_until="networkidle")
        fresh.locator(".leaflet-overlay-pane path").first.wait_for(state="attached")
        out["map_first_view_kb"] = round(sum(seen_map) / 1024, 1)
        browser.close()
    return out


def run_shipped(engine: str | None = None) -> dict[str, float]:
    """The shipped data (every official place included), rendered by ``engine`` (None: the
    default), against a bare MkDocs build of as many pages; a Gemeinde page's size, the finder's
    and the map's bytes."""
    from smartregio.engine import DEFAULT
    from smartregio.project import Project

    work = Path(tempfile.mkdtemp(prefix="sr-bench-shipped-"))
    try:
        # a copy of the data (and the changelog beside it), which the rebuilds below change
        shutil.copytree(REPO / "data", work / "data")
        if (REPO / "CHANGELOG.md").is_file():
            shutil.copy2(REPO / "CHANGELOG.md", work / "CHANGELOG.md")
        project = Project(REPO, build_root=work / "build")
        result = full_builds(work / "data", work / "site", project, engine or DEFAULT, work)
        result.update(rebuilds(work / "data", work / "site", project, engine or DEFAULT))
        result.update(preview_edit(work / "data", work / "site", project, engine or DEFAULT))
        result.update(place_page_bytes(work / "site"))
        if Path(CHROMIUM).exists():
            result.update(finder_and_map_bytes(work / "site"))
            result.update(slow_phone_search(work / "site"))
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)
