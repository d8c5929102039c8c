"""An operation as journaled: one attempt to void, or to refund, one original transaction.

A void's ``action`` is ``reversal`` or ``close``; a refund's is ``refund`` (``kind``
``refund``). A refund carries its own ``refund_out_trade_no`` (created once, reused on every
resend), ``txamt`` is the amount sent (the refund's), ``orig_txamt`` what was paid, and
``void_syssn`` the gateway's number of the refund once known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from posrev.messages import Text, from_journal


class State(StrEnum):
    """An operation's state, as stored in the journal (the strings never change).

    ``intent``: journaled, not sent. ``sending``: a send is in flight (a crash here means the
    outcome is unknown). ``confirming``: the gateway said 0000, an enquiry confirms.
    ``refused``: the gateway answered a failure code, one enquiry decides. ``pending``: the
    gateway said "in progress". ``unknown``: we do not know whether the gateway acted.
    ``handed_over``: another terminal of the store took it over (posrev/fleet/takeover.py);
    this terminal sends nothing more for it.
    """

    INTENT = "intent"
    SENDING = "sending"
    CONFIRMING = "confirming"
    REFUSED = "refused"
    PENDING = "pending"
    UNKNOWN = "unknown"
    VOIDED = "voided"
    REFUND_REQUIRED = "refund_required"
    FAILED = "failed"
    NEEDS_MANUAL = "needs_manual"
    REFUNDED = "refunded"
    HANDED_OVER = "handed_over"


# The groups, defined once (the journal's queries use them too).
LIVE_STATES = (State.INTENT, State.SENDING, State.CONFIRMING, State.REFUSED, State.PENDING,
               State.UNKNOWN)
FINAL_STATES = (State.VOIDED, State.REFUND_REQUIRED, State.FAILED, State.NEEDS_MANUAL,
                State.REFUNDED, State.HANDED_OVER)
ALL_STATES = LIVE_STATES + FINAL_STATES
# Live states whose outcome reads "pending" (the gateway is, or will be, asked again);
# every other live state reads "unknown".
PENDING_STATES = (State.PENDING, State.CONFIRMING, State.INTENT)


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
    refund_out_trade_no: str = ""
    orig_txamt: int = 0
    # ``message`` is the English sentence, kept for people reading the journal; programs
    # read its code and parameters (posrev.messages). Rows journaled before messages had
    # codes have none: their ``message`` is shown as it is.
    message_code: str = ""
    message_params: str = "{}"  # JSON

    @property
    def text(self) -> Text | None:
        """The last step's sentence as a code and parameters; None for an older row."""
        return from_journal(self.message_code, self.message_params)

    @property
    def kind(self) -> str:
        """``void`` or ``refund``."""
        return "refund" if self.action == "refund" else "void"

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def outcome(self) -> str:
        """``voided`` | ``refund_required`` | ``refunded`` | ``failed`` | ``needs_manual`` when
        final;
        ``pending`` while the gateway says "in progress"; ``unknown`` otherwise."""
        if self.is_final:
            return self.state
        return "pending" if self.state in PENDING_STATES else "unknown"

    def to_json(self) -> dict[str, Any]:
        """The ``posrev void --json`` object (DESIGN.md §7)."""
        return {"outcome": self.outcome, "action": self.action, "operation_id": self.op_id,
                "orig_syssn": self.orig_syssn, "out_trade_no": self.out_trade_no,
                "void_syssn": self.void_syssn, "txamt": self.txamt, "txcurrcd": self.txcurrcd,
                "respcd": self.respcd, "message": self.message}

    def to_listing(self) -> dict[str, Any]:
        """One row of ``pending --json`` / ``journal --json``: the ``void --json`` object
        plus its ``kind`` and, for a refund, the ``refund --json`` fields."""
        data = self.to_json() if self.kind == "void" else self.refund_json()
        data["kind"] = self.kind
        return data

    def refund_json(self) -> dict[str, Any]:
        """The ``posrev refund --json`` object: the void's fields (``void_syssn`` is the
        refund's syssn) plus ``kind``, ``refund_out_trade_no``, ``refund_syssn`` and
        ``orig_txamt``; ``txamt`` is the refund's amount."""
        data = self.to_json()
        data.update(kind="refund", refund_out_trade_no=self.refund_out_trade_no,
                    refund_syssn=self.void_syssn, orig_txamt=self.orig_txamt)
        return data
