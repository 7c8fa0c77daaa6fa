"""Progress of a long command on stderr: each stage as it starts and ends, with count and seconds.

Stdout stays for results (and machine-readable output); progress goes to stderr, so
``smartregio validate --format json > out.json`` still shows it and still parses. ``-q`` keeps
only errors, ``-v`` adds detail lines. On a terminal a stage that counts its items redraws one
line as a bar; in a log (CI, a pipe) it writes one line per stage, so logs stay short.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

from .text import plural

T = TypeVar("T")

QUIET, NORMAL, VERBOSE = 0, 1, 2
BAR_WIDTH = 24


def seconds(value: float) -> str:
    """German decimal comma: 1.234 → „1,2 s“."""
    return f"{value:.1f} s".replace(".", ",")


class Stage:
    """One running stage; ``count`` may be set once the stage knows how much it did."""

    def __init__(self, progress: Progress, name: str, count: int | None, unit: str | tuple[str, str]) -> None:
        self.progress = progress
        self.name = name
        self.count = count
        self.unit = unit

    def items(self, iterable: Iterable[T], total: int) -> Iterator[T]:
        """Iterate and, on a terminal, redraw a bar at most ten times a second."""
        self.count = total
        drawn = 0.0
        for done, item in enumerate(iterable, start=1):
            now = time.monotonic()
            if self.progress.live and now - drawn > 0.1:
                self.progress.bar(self.name, done, total)
                drawn = now
            yield item


class Progress:
    """Where a command reports how far it is."""

    def __init__(self, level: int = NORMAL, stream: TextIO | None = None) -> None:
        self.level = level
        self.stream = stream or sys.stderr
        self.live = level >= NORMAL and getattr(self.stream, "isatty", lambda: False)()
        self.timings: list[tuple[str, float]] = []

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def bar(self, name: str, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        self._write(f"\r  {name:<22} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}")

    @contextmanager
    def stage(self, name: str, count: int | None = None, unit: str | tuple[str, str] = "") -> Iterator[Stage]:
        """Time a stage and report it when it ends (on a terminal also when it starts).

        ``unit`` is a plural noun, or (singular, plural) where the count may be one.
        """
        current = Stage(self, name, count, unit)
        if self.live:
            self._write(f"  {name} …")
        started = time.perf_counter()
        yield current
        took = time.perf_counter() - started
        self.timings.append((name, took))
        if self.level >= NORMAL:
            amount = ""
            if current.count is not None:
                one, many = current.unit if isinstance(current.unit, tuple) else (current.unit,) * 2
                amount = f": {plural(current.count, one, many)}".rstrip()
            line = f"  {name}{amount} ({seconds(took)})"
            self._write(("\r\x1b[2K" if self.live else "") + line + "\n")

    def warning(self, text: str) -> None:
        """A problem that does not stop the command (kept unless -q, like the stage lines)."""
        if self.level >= NORMAL:
            self._write(("\r\x1b[2K" if self.live else "") + f"  {text}\n")

    def detail(self, text: str) -> None:
        if self.level >= VERBOSE:
            self._write(f"    {text}\n")

    def done(self, text: str) -> None:
        """The closing line of a command (kept with -q off, like every other report)."""
        if self.level >= NORMAL:
            total = sum(took for _, took in self.timings)
            self._write(f"{text} ({seconds(total)})\n")
