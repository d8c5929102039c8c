"""The window's Refund action: on a refundable payment, and on a void that ended
``refund_required`` (the customer paid first).

    refundButton ─▶ amount checked ─▶ supervisorDialog (ID, PIN, reason; approves this
    payment and this amount) ─▶ confirmRefundDialog ─▶ the same progress and outcome panels
    as a void ─▶ "Refunded — …", a refund slip.

Every rule is the core's (``posrev.refunds``); this module only asks and shows. The refund
runs on the window's task executor; the widgets never touch the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from posrev.gui import style, texts
from posrev.gui.dialogs import action_buttons, confirm_head, dialog_layout, form_layout
from posrev.gui.parts import label
from posrev.gui.qt import (
    QDialog,
    QEvent,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    translate,
)
from posrev.model.operation import Operation
from posrev.model.transaction import Transaction
from posrev.model.verdict import RefundVerdict
from posrev.money import parse_amount, plain_amount

if TYPE_CHECKING:
    from posrev.app import Lookup
    from posrev.gui.stage import Stages
    from posrev.gui.tasks import Task
    from posrev.gui.void_flow import VoidFlow


# Refund verdicts the row shows; the others (not paid, voided, refunded in full, a refund
# record) are what the void's verdict line already says.
SHOWN = frozenset({"refundable", "partly_refunded", "refund_too_old", "refund_in_progress",
                   "refund_unresolved", "refund_unsupported", "refund_unknown",
                   "refunds_unreadable"})


def verdict_words(verdict: RefundVerdict) -> str:
    """The refund verdict in the cashier's language."""
    cur = verdict.txcurrcd
    code = verdict.code
    if code == "refundable" and verdict.partial_allowed:
        return translate("Refund", "Refund: up to %1 can be refunded; a supervisor approves.") \
            .replace("%1", texts.amount(verdict.refundable_amount, cur))
    if code == "refundable":
        return translate("Refund", "Refund: %1 can be refunded, in full only today; a "
                                   "supervisor approves.") \
            .replace("%1", texts.amount(verdict.refundable_amount, cur))
    if code == "partly_refunded":
        return translate("Refund", "Refund: %1 was already refunded; up to %2 can still be "
                                   "refunded; a supervisor approves.") \
            .replace("%1", texts.amount(verdict.refunded, cur)) \
            .replace("%2", texts.amount(verdict.refundable_amount, cur))
    words = {
        "refund_too_old": translate("Refund", "This payment is too old to be refunded here."),
        "already_refunded": translate("Refund", "This payment was already refunded in full."),
        "refund_unresolved": translate("Refund", "An earlier refund of this payment is not "
                                                 "resolved; a supervisor must resolve it "
                                                 "first (pending list)."),
        "refund_unsupported": translate("Refund", "This pay type cannot be refunded through "
                                                  "the gateway."),
    }
    return words.get(code) or texts.render(verdict.text)  # the core's sentence, translated


class ConfirmRefundDialog(QDialog):
    """Repeats the amount, the payment and the approver before the refund is sent."""

    def __init__(self, parent: QWidget, txn: Transaction, amount: int, approver: str) -> None:
        super().__init__(parent)
        self.setObjectName("confirmRefundDialog")
        text = texts.amount(amount, txn.txcurrcd)
        self.setWindowTitle(self.tr("Refund this payment?"))
        layout = dialog_layout(self)
        confirm_head(layout, self.tr("Refund %1 to the customer? A refund cannot be undone.")
                     .replace("%1", text), text)
        form = form_layout()
        form.addRow(self.tr("Payment"), QLabel(texts.amount(txn.txamt, txn.txcurrcd)))
        form.addRow(self.tr("Wallet"), QLabel(texts.pay_type_name(txn.pay_type)))
        form.addRow(self.tr("QFPay number"), QLabel(txn.syssn))
        if txn.out_trade_no:
            form.addRow(self.tr("Order number"), QLabel(txn.out_trade_no))
        form.addRow(self.tr("Approved by"), QLabel(approver))
        layout.addLayout(form)
        buttons, self.confirm_button = action_buttons(
            self, self.tr("Refund %1").replace("%1", text), "confirmButton", self.accept,
            "cancelButton")
        self.confirm_button.setAutoDefault(True)
        layout.addWidget(buttons)
        self.confirm_button.setFocus()
        self.setMinimumWidth(460)


class RefundActions(QWidget):
    """The refund row of the transaction panel: verdict words, amount, Refund button."""

    def __init__(self, window: Stages, voids: VoidFlow, layout: QVBoxLayout) -> None:
        super().__init__()
        self.setObjectName("refundRow")
        self.window_ = window
        self.session = window.session
        self.voids = voids
        self.txn: Transaction | None = None
        self.verdict: RefundVerdict | None = None
        self._for_op: str | None = None  # the void whose refund_required offers this refund
        self._fresh: Lookup | None = None  # the lookup made after that void (paid now)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.label = label("refundLabel")
        box.addWidget(self.label)
        row = QHBoxLayout()
        self.amount_caption = QLabel()
        row.addWidget(self.amount_caption)
        self.amount_input = QLineEdit()
        self.amount_input.setObjectName("refundAmountInput")
        self.amount_input.setMaximumWidth(180)
        self.amount_caption.setBuddy(self.amount_input)
        row.addWidget(self.amount_input)
        self.button = QPushButton()
        self.button.setObjectName("refundButton")
        row.addWidget(self.button)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(self)
        self.button.clicked.connect(self.begin)
        self.amount_input.returnPressed.connect(self.begin)
        window.lookup_shown.connect(self._looked_up)
        window.stage_changed.connect(self._stage_changed)
        window.outcome_shown.connect(self._outcome_shown)
        self.retranslate()
        self.render()

    # -- state ------------------------------------------------------------------------------
    def _looked_up(self, lookup: Lookup) -> None:
        self._for_op = None
        self.txn = lookup.transaction if not lookup.candidates else None
        self.verdict = lookup.refund if self.txn is not None else None
        self._fill_amount()
        self.render()

    def _stage_changed(self, stage: str) -> None:
        if stage in ("idle", "lookup", "candidates"):
            self.txn = self.verdict = None
            self._for_op = None
        window, shown = self.window_, self.window_.shown
        chosen = shown.txn
        picked = shown.lookup is not None and bool(shown.lookup.candidates)
        if stage == "transaction" and picked and chosen is not None and self.txn is None:
            # A payment picked from several that share a number: its refund verdict is
            # asked for now (the lookup made none for a list).
            generation, app = shown.generation, self.session.core

            def fetched(verdict: RefundVerdict) -> None:
                if shown.is_current(generation) and window.stage == "transaction" and \
                        shown.txn is chosen:
                    self.txn, self.verdict = chosen, verdict
                    self._fill_amount()
                    self.render()

            self.session.tasks.run(lambda _t: app.refund_verdict(chosen), on_success=fetched,
                                   on_failure=self.session.show_error, name="refund-verdict")
        self.render()

    def _outcome_shown(self, op: Operation) -> None:
        if op.kind != "void" or op.outcome != "refund_required":
            self.txn = self.verdict = None
            self.render()
            return
        # The void lost the race: the payment is paid now. Its refund verdict (the gateway's
        # refund records) is fetched at once, so the Refund action is offered directly.
        window, shown = self.window_, self.window_.shown
        generation = shown.generation
        self._for_op = op.op_id
        app = self.session.core

        def fetched(lookup: Lookup) -> None:
            if shown.is_current(generation) and window.stage == "outcome" and \
                    self._for_op == op.op_id:
                self._fresh = lookup
                self.txn = lookup.transaction
                self.verdict = lookup.refund
                self._fill_amount()
                self.render()

        self.session.tasks.run(lambda _t: app.lookup(op.orig_syssn, "syssn"),
                               on_success=fetched, on_failure=self.session.show_error,
                               name="refund-verdict")

    def _fill_amount(self) -> None:
        verdict = self.verdict
        if verdict is None or not verdict.can_refund:
            self.amount_input.clear()
            return
        self.amount_input.setText(plain_amount(verdict.refundable_amount, verdict.txcurrcd))
        self.amount_input.setReadOnly(not verdict.partial_allowed)

    def offered(self) -> bool:
        stage = self.window_.stage
        op = self.window_.shown.op
        if self.txn is None or self.verdict is None or self.verdict.code not in SHOWN:
            return False  # not paid, voided, refunded: the void's verdict already says so
        if stage == "transaction":
            return True
        return stage == "outcome" and op is not None and op.kind == "void" and \
            op.outcome == "refund_required"

    def render(self) -> None:
        shown = self.offered()
        self.setVisible(shown)
        if not shown:
            return
        verdict = self.verdict
        assert verdict is not None
        can = verdict.can_refund
        self.label.setText(verdict_words(verdict))
        self.label.setStyleSheet(style.tone_css(style.VERDICT_TONE.get(verdict.code, "info")))
        self.amount_caption.setVisible(can)
        self.amount_input.setVisible(can)
        self.button.setVisible(can)
        self.button.setEnabled(can)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("Re&fund (supervisor)"))
        self.button.setToolTip(self.tr("Refund this payment to the customer; a supervisor "
                                       "approves the amount."))
        self.amount_caption.setText(self.tr("Refund &amount"))
        self.render()

    # -- the flow ---------------------------------------------------------------------------
    def begin(self) -> None:
        window, session = self.window_, self.session
        if not self.offered() or self.verdict is None or self.txn is None or \
                not self.verdict.can_refund or session.dialogs.opened:
            return
        if not session.cashier:
            session.sign_in(then=self.begin)
            return
        from posrev.errors import InputError
        from posrev.refunds import check_refund_amount

        txn, verdict = self.txn, self.verdict
        try:
            amount = parse_amount(self.amount_input.text(), txn.txcurrcd)
            check_refund_amount(amount, verdict)
        except (ValueError, InputError):
            window.set_error(self.tr("Enter an amount from %1 to %2.")
                              .replace("%1", texts.amount(1, txn.txcurrcd))
                              .replace("%2", texts.amount(verdict.refundable_amount,
                                                          txn.txcurrcd))
                              if verdict.partial_allowed else
                              self.tr("This payment can only be refunded in full today: %1.")
                              .replace("%1", texts.amount(verdict.refundable_amount,
                                                          txn.txcurrcd)))
            self.amount_input.setFocus()
            return
        window.set_error("")
        from posrev.model.approval import refund_grant
        from posrev.refunds import REFUND_REASONS

        summary = self.tr("A refund of %1 (payment %2, QFPay number %3) needs a supervisor. "
                          "The supervisor enters their ID and PIN here; they cannot be the "
                          "signed-in cashier (%4).") \
            .replace("%1", texts.amount(amount, txn.txcurrcd)) \
            .replace("%2", texts.amount(txn.txamt, txn.txcurrcd)) \
            .replace("%3", txn.syssn).replace("%4", session.cashier)
        cashier, app = session.cashier, session.core
        grant = refund_grant(txn.syssn, amount)

        def approve(sup_id: str, pin: str, reason: str) -> Any:
            return app.approve(grant.action, grant.target, sup_id, pin, requester=cashier,
                               reason=reason)

        session.ask_supervisor(summary, approve, lambda approval: self._confirm(
            txn, verdict, amount, approval), reasons=list(REFUND_REASONS))

    def _confirm(self, txn: Transaction, verdict: RefundVerdict, amount: int,
                 approval: Any) -> None:
        session = self.session
        dialog = ConfirmRefundDialog(session.window, txn, amount, approval.supervisor_id)
        session.dialogs.open(dialog, on_accept=lambda: self._send(txn, verdict, amount,
                                                                  approval),
                             on_reject=session.return_focus)

    def _send(self, txn: Transaction, verdict: RefundVerdict, amount: int,
              approval: Any) -> None:
        window, shown = self.window_, self.window_.shown
        if window.stage not in ("transaction", "outcome"):
            return
        if window.stage == "outcome" and self._fresh is not None:
            # From a void's outcome: the payment as it is now is what a failure returns to.
            shown.lookup = self._fresh
            shown.txn, shown.verdict = self._fresh.transaction, self._fresh.verdict
        app, cashier = self.session.core, self.session.cashier

        def work(task: Task) -> Operation:
            # Journals the intent (checking every rule and using the approval once), sends,
            # and polls until final, the cashier stops waiting, or the budget is over.
            op = app.start_refund(txn, cashier=cashier, approval=approval, amount=amount,
                                  verdict=verdict)
            return app.drive(op.op_id, on_progress=task.report, cancel=task.cancel,
                             resume=op.state != "intent" or op.sends > 0)

        self.voids.send("refund", work, on_failure=self._failed, name="refund")

    def _failed(self, exc: BaseException) -> None:
        self.voids.failed(exc)  # back to the payment, the reason said
        if self.window_.stage == "transaction":
            self.render()
