"""The place pages shared with a second process.

Every official place has a page (12,417 at the Gebietsstand of 2021): most of the pages a build
generates, each a view of the place and a template run, pure Python on one core. Where the
build may fork (``processes``) and the machine has a second core, a forked process generates
every second place's page into the same docs folder while this one generates the rest and the
other pages. The forked process shares the generator as it is (its views, templates and memo,
nothing is pickled) and sends back what the memo needs: the key and digest of each page it
took or wrote. Both write disjoint files, so the folder is the one a single process writes.
"""

from __future__ import annotations

import os
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from .. import processes

if TYPE_CHECKING:
    from .generate import Generator

#: from this many place pages on they are shared (fewer are not worth a process)
SHARED_FROM = 2_000
#: the places the forked process generates, and those left to this one
THEIRS, OURS = slice(1, None, 2), slice(0, None, 2)


class GenerationError(Exception):
    """The forked process failed; the message says why in German, ``detail`` is its traceback."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail


class PlaceShare:
    """The forked process that generates the places :data:`THEIRS` into ``docs``."""

    @staticmethod
    def wanted(places: int) -> bool:
        context = processes.context()
        return places >= SHARED_FROM and (os.cpu_count() or 1) > 1 and context.get_start_method() == "fork"

    def __init__(self, generator: Generator, docs: Path) -> None:
        context = processes.context()
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_generate, args=(generator, docs, sender), daemon=True)
        processes.start(self.process)
        sender.close()

    def finish(self, generator: Generator) -> int:
        """Wait for the forked process; its pages enter the memo. Returns how many it wrote."""
        try:
            status, *payload = self.receiver.recv()
        except EOFError:
            self.process.join()
            code = self.process.exitcode
            raise GenerationError(
                f"Die Seiten der Orte konnten nicht erzeugt werden (Prozess beendet, Code {code})."
            ) from None
        self.process.join()
        if status != "done":
            summary, trace = payload
            raise GenerationError(f"Die Seiten der Orte konnten nicht erzeugt werden: {summary}", trace)
        count, taken, current = payload
        if generator.memo is not None:
            generator.memo.current.update(current)
            generator.memo.taken += taken
        return count

    def stop(self) -> None:
        """End the forked process if it still runs (this one failed first)."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.receiver.close()


def _generate(generator: Generator, docs: Path, conn: Connection) -> None:
    try:
        memo = generator.memo
        taken = memo.taken if memo is not None else 0
        paths = []
        for draft in generator.place_drafts(THEIRS):
            generator.write_draft(docs, draft)
            paths.append(draft.path)
        current = {path: memo.current[path] for path in paths} if memo is not None else {}
        conn.send(("done", len(paths), (memo.taken - taken) if memo is not None else 0, current))
    except BaseException as exc:  # said by the parent, with the traceback for -v
        conn.send(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    finally:
        conn.close()
