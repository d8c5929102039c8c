"""The simulated gateway's records and answers, as values: an order and its scenario, an
answer, the parameter checks the endpoints share (posrev/simulator/model.py for the void
and query rules, posrev/simulator/refunds.py for the refund's)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from posrev.gateway import codes
from posrev.model.rules import DEFAULT_PENDING

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_TIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
_DIGITS = re.compile(r"[0-9]+")

Answer = dict[str, Any]
PENDING_CODES = frozenset(DEFAULT_PENDING)


class SimulatorError(ValueError):
    """A request to the simulator itself (not to the gateway API) that cannot be honoured."""


@dataclass
class Scenario:
    """How one original behaves when voided or enquired (DESIGN.md §11 scenarios)."""

    in_progress_polls: int = 0  # a void answers 1145 and completes after N enquiries
    customer_pays_first: bool = False  # the customer pays just before the next void arrives
    lose_answer: int = 0  # the next N void answers for it are dropped (the void still applies)
    latency: float = 0.0  # seconds added to every answer about it (void and query)
    refund_polls: int = 0  # a refund answers 1145 and completes after N enquiries of it
    refund_window_closed: bool = False  # refunds answer 1265 (e.g. around midnight)
    refund_balance_short: bool = False  # refunds answer 1269 (unsettled takings too low)


@dataclass
class Void:
    """The one void the gateway applied to an original (never more than one)."""

    syssn: str
    kind: str  # "reversal" | "close"
    status: str  # "in_progress" | "done" | "lost" (the customer paid while it was in progress)
    polls_left: int
    sysdtm: str
    udid: str = ""


@dataclass
class Order:
    """One transaction record as the enquiry API shows it, plus simulator bookkeeping."""

    syssn: str
    out_trade_no: str
    txamt: int
    txcurrcd: str
    pay_type: str
    order_type: str
    respcd: str
    errmsg: str
    cancel: int
    txdtm: str
    sysdtm: str
    paydtm: str = ""
    chnlsn: str = ""
    udid: str = ""
    origssn: str | None = None
    scenario: Scenario = field(default_factory=Scenario)
    void: Void | None = None
    voids_applied: int = 0
    void_requests: int = 0
    refund_requests: int = 0  # refunds asked of this original, whatever their fate
    refund_polls_left: int = 0  # a refund record still in progress: enquiries until done

    @property
    def void_in_progress(self) -> bool:
        return self.void is not None and self.void.status == "in_progress"

    @property
    def pending(self) -> bool:
        return self.respcd in PENDING_CODES and self.cancel == 0

    def record(self) -> dict[str, str | None]:
        """The record as ``/trade/v1/query`` returns it: every value a string (DESIGN.md §15.4).

        ``origssn`` is ``null`` on payments, as in the real 2025 answers (DESIGN.md §15.4).
        """
        return {
            "syssn": self.syssn, "out_trade_no": self.out_trade_no, "txamt": str(self.txamt),
            "txcurrcd": self.txcurrcd, "pay_type": self.pay_type, "order_type": self.order_type,
            "respcd": self.respcd, "errmsg": self.errmsg, "cancel": str(self.cancel),
            "txdtm": self.txdtm, "sysdtm": self.sysdtm, "paydtm": self.paydtm,
            "chnlsn": self.chnlsn, "udid": self.udid, "origssn": self.origssn,
        }

    def details(self) -> dict[str, Any]:
        """The record plus what only the simulator knows (scenario, void, counters)."""
        return {**self.record(), "sim": {
            "scenario": asdict(self.scenario),
            "void": asdict(self.void) if self.void else None,
            "voids_applied": self.voids_applied, "void_requests": self.void_requests,
            "refund_requests": self.refund_requests}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Order:
        values = dict(data)
        values["scenario"] = Scenario(**values.get("scenario") or {})
        values["void"] = Void(**values["void"]) if values.get("void") else None
        return cls(**values)


@dataclass(frozen=True)
class Outcome:
    """What the gateway decided: the JSON answer, and how the transport should deliver it."""

    answer: Answer
    lose_answer: bool = False  # drop the connection instead of answering
    latency: float = 0.0  # seconds to wait before answering


def error(respcd: str, resperr: str, **extra: Any) -> Answer:
    """A failure answer. ``resperr`` says what was wrong, as the gateway's own messages do."""
    return {"respcd": respcd, "resperr": resperr, "respmsg": "", **extra}


def parse_time(text: str) -> datetime | None:
    """``YYYY-MM-DD hh:mm:ss`` (DESIGN.md §15.2) as a naive datetime, or None when malformed."""
    if not _TIME_RE.fullmatch(text):
        return None
    try:
        return datetime.strptime(text, TIME_FORMAT)
    except ValueError:
        return None


def digits_ok(text: str | None, max_len: int) -> bool:
    return bool(text) and len(text or "") <= max_len and bool(_DIGITS.fullmatch(text or ""))


def errmsg(respcd: str) -> str:
    return "success" if respcd == codes.SUCCESS else codes.explain(respcd)


def check_amount_time_udid(params: Mapping[str, str], *, positive: bool) -> Answer | None:
    """The checks of ``txamt``, ``txdtm`` and ``udid`` a void and a refund share (a refund's
    amount must be more than zero)."""
    txamt = params.get("txamt")
    if txamt is None:
        return error("1104", "txamt is required")
    if positive and (not digits_ok(txamt, 11) or int(txamt) <= 0):
        return error("1104", "txamt must be a positive integer amount in minor units")
    if not digits_ok(txamt, 11):
        return error("1104", "txamt must be an integer amount in minor units")
    txdtm = params.get("txdtm")
    if txdtm is None:
        return error("1104", "txdtm is required")
    if parse_time(txdtm) is None:
        return error("1104", "txdtm must be 'YYYY-MM-DD hh:mm:ss'")
    if len(params.get("udid", "")) > 40:
        return error("1104", "udid must be at most 40 characters")
    return None
