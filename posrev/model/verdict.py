"""Verdicts: what can be done with one enquiry record, as a code and its parameters.

``evaluate`` (posrev/domain/eligibility.py) and ``evaluate_refund`` (posrev/domain/refund.py)
compute them; the front-ends word them from ``code`` and ``params``. ``message`` is the
English sentence, kept for the CLI until every sentence is rendered from the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Void actions a verdict can name.
ACTIONS = ("reversal", "close", "refund", "none")
# Why a supervisor must approve a void (stable codes; the front-ends word them).
AMOUNT = "amount_over_threshold"
LATE = "late_void"
PREVIOUS = "previous_void_failed"
FORCED = "forced"
# Refund verdict codes that allow a refund.
REFUNDABLE = ("refundable", "partly_refunded")


@dataclass(frozen=True)
class Verdict:
    code: str
    action: str  # "reversal" | "close" | "refund" | "none"
    needs_supervisor: bool
    supervisor_reasons: tuple[str, ...]
    message: str
    age_seconds: float | None = None
    # What the sentence for ``code`` needs: txamt, txcurrcd, syssn, pay_type, respcd,
    # void_window_hours (those the record has).
    params: Mapping[str, object] = field(default_factory=dict, compare=False)

    @property
    def can_void(self) -> bool:
        return self.action in ("reversal", "close")

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "action": self.action,
                "needs_supervisor": self.needs_supervisor,
                "supervisor_reasons": list(self.supervisor_reasons), "message": self.message}


@dataclass(frozen=True)
class RefundVerdict:
    code: str  # refundable | partly_refunded | refund_too_old | already_refunded | …
    refundable_amount: int  # minor units; 0 when nothing can be refunded
    paid: int
    refunded: int  # refunded or still being refunded, per the gateway's records
    partial_allowed: bool
    message: str
    txcurrcd: str = ""
    # What the sentence for ``code`` needs: txamt, txcurrcd, syssn, pay_type, respcd,
    # refunded, refundable_amount, window_days, partial_allowed.
    params: Mapping[str, object] = field(default_factory=dict, compare=False)

    @property
    def can_refund(self) -> bool:
        return self.code in REFUNDABLE and self.refundable_amount > 0

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "refundable_amount": self.refundable_amount,
                "paid": self.paid, "refunded": self.refunded,
                "partial_allowed": self.partial_allowed, "message": self.message}
