"""What a build keeps for the next one, keyed by the content of everything it read.

It lives in the project's ``build/cache/`` and is safe to delete: without it the next build does
the full work and writes the same bytes. Two things are kept:

- **the pages of a stored release** (``/<version>/``): a release never changes, so its pages
  depend only on its files, the project's pages, templates and settings, the code, the installed
  packages, the engine and the build date. They are kept under a key made of all of these and
  copied into the next build instead of being rendered again;
- **the last build of each site folder**: the key of all its inputs and a digest of the names,
  sizes and times of the files it wrote. A build whose inputs have the same key, into a site
  folder that is still exactly as written, has nothing to do.

A change of code, templates, settings or any installed package changes every key: the next
build does everything again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .atomic import write_text
from .inputs import MAX_TABLE_BYTES, InputError, InputTree
from .outputs import working_prefix
from .project import Project

PACKAGE = Path(__file__).resolve().parent
SKIPPED = frozenset({"__pycache__"})  # compiled copies of the code, not inputs of a build
RECORD_VERSION = 1
KEPT_PER_NAME = 3
# more changed entry pages than this (and than half of them) render in one full run, which is
# then as fast and needs no previous site
FULL_RUN_FROM = 1000


def _add_tree(digest, folder: Path, label: str) -> None:
    """Every file below ``folder`` by path and bytes, symlinks by their target (never
    followed: the build refuses them, and the key must change when one appears)."""
    digest.update(f"\0tree\0{label}\0".encode())
    if not os.path.lexists(folder):
        digest.update(b"missing")
        return
    if not folder.is_dir() or folder.is_symlink():
        _add_file(digest, folder, label)
        return
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
        for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(root, d))]):
            path = Path(root, name)
            _add_file(digest, path, path.relative_to(folder).as_posix())


def _add_file(digest, path: Path, label: str) -> None:
    digest.update(f"\0file\0{label}\0".encode())
    if path.is_symlink():
        digest.update(b"link\0" + os.readlink(path).encode())
    elif path.is_file():
        with path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    elif os.path.lexists(path):
        digest.update(b"special")  # a FIFO or device: refused by the build, but it changes the key
    else:
        digest.update(b"missing")


def _installed() -> str:
    """Every installed distribution with its version: an update of any changes the key."""
    names = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    return "\n".join(names)


@dataclass(frozen=True)
class Inputs:
    """What a build reads besides its data. ``engine_key``: what the engine reads besides the
    generated pages (the code, the installed packages, the engine, its configuration and
    template overrides); ``project_key``: that and the project's own pages and forms, from
    which pages are generated."""

    engine_key: str
    project_key: str

    @classmethod
    def of(cls, project: Project, engine: str) -> Inputs:
        root = project.root
        digest = hashlib.sha256(f"smartregio-build-{RECORD_VERSION}\0{engine}\0".encode())
        _add_tree(digest, PACKAGE, "code")
        digest.update(_installed().encode())
        _add_tree(digest, project.overrides, project.overrides.relative_to(root).as_posix())
        _add_file(digest, project.config_file, project.config_file.relative_to(root).as_posix())
        engine_key = digest.hexdigest()
        for folder in (project.content, project.issue_forms):
            _add_tree(digest, folder, folder.relative_to(root).as_posix())
        return cls(engine_key, digest.hexdigest())

    def with_data(self, data_dir: Path, changelog: Path, site_dir: Path) -> str:
        """The key of a whole build: these inputs, every file of the data folder (its stored
        releases included), the changelog beside it and the site folder written."""
        digest = hashlib.sha256(self.project_key.encode())
        _add_tree(digest, data_dir, "data")
        _add_file(digest, changelog, "changelog")
        digest.update(f"\0site\0{site_dir}".encode())
        return digest.hexdigest()

    def for_engine(self, site_url: str, build_date: int | None) -> str:
        """The key of what the engine makes of unchanged docs files: what it reads besides
        them (``engine_key``), the address and the build date."""
        return hashlib.sha256(f"{self.engine_key}\0{site_url}\0{build_date}".encode()).hexdigest()

    def for_release(self, manifest: dict, version_url: str, build_date: int | None) -> str:
        """The key of a stored release's pages: these inputs and what the release published
        (its manifest names every file with its checksum, verified before use)."""
        text = json.dumps([self.project_key, manifest, version_url, build_date], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


class SnapshotCache:
    """Rendered folders by key: ``<root>/<name>-<key>/``; the newest few per name are kept."""

    def __init__(self, root: Path, reuse: bool = True) -> None:
        self.root = root
        self.reuse = reuse  # False: nothing is restored, what is rendered is kept

    def _folder(self, name: str, key: str) -> Path:
        return self.root / f"{name}-{key[:32]}"

    def restore(self, name: str, key: str, target: Path) -> bool:
        """Copy the folder kept under ``key`` to ``target`` (new); False when none is kept."""
        kept = self._folder(name, key)
        if not self.reuse or not (kept / ".vollstaendig").is_file():
            return False
        try:
            shutil.copytree(kept, target, ignore=shutil.ignore_patterns(".vollstaendig"))
        except OSError:
            shutil.rmtree(target, ignore_errors=True)  # removed meanwhile: render it instead
            return False
        return True

    def keep(self, name: str, key: str, source: Path) -> None:
        """Keep a copy of ``source`` under ``key``, replacing older ones of ``name``. Written
        beside and renamed into place, so a reader never sees half a folder; a failure to keep
        costs only the next build's time."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=working_prefix("snapshot"), dir=self.root))
            shutil.copytree(source, work / "copy")
            (work / "copy" / ".vollstaendig").write_text("", encoding="utf-8")
            target = self._folder(name, key)
            with contextlib.suppress(OSError):  # another build kept the same folder first
                (work / "copy").rename(target)
            shutil.rmtree(work, ignore_errors=True)
            # the newest few of a name stay (two projects may share a version number)
            kept = sorted(
                (p for p in self.root.glob(f"{name}-*") if p.is_dir() and not p.name.startswith(".")),
                key=lambda p: p.stat().st_mtime_ns,
                reverse=True,
            )
            for older in kept[KEPT_PER_NAME:]:
                shutil.rmtree(older, ignore_errors=True)
        except OSError:
            return


def site_state(site_dir: Path) -> str | None:
    """A digest of every file's name, size and modification time in ``site_dir``; None when
    it is not a folder. Cheap (no file is read) and changed by any write, move or deletion.

    The files of a folder come before its subfolders, each in name order, as ``os.walk`` gave
    them (a link to a folder is neither a file nor entered, a folder that cannot be read is
    left out). One ``scandir`` per folder, paths joined as text and no recursion however deep:
    ``os.walk`` with ``os.path.relpath`` took seconds of one core at the end of every build at
    national size (60,000 files in 40,000 folders)."""
    if not site_dir.is_dir() or site_dir.is_symlink():
        return None
    digest = hashlib.sha256()
    folders = [(str(site_dir), "")]  # still to read: a folder and its path in the site
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_name)
        except OSError:
            continue
        inner = []
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if not is_folder:
                info = entry.stat(follow_symlinks=False)
                digest.update(
                    f"{prefix}{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_mode}\n".encode()
                )
            elif not entry.is_symlink():
                inner.append((entry.path, f"{prefix}{entry.name}/"))
        folders.extend(reversed(inner))  # the first subfolder is read next, whole
    return digest.hexdigest()


def _name(entry: os.DirEntry) -> str:
    return entry.name


def docs_digest(docs: Path, known: dict[str, str] | None = None) -> dict[str, str]:
    """Every file of the engine's input folder by its path there and the SHA-256 of its bytes;
    those in ``known`` (the generated pages, hashed as they were written) are not read again."""
    known = known or {}
    found = {}
    for root, dirs, files in os.walk(docs):
        dirs.sort()
        for name in files:
            path = Path(root, name)
            rel = path.relative_to(docs).as_posix()
            if rel in known:
                found[rel] = known[rel]
                continue
            with path.open("rb") as handle:
                found[rel] = hashlib.file_digest(handle, "sha256").hexdigest()
    return dict(sorted(found.items()))


def section_pages(files: dict[str, str], sections: tuple[str, ...]) -> set[str]:
    """The pages ``<section>/<key>/index.md`` among ``files``: outside the navigation, each
    rendered from its own file alone (``engine.mkdocs``' shards rely on the same)."""
    found = set()
    for path in files:
        parts = path.split("/")
        if len(parts) == 3 and parts[0] in sections and parts[2] == "index.md":
            found.add(path)
    return found


@dataclass(frozen=True)
class SiteRecord:
    """The last build of one site folder: its inputs' key, the state it left, its summary, and
    for the engine: the key of what it rendered and the digest of each docs file it read."""

    FOLDER = "websites"  # under build/cache/, one record per site folder

    key: str
    state: str
    summary: str
    engine_key: str = ""
    pages: dict[str, str] = field(default_factory=dict)

    def pages_to_render(
        self, engine_key: str, files: dict[str, str], sections: tuple[str, ...]
    ) -> frozenset[str] | None:
        """The entry pages whose docs file is new or changed since this build, if the engine
        may render only those (same engine key); None when everything must be rendered, also
        when most of many pages changed (then one full run is as fast)."""
        if not self.pages or engine_key != self.engine_key:
            return None
        pages = section_pages(files, sections)
        changed = frozenset(p for p in pages if self.pages.get(p) != files[p])
        return changed if len(changed) <= max(len(pages) // 2, FULL_RUN_FROM) else None

    @staticmethod
    def _file(cache: Path, site_dir: Path) -> Path:
        name = hashlib.sha256(str(site_dir).encode()).hexdigest()[:32]
        return cache / SiteRecord.FOLDER / f"{name}.json"

    @classmethod
    def read(cls, cache: Path, site_dir: Path) -> SiteRecord | None:
        try:  # a regular file only (no FIFO to block on, no link to follow)
            record = cls._file(cache, site_dir)
            data = json.loads(InputTree(cache).read_text(record.relative_to(cache), MAX_TABLE_BYTES))
            pages = data.get("pages", {})
            if not isinstance(pages, dict):
                return None
            return cls(
                str(data["key"]),
                str(data["state"]),
                str(data["summary"]),
                str(data.get("engine_key", "")),
                {str(k): str(v) for k, v in pages.items()},
            )
        except (InputError, OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # none, or unreadable: the build does the full work

    def write(self, cache: Path, site_dir: Path) -> None:
        try:  # a new file beside it, renamed over it: never written through a planted name
            write_text(self._file(cache, site_dir), json.dumps(self.__dict__, sort_keys=True))
        except OSError:
            return  # the next build does the full work

    @staticmethod
    def forget(cache: Path, site_dir: Path) -> None:
        SiteRecord._file(cache, site_dir).unlink(missing_ok=True)


#: sites whose records are kept besides those of the build that just ran: the most recently
#: built (the site, the preview's, a second checkout's …)
KEEP_SITES = 6


def prune_site_records(cache: Path, folders: tuple[str, ...], since: float, keep: int = KEEP_SITES) -> None:
    """Remove the records of sites not built for a while, so the cache does not grow with every
    ``--site-dir`` ever built (each benchmark's, each test checkout's): in each of ``folders``
    (one record, file or folder, per site), those last written before ``since`` (the start of
    this build) beyond the ``keep`` newest. A link is removed itself, never followed."""
    for name in folders:
        folder = cache / name
        if folder.is_symlink() or not folder.is_dir():
            continue
        older = []
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    written = entry.stat(follow_symlinks=False).st_mtime
                    if written < since:
                        older.append((written, entry.name, entry.is_dir(follow_symlinks=False)))
        for _written, record, is_folder in sorted(older, reverse=True)[keep:]:
            with contextlib.suppress(OSError):
                if is_folder:
                    shutil.rmtree(folder / record)  # works on descriptors: follows no link out
                else:
                    (folder / record).unlink()
