"""``smartregio serve``: a live preview that regenerates pages when an entry changes.

The default engine's own server (ProperDocs', MkDocs' server continued) watches the generated
folder and reloads the browser; a small poller here watches ``data/`` and ``content/`` and
rewrites only the generated files that changed, so the server's watcher sees ordinary edits.
A regeneration that fails is reported in German with where it failed, and the poller goes on
watching: the preview keeps the last good pages.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from ..load import load_catalogue
from ..pages.generate import Generator
from ..problems import printable
from ..project import Project


def _snapshot(*folders: Path) -> dict[str, float]:
    state = {}
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                if path.is_file():
                    state[str(path)] = path.stat().st_mtime
            except OSError:
                continue  # removed while we looked (an editor saving): the next look sees it
    return state


def sync_docs(data_dir: Path, project: Project) -> bool:
    """Regenerate into a scratch folder and copy over what differs; False on invalid data."""
    catalogue, problems = load_catalogue(data_dir)
    problems.extend(project.refused_files())
    if problems:
        print(problems.as_text(), file=sys.stderr, flush=True)
        print(
            f"{len(problems)} Problem(e); die Vorschau zeigt den letzten gültigen Stand.",
            file=sys.stderr,
            flush=True,
        )
        return False
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "docs"
        Generator.for_project(project, catalogue).write(project.content, fresh)
        project.docs.mkdir(parents=True, exist_ok=True)
        wanted = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
        for rel in wanted:
            source, target = fresh / rel, project.docs / rel
            if not target.is_file() or target.read_bytes() != source.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        for path in sorted(project.docs.rglob("*"), reverse=True):
            rel = path.relative_to(project.docs)
            if path.is_file() and rel not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return True


class Watcher:
    """Looks at ``data/`` and ``content/`` every ``interval`` seconds and regenerates the pages
    after a change. Whatever a regeneration raises is reported (German, with the file and line
    where it failed; the traceback too with ``verbose``), and the watching goes on."""

    def __init__(
        self,
        data_dir: Path,
        project: Project,
        regenerate: Callable[[Path, Project], bool] = sync_docs,
        verbose: bool = False,
        interval: float = 1.0,
    ) -> None:
        self.data_dir = data_dir
        self.project = project
        self.regenerate = regenerate
        self.verbose = verbose
        self.interval = interval
        self.before = _snapshot(data_dir, project.content)

    def check(self) -> bool | None:
        """One look: None when nothing changed, else whether the pages were regenerated."""
        try:
            now = _snapshot(self.data_dir, self.project.content)
            if now == self.before:
                return None
            self.before = now  # a failed change is tried again after the next one
            if not self.regenerate(self.data_dir, self.project):
                return False  # invalid data: sync_docs has said where
        except Exception as exc:  # a bug or the disk: say so, keep the last pages, keep watching
            print(regeneration_failed(exc), file=sys.stderr, flush=True)
            if self.verbose:
                traceback.print_exception(exc, file=sys.stderr)
            return False
        print("Seiten neu erzeugt.", flush=True)
        return True

    def run(self, stop: threading.Event | None = None) -> None:
        """Look until ``stop`` is set (the preview's thread: until the server ends)."""
        stop = stop or threading.Event()
        while not stop.wait(self.interval):
            self.check()


def regeneration_failed(exc: BaseException) -> str:
    """The German report of a regeneration that raised: what, and where it happened."""
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
        f"Die Seiten konnten nicht neu erzeugt werden: {printable(what)}. Die Vorschau zeigt den "
        "letzten Stand und versucht es nach der nächsten Änderung wieder."
    )


def _code_path(filename: str) -> str:
    """A file of smartregio as ``smartregio/pages/generate.py``, any other by its name."""
    path = Path(filename)
    package = Path(__file__).resolve().parents[1]
    try:
        return path.resolve().relative_to(package.parent).as_posix()
    except ValueError:
        return path.name


class AddressError(ValueError):
    """``--address`` is not HOST:PORT."""


def check_address(address: str) -> None:
    """Bind the address once (and let go): ``OSError`` with ``EADDRINUSE`` when it is taken."""
    import socket

    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise AddressError(f"„{address}“ ist keine Adresse der Form HOST:PORT (z. B. 127.0.0.1:8000).")
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host.strip("[]"), int(port)))


def serve(data_dir: Path, project: Project, address: str, verbose: bool = False) -> int:
    from properdocs.commands.serve import serve as engine_serve

    check_address(address)  # before the first build: a busy port is said at once
    if not sync_docs(data_dir, project) and not project.docs.is_dir():
        return 1

    threading.Thread(target=Watcher(data_dir, project, verbose=verbose).run, daemon=True).start()
    engine_serve(config_file=str(project.config_file), dev_addr=address, livereload=True)
    return 0
