"""``validate --changed``: report only what a branch touched.

The whole catalogue is still loaded (a reference can only be checked against it), but the
report keeps the problems of the entries the branch changed, added or deleted (against the
merge base with the base branch, including staged and untracked files), and, of every entry
that refers to one of them, the problems in the referring fields, so a renamed or deleted
entry shows where it was used while older, unrelated problems stay out of the branch's
report. A change to the reference tables can break any entry: then everything is reported.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import COLLECTIONS, Catalogue
from .collections import MODELS
from .fields import field_infos
from .problems import Problem, Problems
from .reference import shown_path

DEFAULT_BASES = ("origin/main", "main")


class ChangedError(Exception):
    """--changed cannot work here (no git, no repository, no base); the message is German."""


@dataclass
class Changes:
    everything: bool = False  # reference tables changed: every entry may be affected
    paths: set[Path] = field(default_factory=set)  # resolved paths changed under the data folder
    entries: set[tuple[str, str]] = field(default_factory=set)  # (collection, id) changed or deleted
    base: str = ""

    def describe(self) -> str:
        if self.everything:
            return f"Referenztabellen geändert gegenüber {self.base}: alle Einträge geprüft"
        count = len(self.entries)
        entries = "1 geänderter Eintrag" if count == 1 else f"{count} geänderte Einträge"
        return f"{entries} gegenüber {self.base}"


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *args], capture_output=True, text=True, check=False, encoding="utf-8"
        )
    except FileNotFoundError:
        raise ChangedError("git ist nicht installiert; --changed braucht git.") from None


def _resolve_base(root: Path, base: str | None) -> str:
    candidates = (base,) if base else DEFAULT_BASES
    for ref in candidates:
        if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0:
            return ref
    if base:
        raise ChangedError(f"Der Vergleichsstand „{base}“ ist in diesem Repository nicht bekannt.")
    raise ChangedError(
        "Weder „origin/main“ noch „main“ gibt es in diesem Repository; bitte mit --base angeben, "
        "wogegen verglichen wird (z. B. --base origin/develop)."
    )


def _split_z(text: str) -> list[str]:
    return [part for part in text.split("\0") if part]


def find_changes(data_dir: Path, base: str | None = None) -> Changes:
    """What the current branch changed under ``data_dir`` since it left ``base``."""
    data_dir = data_dir.resolve()
    top = _git(data_dir, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ChangedError(
            f"Der Datenordner {data_dir} liegt in keinem Git-Repository; --changed vergleicht mit "
            "einem Git-Stand. Ohne --changed werden alle Einträge geprüft."
        )
    root = Path(top.stdout.strip()).resolve()
    ref = _resolve_base(root, base)
    merge_base = _git(root, "merge-base", ref, "HEAD")
    if merge_base.returncode != 0:
        raise ChangedError(
            f"Kein gemeinsamer Stand von „{ref}“ und dem aktuellen Zweig gefunden (noch kein Commit, "
            "oder ein flacher Klon: in GitHub Actions bei actions/checkout „fetch-depth: 0“ setzen)."
        )
    spec = str(data_dir.relative_to(root)) if data_dir != root else "."
    diff = _git(root, "diff", "--name-only", "-z", "--no-renames", merge_base.stdout.strip(), "--", spec)
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", spec)
    for result in (diff, untracked):
        if result.returncode != 0:
            raise ChangedError(f"git meldet einen Fehler: {result.stderr.strip()}")
    changes = Changes(base=ref)
    for name in _split_z(diff.stdout) + _split_z(untracked.stdout):
        path = (root / name).resolve()
        changes.paths.add(path)
        parts = path.relative_to(data_dir).parts
        if parts[0] == "reference":
            changes.everything = True
        elif parts[0] in COLLECTIONS and len(parts) == 2 and parts[1].endswith(".md"):
            changes.entries.add((parts[0], parts[1][:-3]))
    return changes


def referrers(catalogue: Catalogue, targets: set[tuple[str, str]], data_dir: Path) -> dict[Path, set[str]]:
    """Entries naming any of ``targets``: resolved path → the fields that name them."""
    found: dict[Path, set[str]] = {}
    for collection, model in MODELS.items():
        ref_fields = [info for info in field_infos(model) if info.reference in MODELS]
        sources = [
            (catalogue.files[(collection, key)].path, {i.name: getattr(entry, i.name) for i in ref_fields})
            for key, entry in catalogue.entries[collection].items()
        ]
        sources += [
            (entry_file.path, raw)
            for (owner, _), (raw, entry_file) in catalogue.unvalidated.items()
            if owner == collection
        ]
        for path, values in sources:
            for info in ref_fields:
                value = values.get(info.name)
                names = value if isinstance(value, list) else [value]
                if any(isinstance(n, str) and (info.reference, n) in targets for n in names):
                    found.setdefault(shown_path(path, data_dir), set()).add(info.name)
    return found


@dataclass
class Scope:
    """What is reported: every problem of a changed file, and of an entry referring to a
    changed one the problems in the fields that refer to it (not its older, unrelated ones)."""

    paths: set[Path]
    fields: dict[Path, set[str]]
    data_dir: Path  # messages name files relative to the project around it
    everything: bool = False

    def covers(self, shown: str) -> bool:
        """Whether the file a message names (relative to the project) is in question."""
        return shown_path(shown, self.data_dir) in self.paths

    def keeps(self, problem: Problem, folders: set[Path]) -> bool:
        where = shown_path(problem.path, self.data_dir)
        return where in self.paths or where in folders or problem.field in self.fields.get(where, ())


def scope(catalogue: Catalogue, changes: Changes, data_dir: Path) -> Scope:
    return Scope(changes.paths, referrers(catalogue, changes.entries, data_dir), data_dir, changes.everything)


def select(problems: Problems, within: Scope) -> Problems:
    """The problems ``within`` covers; a problem on a folder counts when a change lies inside."""
    if within.everything:
        return problems
    folders = {folder for path in within.paths for folder in path.parents}
    kept = Problems()
    kept.extend(p for p in problems if within.keeps(p, folders))
    return kept
