"""Versioned releases of the data: SemVer for data, a changelog from the data diff, and the
published downloads kept under ``data/.releases/<version>/`` so every version stays at its
address with the same bytes forever.

SemVer for data: MAJOR when a field is removed or its meaning changes, MINOR when entries or
optional fields are added, PATCH for corrections.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..addresses import SECTION_TITLES
from ..atomic import write_text
from ..catalogue import COLLECTIONS, Catalogue
from ..collections import MODELS
from ..models import title_of
from ..package.read import read_package
from ..package.rows import read_descriptor
from ..package.store import (
    MANIFEST,
    RELEASES,
    SEMVER,
    Download,
    StoredRelease,
    StoreError,
    stored_releases,
)
from ..package.write import write_package
from ..problems import printable
from ..reference import display_path
from .formats import write_downloads


class ReleaseError(Exception):
    """A release that must not happen, with the reason in German."""


def parse_version(text: str) -> tuple[int, int, int]:
    match = SEMVER.fullmatch(text)
    if not match:
        raise ReleaseError(f"„{printable(text)}“ ist keine Version der Form MAJOR.MINOR.PATCH (z. B. 1.2.0).")
    return tuple(int(part) for part in match.groups())  # type: ignore[return-value]


def package_name(catalogue: Catalogue) -> str:
    return catalogue.meta.name if catalogue.meta else "smartregio"


def compile_downloads(catalogue: Catalogue, data_dir: Path, target: Path) -> list[Download]:
    """The package's files plus every derived format, all in ``target``."""
    from .formats import describe

    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "paket"
        write_package(catalogue, data_dir, package)
        target.mkdir(parents=True, exist_ok=True)
        for file in sorted(package.iterdir()):
            shutil.copyfile(file, target / file.name)
        downloads = write_downloads(package, target, package_name(catalogue))
    titles = {r["path"]: r.get("title", r["name"]) for r in read_descriptor(target)["resources"]}
    csvs = sorted(target.glob("*.csv"))
    tables = [describe(target / f.name, f"Tabelle „{titles.get(f.name, f.stem)}“") for f in csvs]
    descriptor = describe(target / "datapackage.json", "Paketbeschreibung (datapackage.json)")
    return [*downloads, descriptor, *tables]


# --- the changelog ---------------------------------------------------------------------------
@dataclass
class Change:
    collection: str
    key: str
    title: str
    kind: str  # "neu", "entfernt", "geändert"
    fields: list[str]


def diff(before: Catalogue | None, after: Catalogue) -> list[Change]:
    changes = []
    for collection in COLLECTIONS:
        model = MODELS[collection]
        titles = {name: info.title or name for name, info in model.model_fields.items()}
        old = before.entries[collection] if before else {}
        new = after.entries[collection]
        for key in sorted(set(old) | set(new)):
            title = title_of(new.get(key) or old.get(key))
            if key not in old:
                changes.append(Change(collection, key, title, "neu", []))
            elif key not in new:
                changes.append(Change(collection, key, title, "entfernt", []))
            else:
                a, b = old[key].model_dump(), new[key].model_dump()
                fields = [titles[name] for name in model.model_fields if a.get(name) != b.get(name)]
                if fields:
                    changes.append(Change(collection, key, title, "geändert", fields))
    old_places = before.reference.places if before else {}
    for key in sorted(set(old_places) | set(after.reference.places)):
        place = after.reference.places.get(key) or old_places.get(key)
        if key not in old_places:
            changes.append(Change("places", key, place.name, "neu", []))
        elif key not in after.reference.places:
            changes.append(Change("places", key, place.name, "entfernt", []))
        elif old_places[key] != after.reference.places[key]:
            changes.append(Change("places", key, place.name, "geändert", ["Ort"]))
    return changes


def _labels() -> dict[str, str]:
    return {**{c: SECTION_TITLES[c] for c in COLLECTIONS}, "places": "Orte"}


def changelog_section(version: str, day: date, changes: list[Change], previous: str | None) -> str:
    lines = [f"## {version} – {day.strftime('%d.%m.%Y')}", ""]
    lines.append(f"Gegenüber {previous}:" if previous else "Erste Veröffentlichung.")
    lines.append("")
    if not changes:
        lines += ["Keine inhaltlichen Änderungen.", ""]
    for collection, label in _labels().items():
        mine = [c for c in changes if c.collection == collection]
        if not mine:
            continue
        lines += [f"### {label}", ""]
        for kind in ("neu", "geändert", "entfernt"):
            group = [c for c in mine if c.kind == kind]
            if not group:
                continue
            if previous is None and kind == "neu":
                lines.append(f"- {len(group)} Einträge")
                continue
            for c in group:
                detail = f" ({', '.join(c.fields)})" if c.fields else ""
                lines.append(f"- {kind}: {c.title} (`{c.key}`){detail}")
        lines.append("")
    return "\n".join(lines)


CHANGELOG_HEAD = (
    "# Änderungen\n\nJede Veröffentlichung der Daten mit ihren Änderungen, die neueste zuerst. "
    "Die Dateien jeder Version bleiben unter `/daten/<version>/` abrufbar.\n\n"
)


def write_changelog(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    body = text[len(CHANGELOG_HEAD) :] if text.startswith(CHANGELOG_HEAD) else text
    write_text(path, CHANGELOG_HEAD + section.rstrip() + "\n\n" + body.lstrip())


# --- the release command ---------------------------------------------------------------------
def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
    if result.returncode:
        raise ReleaseError(f"git {' '.join(args)} ist fehlgeschlagen: {result.stderr.strip()}")
    return result.stdout


def previous_catalogue(release: StoredRelease, name: str) -> Catalogue:
    """The catalogue a stored release published, read back from its archive; a
    :class:`ReleaseError` naming the archive when it cannot be read as a data package."""
    path = release.folder / f"{name}.zip"
    descriptor = f"{name}/datapackage.json"
    try:
        with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(path) as archive:
            if descriptor not in archive.namelist():
                reason = f"{descriptor} fehlt im Archiv"
            else:
                archive.extractall(tmp)
                return read_package(Path(tmp) / descriptor)
    except OSError as exc:  # the archive, or a file its descriptor names
        reason = f"{exc.strerror}: {Path(exc.filename).name}" if exc.filename else str(exc)
    except (zipfile.BadZipFile, ValueError, KeyError, TypeError, AttributeError) as exc:
        reason = f"{type(exc).__name__}: {exc}"
    raise ReleaseError(
        f"{display_path(path, release.folder.parent.parent)}: Version {release.version} lässt sich nicht "
        f"als Datenpaket lesen ({printable(reason)}); die Änderungen gegenüber ihr sind nicht zu bestimmen."
    )


def set_version(data_dir: Path, version: str) -> None:
    path = data_dir / "datapackage.yaml"
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(r"^version:.*$", f"version: {version}", text, count=1, flags=re.M)
    if not count:
        raise ReleaseError("data/datapackage.yaml hat kein Feld „version“.")
    write_text(path, new)


def release(data_dir: Path, version: str, day: date, tag: bool = True) -> Path:
    """Record a release; returns its folder. Refuses with a reason instead of half-doing it."""
    from ..load import load_catalogue

    parse_version(version)
    data_dir = data_dir.resolve()
    repo = Path(_git(data_dir, "rev-parse", "--show-toplevel").strip())
    if _git(repo, "status", "--porcelain", "--", str(data_dir)).strip():
        raise ReleaseError("Die Daten haben Änderungen, die nicht committet sind. Bitte erst committen.")
    try:
        releases = stored_releases(data_dir)
    except StoreError as exc:
        raise ReleaseError("Die gespeicherten Versionen sind ungültig:\n" + exc.problems.as_text()) from None
    if any(r.version == version for r in releases):
        raise ReleaseError(f"Version {version} gibt es schon; veröffentlichte Versionen bleiben unverändert.")
    if releases and parse_version(version) <= parse_version(releases[-1].version):
        raise ReleaseError(
            f"Version {version} ist nicht höher als die letzte Version {releases[-1].version}."
        )
    if tag and _git(repo, "tag", "--list", f"v{version}").strip():
        raise ReleaseError(f"Das Git-Tag v{version} gibt es schon.")
    catalogue, problems = load_catalogue(data_dir)
    if problems:
        raise ReleaseError("Die Daten sind ungültig:\n" + problems.as_text())

    set_version(data_dir, version)
    folder = data_dir / RELEASES / version
    try:
        catalogue, problems = load_catalogue(data_dir)
        if problems:  # cannot happen for a valid data set; be safe
            raise ReleaseError(problems.as_text())
        name = package_name(catalogue)
        previous = previous_catalogue(releases[-1], name) if releases else None
        changes = diff(previous, catalogue)
        downloads = compile_downloads(catalogue, data_dir, folder)
        manifest = {
            "version": version,
            "date": day.isoformat(),
            "files": {
                d.name: {
                    "title": d.title,
                    "format": d.format,
                    "mediatype": d.mediatype,
                    "bytes": d.bytes,
                    "sha256": d.sha256,
                }
                for d in downloads
            },
            "changes": {
                kind: sum(1 for c in changes if c.kind == kind) for kind in ("neu", "geändert", "entfernt")
            },
        }
        (folder / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        write_changelog(
            data_dir.parent / "CHANGELOG.md",
            changelog_section(version, day, changes, releases[-1].version if releases else None),
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        _git(repo, "checkout", "--", str(data_dir / "datapackage.yaml"))
        raise
    _git(
        repo,
        "add",
        "--",
        str(data_dir / "datapackage.yaml"),
        str(folder),
        str(data_dir.parent / "CHANGELOG.md"),
    )
    _git(repo, "commit", "-q", "-m", f"Release der Daten {version}")
    if tag:
        _git(repo, "tag", "-a", f"v{version}", "-m", f"Daten {version}")
    return folder
