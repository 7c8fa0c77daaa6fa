"""Worker processes that start the same way on Linux, macOS and Windows.

``fork`` is cheapest (the child shares the parent's catalogue without pickling) but exists
only on POSIX and is unsafe on macOS; elsewhere ``spawn`` is used. Every worker is a
module-level function with picklable arguments, so both methods give the same result.
``SMARTREGIO_START_METHOD`` chooses one explicitly (the tests force ``spawn``).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import sys
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess

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
