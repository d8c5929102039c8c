"""A void operation as journaled: one attempt to void one original transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

# States. ``intent``: journaled, not sent. ``sending``: a send is in flight (a crash here
# means the outcome is unknown). ``confirming``: the gateway said 0000, an enquiry confirms.
# ``refused``: the gateway answered a failure code, one enquiry decides. ``pending``: the
# gateway said "in progress". ``unknown``: we do not know whether the gateway acted.
# ``handed_over``: another terminal of the store took it over (posrev/fleet/takeover.py);
# this terminal sends nothing more for it.
LIVE_STATES = ("intent", "sending", "confirming", "refused", "pending", "unknown")
FINAL_STATES = ("voided", "refund_required", "failed", "needs_manual", "handed_over")
ALL_STATES = LIVE_STATES + FINAL_STATES


@dataclass(frozen=True)
class Operation:
    op_id: str
    orig_syssn: str
    out_trade_no: str
    action: str  # "reversal" | "close"
    txamt: int
    txcurrcd: str
    txdtm: str
    pay_type: str
    udid: str
    cashier: str
    approver: str
    reason: str
    forced: bool
    state: str
    sends: int
    void_syssn: str
    respcd: str
    message: str
    created_at: datetime
    updated_at: datetime
    pending_since: datetime | None
    next_check_at: datetime | None
    checks: int
    version: int

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def outcome(self) -> str:
        """``voided`` | ``refund_required`` | ``failed`` | ``needs_manual`` when final;
        ``pending`` while the gateway says "in progress"; ``unknown`` otherwise."""
        if self.is_final:
            return self.state
        return "pending" if self.state in ("pending", "confirming", "intent") else "unknown"

    def to_json(self) -> dict[str, Any]:
        """The ``posrev void --json`` object (DESIGN.md §7)."""
        return {"outcome": self.outcome, "action": self.action, "operation_id": self.op_id,
                "orig_syssn": self.orig_syssn, "out_trade_no": self.out_trade_no,
                "void_syssn": self.void_syssn, "txamt": self.txamt, "txcurrcd": self.txcurrcd,
                "respcd": self.respcd, "message": self.message}
