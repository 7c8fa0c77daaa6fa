"""Write the package atomically and let frictionless check it before it is published."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from .. import processes
from ..catalogue import COLLECTIONS, Catalogue
from ..cells import text_problem
from ..outputs import mark, remove_stale, working_prefix
from ..problems import Problems
from .tables import PROFILE, Table, build_tables, link_table_name

DESCRIPTOR = "datapackage.json"


class PackageError(Exception):
    """The compiled package failed frictionless validation: a bug, never the contributor's."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems.as_text())
        self.problems = problems


class UnsafeValues(PackageError):
    """Values the package must not publish as they are (too long for a CSV cell as Python's csv
    module reads it by default, or read as a formula by spreadsheets): the contributor's data,
    located in German; ``validate`` should have refused them already."""


def _locate(
    catalogue: Catalogue, table: Table, row: list[Any], index: int, column: str
) -> tuple[str, int, str]:
    """File, line and field of one cell: the entry's file for a collection's tables (the line of
    the field or the body), else the package table's CSV with its line."""
    for collection in COLLECTIONS:
        if table.name != collection and not table.name.startswith(f"{collection}-"):
            continue
        owner = row[[c.name for c in table.columns].index("id")] if table.name == collection else row[0]
        entry_file = catalogue.files.get((collection, owner))
        if entry_file is None:
            break
        if column == "body":
            return entry_file.path, entry_file.body_line, column
        if table.name == collection:
            return entry_file.path, entry_file.line_of((column,)), column
        for name in catalogue.entries[collection][owner].__class__.model_fields:
            if link_table_name(collection, name) == table.name:  # a sub-record: measures[2].summary
                position = row[1] if isinstance(row[1], int) else 1
                return entry_file.path, entry_file.line_of((name, position - 1, column)), name
        return entry_file.path, entry_file.line_of((column,)), column
    return table.path, index + 2, column


def unsafe_values(catalogue: Catalogue, tables: list[Table]) -> Problems:
    """Every text cell the CSV files would carry that ``cells.text_problem`` refuses."""
    problems = Problems()
    for table in tables:
        texts = [i for i, c in enumerate(table.columns) if c.schema.get("type") in ("string", "list")]
        for index, row in enumerate(table.rows):
            for i in texts:
                value = row[i]
                message = text_problem(value) if isinstance(value, str) else None
                if message:
                    problems.add(*_locate(catalogue, table, row, index, table.columns[i].name), message)
    return problems


def _write_csv(table: Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([c.name for c in table.columns])
        writer.writerows(table.rows)


def _file_facts(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


def descriptor(catalogue: Catalogue, tables: list[Table], folder: Path) -> dict[str, Any]:
    meta = catalogue.meta
    assert meta is not None, "load_catalogue reports a missing datapackage.yaml"
    resources = []
    for table in tables:
        size, digest = _file_facts(folder / table.path)
        schema: dict[str, Any] = {
            "fields": [c.schema for c in table.columns],
            "primaryKey": table.primary_key,
        }
        if table.foreign_keys:
            schema["foreignKeys"] = table.foreign_keys
        resources.append(
            {
                "name": table.name,
                "type": "table",
                "path": table.path,
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": table.title,
                "description": table.description,
                "bytes": size,
                "hash": f"sha256:{digest}",
                "schema": schema,
            }
        )
    out: dict[str, Any] = {
        "$schema": PROFILE,
        "name": meta.name,
        "title": meta.title,
        "description": meta.description,
        "version": meta.version,
        "homepage": meta.homepage,
        "keywords": list(meta.keywords),
        "licenses": [lic.model_dump(exclude_none=True) for lic in meta.licenses],
        "contributors": [c.model_dump(exclude_none=True) for c in meta.contributors],
        "sources": [s.model_dump() for s in meta.sources],
        "resources": resources,
    }
    return out


def _validate_resources(job: tuple[str, list[str]]) -> list[tuple[str, int, str, str]]:
    """Validate some resources of a package (foreign keys included); runs in a worker."""
    from frictionless import Package

    descriptor_path, names = job
    package = Package(descriptor_path)
    found = []
    for name in names:
        resource = package.get_resource(name)
        for error in resource.validate().flatten(["rowNumber", "fieldName", "type", "message"]):
            row, field, kind, message = error
            found.append((resource.path, row or 0, field or "", f"{kind}: {message}"))
    return found


def check_package(path: Path) -> Problems:
    """Validate a written package with frictionless, as a reuser's tools would.

    Resources are checked in parallel worker processes (frictionless is pure Python), split
    so that each worker gets about the same number of bytes.
    """
    from frictionless import Package

    problems = Problems()
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for kind, message in Package.validate_descriptor(descriptor).flatten(["type", "message"]):
        problems.add(path.name, 0, "", f"{kind}: {message}")
    if problems:
        return problems
    workers = min(os.cpu_count() or 1, 4)
    groups: list[list[str]] = [[] for _ in range(workers)]
    sizes = [0] * workers
    for resource in sorted(descriptor["resources"], key=lambda r: -r["bytes"]):
        smallest = sizes.index(min(sizes))
        groups[smallest].append(resource["name"])
        sizes[smallest] += resource["bytes"]
    jobs = [(str(path), group) for group in groups if group]
    if len(jobs) == 1 or sum(sizes) < 2_000_000:
        results = [_validate_resources((str(path), [n for g in groups for n in g]))]
    else:
        with processes.context().Pool(len(jobs)) as pool:
            results = pool.map(_validate_resources, jobs)
    for found in results:
        for item in found:
            problems.add(*item)
    return problems


def write_package(catalogue: Catalogue, data_dir: Path, out: Path, mark_output: bool = False) -> Path:
    """Write into a temporary folder, validate, then swap it in; the old package survives failure.
    ``mark_output`` leaves the marker of an output folder (``smartregio package --out``)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out.parent)
    staging = staging_dir(out.parent, f".{out.name}.")
    if mark_output:
        mark(staging)
    try:
        tables = build_tables(catalogue)
        unsafe = unsafe_values(catalogue, tables)
        if unsafe:
            raise UnsafeValues(unsafe)
        for table in tables:
            _write_csv(table, staging / table.path)
        text = json.dumps(descriptor(catalogue, tables, staging), ensure_ascii=False, indent=2)
        (staging / DESCRIPTOR).write_text(text + "\n", encoding="utf-8")
        problems = check_package(staging / DESCRIPTOR)
        if problems:
            raise PackageError(problems)
        replace_dir(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out / DESCRIPTOR


def move_into(source: Path, target: Path) -> None:
    """Merge folder ``source`` into ``target`` by renaming (same file system; nothing is
    copied): what ``target`` lacks moves over whole, shared folders are merged inside."""
    target.mkdir(parents=True, exist_ok=True)
    for child in source.iterdir():
        there = target / child.name
        if child.is_dir() and there.is_dir():
            move_into(child, there)
        elif there.exists():
            raise FileExistsError(f"{there} gibt es schon")
        else:
            child.rename(there)


def staging_dir(parent: Path, prefix: str) -> Path:
    """A new folder beside the target, later renamed into place. ``mkdtemp`` makes it 0700;
    a web server running as another user could then read nothing, so it is opened to all.
    Its name carries this process's id, so a later run removes it if this one is killed."""
    path = Path(tempfile.mkdtemp(prefix=working_prefix(prefix.strip(".-")), dir=parent))
    path.chmod(0o755)
    return path


def replace_dir(new: Path, target: Path, removal: Removal | None = None) -> None:
    """Swap ``new`` into ``target`` with renames, so readers never see a half-written folder.
    With ``removal`` the old folder is removed in the background (see :class:`Removal`)."""
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if removal is not None:
            old = Path(tempfile.mkdtemp(prefix=working_prefix(f"{target.name}-alt"), dir=target.parent))
            old.rmdir()  # a name of this run: a later run removes it if this one is killed
        target.rename(old)
        new.rename(target)
        if removal is not None:
            removal.remove(old)
        else:
            shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(target)


class Removal:
    """Folders removed by a thread while the build goes on (the last build's 22,000 generated
    pages take seconds to delete); ``stop`` waits until they are gone."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []

    def remove(self, folder: Path) -> None:
        thread = threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True})
        thread.start()
        self.threads.append(thread)

    def stop(self) -> None:
        for thread in self.threads:
            thread.join()


class DetachedRemoval(Removal):
    """The last site removed by a process of its own that outlives the build: a national
    site's 100,000 files take seconds to delete (12 s at 10,000 entries), and no reader or
    later stage waits for them. The folder already carries this run's working name
    (``replace_dir``): if the removal is cut off, the next run removes the rest
    (``outputs.remove_stale``). Without ``fork`` (Windows) a thread removes it instead."""

    def remove(self, folder: Path) -> None:
        if not hasattr(os, "fork"):
            super().remove(folder)
            return
        # a short-lived child forks the remover and ends at once: the remover, in a session of
        # its own, belongs to no process of the build (no zombie to reap, nothing to wait for)
        subprocess.run(
            [sys.executable, "-c", _REMOVE, os.fspath(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )


# ``shutil.rmtree`` follows no symlink out of the folder (it works on file descriptors)
_REMOVE = (
    "import os, shutil, sys\n"
    "if os.fork() == 0:\n"
    "    os.setsid()\n"
    "    shutil.rmtree(sys.argv[1], ignore_errors=True)\n"
)
