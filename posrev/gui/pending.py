"""The pending list (docs/GUI.md): every void on this terminal that is not final, plus
those that need a supervisor. Each can be re-checked now; a ``needs_manual`` one is resolved
by a supervisor with a note."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from posrev.app import Operation, Progress
from posrev.gui import texts
from posrev.gui.child_window import ChildWindow
from posrev.gui.dialogs import action_buttons, dialog_layout
from posrev.gui.opmodel import operation_table, size_columns
from posrev.gui.panels import progress_words
from posrev.gui.parts import label
from posrev.gui.qt import (
    QButtonGroup,
    QDialog,
    QEvent,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    translate,
)
from posrev.gui.style import MIN_TARGET
from posrev.gui.tasks import Task
from posrev.model.approval import Action

if TYPE_CHECKING:
    from posrev.gui.session import Session

RESOLUTIONS = ("voided", "failed", "refund_required")
REFUND_RESOLUTIONS = ("refunded", "failed")  # what a refund that needs a supervisor became


class PendingWindow(ChildWindow):
    def __init__(self, session: Session) -> None:
        super().__init__(session, "pendingWindow")
        self._task: Task | None = None
        self._progress: Progress | None = None
        self._progress_at = 0.0
        self._kind = "void"  # of the operation being re-checked
        self._nothing = False  # the list was read and is empty
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.model, self.table = operation_table("pendingTable", session.tasks,
                                                 self.app.settings.timezone, self)
        layout.addWidget(self.table, 1)
        self.status = label("pendingStatusLabel")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.recheck_button = QPushButton()
        self.recheck_button.setObjectName("recheckButton")
        self.resolve_button = QPushButton()
        self.resolve_button.setObjectName("resolveButton")
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeButton")
        self.details_button = QPushButton()
        self.details_button.setObjectName("detailsButton")
        self.details_button.clicked.connect(self.show_details)
        for b in (self.recheck_button, self.resolve_button, self.details_button):
            b.setAutoDefault(True)
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.recheck_button.clicked.connect(self.recheck)
        self.resolve_button.clicked.connect(self.resolve)
        self.close_button.clicked.connect(self.close)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.show_details)
        self.model.modelReset.connect(self._update_buttons)
        session.operation_changed.connect(self.operation_changed)  # the core's one change event
        self.ready()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Voids and refunds not confirmed yet"))
        self.intro.setText(self.tr("Voids and refunds that are not confirmed yet. posrev keeps "
                                   "checking them in the background; Re-check asks the gateway "
                                   "now. One that needs a supervisor is resolved with a note."))
        self.resolve_button.setText(self.tr("Resolve (supervisor)…"))
        self.details_button.setText(self.tr("&Details…"))
        size_columns(self.table)
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        self._update_buttons()
        self._render_progress()
        if self._nothing and self._task is None:
            self.status.setText(self.tr("Nothing is pending."))

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        app = self.app

        def load(_task: Any) -> list[Operation]:
            return app.pending_list()

        self.session.tasks.run(load, on_success=self._loaded, name="pending")

    def _loaded(self, ops: list[Operation]) -> None:
        selected = self.selected()
        self.model.set_operations(ops)
        self._nothing = not ops
        if not ops:
            if self._task is None and not self.status.text():
                self.status.setText(self.tr("Nothing is pending."))
        elif selected is not None:
            for row in range(self.model.rowCount()):
                op = self.model.operation(row)
                if op is not None and op.op_id == selected.op_id:
                    self.table.selectRow(row)
                    break
        if self.selected() is None and ops:
            self.table.selectRow(0)
        self._update_buttons()

    def operation_changed(self, op_id: str) -> None:
        """Slot for ``Session.operation_changed``: an operation changed state (here, in
        the background, or in another process); the list follows while it is open."""
        del op_id  # the list is re-read whole: an operation may have come or gone
        if self.isVisible():
            self.refresh()

    def selected(self) -> Operation | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.operation(rows[0].row()) if rows else None

    def _update_buttons(self, *_: Any) -> None:
        op = self.selected()
        checking = self._task is not None
        self.recheck_button.setText(self.tr("Stop checking") if checking
                                    else self.tr("&Re-check now"))
        self.recheck_button.setEnabled(checking or (op is not None and not op.is_final))
        self.resolve_button.setEnabled(not checking and op is not None
                                       and op.state == "needs_manual")
        self.details_button.setEnabled(op is not None)

    def show_details(self, *_: Any) -> None:
        op = self.selected()
        if op is not None:
            from posrev.gui.journal_view import show_details

            show_details(self.session, op, parent=self)

    # -- re-check -----------------------------------------------------------------------------
    def recheck(self) -> None:
        if self._task is not None:
            self._task.cancel.set()
            return
        op = self.selected()
        if op is None or op.is_final:
            return
        self._progress = None
        self._kind = op.kind
        self.status.setText(self.tr("Checking %1…").replace("%1", op.orig_syssn))
        app = self.app
        self._task = self.session.tasks.run(
            lambda task: app.recheck(op.op_id, on_progress=task.report, cancel=task.cancel),
            on_success=self._rechecked, on_failure=self._recheck_failed,
            on_progress=self._on_progress, name="recheck")
        self._update_buttons()

    def _on_progress(self, progress: Progress) -> None:
        self._progress = progress
        self._progress_at = time.monotonic()
        self._render_progress()

    def _render_progress(self) -> None:
        p = self._progress
        if self._task is None or p is None:
            return
        state, checks = progress_words(p, time.monotonic() - self._progress_at,
                                       kind=self._kind)
        self.status.setText(state + "   ·   " + checks)

    def _rechecked(self, op: Operation) -> None:
        self._task = None
        self.status.setText(f"{op.orig_syssn}: {texts.outcome_headline(op)}")
        self.model.replace(op)
        self._update_buttons()

    def _recheck_failed(self, exc: BaseException) -> None:
        self._task = None
        self.status.setText(self.session.error_text(exc))
        self._update_buttons()

    # -- resolve ------------------------------------------------------------------------------
    def resolve(self) -> None:
        op = self.selected()
        if op is None or op.state != "needs_manual":
            return
        if not self.session.cashier:
            self.session.sign_in(then=self.resolve)
            return
        dialog = ResolveDialog(self, op)
        self.session.dialogs.open(dialog, on_accept=lambda: self._approve(op, dialog.outcome,
                                                                         dialog.note))

    def _approve(self, op: Operation, outcome: str, note: str) -> None:
        cashier = self.session.cashier
        app = self.app

        def approve(sup_id: str, pin: str, reason: str) -> Any:
            approval = app.approve(Action.RESOLVE_MANUAL, op.op_id, sup_id, pin,
                                   requester=cashier, reason=reason)
            return app.resolve_manual(op.op_id, outcome, note, approval, requester=cashier)

        summary = (self.tr("Resolve the refund of %1 (QFPay number %2) as \"%3\". A supervisor "
                           "approves with their ID and PIN.") if op.kind == "refund" else
                   self.tr("Resolve the void of %1 (QFPay number %2) as \"%3\". A supervisor "
                           "approves with their ID and PIN.")) \
            .replace("%1", texts.amount(op.txamt, op.txcurrcd)) \
            .replace("%2", op.orig_syssn).replace("%3", texts.state_words(outcome))
        self.session.ask_supervisor(summary, approve, self._resolved, parent=self)

    def _resolved(self, op: Operation) -> None:
        self.status.setText(self.tr("Resolved: %1").replace("%1", texts.state_words(op.state)))

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if self._task is not None:
            self._task.cancel.set()
        super().closeEvent(event)


class ResolveDialog(QDialog):
    """What really happened to a void the gateway never confirmed, and a note saying how it
    was established (the merchant portal, a call to QFPay)."""

    def __init__(self, parent: QWidget, op: Operation) -> None:
        super().__init__(parent)
        self.setObjectName("resolveDialog")
        self.resolutions = REFUND_RESOLUTIONS if op.kind == "refund" else RESOLUTIONS
        if op.kind == "refund":
            self.setWindowTitle(self.tr("Resolve a refund"))
            words = self.tr("The gateway never confirmed the refund of %1 (QFPay number %2, "
                            "refund order number %3). Check the merchant portal, then record "
                            "what happened.").replace("%3", op.refund_out_trade_no)
        else:
            self.setWindowTitle(self.tr("Resolve a void"))
            words = self.tr("The gateway never confirmed the void of %1 (QFPay number %2). "
                            "Check the payment in the merchant portal, then record what "
                            "happened.")
        layout = dialog_layout(self)
        head = QLabel(words.replace("%1", texts.amount(op.txamt, op.txcurrcd))
                      .replace("%2", op.orig_syssn))
        head.setWordWrap(True)
        layout.addWidget(head)
        self.group = QButtonGroup(self)
        for i, outcome in enumerate(self.resolutions):
            radio = QRadioButton(translate("State", texts.STATES[outcome]))
            radio.setObjectName(f"resolve_{outcome}")
            radio.setMinimumHeight(MIN_TARGET)
            self.group.addButton(radio, i)
            layout.addWidget(radio)
        self.group.button(0).setChecked(True)
        self.note_input = QPlainTextEdit()
        self.note_input.setObjectName("resolveNoteInput")
        self.note_input.setPlaceholderText(self.tr("Note (required): how was this established?"))
        self.note_input.setTabChangesFocus(True)
        self.note_input.setFixedHeight(90)
        layout.addWidget(self.note_input)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        layout.addWidget(self.error)
        buttons, _ok = action_buttons(self, self.tr("Continue"), "resolveContinueButton",
                                      self._check)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    @property
    def outcome(self) -> str:
        return self.resolutions[max(0, self.group.checkedId())]

    @property
    def note(self) -> str:
        return self.note_input.toPlainText().strip()

    def _check(self) -> None:
        if not self.note:
            self.error.setText(self.tr("A note is required."))
            self.note_input.setFocus()
            return
        self.accept()
