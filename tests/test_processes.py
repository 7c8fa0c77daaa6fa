"""Worker processes (``processes.py``): a forked worker starts with the parent's objects frozen
for the collector, so its collections leave the pages it shares with its parent alone; the
parent's collector is as before once the worker runs."""

from __future__ import annotations

import gc
import sys

import pytest

from smartregio import processes


def _report_frozen(conn) -> None:
    conn.send(gc.get_freeze_count())
    conn.close()


@pytest.mark.skipif(sys.platform != "linux", reason="fork is the start method on Linux only")
def test_a_forked_worker_starts_with_the_parents_objects_frozen(monkeypatch):
    monkeypatch.delenv(processes.START_METHOD_ENV, raising=False)
    context = processes.context()
    shared = [object() for _ in range(1000)]  # objects of the parent the child inherits
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_report_frozen, args=(sender,))
    processes.start(worker)
    sender.close()
    frozen_in_child = receiver.recv()
    worker.join()
    assert frozen_in_child >= len(shared)  # the child's collector does not walk them
    assert gc.get_freeze_count() == 0  # the parent's collector walks everything again


def test_a_spawned_worker_starts_as_usual(monkeypatch):
    monkeypatch.setenv(processes.START_METHOD_ENV, "spawn")
    context = processes.context()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_report_frozen, args=(sender,))
    processes.start(worker)
    sender.close()
    assert receiver.recv() == 0
    worker.join()
    assert worker.exitcode == 0 and gc.get_freeze_count() == 0


def test_memory_is_given_back_without_losing_anything():
    kept = {n: str(n) for n in range(10_000)}
    garbage = [[n] for n in range(100_000)]
    del garbage
    processes.give_back_memory()
    assert kept[9_999] == "9999" and gc.get_freeze_count() == 0
