"""Background work for the GUI: operation objects on an executor, results delivered by signal.

The one mechanism for anything that may block (network, keyring, PIN hashing, journal reads of
more than a row, file export), after Anki's ``taskman`` and Electrum's task thread:

    self.tasks.run(lambda task: app.lookup(raw),
                   on_success=self.show_lookup, on_failure=self.show_error)

``fn`` runs on a worker thread and receives its :class:`Task`, whose ``cancel`` event it may
pass to the core and whose :meth:`Task.report` sends progress back. ``on_success``,
``on_failure`` and ``on_progress`` always run on the GUI thread, in order, and never after
:meth:`TaskManager.shutdown`.

:class:`Bridge` carries callbacks that the core makes from its own threads (the background
poller's ``on_change``) onto the GUI thread, like Electrum's ``QtEventListener``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from posrev.gui.qt import QObject, Signal

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)


class Task:
    """One unit of background work and its handlers."""

    def __init__(self, fn: Callable[[Task], Any], *, on_success: Callable[[Any], None] | None,
                 on_failure: Callable[[BaseException], None] | None,
                 on_progress: Callable[[Any], None] | None, name: str) -> None:
        self.fn = fn
        self.on_success = on_success
        self.on_failure = on_failure
        self.on_progress = on_progress
        self.name = name
        self.cancel = threading.Event()
        self.done = False
        self._manager: TaskManager | None = None

    def report(self, value: Any) -> None:
        """Called from the worker: deliver ``value`` to ``on_progress`` on the GUI thread."""
        manager = self._manager
        if manager is not None and self.on_progress is not None and not manager.closed:
            manager._progress.emit(self, value)

    def __repr__(self) -> str:
        return f"<Task {self.name}{' done' if self.done else ''}>"


class TaskManager(QObject):
    """Runs :class:`Task` objects on a small thread pool."""

    _finished = Signal(object, object, object)  # task, result, exception
    _progress = Signal(object, object)  # task, value

    def __init__(self, parent: QObject | None = None, max_workers: int = 4) -> None:
        super().__init__(parent)
        self._max_workers = max_workers
        self._pool: ThreadPoolExecutor | None = None  # made by the first run(), after a paint
        self._tasks: set[Task] = set()
        self._lock = threading.Lock()
        self.closed = False
        # Emitted on a worker thread: Qt's automatic connection queues the call to the thread
        # this object lives in (the GUI thread).
        self._finished.connect(self._deliver)
        self._progress.connect(self._deliver_progress)

    def run(self, fn: Callable[[Task], Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[Any], None] | None = None, name: str = "") -> Task:
        if self.closed:
            raise RuntimeError("the task manager is shut down")
        task = Task(fn, on_success=on_success, on_failure=on_failure, on_progress=on_progress,
                    name=name or getattr(fn, "__name__", "task"))
        task._manager = self
        with self._lock:
            self._tasks.add(task)
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=self._max_workers,
                                            thread_name_prefix="posrev-gui")
        self._pool.submit(self._work, task)
        return task

    def _work(self, task: Task) -> None:
        try:
            result = task.fn(task)
        except BaseException as exc:  # noqa: BLE001 - delivered to on_failure
            if not self.closed:
                self._finished.emit(task, None, exc)
            return
        if not self.closed:
            self._finished.emit(task, result, None)

    def _deliver(self, task: Task, result: Any, exc: BaseException | None) -> None:
        with self._lock:
            self._tasks.discard(task)
        task.done = True
        if self.closed:
            return
        if exc is None:
            if task.on_success is not None:
                task.on_success(result)
        elif task.on_failure is not None:
            task.on_failure(exc)
        else:
            log.error("task %s failed", task.name, exc_info=exc)

    def _deliver_progress(self, task: Task, value: Any) -> None:
        if not self.closed and not task.done and task.on_progress is not None:
            task.on_progress(value)

    def cancel_all(self) -> None:
        with self._lock:
            tasks = list(self._tasks)
        for task in tasks:
            task.cancel.set()

    def shutdown(self, wait: bool = True) -> None:
        """Ask every task to stop, drop queued ones, and wait for the running ones; no handler
        runs afterwards. Safe to call twice."""
        if self.closed:
            return
        self.closed = True
        self.cancel_all()
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
        with self._lock:
            self._tasks.clear()


class Bridge(QObject):
    """Delivers a callback made on any thread to ``handler`` on the GUI thread."""

    _called = Signal(object)

    def __init__(self, handler: Callable[[Any], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True
        self._handler: Callable[[Any], None] | None = handler
        self._called.connect(self._deliver)  # queued when called from another thread

    def __call__(self, value: Any) -> None:
        if self.enabled:
            self._called.emit(value)

    def close(self) -> None:
        """Deliver nothing more, and let go of the handler (and what it holds)."""
        self.enabled = False
        self._handler = None

    def _deliver(self, value: Any) -> None:
        handler = self._handler
        if self.enabled and handler is not None:
            handler(value)


class GuiGarbageCollector(QObject):
    """Python's cyclic garbage collector, run on the GUI thread only.

    Left automatic, it runs on whichever thread happens to allocate at the moment — a worker
    doing a lookup, the background resumer, the journal watcher — and a reference cycle that
    holds a Qt object (a closed dialog, a window) is then destroyed on that thread. Qt objects
    must be destroyed on their own thread; PySide crashes (a segfault seen in the GUI tests,
    "Garbage-collecting" on a worker inside ``requests``). So the automatic collection is
    switched off and this timer collects on the GUI thread, with Python's own thresholds.
    """

    INTERVAL_MS = 500

    def __init__(self, parent: QObject) -> None:
        import gc

        from posrev.gui.qt import QTimer

        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        import gc

        counts, limits = gc.get_count(), self._threshold
        if counts[0] <= limits[0]:
            return
        generation = 0
        if counts[1] > limits[1]:
            generation = 2 if counts[2] > limits[2] else 1
        gc.collect(generation)


_collector: tuple[GuiGarbageCollector, object] | None = None  # and its QApplication


def collect_garbage_on_gui_thread() -> None:
    """Once per QApplication (it lives as long as the process): see GuiGarbageCollector."""
    global _collector
    from posrev.gui.qt import QCoreApplication

    app = QCoreApplication.instance()
    if app is None or (_collector is not None and _collector[1] is app):
        return
    _collector = (GuiGarbageCollector(app), app)


def stop_collecting_garbage() -> None:
    """Back to Python's automatic collection (a test session leaving the GUI tests)."""
    global _collector
    import gc

    if _collector is not None:
        collector, _app = _collector
        _collector = None
        collector._timer.stop()
        gc.collect()  # here, on the GUI thread, before any other thread may
        gc.enable()
