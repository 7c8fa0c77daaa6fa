"""What a published version is made of: its files with size and SHA-256, and the versions
stored under ``data/.releases/<version>/`` with their manifest.

Pages (the /daten/ page), the publish stage and ``smartregio release`` all read these, so
they live with the package, before any of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..inputs import KIND_PROBLEMS, MAX_RELEASE_FILE_BYTES, InputError, InputTree
from ..problems import Problems, printable

RELEASES = ".releases"
MANIFEST = "manifest.json"
DESCRIPTOR = "datapackage.json"
# strict SemVer core, matched whole (``$`` would accept a trailing newline)
SEMVER = re.compile(r"(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})")
# a stored file's name: one plain name in the version folder, never a path
PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*")
SHA256 = re.compile(r"[0-9a-f]{64}")


class StoreError(Exception):
    """Stored releases that cannot be published as they are; ``problems`` says where and why."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems.as_text())
        self.problems = problems

    @property
    def versions(self) -> list[str]:
        """The version folders the problems name, for a one-line summary."""
        names = {
            p.path.split(f"{RELEASES}/", 1)[1].split("/", 1)[0]
            for p in self.problems
            if f"{RELEASES}/" in p.path
        }
        return sorted(names)


def is_version(text: object) -> bool:
    return isinstance(text, str) and SEMVER.fullmatch(text) is not None


def version_key(text: str) -> tuple[int, ...]:
    match = SEMVER.fullmatch(text)
    return tuple(int(p) for p in match.groups()) if match else (0, 0, 0)


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

    def read(self, name: str) -> bytes:
        """A listed file's bytes, read as a regular file of the folder and checked against the
        manifest; raises :class:`InputError` when it is missing, odd or changed."""
        facts = self.files[name]
        data = InputTree(self.folder).read_bytes(name, MAX_RELEASE_FILE_BYTES)
        if len(data) != facts["bytes"] or hashlib.sha256(data).hexdigest() != facts["sha256"]:
            raise InputError("Die Bytes weichen von der veröffentlichten Prüfsumme ab.")
        return data

    def verify(self) -> list[str]:
        """Names of stored files whose bytes differ from what was published."""
        bad = []
        for name in sorted(self.files):
            try:
                self.read(name)
            except InputError:
                bad.append(name)
        return bad

    def publish(self, target: Path) -> None:
        """Write exactly the listed files, each verified, into ``target`` (new)."""
        target.mkdir(parents=True)
        for name in sorted(self.files):
            (target / name).write_bytes(self.read(name))


def stored_releases(data_dir: Path, problems: Problems | None = None) -> list[StoredRelease]:
    """Every recorded release, oldest first; a stored release is data, never instructions.

    Each folder under ``data/.releases/`` must be named by a strict SemVer version and hold a
    manifest whose version is that name, whose date is a date and whose files are plain names
    with size and SHA-256; every file in the folder must be listed, none may be a symlink or
    special file. Problems go to ``problems``; without it, :class:`StoreError` is raised."""
    own = Problems()
    found = _read_releases(data_dir, own)
    if own:
        if problems is None:
            raise StoreError(own)
        problems.extend(own)
        return []
    return sorted(found, key=lambda r: version_key(r.version))


def _read_releases(data_dir: Path, problems: Problems) -> list[StoredRelease]:
    data_dir = Path(os.path.abspath(data_dir))
    tree = InputTree(data_dir)
    kind = tree.kind(RELEASES)
    shown_root = f"{data_dir.name}/{RELEASES}"
    if kind == "missing":
        return []
    if kind != "dir":
        problems.add(shown_root, 0, "", KIND_PROBLEMS.get(kind, "Kein Ordner."))
        return []
    found = []
    for item in tree.list(RELEASES):
        shown = f"{shown_root}/{printable(item.name)}"
        if item.name.startswith("."):
            continue
        if item.kind != "dir":
            problems.add(
                shown, 0, "", KIND_PROBLEMS.get(item.kind, "Im Ordner der Versionen stehen nur Ordner.")
            )
            continue
        if not is_version(item.name):
            problems.add(shown, 0, "", "Der Ordnername ist keine Version der Form MAJOR.MINOR.PATCH.")
            continue
        release = _read_release(tree, data_dir / RELEASES / item.name, shown, problems)
        if release is not None:
            found.append(release)
    return found


def _read_release(tree: InputTree, folder: Path, shown: str, problems: Problems) -> StoredRelease | None:
    manifest_shown = f"{shown}/{MANIFEST}"
    try:
        text = tree.read_text(folder / MANIFEST)
    except InputError as exc:
        problems.add(manifest_shown, 0, "", exc.message)
        return None
    try:
        facts = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(manifest_shown, exc.lineno, "", f"Kein gültiges JSON (Fehler in Spalte {exc.colno}).")
        return None
    before = len(problems)
    if not isinstance(facts, dict):
        problems.add(manifest_shown, 1, "", "Das Manifest muss ein JSON-Objekt sein.")
        return None
    version = facts.get("version")
    if not is_version(version) or version != folder.name:
        problems.add(
            manifest_shown,
            0,
            "version",
            f"Die Version muss dem Ordnernamen „{folder.name}“ entsprechen (MAJOR.MINOR.PATCH).",
        )
    day = _date(facts.get("date"))
    if day is None:
        problems.add(manifest_shown, 0, "date", "Das Datum fehlt oder hat nicht die Form JJJJ-MM-TT.")
    files = facts.get("files")
    if not isinstance(files, dict) or not files:
        problems.add(manifest_shown, 0, "files", "Die Liste der Dateien fehlt oder ist leer.")
        files = {}
    for name, file in files.items():
        where = f"files.{printable(name)}"
        if not PLAIN_NAME.fullmatch(name) or name == MANIFEST or len(name) > 128:
            problems.add(
                manifest_shown, 0, where, "Ein Dateiname ohne Pfad (Buchstaben, Ziffern, „.“, „-“, „_“)."
            )
        elif not _file_facts_ok(file):
            problems.add(
                manifest_shown,
                0,
                where,
                "Jede Datei braucht bytes (Zahl), sha256 (64 Hex-Ziffern), title, format und mediatype "
                "(Text).",
            )
    for item in tree.list(folder):
        if item.name == MANIFEST:
            continue
        if item.kind != "file":
            problems.add(
                f"{shown}/{printable(item.name)}", 0, "", KIND_PROBLEMS.get(item.kind, "Ein Ordner.")
            )
        elif item.name not in files:
            problems.add(
                f"{shown}/{printable(item.name)}",
                0,
                "",
                "Die Datei steht nicht im Manifest; veröffentlicht wird nur, was das Manifest mit "
                "Prüfsumme nennt.",
            )
    if len(problems) > before or day is None:
        return None
    release = StoredRelease(version, day, folder, files)
    for name in release.verify():
        problems.add(
            f"{shown}/{printable(name)}",
            0,
            "",
            "Die Datei fehlt oder weicht von der veröffentlichten Prüfsumme ab. Veröffentlichte Versionen "
            "dürfen sich nicht ändern.",
        )
    if len(problems) == before and DESCRIPTOR in files:
        _check_descriptor(release, f"{shown}/{DESCRIPTOR}", problems)
    return None if len(problems) > before else release


def _check_descriptor(release: StoredRelease, shown: str, problems: Problems) -> None:
    """The stored package may only name its own listed files: version pages read it back."""
    try:
        descriptor = json.loads(release.read(DESCRIPTOR))
        resources = descriptor["resources"]
        paths = [r.get("path") for r in resources]
    except (ValueError, KeyError, TypeError, AttributeError, InputError):
        problems.add(shown, 0, "", "Die gespeicherte Paketbeschreibung ist nicht lesbar.")
        return
    for path in paths:
        if not isinstance(path, str) or path not in release.files:
            problems.add(shown, 0, "resources", f"„{printable(str(path))}“ ist keine Datei dieser Version.")


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _file_facts_ok(file: object) -> bool:
    return (
        isinstance(file, dict)
        and isinstance(file.get("bytes"), int)
        and not isinstance(file.get("bytes"), bool)
        and file["bytes"] >= 0
        and isinstance(file.get("sha256"), str)
        and SHA256.fullmatch(file["sha256"]) is not None
        and all(isinstance(file.get(key), str) for key in ("title", "format", "mediatype"))
    )
