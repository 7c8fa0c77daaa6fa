"""The place pages written in a second process while this one writes every other page.

The ~12,400 place pages are most of a generation's work at any size (their lists of what is
nearby, their locator maps), and the entry pages the rest: at 10,000 entries each takes about
half. A forked child writes the place pages (and computes the places' surroundings, which only
they need) while the parent writes the others; the child hands back what the page memo learnt
(``PageMemo.current``, ``taken``), so the memo is the one a single process would have kept, and
the files are the same. Only where a worker can be forked: the generator, with its templates
and the build's views, is not sent to a spawned process; there (and for few places) the parent
writes everything itself.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import processes

if TYPE_CHECKING:
    from .generate import Generator
    from .memo import PageMemo

#: places with a page at least, for a second process to be worth its start
PARALLEL_FROM = 2000


class PlacePagesBeside:
    """The child that writes the place pages, and its answer."""

    def __init__(self, process, receiver) -> None:
        self.process = process
        self.receiver = receiver

    @classmethod
    def start(cls, generator: Generator, docs: Path) -> PlacePagesBeside | None:
        """The child writing ``generator``'s place pages into ``docs``, or None: then the
        caller writes them."""
        if len(generator.views.paged_places) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
            return None
        context = processes.context()
        if context.get_start_method() != "fork":
            return None
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_write_places, args=(generator, docs, sender))
        processes.start(process)
        sender.close()
        return cls(process, receiver)

    def finish(self, memo: PageMemo | None) -> int:
        """Wait for the child; its pages' memo records into ``memo``; how many pages it wrote.
        The child's error is raised here."""
        try:
            kind, value = self.receiver.recv()
        except EOFError:
            kind, value = "error", RuntimeError("Der Prozess, der die Ortsseiten schreibt, brach ab.")
        finally:
            self.receiver.close()
            self.process.join()
        if kind == "error":
            raise value
        count, current, taken = value
        if memo is not None:
            memo.current.update(current)
            memo.taken += taken
        return count

    def stop(self) -> None:
        self.receiver.close()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


def _write_places(generator: Generator, docs: Path, sender) -> None:
    try:
        count = 0
        for page in generator.place_pages():
            generator.write_one(page, docs)
            count += 1
        memo = generator.memo
        answer: Any = (count, memo.current if memo else {}, memo.taken if memo else 0)
        sender.send(("done", answer))
    except BaseException as exc:  # raised again by the parent (a full disk: its OSError)
        try:
            sender.send(("error", exc))
        except Exception:  # an error that cannot be sent as it is
            sender.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")))
    finally:
        sender.close()
