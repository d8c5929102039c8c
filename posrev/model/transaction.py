"""Transaction records as the enquiry API returns them (DESIGN.md §15.4), parsed strictly.

A pure value: reading whether a record is cancelled, refunded or paid happens here, once
(``is_cancelled``, ``is_refunded``, ``is_paid``), for the verdicts, the runners and the window.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from posrev.clock import parse_gateway_time
from posrev.errors import PosrevError

SUCCESS = "0000"
# The original order is already cancelled or closed (DESIGN.md §9, Odoo's mapping).
ALREADY_CANCELLED = frozenset({"1142", "1263", "1264"})
# ``cancel``: 1/2 voided (reversed/closed); 3 refunded in full, 4 a finished
# pre-authorisation, 5 partly refunded.
CANCELLED = (1, 2)
REFUNDED = (3, 4, 5)


class MalformedRecord(PosrevError):
    """A gateway record does not parse. The caller decides what it means (for a void: the
    outcome is unknown). ``detail``: what did not parse, as Python said it."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"a transaction record is malformed: {detail}")
        self.detail = detail


@dataclass(frozen=True)
class Transaction:
    """One enquiry record. Field names are the API's own."""

    syssn: str
    out_trade_no: str
    txamt: int  # minor units
    txcurrcd: str
    pay_type: str
    respcd: str
    cancel: int
    txdtm: str
    sysdtm: str
    order_type: str  # "payment" | "refund"
    errmsg: str = ""
    origssn: str = ""

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Transaction:
        """Parse defensively: the docs show strings where numbers are meant (DESIGN.md §15.4)."""
        try:
            syssn = str(rec["syssn"]).strip()
            txamt_raw = str(rec.get("txamt", "")).strip()
            if not txamt_raw.lstrip("-").isdigit():
                raise ValueError(f"txamt {txamt_raw!r} is not an integer")
            cancel_raw = str(rec.get("cancel") if rec.get("cancel") not in (None, "") else "0")
            if not cancel_raw.strip().isdigit():
                raise ValueError(f"cancel {cancel_raw!r} is not an integer")
            respcd = str(rec.get("respcd", "")).strip()
            if not respcd:
                raise ValueError("no respcd")
            return cls(
                syssn=syssn,
                out_trade_no=str(rec.get("out_trade_no") or ""),
                txamt=int(txamt_raw),
                txcurrcd=str(rec.get("txcurrcd") or ""),
                pay_type=str(rec.get("pay_type") or ""),
                respcd=respcd,
                cancel=int(cancel_raw),
                txdtm=str(rec.get("txdtm") or ""),
                sysdtm=str(rec.get("sysdtm") or ""),
                order_type=str(rec.get("order_type") or "payment"),
                errmsg=str(rec.get("errmsg") or ""),
                origssn=str(rec.get("origssn") or ""),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise MalformedRecord(str(exc)) from None

    @property
    def is_payment(self) -> bool:
        return self.order_type != "refund"

    @property
    def is_cancelled(self) -> bool:
        """Voided (reversed or closed): the customer is not charged."""
        return self.cancel in CANCELLED or self.respcd in ALREADY_CANCELLED

    @property
    def is_refunded(self) -> bool:
        """Refunded in full or in part, or a finished pre-authorisation."""
        return self.cancel in REFUNDED

    @property
    def is_paid(self) -> bool:
        """Paid and untouched since: the customer has been charged."""
        return self.respcd == SUCCESS and self.cancel == 0

    def sysdtm_at(self, tz: str) -> datetime | None:
        try:
            return parse_gateway_time(self.sysdtm or self.txdtm, tz)
        except ValueError:
            return None

    def to_json(self) -> dict[str, Any]:
        """The shape of ``posrev lookup --json`` (DESIGN.md §7)."""
        data = asdict(self)
        for extra in ("errmsg", "origssn"):
            data.pop(extra)
        return data


@dataclass(frozen=True)
class VoidAnswer:
    """The gateway's answer to a reversal or close."""

    respcd: str
    resperr: str
    syssn: str  # the *new* syssn of the void operation ("" when absent)
    orig_syssn: str
    raw: dict[str, Any] = field(repr=False)
