"""Voiding the payment shown: a supervisor first when the verdict needs one, then the
confirmation, then the void on a worker, followed on the progress panel until it is final,
the cashier stops waiting, or the core hands it to the background.

:meth:`VoidFlow.send` is also how a refund is sent and followed (``posrev.gui.refund``): one
progress panel, one outcome, whatever the operation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from posrev.gui import texts
from posrev.gui.qt import QTimer, translate

if TYPE_CHECKING:
    from posrev.app import Operation, Progress
    from posrev.gui.background import OperationWatcher
    from posrev.gui.stage import Stages
    from posrev.gui.tasks import Task
    from posrev.model.transaction import Transaction
    from posrev.model.verdict import Verdict


TICK_MS = 250  # the progress countdown's refresh


class VoidFlow:
    def __init__(self, window: Stages, watcher: OperationWatcher) -> None:
        self.window = window
        self.watcher = watcher
        self.task: Task | None = None
        self._tick = QTimer(window.progress_panel)  # the countdown to the next check
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(window.render_progress)
        panel = window.progress_panel
        panel.stop_button.clicked.connect(self.stop_waiting)
        window.transaction_panel.void_button.clicked.connect(self.begin)
        window.transaction_panel.force_button.clicked.connect(self.begin_forced)
        window.stage_changed.connect(self._stage_changed)

    def _stage_changed(self, stage: str) -> None:
        if stage == "voiding":
            self._tick.start()
        else:
            self._tick.stop()

    def stop(self) -> None:
        """The window closes."""
        self._tick.stop()

    @property
    def stopping(self) -> bool:
        """The cashier pressed Stop waiting; the operation has not answered yet."""
        return self.task is not None and self.task.cancel.is_set()

    def begin_forced(self) -> None:
        """"Void anyway": a failed payment, voided on a supervisor's word."""
        self.begin(force=True)

    def begin(self, force: bool = False) -> None:
        """The one button: supervisor first if needed, then the confirmation, then the void."""
        w, shown = self.window, self.window.shown
        session = w.session
        if w.stage != "transaction" or shown.txn is None or shown.verdict is None:
            return
        if not session.cashier:
            session.sign_in(then=lambda: self.begin(force))
            return
        txn = shown.txn
        if force:
            generation, app = shown.generation, session.core

            def judged(verdict: Verdict) -> None:
                if shown.is_current(generation):
                    self._ask_approval(txn, verdict, force=True)

            session.tasks.run(lambda _t: app.verdict_for(txn, force=True), on_success=judged,
                              on_failure=session.show_error, name="verdict-forced")
            return
        self._ask_approval(txn, shown.verdict, force=False)

    def _ask_approval(self, txn: Transaction, verdict: Verdict, *, force: bool) -> None:
        w = self.window
        session = w.session
        if not verdict.can_void:
            w.shown.verdict = verdict
            w.render_transaction()
            return
        if not verdict.needs_supervisor:
            self._confirm(txn, verdict, force=force, approval=None)
            return

        reasons = "; ".join(texts.reason_text(r) for r in verdict.supervisor_reasons)
        summary = translate("MainWindow", "%1 of %2 needs a supervisor: %3. The supervisor "
                                          "enters their ID and PIN here; they cannot be the "
                                          "signed-in cashier (%4).") \
            .replace("%1", translate("Action", texts.ACTIONS[verdict.action])) \
            .replace("%2", texts.amount(txn.txamt, txn.txcurrcd)) \
            .replace("%3", reasons).replace("%4", session.cashier)
        cashier, app = session.cashier, session.core
        grant = app.void_grant(txn, verdict)

        def approve(sup_id: str, pin: str, reason: str) -> Any:
            return app.approve(grant.action, grant.target, sup_id, pin, requester=cashier,
                               reason=reason)

        session.ask_supervisor(summary, approve, lambda approval: self._confirm(
            txn, verdict, force=force, approval=approval))

    def _confirm(self, txn: Transaction, verdict: Verdict, *, force: bool,
                 approval: Any) -> None:
        from posrev.gui.dialogs import ConfirmVoidDialog

        w = self.window
        dialog = ConfirmVoidDialog(w.session.window, txn, verdict,
                                   approver=approval.supervisor_id if approval else "")

        def rejected() -> None:
            if dialog.scanned:  # a scan arrived while the question was shown: look it up
                w.lookup_bar.scan(dialog.scanned)
            w.focus_lookup()

        w.session.dialogs.open(dialog, on_accept=lambda: self._send_void(txn, force, approval),
                               on_reject=rejected)

    def _send_void(self, txn: Transaction, force: bool, approval: Any) -> None:
        if self.window.stage != "transaction":
            return
        app, cashier = self.window.session.core, self.window.session.cashier

        def work(task: Task) -> Operation:
            # Journals the intent (enforcing every rule), sends, and polls until final, the
            # cashier stops waiting, or the foreground budget is over.
            return app.void(txn, cashier=cashier, approval=approval, force=force,
                            on_progress=task.report, cancel=task.cancel)

        self.send("void", work, name="void")

    def send(self, kind: str, work: Callable[[Task], Operation], *, name: str,
             on_failure: Callable[[BaseException], None] | None = None) -> None:
        """Run ``work`` (which journals, sends and follows one operation) on a worker and
        follow it on the progress panel; its outcome is shown when it returns."""
        w = self.window
        w.shown.op = None
        w.shown.kind = kind
        w.progress_panel.start()
        w.set_stage("voiding")
        w.render_status()
        w.render_progress()
        self.task = w.session.tasks.run(work, on_success=self._done,
                                        on_failure=on_failure or self.failed,
                                        on_progress=self._progress, name=name)
        w.focus_lookup()

    def _progress(self, progress: Progress) -> None:
        self.window.progress_panel.report(progress)
        self.window.render_progress()

    def stop_waiting(self) -> None:
        """Leave the operation pending: the background resumer keeps checking it."""
        w = self.window
        if w.stage == "voiding" and self.task is not None:
            self.task.cancel.set()
            w.progress_panel.stop_button.setEnabled(False)
            w.render_progress()

    def _done(self, op: Operation) -> None:
        self.task = None
        w = self.window
        w.shown.op = op
        w.header.set_connection("unreachable" if texts.nothing_sent(op) else "ok")
        w.show_outcome(op)
        if not op.is_final:
            # Handed to the background: its outcome is shown (or announced) when it settles,
            # and it may already have settled while this answer was on its way.
            self.watcher.watch(op.op_id)

    def failed(self, exc: BaseException) -> None:
        """Back to the payment, the reason said."""
        self.task = None
        w = self.window
        w.header.note_gateway_error(exc)
        w.set_stage("transaction")
        w.set_error(w.session.error_text(exc))
        w.render_status()
        w.focus_lookup()
