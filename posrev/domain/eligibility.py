"""The verdict: what can be done with one enquiry record, and why (DESIGN.md §9).

The first row of the table that matches decides. ``needs_supervisor`` is computed here, in
the core, so neither the CLI nor the GUI can skip it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from posrev.gateway import codes
from posrev.model.rules import Rules
from posrev.model.transaction import Transaction
from posrev.model.verdict import ACTIONS, AMOUNT, FORCED, LATE, PREVIOUS, Verdict
from posrev.money import format_amount

__all__ = ["ACTIONS", "AMOUNT", "FORCED", "LATE", "PREVIOUS", "Verdict", "evaluate",
           "routed_action", "supervisor_reasons_text"]

REASON_TEXT = {
    AMOUNT: "the amount is at or over the supervisor threshold",
    LATE: "the payment is older than the late-void limit",
    PREVIOUS: "an earlier void of this payment on this terminal did not succeed",
    FORCED: "the void is forced on a payment that failed",
}


def supervisor_reasons_text(reasons: tuple[str, ...] | list[str]) -> str:
    """Why a supervisor must approve, in English, from the reason codes (the verdict's
    ``supervisor_reasons``): no caller needs to take a verdict's sentence apart."""
    return "; ".join(REASON_TEXT[r] for r in reasons)


# Outcomes of earlier voids that make the next one need a supervisor.
RISKY_PREVIOUS = frozenset({"failed", "unknown", "needs_manual"})


def routed_action(pay_type: str, rules: Rules) -> str | None:
    if pay_type in rules.reversal_pay_types:
        return "reversal"
    if pay_type in rules.close_pay_types:
        return "close"
    return None


def _none(code: str, message: str, age: float | None = None) -> Verdict:
    return Verdict(code, "none", False, (), message, age)


def evaluate(txn: Transaction | None, rules: Rules, now: datetime, tz: str,
             previous_outcomes: Iterable[str] = (), force: bool = False) -> Verdict:
    """The verdict for one record. ``previous_outcomes``: outcomes of earlier voids of this
    transaction on this terminal. ``force``: the cashier asks to void a failed payment."""
    verdict = _evaluate(txn, rules, now, tz, previous_outcomes, force)
    params: dict[str, object] = {"void_window_hours": rules.void_window_hours}
    if txn is not None:
        params.update(txamt=txn.txamt, txcurrcd=txn.txcurrcd, syssn=txn.syssn,
                      pay_type=txn.pay_type, respcd=txn.respcd)
    return replace(verdict, params=params)


def _evaluate(txn: Transaction | None, rules: Rules, now: datetime, tz: str,
              previous_outcomes: Iterable[str], force: bool) -> Verdict:
    if txn is None:
        return _none("not_found", "No payment with this number was found.")
    amount = format_amount(txn.txamt, txn.txcurrcd)
    if not txn.is_payment:
        return _none("refund_record", "This is a refund record, not a payment; there is "
                                      "nothing to void.")
    if txn.is_cancelled:
        return _none("already_voided", f"This payment of {amount} is already voided; the "
                                       "customer will not be charged.")
    if txn.is_refunded:
        return _none("already_refunded", f"This payment of {amount} was already refunded "
                                         "or finished; there is nothing to void.")
    if txn.is_paid:
        return Verdict("paid_refund_required", "refund", False, (),
                       f"The customer has paid {amount}; it cannot be voided. Refund it "
                       f"instead (QFPay number {txn.syssn}).")
    action = routed_action(txn.pay_type, rules)
    if action is None:
        return _none("unsupported_pay_type", f"Pay type {txn.pay_type} cannot be voided "
                                             "here; contact QFPay support.")
    paid_at = txn.sysdtm_at(tz)
    age = max(0.0, (now - paid_at).total_seconds()) if paid_at else None
    if age is not None and age > rules.void_window_hours * 3600:
        return _none("too_old", f"This payment is older than {rules.void_window_hours:g} hours "
                                "and can no longer be voided here.", age)
    pending = txn.respcd in rules.pending_codes
    if not pending and not force:
        return _none("failed_payment",
                     f"This payment failed ({codes.describe(txn.respcd)}); the customer was not "
                     "charged. A supervisor can force a void to be sure.", age)
    reasons: list[str] = []
    if txn.txamt >= rules.supervisor_amount:
        reasons.append(AMOUNT)
    if age is not None and age > rules.late_void_minutes * 60:
        reasons.append(LATE)
    if any(o in RISKY_PREVIOUS for o in previous_outcomes):
        reasons.append(PREVIOUS)
    if not pending:
        reasons.append(FORCED)
        code = "failed_payment"
    else:
        code = "reversible" if action == "reversal" else "closable"
    verb = "reversed" if action == "reversal" else "closed"
    message = f"This unfinished payment of {amount} can be {verb}."
    if not pending:
        message = f"This failed payment of {amount} can be {verb} to be sure (forced)."
    if reasons:
        message += f" A supervisor must approve: {supervisor_reasons_text(reasons)}."
    return Verdict(code, action, bool(reasons), tuple(reasons), message, age)
