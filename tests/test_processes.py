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


def _pid_and(value: int) -> tuple[int, int]:
    import os

    return os.getpid(), value * 2


def _fails() -> None:
    raise ValueError("kaputt")


def _dies() -> None:
    import os

    os._exit(3)


@pytest.mark.skipif(sys.platform != "linux", reason="fork is the start method on Linux only")
def test_work_beside_comes_back_from_another_process_and_says_why_it_failed(monkeypatch):
    """``Beside`` runs the work in a forked process and gives its value back; a raised error and
    a process that died are each one line (``BesideFailed``), never a hang."""
    import os

    monkeypatch.delenv(processes.START_METHOD_ENV, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    beside = processes.Beside.start(_pid_and, 21)
    assert beside is not None
    pid, value = beside.result()
    assert value == 42 and pid != os.getpid() and not beside.process.is_alive()
    failing = processes.Beside.start(_fails)
    with pytest.raises(processes.BesideFailed, match="ValueError: kaputt"):
        failing.result()
    dying = processes.Beside.start(_dies)
    with pytest.raises(processes.BesideFailed, match="brach ab"):
        dying.result()
    stopped = processes.Beside.start(_pid_and, 1)
    stopped.stop()
    assert not stopped.process.is_alive()


def test_work_beside_is_left_to_the_caller_without_fork_or_a_second_core(monkeypatch):
    import os

    monkeypatch.setenv(processes.START_METHOD_ENV, "spawn")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert processes.Beside.start(_pid_and, 1) is None
    monkeypatch.delenv(processes.START_METHOD_ENV)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert processes.Beside.start(_pid_and, 1) is None


def test_a_value_worked_out_ahead_is_the_one_worked_out_here(monkeypatch):
    """``Ahead`` works a value out in a second process while the caller goes on; without one,
    or when it fails, the value is worked out when asked for: the same value every way, once."""
    import os

    monkeypatch.delenv(processes.START_METHOD_ENV, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    ahead = processes.Ahead(_pid_and, 21)
    pid, value = ahead.value()
    assert value == 42 and pid != os.getpid()
    assert ahead.value() == (pid, value)  # asked again: the same, not worked out again
    ahead.stop()

    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # no second process: worked out here
    with processes.Ahead(_pid_and, 21) as here:
        assert here.value() == (os.getpid(), 42)

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(
        processes.Beside, "result", lambda self: (_ for _ in ()).throw(processes.BesideFailed("x"))
    )
    with processes.Ahead(_pid_and, 21) as failed:  # the second process failed: worked out here
        assert failed.value() == (os.getpid(), 42)

    with processes.Ahead(_pid_and, 1) as unwanted:  # never asked: its process is ended
        pass
    assert unwanted._beside is None
