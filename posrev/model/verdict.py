"""Verdicts: what can be done with one enquiry record, as a code and its parameters.

``evaluate`` (posrev/domain/eligibility.py) and ``evaluate_refund`` (posrev/domain/refund.py)
compute them. ``text`` is the sentence as a code of posrev/messages.py and its ``params``;
the CLI prints it in English (``message``), the window translates it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from posrev.messages import Param, Text, english

# Void actions a verdict can name.
ACTIONS = ("reversal", "close", "refund", "none")
# Why a supervisor must approve a void (stable codes; the front-ends word them).
AMOUNT = "amount_over_threshold"
LATE = "late_void"
PREVIOUS = "previous_void_failed"
FORCED = "forced"
# Refund verdict codes that allow a refund.
REFUNDABLE = ("refundable", "partly_refunded")


class _Worded:
    """A verdict's sentence: ``text`` is a code of posrev/messages.py and its parameters."""

    text: Text

    @property
    def message(self) -> str:
        """The sentence in English."""
        return english(self.text)

    @property
    def params(self) -> Mapping[str, Param]:
        return self.text.params


@dataclass(frozen=True)
class Verdict(_Worded):
    code: str
    action: str  # "reversal" | "close" | "refund" | "none"
    needs_supervisor: bool
    supervisor_reasons: tuple[str, ...]
    text: Text  # the sentence: a code of posrev/messages.py and its parameters
    age_seconds: float | None = None

    @property
    def can_void(self) -> bool:
        return self.action in ("reversal", "close")

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "action": self.action,
                "needs_supervisor": self.needs_supervisor,
                "supervisor_reasons": list(self.supervisor_reasons), "message": self.message}


@dataclass(frozen=True)
class RefundVerdict(_Worded):
    code: str  # refundable | partly_refunded | refund_too_old | already_refunded | …
    refundable_amount: int  # minor units; 0 when nothing can be refunded
    paid: int
    refunded: int  # refunded or still being refunded, per the gateway's records
    partial_allowed: bool
    text: Text  # the sentence: a code of posrev/messages.py and its parameters
    txcurrcd: str = ""

    @property
    def can_refund(self) -> bool:
        return self.code in REFUNDABLE and self.refundable_amount > 0

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "refundable_amount": self.refundable_amount,
                "paid": self.paid, "refunded": self.refunded,
                "partial_allowed": self.partial_allowed, "message": self.message}
