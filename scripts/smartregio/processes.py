"""Worker processes that start the same way on Linux, macOS and Windows.

``fork`` is cheapest (the child shares the parent's catalogue without pickling) but exists
only on POSIX and is unsafe on macOS; elsewhere ``spawn`` is used. Every worker is a
module-level function with picklable arguments, so both methods give the same result.
``SMARTREGIO_START_METHOD`` chooses one explicitly (the tests force ``spawn``).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

T = TypeVar("T")

START_METHOD_ENV = "SMARTREGIO_START_METHOD"


def context() -> BaseContext:
    method = os.environ.get(START_METHOD_ENV) or ("fork" if sys.platform == "linux" else "spawn")
    return multiprocessing.get_context(method)


def start(process: BaseProcess) -> None:
    """Start ``process``; a forked one with the parent's objects frozen for the collector
    (``gc.freeze``): the child's collections then leave them alone instead of touching every
    object, which would copy each page of memory the two share (at 10,000 entries hundreds of
    megabytes per child)."""
    if getattr(process, "_start_method", None) != "fork":  # a context's process says how it starts
        process.start()
        return
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()


def give_back_memory() -> None:
    """Collect, then hand the C heap's free pages back to the system (glibc's ``malloc_trim``)
    before workers are forked: a child shares its parent's pages, and the parent's freed but
    kept memory would otherwise count in every process that shares it. Elsewhere: collect."""
    gc.collect()
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl has no malloc_trim)
        return
    trim = getattr(libc, "malloc_trim", None)
    if trim is not None:
        trim(0)


class BesideFailed(Exception):
    """The second process of ``Beside`` raised or ended without an answer: the message says
    which and why, in one line."""


class Beside(Generic[T]):
    """``work(*args)`` in a forked second process while this one goes on; its value comes back
    pickled through a pipe. Started only where it pays: on POSIX's ``fork`` (the child shares
    this process's objects; spawning would pickle them first) and with a second core; otherwise
    ``start`` gives None and the caller does the work itself."""

    def __init__(self, process: BaseProcess, receiver: Any) -> None:
        self.process = process
        self.receiver = receiver

    @classmethod
    def start(cls, work: Callable[..., T], *args: Any) -> Beside[T] | None:
        if (os.cpu_count() or 1) < 2:
            return None
        ctx = context()
        if ctx.get_start_method() != "fork":
            return None
        receiver, sender = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_beside, args=(work, args, sender))
        start(process)
        sender.close()
        return cls(process, receiver)

    def result(self) -> T:
        """The value ``work`` returned; ``BesideFailed`` if it raised or its process died."""
        try:
            kind, value = self.receiver.recv()
        except EOFError:
            kind, value = "error", "der Prozess brach ab"
        finally:
            self.receiver.close()
            self.process.join()
        if kind == "error":
            raise BesideFailed(value)
        return value

    def stop(self) -> None:
        """End the process if it still runs (a caller that no longer waits for it)."""
        self.receiver.close()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


class Ahead(Generic[T]):
    """A value that will be asked for later, worked out ahead in a second process (``Beside``)
    while this one goes on: a key or a digest whose files this process only reads meanwhile.
    Where no second process runs, or it fails, ``value`` does the work here when asked."""

    def __init__(self, work: Callable[..., T], *args: Any) -> None:
        self._work, self._args = work, args
        self._beside = Beside.start(work, *args)
        self._value: T | None = None
        self._done = False

    def value(self) -> T:
        if not self._done:
            beside, self._beside = self._beside, None
            done = False
            if beside is not None:
                with contextlib.suppress(BesideFailed):
                    self._value, done = beside.result(), True
            if not done:
                self._value = self._work(*self._args)
            self._done = True
        return self._value  # type: ignore[return-value]

    def __enter__(self) -> Ahead[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """End the second process if it still runs (the value is no longer wanted)."""
        if self._beside is not None:
            self._beside.stop()
            self._beside = None


def _beside(work: Callable[..., Any], args: tuple, sender: Any) -> None:
    try:
        sender.send(("done", work(*args)))
    except Exception as exc:  # said by the parent, which decides what it means
        with contextlib.suppress(OSError):
            sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()
