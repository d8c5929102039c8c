"""What the window learns from the core's "operation changed" event: the pending count,
the outcome shown following its operation ("Not confirmed yet" → "Voided…"), and a notice
when a void this window handed to the background becomes final after the cashier moved on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posrev.gui.qt import QObject, QTimer, Signal

if TYPE_CHECKING:
    from posrev.app import App, Operation
    from posrev.gui.stage import Stages


class OperationWatcher(QObject):
    counted = Signal(int)  # operations not final yet
    finished_in_background = Signal(object)  # Operation: final while the cashier moved on

    def __init__(self, window: Stages) -> None:
        super().__init__(window.session)
        self.window = window
        self.session = window.session
        # Operations this window handed to the background (and those live when it opened):
        # their final outcome is announced.
        self.watched: set[str] = set()
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(50)  # a burst of changes is one count
        self._count_timer.timeout.connect(self.count)
        self.session.operation_changed.connect(self._changed)

    def start(self, app: App) -> None:
        """The core is open: what is live now is watched, and counted."""
        self.watched.clear()
        self.session.tasks.run(lambda _t: ([op.op_id for op in app.pending_operations()],
                                           app.pending_count()),
                               on_success=self._live_at_start, name="pending-at-start")

    def stop(self) -> None:
        self._count_timer.stop()

    def _live_at_start(self, found: tuple[list[str], int]) -> None:
        op_ids, count = found
        self.watched.update(op_ids)  # resumed in the background: announced when final
        self.counted.emit(count)  # the pending list's count: needs_manual ones too

    def count(self) -> None:
        app = self.session.app
        if self.session.closed or app is None:
            return
        self.session.tasks.run(lambda _t: app.pending_count(),
                               on_success=self.counted.emit, name="pending-count")

    def _changed(self, op_id: str) -> None:
        """An operation changed state, here or in another process (on the GUI thread)."""
        if self.session.closed or self.session.app is None:
            return
        self._count_timer.start()
        op = self.window.shown.op
        if (op is not None and op.op_id == op_id) or op_id in self.watched:
            self.fetch(op_id)

    def watch(self, op_id: str) -> None:
        self.watched.add(op_id)
        self.fetch(op_id)

    def fetch(self, op_id: str) -> None:
        app = self.session.app
        if app is None or self.session.closed:
            return
        self.session.tasks.run(lambda _t: app.operation(op_id), on_success=self._fetched,
                               name="operation")

    def _fetched(self, op: Operation | None) -> None:
        if op is None:
            return
        w = self.window
        current = w.shown.op
        shown = w.stage == "outcome" and current is not None and current.op_id == op.op_id
        if shown and current is not None and op.version > current.version:
            w.update_outcome(op)
        if op.is_final and op.op_id in self.watched:
            self.watched.discard(op.op_id)
            if not shown:
                self.finished_in_background.emit(op)
