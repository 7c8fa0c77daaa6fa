"""``smartregio serve``: the preview is the site.

The preview runs the whole build (search, catalogue filters, API and downloads included) into
``build/vorschau/`` and serves that folder on the local address. A watcher looks at the data,
the hand-written pages, the template overrides and ``mkdocs.yml`` four times a second. After an
edit of entry files, the edited entries' pages are made and rendered on their own first
(``quickview``: well within two seconds) and served at once; the full build follows in a child
process (incrementally: what did not change comes from the cache, see ``buildcache``), and the
open pages reload after each. A change that does not build keeps the last good site: the
problems are printed with file, line and field and shown on top of every open page until the
next build succeeds. The reload script is added to the pages as they are served, never
written into them.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import sys
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable, Iterable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .engine import DEFAULT, EngineError
from .pages.generate import Generator
from .pipeline import BuildError, build_site
from .problems import printable
from .progress import QUIET, Progress
from .project import Project
from .publish.search import PagefindError
from .quickview import QuickPages
from .settings import SettingsError
from .text import plural

STATUS = "/.smartregio/status"
SCRIPT = "/.smartregio/vorschau.js"
SCRIPT_FILE = Path(__file__).parent / "pages" / "assets" / "vorschau.js"


class Preview:
    """The preview's site folder, how many times it changed, the last build's problem, and the
    pages of edits the full build has not caught up with (served in place of the site's)."""

    def __init__(self, data_dir: Path, project: Project, site: Path, engine: str = DEFAULT) -> None:
        self.data_dir = data_dir
        self.project = project
        self.site = site
        self.engine = engine
        self.version = 0
        self.problem: str | None = None
        self.edits = 0  # edits answered so far; a full build started after edit n has it
        self.ahead: dict[str, tuple[int, bytes]] = {}  # site path → (edit, HTML)
        self.quick = QuickPages(data_dir, project, project.docs.parent / "vorschau-schnell", engine)
        self._lock = threading.Lock()
        self._quick_lock = threading.Lock()  # the quick pass and its folders: one at a time

    def status(self) -> dict:
        with self._lock:
            return {"version": self.version, "problem": self.problem}

    def page(self, path: str) -> bytes | None:
        """An edited entry's page ahead of the site (``loesungen/x/index.html``), if there is one."""
        with self._lock:
            found = self.ahead.get(path)
        return found[1] if found else None

    def rebuild(self) -> bool:
        """Build the whole site again in this process; False (the problems printed and kept for
        the pages) when the input is invalid or the engine refuses it. Whatever else a build
        raises goes up to the caller, after the pages have been told."""
        started = self.edits
        try:
            problem = attempt_build(
                self.data_dir, self.project.root, self.project.build_root, self.site, self.engine
            )
        except Exception as exc:
            self._failed(regeneration_failed(exc), say=False)
            raise
        return self._built(started, problem)

    def update(self, changed: frozenset[Path]) -> bool | None:
        """The watcher's call after a change: the edited entries' pages at once when only entry
        files changed (True, or False with the data's problems); None when the full build,
        which the caller starts next, is the only answer."""
        begun = time.perf_counter()
        with self._quick_lock:
            try:
                answer = self.quick.answer(changed)
            except (EngineError, OSError):  # the full build renders it and says what is wrong
                answer = None
        if answer is None:
            return None
        if answer.problems is not None:
            return self._failed(f"{answer.problems.as_text()}\nDie Eingaben sind ungültig.")
        with self._lock:
            self.edits += 1
            for path, html in answer.pages.items():
                self.ahead[path] = (self.edits, html)
            self.version += 1
            self.problem = None
        seconds = f"{time.perf_counter() - begun:.1f}".replace(".", ",")
        pages = plural(len(answer.pages), "Seite", "Seiten")
        print(f"{pages} in {seconds} s aktualisiert; die ganze Website folgt.", flush=True)
        return True

    def rebuild_in_child(self, stop: threading.Event | None = None) -> bool:
        """The full build in a child process (the quick pass keeps this process's time and its
        environment to itself); False when it failed or ``stop`` ended it."""
        started = self.edits
        context = multiprocessing.get_context("spawn")  # not fork: this process runs threads
        receiver, sender = context.Pipe(duplex=False)
        args = (self.data_dir, self.project.root, self.project.build_root, self.site, self.engine, sender)
        child = context.Process(target=_build_in_child, args=args)  # not daemonic: it starts processes
        child.start()
        sender.close()
        stopped = lambda: stop is not None and stop.is_set()  # noqa: E731
        try:
            while not receiver.poll(0.1) and child.is_alive() and not stopped():
                pass
            if not receiver.poll(0):  # ended by ``stop``, or the child died without a word
                if stopped():
                    return False
                return self._failed(regeneration_failed(RuntimeError("Der Bau-Prozess ist abgebrochen.")))
            status, text = receiver.recv()
        finally:
            if child.is_alive() and stopped():
                child.terminate()
            child.join()
            receiver.close()
        if status == "error":
            return self._failed(text)
        return self._built(started, text)

    def _built(self, started: int, problem: str | None) -> bool:
        """After a full build that had every edit up to ``started``: its result."""
        with self._lock:
            self.ahead = {path: kept for path, kept in self.ahead.items() if kept[0] > started}
        if problem is not None:
            return self._failed(problem)
        self.project = Project(self.project.root, self.project.build_root)  # as the build read it
        with self._quick_lock:
            try:
                self.quick.follow(self.project.docs, self.project)
            except (OSError, EngineError) as exc:  # the quick pass waits for the next build
                self.quick.ready = False
                print(f"Schnellansicht nicht bereit: {printable(str(exc))}", file=sys.stderr, flush=True)
        with self._lock:
            self.version += 1
            self.problem = None
        print("Vorschau neu gebaut.", flush=True)
        return True

    def _failed(self, text: str, say: bool = True) -> bool:
        if say:
            print(text, file=sys.stderr, flush=True)
            print("Die Vorschau zeigt den letzten gültigen Stand.", file=sys.stderr, flush=True)
        with self._lock:
            self.problem = text
        return False


def attempt_build(data_dir: Path, root: Path, build_root: Path, site: Path, engine: str) -> str | None:
    """One whole build of the preview's site; the German problem text when the input is
    invalid or the engine refuses it, else None. Anything else is raised."""
    # the settings are read anew: mkdocs.yml is among what the preview watches
    project = Project(root, build_root)
    try:
        build_site(data_dir, site, project, Progress(QUIET), engine=engine)
    except BuildError as exc:
        lines = [exc.problems.as_text()] if exc.problems else []
        return "\n".join([*lines, str(exc)])
    except SettingsError as exc:
        return f"{exc.problems.as_text()}\nDie Einstellungen sind ungültig."
    except (EngineError, PagefindError) as exc:
        return f"Die Seiten konnten nicht gerendert werden:\n{exc}"
    return None


def _build_in_child(data_dir: Path, root: Path, build_root: Path, site: Path, engine: str, conn) -> None:
    """The child process of ``Preview.rebuild_in_child``: ("done", problem or None), or
    ("error", the German report of a failure inside smartregio)."""
    try:
        conn.send(("done", attempt_build(data_dir, root, build_root, site, engine)))
    except Exception as exc:
        conn.send(("error", regeneration_failed(exc)))
    finally:
        conn.close()


class Builder:
    """Full builds one after another in a thread, each when asked for: the edits that come
    while one runs are in the next."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.wanted = threading.Event()

    def request(self) -> None:
        self.wanted.set()

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if self.wanted.wait(0.1):
                self.wanted.clear()
                self.preview.rebuild_in_child(stop)


class PreviewHandler(SimpleHTTPRequestHandler):
    """The site folder as a static server does it, the preview's status beside it, and every
    HTML page with the reload script added as it is sent."""

    preview: Preview

    def do_GET(self) -> None:  # the name http.server calls
        path = urllib.parse.urlsplit(self.path).path
        if path == STATUS:
            return self._send(json.dumps(self.preview.status()).encode(), "application/json")
        if path == SCRIPT:
            return self._send(SCRIPT_FILE.read_bytes(), "text/javascript; charset=utf-8")
        file = Path(self.translate_path(self.path))
        if path.endswith("/"):
            file = file / "index.html"
        ahead = (
            self.preview.page(file.relative_to(self.preview.site).as_posix())
            if _inside(file, self.preview.site)
            else None
        )
        if ahead is not None:  # an edited entry's page the full build has not written yet
            return self._send(_with_reload(ahead.decode("utf-8")), "text/html; charset=utf-8")
        if file.suffix == ".html" and file.is_file():
            return self._send(_with_reload(file.read_text(encoding="utf-8")), "text/html; charset=utf-8")
        missing = Path(self.directory) / "404.html"
        if not file.exists() and missing.is_file():
            page = _with_reload(missing.read_text(encoding="utf-8"))
            return self._send(page, "text/html; charset=utf-8", 404)
        return super().do_GET()

    def _send(self, body: bytes, kind: str, code: int = 200) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # http.server's names
        return  # the preview's terminal is for the build's messages


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _with_reload(html: str) -> bytes:
    tag = Generator.render_template("preview_reload.html")
    at = html.rfind("</body>")
    return (html[:at] + tag + html[at:] if at >= 0 else html + tag).encode("utf-8")


def preview_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """The preview's HTTP server on ``host``:``port`` (0: a free port), not yet serving."""
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    return ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(preview.site)))


def _snapshot(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Change time and size of every file under ``paths`` (folders are walked, not followed
    through links): ``os.scandir``, six times faster than ``Path.rglob`` (27 ms for 10,000
    entry files), as it runs four times a second."""
    state = {}
    folders = [str(path) for path in paths]
    while folders:
        top = folders.pop()
        try:
            listing = os.scandir(top)
        except NotADirectoryError:  # a file watched on its own (mkdocs.yml)
            try:
                info = os.stat(top)
                state[top] = (info.st_mtime_ns, info.st_size)
            except OSError:
                pass
            continue
        except OSError:
            continue  # missing, or removed while we looked: the next look sees it
        with listing:
            for entry in listing:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    elif entry.is_file():
                        info = entry.stat()
                        state[entry.path] = (info.st_mtime_ns, info.st_size)
                except OSError:
                    continue  # removed while we looked (an editor saving): the next look sees it
    return state


class Watcher:
    """Looks at ``paths`` every ``interval`` seconds and calls ``regenerate`` with the files
    that changed (added, edited or removed). Whatever it raises is reported (German, with the
    file and line where it failed; the traceback too with ``verbose``), and the watching goes on."""

    def __init__(
        self,
        paths: list[Path],
        regenerate: Callable[[frozenset[Path]], bool | None],
        verbose: bool = False,
        interval: float = 0.25,
    ) -> None:
        self.paths = paths
        self.regenerate = regenerate
        self.verbose = verbose
        self.interval = interval
        self.before = _snapshot(paths)

    def check(self) -> bool | None:
        """One look: None when nothing changed (or the answer is still being built), else
        whether the change was taken."""
        try:
            now = _snapshot(self.paths)
            if now == self.before:
                return None
            changed = frozenset(
                Path(name)
                for name in now.keys() | self.before.keys()
                if now.get(name) != self.before.get(name)
            )
            self.before = now  # a failed change is tried again after the next one
            return self.regenerate(changed)
        except Exception as exc:  # a bug or the disk: say so, keep the last site, keep watching
            print(regeneration_failed(exc), file=sys.stderr, flush=True)
            if self.verbose:
                traceback.print_exception(exc, file=sys.stderr)
            return False

    def run(self, stop: threading.Event | None = None) -> None:
        """Look until ``stop`` is set (the preview's thread: until the server ends)."""
        stop = stop or threading.Event()
        while not stop.wait(self.interval):
            self.check()


def answer_and_build(preview: Preview, builder: Builder) -> Callable[[frozenset[Path]], bool | None]:
    """The watcher's call in ``serve``: the quick answer, then the full build behind it (none
    after an edit whose problems the quick pass already shows)."""

    def regenerate(changed: frozenset[Path]) -> bool | None:
        answered = preview.update(changed)
        if answered is not False:
            builder.request()
        return answered

    return regenerate


def watched(data_dir: Path, project: Project) -> list[Path]:
    """What the preview watches: the data, the hand-written pages, the template overrides,
    the settings."""
    return [data_dir, project.content, project.overrides, project.config_file]


def regeneration_failed(exc: BaseException) -> str:
    """The German report of a build that raised: what, and where it happened."""
    if isinstance(exc, OSError) and exc.filename:
        what = f"{exc.filename}: {exc.strerror or exc}"
    else:
        what = f"{type(exc).__name__}: {exc}"
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if _code_path(f.filename).startswith("smartregio/")]
        if frames:  # the innermost line of smartregio's own code, else the innermost of all
            where = (ours or frames)[-1]
            what += f" (in {_code_path(where.filename)}:{where.lineno}, {where.name})"
    return (
        f"Die Vorschau konnte nicht neu gebaut werden: {printable(what)}. Die Vorschau zeigt den "
        "letzten Stand und versucht es nach der nächsten Änderung wieder."
    )


def _code_path(filename: str) -> str:
    """A file of smartregio as ``smartregio/pages/generate.py``, any other by its name."""
    path = Path(filename)
    package = Path(__file__).resolve().parent
    try:
        return path.resolve().relative_to(package.parent).as_posix()
    except ValueError:
        return path.name


class AddressError(ValueError):
    """``--address`` is not HOST:PORT."""


def split_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise AddressError(f"„{address}“ ist keine Adresse der Form HOST:PORT (z. B. 127.0.0.1:8000).")
    return host.strip("[]"), int(port)


def check_address(address: str) -> None:
    """Bind the address once (and let go): ``OSError`` with ``EADDRINUSE`` when it is taken."""
    import socket

    host, port = split_address(address)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def preview_site(project: Project) -> Path:
    """The preview's own site folder, beside the generated pages (never ``site/``)."""
    return project.docs.parent / "vorschau"


def serve(data_dir: Path, project: Project, address: str, verbose: bool = False) -> int:
    check_address(address)  # before the first build: a busy port is said at once
    preview = Preview(data_dir, project, preview_site(project))
    print("Die Vorschau wird gebaut …", flush=True)
    if not preview.rebuild() and not (preview.site / "index.html").is_file():
        return 1
    builder = Builder(preview)
    watcher = Watcher(watched(data_dir, project), answer_and_build(preview, builder), verbose=verbose)
    stop = threading.Event()
    threading.Thread(target=watcher.run, args=(stop,), daemon=True).start()
    threading.Thread(target=builder.run, args=(stop,), daemon=True).start()
    host, port = split_address(address)
    server = preview_server(preview, host, port)
    print(f"Vorschau: http://{address}/ (beenden mit Strg+C)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
