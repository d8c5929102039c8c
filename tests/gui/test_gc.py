"""Garbage that holds Qt objects is collected on the GUI thread, never on a worker (a Qt
object destroyed on another thread crashes the process)."""

from __future__ import annotations

import gc
import threading


class _Cycle:
    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.current_thread().name)


def test_cycles_are_collected_on_the_gui_thread_while_workers_allocate(qtbot, window):
    assert not gc.isenabled()  # no collection on whichever thread allocates
    _Cycle.freed_on.clear()
    for _ in range(1000):  # more than Python's first threshold (700) on their own
        _Cycle()

    def churn() -> None:  # a worker making garbage, as a lookup does: left automatic, the
        for _ in range(5000):  # collection would run here, on this thread
            cycle: list = []
            cycle.append(cycle)

    worker = threading.Thread(target=churn, name="churn")
    worker.start()
    worker.join()
    assert _Cycle.freed_on == []  # the worker did not collect them
    qtbot.waitUntil(lambda: len(_Cycle.freed_on) == 1000, timeout=5_000)
    assert set(_Cycle.freed_on) == {threading.main_thread().name}
