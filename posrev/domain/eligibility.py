"""The verdict: what can be done with one enquiry record, and why (DESIGN.md §9).

The first row of the table that matches decides. ``needs_supervisor`` is computed here, in
the core, so neither the CLI nor the GUI can skip it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from posrev.messages import Text, english_value, respcd_described
from posrev.model.rules import Rules
from posrev.model.transaction import Transaction
from posrev.model.verdict import ACTIONS, AMOUNT, FORCED, LATE, PREVIOUS, Verdict
from posrev.money import format_amount

__all__ = ["ACTIONS", "AMOUNT", "FORCED", "LATE", "PREVIOUS", "Verdict", "evaluate",
           "routed_action", "supervisor_reasons", "supervisor_reasons_text"]


def supervisor_reasons(reasons: tuple[str, ...] | list[str]) -> tuple[Text, ...]:
    """Why a supervisor must approve, from the reason codes (the verdict's
    ``supervisor_reasons``), as texts a front-end renders in its language."""
    return tuple(Text(f"reason.{r}") for r in reasons)


def supervisor_reasons_text(reasons: tuple[str, ...] | list[str]) -> str:
    """The same, in English."""
    return english_value(supervisor_reasons(reasons))


# Outcomes of earlier voids that make the next one need a supervisor.
RISKY_PREVIOUS = frozenset({"failed", "unknown", "needs_manual"})


def routed_action(pay_type: str, rules: Rules) -> str | None:
    if pay_type in rules.reversal_pay_types:
        return "reversal"
    if pay_type in rules.close_pay_types:
        return "close"
    return None


def _none(code: str, params: dict | None = None, age: float | None = None) -> Verdict:
    return Verdict(code, "none", False, (), Text(f"verdict.{code}", params or {}), age)


def evaluate(txn: Transaction | None, rules: Rules, now: datetime, tz: str,
             previous_outcomes: Iterable[str] = (), force: bool = False) -> Verdict:
    """The verdict for one record. ``previous_outcomes``: outcomes of earlier voids of this
    transaction on this terminal. ``force``: the cashier asks to void a failed payment."""
    if txn is None:
        return _none("not_found")
    amount = {"amount": format_amount(txn.txamt, txn.txcurrcd)}
    if not txn.is_payment:
        return _none("refund_record")
    if txn.is_cancelled:
        return _none("already_voided", amount)
    if txn.is_refunded:
        return _none("already_refunded", amount)
    if txn.is_paid:
        return Verdict("paid_refund_required", "refund", False, (),
                       Text("verdict.paid_refund_required", {**amount, "syssn": txn.syssn}))
    action = routed_action(txn.pay_type, rules)
    if action is None:
        return _none("unsupported_pay_type", {"pay_type": txn.pay_type})
    paid_at = txn.sysdtm_at(tz)
    age = max(0.0, (now - paid_at).total_seconds()) if paid_at else None
    if age is not None and age > rules.void_window_hours * 3600:
        return _none("too_old", {"hours": f"{rules.void_window_hours:g}"}, age)
    pending = txn.respcd in rules.pending_codes
    if not pending and not force:
        return _none("failed_payment", {"respcd": respcd_described(txn.respcd)}, age)
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
        text = Text(f"verdict.forced_{action}", amount)
    else:
        code = "reversible" if action == "reversal" else "closable"
        text = Text(f"verdict.{code}", amount)
    if reasons:
        text = Text("verdict.needs_supervisor",
                    {"verdict": text, "reasons": supervisor_reasons(reasons)})
    return Verdict(code, action, bool(reasons), tuple(reasons), text, age)
