"""``smartregio serve``: the preview is the site.

The preview runs the whole build (search, catalogue filters, API and downloads included) into
``build/vorschau/`` and serves that folder on the local address. A watcher looks at the data,
the hand-written pages, the template overrides and ``mkdocs.yml`` every second; after a change
it builds again (incrementally: what did not change comes from the cache, see ``buildcache``)
and the open pages reload. A change that does not build keeps the last good site: the problems
are printed with file, line and field and shown on top of every open page until the next build
succeeds. The reload script is added to the pages as they are served, never written into them.
"""

from __future__ import annotations

import functools
import json
import sys
import threading
import traceback
import urllib.parse
from collections.abc import Callable, Iterable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .engine import EngineError
from .pages.generate import Generator
from .pipeline import BuildError, build_site
from .problems import printable
from .progress import QUIET, Progress
from .project import Project
from .publish.search import PagefindError
from .settings import SettingsError

STATUS = "/.smartregio/status"
SCRIPT = "/.smartregio/vorschau.js"
SCRIPT_FILE = Path(__file__).parent / "pages" / "assets" / "vorschau.js"


class Preview:
    """The preview's site folder, how many builds it has had and the last build's problem."""

    def __init__(self, data_dir: Path, project: Project, site: Path) -> None:
        self.data_dir = data_dir
        self.project = project
        self.site = site
        self.version = 0
        self.problem: str | None = None
        self._lock = threading.Lock()

    def status(self) -> dict:
        with self._lock:
            return {"version": self.version, "problem": self.problem}

    def rebuild(self) -> bool:
        """Build the site again; False (the problems printed and kept for the pages) when the
        input is invalid or the engine refuses it. Whatever else a build raises goes up to the
        watcher, which reports it, after the pages have been told."""
        # the settings are read anew: mkdocs.yml is among what the preview watches
        project = Project(self.project.root, self.project.build_root)
        try:
            build_site(self.data_dir, self.site, project, Progress(QUIET))
        except BuildError as exc:
            lines = [exc.problems.as_text()] if exc.problems else []
            return self._failed("\n".join([*lines, str(exc)]))
        except SettingsError as exc:
            return self._failed(f"{exc.problems.as_text()}\nDie Einstellungen sind ungültig.")
        except (EngineError, PagefindError) as exc:
            return self._failed(f"Die Seiten konnten nicht gerendert werden:\n{exc}")
        except Exception as exc:
            self._failed(regeneration_failed(exc), say=False)
            raise
        with self._lock:
            self.version += 1
            self.problem = None
        return True

    def _failed(self, text: str, say: bool = True) -> bool:
        if say:
            print(text, file=sys.stderr, flush=True)
            print("Die Vorschau zeigt den letzten gültigen Stand.", file=sys.stderr, flush=True)
        with self._lock:
            self.problem = text
        return False


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
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
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


def _with_reload(html: str) -> bytes:
    tag = Generator.render_template("preview_reload.html")
    at = html.rfind("</body>")
    return (html[:at] + tag + html[at:] if at >= 0 else html + tag).encode("utf-8")


def preview_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """The preview's HTTP server on ``host``:``port`` (0: a free port), not yet serving."""
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    return ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(preview.site)))


def _snapshot(paths: Iterable[Path]) -> dict[str, float]:
    state = {}
    for top in paths:
        for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
            try:
                if path.is_file():
                    state[str(path)] = path.stat().st_mtime
            except OSError:
                continue  # removed while we looked (an editor saving): the next look sees it
    return state


class Watcher:
    """Looks at ``paths`` every ``interval`` seconds and calls ``regenerate`` after a change.
    Whatever it raises is reported (German, with the file and line where it failed; the
    traceback too with ``verbose``), and the watching goes on."""

    def __init__(
        self,
        paths: list[Path],
        regenerate: Callable[[], bool],
        verbose: bool = False,
        interval: float = 1.0,
    ) -> None:
        self.paths = paths
        self.regenerate = regenerate
        self.verbose = verbose
        self.interval = interval
        self.before = _snapshot(paths)

    def check(self) -> bool | None:
        """One look: None when nothing changed, else whether the site was built again."""
        try:
            now = _snapshot(self.paths)
            if now == self.before:
                return None
            self.before = now  # a failed change is tried again after the next one
            if not self.regenerate():
                return False  # invalid input: the build has said where
        except Exception as exc:  # a bug or the disk: say so, keep the last site, keep watching
            print(regeneration_failed(exc), file=sys.stderr, flush=True)
            if self.verbose:
                traceback.print_exception(exc, file=sys.stderr)
            return False
        print("Vorschau neu gebaut.", flush=True)
        return True

    def run(self, stop: threading.Event | None = None) -> None:
        """Look until ``stop`` is set (the preview's thread: until the server ends)."""
        stop = stop or threading.Event()
        while not stop.wait(self.interval):
            self.check()


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
    watcher = Watcher(watched(data_dir, project), preview.rebuild, verbose=verbose)
    stop = threading.Event()
    threading.Thread(target=watcher.run, args=(stop,), daemon=True).start()
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
