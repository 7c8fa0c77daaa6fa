"""The search index's parts kept between builds, under the project's ``build/cache/suche/``.

A part (see :mod:`searchparts`) is a run of marked pages; its Pagefind bundle depends on nothing
else but Pagefind's version. A build keeps each part's bundle under a digest of both and takes it
back when the same part comes again, so an edit re-indexes only the parts whose pages changed
(Pagefind itself cannot change an index it has written). Safe to delete: a missing or unreadable
part is indexed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path, PurePosixPath

from ..outputs import working_prefix

SUFFIX = ".teil"


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "unbekannt"


def part_key(pages: list[tuple[str, str]]) -> str:
    """A digest of Pagefind's version and the part's pages (address and marked text)."""
    digest = hashlib.sha256(_pagefind_version().encode("utf-8"))
    for url, text in pages:
        for value in (url, text):
            data = value.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class PartCache:
    """Parts' bundles by key in ``root``; ``reuse=False`` takes nothing back (a build without
    the cache) but keeps what it makes."""

    def __init__(self, root: Path, reuse: bool = True) -> None:
        self.root = root
        self.reuse = reuse

    def get(self, key: str) -> dict[str, bytes] | None:
        if not self.reuse:
            return None
        try:
            with zipfile.ZipFile(self.root / f"{key}{SUFFIX}") as kept:
                names = kept.namelist()
                # the names become paths in the site's bundle: only plain relative ones, as
                # Pagefind's service gives them (see pagefind_service.files)
                if any(PurePosixPath(n).is_absolute() or ".." in PurePosixPath(n).parts for n in names):
                    return None
                return {name: kept.read(name) for name in names}
        except (OSError, zipfile.BadZipFile, KeyError, ValueError):
            return None

    def put(self, key: str, files: dict[str, bytes]) -> None:
        """Keep ``files`` under ``key``: written beside and renamed into place; a failure to keep
        costs only the next build's time."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=working_prefix("teil"), dir=self.root)
            with os.fdopen(handle, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as kept:
                for name, data in sorted(files.items()):
                    kept.writestr(name, data)
            os.replace(temporary, self.root / f"{key}{SUFFIX}")
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temporary)

    def keep_only(self, keys: set[str]) -> None:
        """Remove the parts of earlier builds that this one did not use."""
        if not self.root.is_dir():
            return
        for path in self.root.glob(f"*{SUFFIX}"):
            if path.name.removesuffix(SUFFIX) not in keys:
                with contextlib.suppress(OSError):
                    path.unlink()
