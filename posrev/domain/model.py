"""Transaction records as the enquiry API returns them (DESIGN.md §15.4), parsed strictly."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from posrev.clock import parse_gateway_time
from posrev.gateway.client import UnknownOutcome


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
            raise UnknownOutcome(f"a transaction record is malformed: {exc}") from None

    @property
    def is_payment(self) -> bool:
        return self.order_type != "refund"

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
