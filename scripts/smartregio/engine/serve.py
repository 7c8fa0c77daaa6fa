"""``smartregio serve``: a live preview that regenerates pages when an entry changes.

MkDocs' own server watches the generated folder and reloads the browser; a small poller
here watches ``data/`` and ``content/`` and rewrites only the generated files that changed,
so the server's watcher sees ordinary edits.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..load import load_catalogue
from ..pages.contribute import read_issue_forms
from ..pages.generate import Generator
from ..project import Project


def _snapshot(*folders: Path) -> dict[str, float]:
    state = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                state[str(path)] = path.stat().st_mtime
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
        Generator(
            catalogue,
            project.settings.smartregio.edit_url,
            settings=project.settings.smartregio,
            forms=read_issue_forms(project.issue_forms),
        ).write(project.content, fresh)
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


def serve(data_dir: Path, project: Project, address: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    check_address(address)  # before the first build: a busy port is said at once
    if not sync_docs(data_dir, project) and not project.docs.is_dir():
        return 1

    def watch() -> None:
        before = _snapshot(data_dir, project.content)
        while True:
            time.sleep(1)
            now = _snapshot(data_dir, project.content)
            if now != before:
                before = now
                if sync_docs(data_dir, project):
                    print("Seiten neu erzeugt.", flush=True)

    threading.Thread(target=watch, daemon=True).start()
    mkdocs_serve(config_file=str(project.config_file), dev_addr=address, livereload=True)
    return 0
