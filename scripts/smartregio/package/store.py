"""What a published version is made of: its files with size and SHA-256, and the versions
stored under ``data/.releases/<version>/`` with their manifest.

Pages (the /daten/ page), the publish stage and ``smartregio release`` all read these, so
they live with the package, before any of them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

RELEASES = ".releases"
MANIFEST = "manifest.json"
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


@dataclass(frozen=True)
class Download:
    name: str  # file name inside the version folder
    title: str
    format: str
    mediatype: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class StoredRelease:
    version: str
    date: date
    folder: Path
    files: dict[str, dict]  # name → {"bytes", "sha256", "title", "format", "mediatype"}

    def downloads(self) -> list[Download]:
        return [
            Download(name, f["title"], f["format"], f["mediatype"], f["bytes"], f["sha256"])
            for name, f in sorted(self.files.items())
        ]

    def verify(self) -> list[str]:
        """Names of stored files whose bytes differ from what was published."""
        bad = []
        for name, facts in self.files.items():
            path = self.folder / name
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != facts["sha256"]:
                bad.append(name)
        return bad


def stored_releases(data_dir: Path) -> list[StoredRelease]:
    """Every recorded release, oldest first."""
    found = []
    root = data_dir / RELEASES
    if not root.is_dir():
        return []
    for folder in root.iterdir():
        manifest = folder / MANIFEST
        if folder.is_dir() and manifest.is_file():
            facts = json.loads(manifest.read_text(encoding="utf-8"))
            found.append(
                StoredRelease(facts["version"], date.fromisoformat(facts["date"]), folder, facts["files"])
            )
    return sorted(found, key=lambda r: _version_key(r.version))


def _version_key(text: str) -> tuple[int, ...]:
    match = _SEMVER.match(text)
    return tuple(int(p) for p in match.groups()) if match else (0, 0, 0)
