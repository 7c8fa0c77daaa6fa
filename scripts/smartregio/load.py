"""Load step: read every entry file, validate each on its own, collect every problem."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from . import processes
from .catalogue import COLLECTIONS, Catalogue
from .collections import MODELS
from .frontmatter import EntryFile, FrontMatterError, read, read_yaml
from .heap import few_full_collections
from .inputs import KIND_PROBLEMS, InputError, InputTree
from .links import LinkMemo, check_contacts, check_links
from .models import Entry, PackageMeta
from .problems import Problem, Problems
from .reference import ReferenceData, display_path, load_reference
from .suggest import nearest
from .types import WINDOWS_RESERVED
from .validate import validate_model

FILE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.md$")


def file_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be an entry file name, or None when it is fine."""
    if "/" in name or "\\" in name or name.startswith("."):
        return f"„{name}“ ist kein erlaubter Dateiname (keine Pfadangaben)."
    if not name.endswith(".md"):
        return f"„{name}“: Einträge sind Markdown-Dateien mit der Endung „.md“."
    if len(name) > 67:
        return f"„{name}“: Der Dateiname ist länger als 64 Zeichen (ohne „.md“)."
    if name[:-3] in WINDOWS_RESERVED:
        return f"„{name}“: „{name[:-3]}“ ist unter Windows als Dateiname reserviert."
    if not FILE_NAME.match(name):
        return (
            f"„{name}“ ist kein erlaubter Dateiname: nur Kleinbuchstaben a–z, Ziffern und "
            "einzelne Bindestriche, keine Leerzeichen, Großbuchstaben oder Umlaute (ä→ae, ß→ss)."
        )
    return None


@dataclass
class LoadCache:
    """What the last load of a data folder read, for a process that loads the same folder again
    after each change (the preview): the reference tables while none of their files changed,
    and each entry file's result while its size, change time and inode are the same. Entries
    are validated against the reference tables, so a changed table reads every entry again;
    the links of an unchanged entry are checked again only when an entry was added, removed or
    renamed, or a table changed (``links.LinkMemo``)."""

    reference_state: tuple = ()
    reference: ReferenceData | None = None
    reference_problems: list[Problem] = field(default_factory=list)
    results: dict[Path, tuple[tuple[int, int, int], _Result]] = field(default_factory=dict)
    links: LinkMemo = field(default_factory=LinkMemo)

    def load_reference(self, data_dir: Path, problems: Problems) -> ReferenceData:
        state = _tree_state(data_dir / "reference")
        if self.reference is None or state != self.reference_state:
            found = Problems()
            self.reference = load_reference(data_dir, found)
            self.reference_state, self.reference_problems = state, list(found)
            self.results.clear()
        problems.extend(self.reference_problems)
        return self.reference

    def load_file(self, job: _Job, reference: ReferenceData) -> _Result:
        try:
            info = os.lstat(job.path)
        except OSError:
            return _load_file(job, reference)  # gone meanwhile: reported as the load reports it
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        kept = self.results.get(job.path)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        result = _load_file(job, reference)
        self.results[job.path] = (stamp, result)
        return result


def _tree_state(folder: Path) -> tuple:
    """Names, sizes, change times and inodes of every file under ``folder``, sorted."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            try:
                info = os.lstat(os.path.join(top, name))
            except OSError:
                continue
            found.append((top, name, info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode))
    return tuple(found)


def load_catalogue(data_dir: Path, cache: LoadCache | None = None) -> tuple[Catalogue, Problems]:
    """Load and validate everything under ``data_dir``; never raises for bad input. With
    ``cache`` (kept by the caller between loads) unchanged files are not read again."""
    with few_full_collections():  # the catalogue stays: no walk over it each time it grows
        return _load_catalogue(data_dir, cache)


def _load_catalogue(data_dir: Path, cache: LoadCache | None) -> tuple[Catalogue, Problems]:
    problems = Problems()
    shown = display_path(data_dir, data_dir)
    if not data_dir.is_dir():
        problems.add(shown, 0, "", "Der Datenordner existiert nicht.")
        return Catalogue(reference=ReferenceData()), problems
    data_dir = Path(os.path.abspath(data_dir))  # the tree takes absolute paths or its own
    tree = InputTree(data_dir)
    reference = cache.load_reference(data_dir, problems) if cache else load_reference(data_dir, problems)
    catalogue = Catalogue(reference=reference, meta=load_meta(data_dir, problems))
    try:
        top = tree.list()
    except InputError as exc:
        problems.add(shown, 0, "", exc.message)
        return catalogue, problems
    for item in top:
        if item.name in COLLECTIONS and item.kind not in ("dir", "missing"):
            problems.add(
                display_path(data_dir / item.name, data_dir),
                0,
                "",
                "Eine Sammlung muss ein gewöhnlicher Ordner sein; verknüpfte Ordner (Symlinks) liest "
                "smartregio nicht.",
            )
    unknown = [
        item.name
        for item in top
        if item.kind == "dir"
        and item.name not in COLLECTIONS
        and item.name != "reference"
        and not item.name.startswith(".")
    ]
    for name in sorted(unknown):
        hint = nearest(name, list(COLLECTIONS))
        problems.add(
            display_path(data_dir / name, data_dir),
            0,
            "",
            "Unbekannter Ordner."
            + (f" Meinten Sie „{hint}“?" if hint else f" Sammlungen: {', '.join(COLLECTIONS)}."),
        )
    jobs = [job for c in COLLECTIONS for job in _list_collection(tree, c, catalogue, problems)]
    for result in _loaded(jobs, reference, cache):
        _accept(result, data_dir, catalogue, problems)
    if catalogue.count() == 0 and not problems:
        problems.add(shown, 0, "", "Der Datenordner enthält keine Einträge.")
    check_links(catalogue, problems, cache.links if cache else None)
    check_contacts(catalogue, problems)
    return catalogue, problems


def load_meta(data_dir: Path, problems: Problems) -> PackageMeta | None:
    """``datapackage.yaml``, validated; its problems are added to ``problems``."""
    path = data_dir / "datapackage.yaml"
    shown = display_path(path, data_dir)
    if not path.is_file():
        problems.add(shown, 0, "", "Die Paketbeschreibung datapackage.yaml fehlt.")
        return None
    try:
        meta_file = read_yaml(path, shown, data_dir)
    except FrontMatterError as exc:
        problems.add(shown, exc.line, "", exc.message)
        return None
    meta = validate_model(
        PackageMeta, meta_file.fields, None, meta_file.line_of, shown, problems, meta_file.numbers
    )
    if meta is not None:
        _check_texts(meta, shown, meta_file.line_of, problems)
    return meta


def _check_texts(meta: PackageMeta, shown: str, line_of, problems: Problems) -> None:
    """Each collection has its texts in ``collections`` and no other name stands there: a
    collection added in code is told where its editorial texts go."""
    for name in MODELS:
        if name not in meta.collections:
            problems.add(
                shown,
                line_of(("collections",)),
                "collections",
                f"Die Texte der Sammlung „{name}“ fehlen: unter collections: {name}: "
                "intro und description angeben.",
            )
    for name in meta.collections:
        if name not in MODELS:
            hint = nearest(name, list(MODELS))
            problems.add(
                shown,
                line_of(("collections", name)),
                f"collections.{name}",
                f"Eine Sammlung „{name}“ gibt es nicht" + (f"; gemeint ist wohl „{hint}“." if hint else "."),
            )


@dataclass
class _Job:
    collection: str
    path: Path
    shown: str
    root: Path  # the data folder: the file must be a regular file inside it


@dataclass
class _Result:
    job: _Job
    entry: Entry | None
    entry_file: EntryFile | None
    problems: list[Problem]


def _line_of(entry_file: EntryFile):
    """Lines of the fields, and of the text under the YAML head for ``body`` (too long …)."""
    return lambda loc: entry_file.body_line if loc[:1] == ("body",) else entry_file.line_of(loc)


#: entry files to load at least for a forked second process to load half of them: forking and
#: taking its results back (pickled, 13 MB for 5,000 entries) costs about as much as loading a
#: few hundred files
LOAD_BESIDE_FROM = 2_000


def _loaded(jobs: list[_Job], reference: ReferenceData, cache: LoadCache | None) -> list[_Result]:
    """Each job's result, in the jobs' order. Without a ``cache`` and with many files, every
    second one is loaded by a forked second process (``processes.Beside``) while this one loads
    the others (each file is read and validated on its own); if that process fails, its half
    is loaded here, where an error shows whole. With a ``cache`` (the preview's, kept between
    loads) everything is loaded here, through it."""
    if cache is not None:
        return [cache.load_file(job, reference) for job in jobs]
    theirs = jobs[1::2]
    beside = processes.Beside.start(_load_files, theirs, reference) if len(jobs) >= LOAD_BESIDE_FROM else None
    if beside is None:
        return _load_files(jobs, reference)
    try:
        mine = _load_files(jobs[0::2], reference)
    except BaseException:
        beside.stop()
        raise
    try:
        made = beside.result()
    except processes.BesideFailed:
        made = _load_files(theirs, reference)
    return [result for pair in zip_longest(mine, made) for result in pair if result is not None]


def _load_files(jobs: list[_Job], reference: ReferenceData) -> list[_Result]:
    return [_load_file(job, reference) for job in jobs]


def _load_file(job: _Job, reference: ReferenceData) -> _Result:
    """Read and validate one file on its own (half of them in a forked process, see ``_loaded``)."""
    problems = Problems()
    model = MODELS[job.collection]
    try:
        entry_file = read(job.path, job.shown, job.root)
    except FrontMatterError as exc:
        problems.add(job.shown, exc.line, "", exc.message)
        return _Result(job, None, None, list(problems))
    data = dict(entry_file.fields)
    entry = None
    if "body" in data:
        problems.add(
            job.shown,
            entry_file.lines.get(("body",), 1),
            "body",
            "Unbekanntes Feld: Der Text gehört unter den YAML-Kopf, nicht in ein Feld „body“.",
        )
    else:
        data["body"] = entry_file.body
        entry = validate_model(
            model, data, reference, _line_of(entry_file), job.shown, problems, entry_file.numbers
        )
    if model.body_required and not entry_file.body.strip():
        problems.add(
            job.shown, entry_file.body_line, "body", f"Der {model.body_title} unter dem YAML-Kopf fehlt."
        )
        entry = None
    if entry is not None:
        entry_file.fields = {}  # validated into ``entry``; no need to keep it
    return _Result(job, entry, entry_file, list(problems))


def _list_collection(
    tree: InputTree, collection: str, catalogue: Catalogue, problems: Problems
) -> list[_Job]:
    data_dir = tree.given
    folder = data_dir / collection
    if tree.kind(collection) != "dir":
        return []  # missing, or a linked folder reported by load_catalogue
    shown_folder = display_path(folder, data_dir)
    try:
        items = tree.list(collection)
    except InputError as exc:
        problems.add(shown_folder, 0, "", exc.message)
        return []
    jobs = []
    for item in items:
        name = item.name
        shown = f"{shown_folder}/{name}"
        if name.startswith("."):
            continue
        if item.kind in KIND_PROBLEMS:
            problems.add(shown, 0, "", KIND_PROBLEMS[item.kind])
        elif item.kind == "dir":
            problems.add(shown, 0, "", "Unterordner sind in einer Sammlung nicht erlaubt.")
        elif problem := file_name_problem(name):
            problems.add(shown, 0, "", problem)
        else:
            catalogue.invalid.add((collection, name[:-3]))
            jobs.append(_Job(collection, folder / name, shown, data_dir))
    return jobs


def _accept(result: _Result, data_dir: Path, catalogue: Catalogue, problems: Problems) -> None:
    """Checks that need the file's name and its neighbours; then the entry joins the catalogue."""
    problems.extend(result.problems)
    entry, entry_file, job = result.entry, result.entry_file, result.job
    if entry is None:
        if entry_file is not None:
            catalogue.unvalidated[(job.collection, job.path.name[:-3])] = (entry_file.fields, entry_file)
        return
    stem = job.path.name[:-3]
    if entry.id != stem:
        twin = job.path.with_name(f"{entry.id}.md")
        message = f"Die Kennung „{entry.id}“ muss dem Dateinamen entsprechen: „{stem}“."
        if InputTree(data_dir).kind(twin) == "file":
            message = (
                f"Die Kennung „{entry.id}“ kommt doppelt vor: hier und in "
                f"{display_path(twin, data_dir)}. Sie muss dem Dateinamen entsprechen: „{stem}“."
            )
        problems.add(job.shown, entry_file.line_of(("id",)), "id", message)
        return
    catalogue.invalid.discard((job.collection, entry.id))
    catalogue.entries[job.collection][entry.id] = entry
    catalogue.files[(job.collection, entry.id)] = entry_file
