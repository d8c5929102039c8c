"""The refund side of the application core (``App`` inherits it): the checks before a refund
is journaled, and the driver that sends it. The rules live in ``posrev.domain.refund``; the
CLI and the GUI only present.

Every refund needs a supervisor's approval for action ``refund`` on target
``<syssn>:<amount>`` (this payment and this amount), consumed once when the intent is
journaled: one approval can never make two refunds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from posrev.clock import format_gateway_time
from posrev.domain.refund import (
    RefundRunner,
    RefundScanIncomplete,
    RefundVerdict,
    evaluate_refund,
    needs_refund_records,
    new_refund_number,
    refund_records,
)
from posrev.errors import InputError, PosrevError, SupervisorError
from posrev.journal import AlreadyLive
from posrev.model.approval import refund_grant
from posrev.model.operation import Operation
from posrev.model.transaction import Transaction

if TYPE_CHECKING:
    from posrev.domain.void import Progress
    from posrev.supervisors import Approval

# Reasons offered when a supervisor approves a refund (shown translated, journaled as here).
REFUND_REASONS: tuple[str, ...] = (
    "Customer paid before the void went through",
    "Goods returned",
    "Customer was charged twice",
    "Wrong amount charged",
    "Other",
)


class RefundNotEligible(PosrevError):
    """The refund verdict allows no refund (CLI exit 1)."""

    exit_code = 1

    def __init__(self, verdict: RefundVerdict) -> None:
        super().__init__(verdict.message)
        self.verdict = verdict


class VoidUnresolved(PosrevError):
    """A void of the same payment is still live: it must end before a refund starts."""

    exit_code = 3

    def __init__(self, op: Operation) -> None:
        super().__init__(f"A void of {op.orig_syssn} is still unresolved (operation "
                         f"{op.op_id[:8]}); wait for its outcome before refunding.")
        self.operation = op


class RefundsMixin:
    """Refund methods of ``App``. Methods marked BLOCKING touch the network or the disk."""

    _refund_runner: RefundRunner | None = None

    def refund_runner(self) -> RefundRunner:
        with self._lock:  # type: ignore[attr-defined]
            if self._refund_runner is None:
                self._refund_runner = RefundRunner(
                    self.gateway(), self.journal, self.settings.rules,  # type: ignore[attr-defined]
                    self.clock, self.settings.timezone)  # type: ignore[attr-defined]
            return self._refund_runner

    def runner_for(self, op: Operation):  # type: ignore[no-untyped-def]
        """The driver of one operation: the refund runner for a refund, else the void's."""
        return self.refund_runner() if op.kind == "refund" else self.runner()  # type: ignore[attr-defined]

    def refund_verdict(self, txn: Transaction | None) -> RefundVerdict:
        """BLOCKING (network: the gateway's refund records of a paid payment)."""
        app = self  # type: ignore[assignment]
        now = app.clock.now()  # type: ignore[attr-defined]
        tz = app.settings.timezone  # type: ignore[attr-defined]
        records: list[Transaction] = []
        incomplete = False
        if needs_refund_records(txn):
            assert txn is not None
            try:
                records = refund_records(app.gateway().query, txn, now, tz)  # type: ignore[attr-defined]
            except RefundScanIncomplete:
                incomplete = True
        ours, unresolved = self._journal_refunds(txn, records)
        return evaluate_refund(txn, records, app.settings.rules, now, tz,  # type: ignore[attr-defined]
                               window_days=app.settings.rules.refund_window_days,  # type: ignore[attr-defined]
                               our_refunded=ours, unresolved=unresolved,
                               incomplete=incomplete)

    def _journal_refunds(self, txn: Transaction | None,
                         records: list[Transaction]) -> tuple[int, bool]:
        """Refunds of ours the gateway's records do not show (yet), and whether one of ours
        is unresolved (needs_manual, or live): both only ever make the verdict stricter."""
        if txn is None:
            return 0, False
        shown = {r.syssn for r in records} | {r.out_trade_no for r in records}
        extra, unresolved = 0, False
        for op in self.journal.refunds_for(txn.syssn):  # type: ignore[attr-defined]
            if op.state == "needs_manual":
                unresolved = True
            elif op.state == "refunded" and op.void_syssn not in shown and \
                    op.refund_out_trade_no not in shown:
                extra += op.txamt
        return extra, unresolved

    def start_refund(self, txn: Transaction, *, cashier: str, approval: Approval | None,
                     amount: int | None = None,
                     verdict: RefundVerdict | None = None) -> Operation:
        """BLOCKING. Journal the intent of a refund (nothing is sent yet): eligibility, amount,
        the supervisor's approval (consumed here, once), one live operation per original.
        ``verdict``: one just computed for ``txn`` (else it is computed now)."""
        cashier = (cashier or "").strip()
        if not cashier:
            raise InputError("A cashier ID is required to refund a payment.")
        live = self.journal.live_for(txn.syssn)  # type: ignore[attr-defined]
        if live is not None:
            if live.kind == "refund":
                return live  # a double click, a second window: the same refund, resumed
            raise VoidUnresolved(live)
        verdict = verdict or self.refund_verdict(txn)
        if not verdict.can_refund:
            raise RefundNotEligible(verdict)
        if amount is None:
            amount = verdict.refundable_amount
        check_refund_amount(amount, verdict)
        if approval is None:
            raise SupervisorError("Every refund needs a supervisor's approval.")
        grant = refund_grant(txn.syssn, amount)
        self._consume(approval, grant, requester=cashier)  # type: ignore[attr-defined]
        target = grant.target
        now = self.clock.now()  # type: ignore[attr-defined]
        try:
            return self.journal.create(  # type: ignore[attr-defined]
                orig_syssn=txn.syssn, out_trade_no=txn.out_trade_no, action="refund",
                txamt=amount, txcurrcd=txn.txcurrcd,
                txdtm=format_gateway_time(now, self.settings.timezone),  # type: ignore[attr-defined]
                pay_type=txn.pay_type, udid=self.udid, cashier=cashier,  # type: ignore[attr-defined]
                approver=approval.supervisor_id, reason=approval.reason,
                refund_out_trade_no=new_refund_number(now), orig_txamt=txn.txamt,
                audit={"approval_id": approval.approval_id, "approval_target": target,
                       "verdict": verdict.code, "refundable_amount": verdict.refundable_amount})
        except AlreadyLive as exc:
            if exc.operation.kind == "refund":
                return exc.operation
            raise VoidUnresolved(exc.operation) from None

    def refund(self, txn: Transaction, *, cashier: str, approval: Approval | None,
               amount: int | None = None,
               on_progress: Callable[[Progress], None] | None = None,
               cancel: threading.Event | None = None) -> Operation:
        """BLOCKING. Journal, then drive until final, cancelled or the foreground budget."""
        op = self.start_refund(txn, cashier=cashier, approval=approval, amount=amount)
        return self.drive(op.op_id, on_progress=on_progress, cancel=cancel,  # type: ignore[attr-defined]
                          resume=op.state != "intent" or op.sends > 0)


def check_refund_amount(amount: int, verdict: RefundVerdict) -> None:
    """InputError (exit 2) unless ``0 < amount ≤ what is left``, and whole where partial
    refunds are not allowed."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InputError("The refund amount is a whole number of minor units (cents).")
    if amount <= 0:
        raise InputError("The refund amount must be more than zero.")
    if amount > verdict.refundable_amount:
        from posrev.money import format_amount

        raise InputError(f"At most {format_amount(verdict.refundable_amount, verdict.txcurrcd)} "
                         "can be refunded.")
    if not verdict.partial_allowed and amount != verdict.refundable_amount:
        raise InputError("This payment can only be refunded in full today.")
