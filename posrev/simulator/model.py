"""The simulated gateway's orders and rules, without HTTP (DESIGN.md §11).

``GatewayModel`` holds the orders and applies the documented rules of ``/trade/v1/query``
(DESIGN.md §15.4) and of ``/trade/v1/reversal`` and ``/trade/v1/close`` (DESIGN.md §15.7), plus
the per-order scenarios the tests and the demo need. The HTTP layer (``server.py``) checks
methods, headers and signatures, then hands the parameters here.

Every public method takes one re-entrant lock: the HTTP server answers each connection on
its own thread, and the control API mutates the same orders.
"""

from __future__ import annotations

import calendar
import json
import os
import random
import re
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from posrev.config import ROUTING_PRESETS
from posrev.gateway import codes
from posrev.model.rules import DEFAULT_CLOSE, DEFAULT_PENDING, DEFAULT_REVERSAL
from posrev.simulator.refunds import RefundRules

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_TIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
_DIGITS = re.compile(r"[0-9]+")

Clock = Callable[[], datetime]
Answer = dict[str, Any]

# Routing as the 2025 guide lists it (DESIGN.md §15.8); the real gateway enables endpoints per
# merchant, posrev's copy of this table is configurable, the simulator's is the default.
REVERSAL_PAY_TYPES = frozenset(DEFAULT_REVERSAL)
CLOSE_PAY_TYPES = frozenset(DEFAULT_CLOSE)
PENDING_CODES = frozenset(DEFAULT_PENDING)
MAX_PAGE_SIZE = 100  # DESIGN.md §15.4: page_size default 10, max 100


class SimulatorError(ValueError):
    """A request to the simulator itself (not to the gateway API) that cannot be honoured."""


class OrderNotFound(SimulatorError, LookupError):
    """No order has this syssn."""


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


def in_zone(value: datetime, zone: tzinfo) -> datetime:
    """An aware datetime in the gateway zone; a naive one is read as gateway local time."""
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def parse_time(text: str) -> datetime | None:
    """``YYYY-MM-DD hh:mm:ss`` (DESIGN.md §15.2) as a naive datetime, or None when malformed."""
    if not _TIME_RE.fullmatch(text):
        return None
    try:
        return datetime.strptime(text, TIME_FORMAT)
    except ValueError:
        return None


def _digits(text: str | None, max_len: int) -> bool:
    return bool(text) and len(text or "") <= max_len and bool(_DIGITS.fullmatch(text or ""))


def _split(value: str | None) -> list[str]:
    """Comma-separated lists are allowed for syssn, out_trade_no and pay_type (DESIGN.md §15.4)."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


class GatewayModel(RefundRules):
    """Orders and the rules of the enquiry, void and refund endpoints."""

    def __init__(self, *, seed: int, clock: Clock, tz: tzinfo, mchid: str | None = None,
                 state_file: str | os.PathLike[str] | None = None) -> None:
        self._lock = threading.RLock()
        self._clock = clock
        self.tz = tz
        self.mchid = mchid or None
        self.set_routing("guide")
        # Legacy answers: "in progress" is 2999 ("the payment channel is processing") in void
        # answers and enquiry records, as older gateways answered.
        self.legacy = False
        self._orders: dict[str, Order] = {}
        self._serial = 0
        # Deterministic by seed: one 8-digit "node" per seed, then a counter.
        self._node = f"{random.Random(f'{seed}:node').randrange(10**8):08d}"
        self._state_file = Path(state_file) if state_file else None
        if self._state_file is not None and self._state_file.exists():
            self._load(self._state_file)

    def set_routing(self, name: str) -> None:
        """Which pay types each endpoint accepts: a preset of ``ROUTING_PRESETS``."""
        if name not in ROUTING_PRESETS:
            raise SimulatorError(f"routing must be one of {', '.join(ROUTING_PRESETS)}")
        reversal, close = ROUTING_PRESETS[name]
        self.routing = name
        self.reversal_pay_types, self.close_pay_types = frozenset(reversal), frozenset(close)

    # -- time and numbers -----------------------------------------------------------------
    def now(self) -> datetime:
        return in_zone(self._clock(), self.tz)

    def now_text(self) -> str:
        return self.now().strftime(TIME_FORMAT)

    def time_text(self, value: datetime | str | None, name: str) -> str:
        """A record time from an aware datetime, a naive one (gateway local) or a string."""
        if value is None:
            return self.now_text()
        if isinstance(value, datetime):
            return in_zone(value, self.tz).strftime(TIME_FORMAT)
        if isinstance(value, str) and parse_time(value) is not None:
            return value
        raise SimulatorError(f"{name} must be a datetime or 'YYYY-MM-DD hh:mm:ss', not {value!r}")

    def _next_serial(self) -> int:
        self._serial += 1
        return self._serial

    def new_syssn(self) -> str:
        """26 digits like the guide's samples: date, node (from the seed), counter."""
        return f"{self.now():%Y%m%d}{self._node}{self._next_serial():010d}"

    def _new_chnlsn(self) -> str:
        return f"42{self.now():%Y%m%d}{self._node}{self._next_serial():08d}"

    # -- orders (control side) ------------------------------------------------------------
    def create_order(self, *, pay_type: str = "800108", txamt: int = 2500,
                     txcurrcd: str = "HKD", out_trade_no: str | None = None,
                     respcd: str = "1143", cancel: int = 0,
                     sysdtm: datetime | str | None = None, txdtm: datetime | str | None = None,
                     order_type: str = "payment", origssn: str | None = None,
                     syssn: str | None = None) -> dict[str, str | None]:
        if not (isinstance(pay_type, str) and len(pay_type) == 6 and _digits(pay_type, 6)):
            raise SimulatorError(f"pay_type must be 6 digits, not {pay_type!r}")
        if isinstance(txamt, bool) or not isinstance(txamt, int) or not 0 < txamt < 10**11:
            raise SimulatorError(f"txamt must be a positive integer (minor units), not {txamt!r}")
        if not (isinstance(txcurrcd, str) and re.fullmatch(r"[A-Z]{3}", txcurrcd)):
            raise SimulatorError(f"txcurrcd must be 3 capital letters, not {txcurrcd!r}")
        if not (isinstance(respcd, str) and len(respcd) == 4 and _digits(respcd, 4)):
            raise SimulatorError(f"respcd must be 4 digits, not {respcd!r}")
        if isinstance(cancel, bool) or cancel not in range(6):
            raise SimulatorError(f"cancel must be 0 to 5 (DESIGN.md §15.5), not {cancel!r}")
        if order_type not in ("payment", "refund"):
            raise SimulatorError(f"order_type must be payment or refund, not {order_type!r}")
        if order_type == "refund" and not origssn:
            raise SimulatorError("a refund record needs the origssn of its payment")
        if order_type == "payment" and origssn:
            raise SimulatorError("only refund records have an origssn")
        if out_trade_no is not None and not (
                isinstance(out_trade_no, str) and 0 < len(out_trade_no) <= 128
                and out_trade_no.isascii() and out_trade_no.isprintable()):
            raise SimulatorError(f"out_trade_no must be printable ASCII, 1 to 128 characters, "
                                 f"not {out_trade_no!r}")
        with self._lock:
            if syssn is not None:
                if not (isinstance(syssn, str) and _digits(syssn, 40)):
                    raise SimulatorError(f"syssn must be 1 to 40 digits, not {syssn!r}")
                if syssn in self._orders:
                    raise SimulatorError(f"an order with syssn {syssn} already exists")
            sys_text = self.time_text(sysdtm, "sysdtm")
            # The merchant's request time defaults to the system time of the same order.
            tx_text = self.time_text(txdtm, "txdtm") if txdtm is not None else sys_text
            new_syssn = syssn or self.new_syssn()
            paid = respcd == codes.SUCCESS
            order = Order(
                syssn=new_syssn,
                out_trade_no=out_trade_no or f"SIM{self._node}{self._next_serial():08d}",
                txamt=txamt, txcurrcd=txcurrcd, pay_type=pay_type, order_type=order_type,
                respcd=respcd, errmsg=_errmsg(respcd), cancel=cancel, txdtm=tx_text,
                sysdtm=sys_text, paydtm=sys_text if paid else "",
                chnlsn=self._new_chnlsn() if paid else "", origssn=origssn or None)
            self._orders[new_syssn] = order
            self._save()
            return order.record()

    def _order(self, syssn: str) -> Order:
        order = self._orders.get(syssn)
        if order is None:
            raise OrderNotFound(f"no order has syssn {syssn}")
        return order

    def has(self, syssn: str) -> bool:
        with self._lock:
            return syssn in self._orders

    def get(self, syssn: str) -> dict[str, str | None] | None:
        with self._lock:
            order = self._orders.get(syssn)
            return order.record() if order else None

    def details(self, syssn: str) -> dict[str, Any]:
        with self._lock:
            return self._order(syssn).details()

    def all_details(self) -> list[dict[str, Any]]:
        with self._lock:
            return [order.details() for order in self._orders.values()]

    def records(self) -> list[dict[str, str | None]]:
        with self._lock:
            return [order.record() for order in self._orders.values()]

    def voids_applied(self, syssn: str) -> int:
        with self._lock:
            order = self._orders.get(syssn)
            return order.voids_applied if order else 0

    def void_requests(self, syssn: str) -> int:
        with self._lock:
            order = self._orders.get(syssn)
            return order.void_requests if order else 0

    def pay(self, syssn: str) -> dict[str, str | None]:
        """The customer pays. A void still in progress loses the race (DESIGN.md §11)."""
        with self._lock:
            order = self._order(syssn)
            if order.order_type != "payment":
                raise SimulatorError(f"{syssn} is a refund record; it cannot be paid")
            if not order.pending:
                raise SimulatorError(f"{syssn} is not waiting for payment "
                                     f"(respcd {order.respcd}, cancel {order.cancel})")
            self._mark_paid(order)
            self._save()
            return order.record()

    def _mark_paid(self, order: Order) -> None:
        if order.void is not None and order.void.status == "in_progress":
            order.void.status = "lost"
        order.respcd = codes.SUCCESS
        order.errmsg = _errmsg(codes.SUCCESS)
        order.paydtm = self.now_text()
        order.chnlsn = self._new_chnlsn()

    def expire(self, syssn: str) -> dict[str, str | None]:
        """The order times out unpaid: 1181, a failure, no longer pending (DESIGN.md §15.6)."""
        with self._lock:
            order = self._order(syssn)
            if order.order_type != "payment" or not order.pending:
                raise SimulatorError(f"{syssn} is not waiting for payment "
                                     f"(respcd {order.respcd}, cancel {order.cancel})")
            order.respcd = "1181"
            order.errmsg = _errmsg("1181")
            self._save()
            return order.record()

    def set_scenario(self, syssn: str, *, in_progress_polls: int | None = None,
                     customer_pays_first: bool | None = None,
                     lose_answer: bool | int | None = None,
                     latency: float | None = None, refund_polls: int | None = None,
                     refund_window_closed: bool | None = None,
                     refund_balance_short: bool | None = None) -> dict[str, Any]:
        """Change the given parts of one original's scenario; 0/False switches a part off."""
        with self._lock:
            order = self._order(syssn)
            scenario = order.scenario
            if refund_polls is not None:
                if isinstance(refund_polls, bool) or not isinstance(refund_polls, int) \
                        or refund_polls < 0:
                    raise SimulatorError("refund_polls must be a whole number >= 0")
                scenario.refund_polls = refund_polls
            if refund_window_closed is not None:
                scenario.refund_window_closed = bool(refund_window_closed)
            if refund_balance_short is not None:
                scenario.refund_balance_short = bool(refund_balance_short)
            if in_progress_polls is not None:
                if isinstance(in_progress_polls, bool) or not isinstance(in_progress_polls, int) \
                        or in_progress_polls < 0:
                    raise SimulatorError("in_progress_polls must be a whole number >= 0")
                scenario.in_progress_polls = in_progress_polls
            if customer_pays_first is not None:
                scenario.customer_pays_first = bool(customer_pays_first)
            if lose_answer is not None:
                if not isinstance(lose_answer, int) or lose_answer < 0:
                    raise SimulatorError("lose_answer must be true/false or a count >= 0")
                scenario.lose_answer = int(lose_answer)
            if latency is not None:
                if isinstance(latency, bool) or not isinstance(latency, int | float) \
                        or not 0 <= latency <= 600:
                    raise SimulatorError("latency must be 0 to 600 seconds")
                scenario.latency = float(latency)
            self._save()
            return asdict(scenario)

    # -- the gateway API ------------------------------------------------------------------
    def handle(self, endpoint: str, params: Mapping[str, str]) -> Outcome:
        """Answer one authenticated request to ``query``, ``reversal`` or ``close``."""
        for name, value in params.items():
            if value == "":
                # The 2018 doc: leave an unused parameter out rather than send it empty.
                return Outcome(error("1104", f"parameter {name} is empty; leave it out"))
        mchid = params.get("mchid")
        # DESIGN.md §15.2: an mchid is sent exactly when QFPay issued one.
        if self.mchid is None and mchid is not None:
            return Outcome(error("1104", "mchid must not be sent: this app code has no mchid"))
        if self.mchid is not None and mchid is None:
            return Outcome(error("1104", "mchid is required for this app code"))
        if self.mchid is not None and mchid != self.mchid:
            return Outcome(error("1105", f"mchid {mchid} is not a merchant of this app code"))
        if endpoint == "query":
            return self.query(params)
        if endpoint == "refund":
            return self.refund(params)
        return self.void(endpoint, params)

    def query(self, params: Mapping[str, str]) -> Outcome:
        """``/trade/v1/query`` (DESIGN.md §15.4): filter by sysdtm within one calendar month."""
        try:
            page = _positive_int(params, "page", 1)
            page_size = _positive_int(params, "page_size", 10)
        except ValueError as exc:
            return Outcome(error("1104", str(exc)))
        if page_size > MAX_PAGE_SIZE:
            return Outcome(error("1104", f"page_size must be at most {MAX_PAGE_SIZE}"))
        syssns = _split(params.get("syssn"))
        out_trade_nos = _split(params.get("out_trade_no"))
        pay_types = _split(params.get("pay_type"))
        respcd = params.get("respcd")
        window: tuple[str, str] | None = None
        if not syssns:  # DESIGN.md §15.4: start_time/end_time are ignored when syssn is given
            window_or_error = self._window(params)
            if isinstance(window_or_error, dict):
                return Outcome(window_or_error)
            window = window_or_error
        with self._lock:
            matches = [
                order for order in self._orders.values()
                if (not syssns or order.syssn in syssns)
                and (not out_trade_nos or order.out_trade_no in out_trade_nos)
                and (not pay_types or order.pay_type in pay_types)
                and (respcd is None or order.respcd == respcd)
                and (window is None or window[0] <= order.sysdtm <= window[1])]
            matches.sort(key=lambda order: (order.sysdtm, order.syssn), reverse=True)
            shown = matches[(page - 1) * page_size: page * page_size]
            changed = [self._observe(order) for order in shown]
            if any(changed):
                self._save()
            data = [self._shown(order.record()) for order in shown]
            latency = max((order.scenario.latency for order in shown), default=0.0)
        return Outcome({"respcd": codes.SUCCESS, "resperr": "success", "respmsg": "",
                        "page": page, "page_size": page_size, "data": data}, latency=latency)

    def _shown(self, record: dict[str, str | None]) -> dict[str, str | None]:
        if self.legacy and record.get("respcd") in PENDING_CODES:
            record = {**record, "respcd": "2999", "errmsg": _errmsg("2999")}
        return record

    def _window(self, params: Mapping[str, str]) -> tuple[str, str] | Answer:
        now = self.now()
        last_day = calendar.monthrange(now.year, now.month)[1]
        bounds = {"start_time": now.strftime("%Y-%m-01 00:00:00"),
                  "end_time": now.strftime(f"%Y-%m-{last_day:02d} 23:59:59")}
        for name in bounds:
            given = params.get(name)
            if given is not None:
                if parse_time(given) is None:
                    return error("1104", f"{name} must be 'YYYY-MM-DD hh:mm:ss'")
                bounds[name] = given
        start, end = bounds["start_time"], bounds["end_time"]
        if start[:7] != end[:7]:  # DESIGN.md §15.4: one calendar month per query
            return error("1104", "query interval must be within one calendar month")
        if start > end:
            return error("1104", "start_time is after end_time")
        return start, end

    def _observe(self, order: Order) -> bool:
        """An enquiry returns this order: an in-progress void (or refund) counts down, then
        completes."""
        if order.order_type == "refund":
            return self._observe_refund(order)
        if not order.void_in_progress:
            return False
        assert order.void is not None
        if order.void.polls_left > 0:
            order.void.polls_left -= 1
        else:
            self._complete(order)
        return True

    def _complete(self, order: Order) -> None:
        """The void takes effect: cancel 1 for a reversal, 2 for a close (DESIGN.md §15.5).

        A reversed order keeps its respcd (the 2017 sample: 0000 with cancel 1); a closed one
        shows 1142 "order closed", as the 2016 sample of a closed MPM order does.
        """
        assert order.void is not None
        order.void.status = "done"
        if order.void.kind == "reversal":
            order.cancel = 1
        else:
            order.cancel = 2
            order.respcd = "1142"
            order.errmsg = _errmsg("1142")

    def resolve(self, params: Mapping[str, str]) -> Order | Answer:
        """The original a void names (DESIGN.md §15.7): by syssn, else by out_trade_no."""
        syssn, out_trade_no = params.get("syssn"), params.get("out_trade_no")
        if syssn:
            order = self._orders.get(syssn)
            if order is None:
                return error("1268", "order does not exist")
            if out_trade_no and out_trade_no != order.out_trade_no:
                return error("1267", "syssn and out_trade_no name different orders")
            return order
        named = [o for o in self._orders.values() if o.out_trade_no == out_trade_no]
        if not named:
            return error("1268", "order does not exist")
        payments = [o for o in named if o.order_type == "payment"]
        if len(payments) > 1:
            # Several payments under one number (seen in real answers): only the amount and time
            # can tell them apart; otherwise the caller must name the syssn.
            payments = [o for o in payments if str(o.txamt) == params.get("txamt", "").lstrip("0")
                        and o.txdtm == params.get("txdtm")]
            if len(payments) != 1:
                return error("1104", "several orders have this out_trade_no; send the syssn")
        return payments[0] if payments else named[0]

    def note_void_request(self, params: Mapping[str, str]) -> None:
        """Count a reversal/close request against the original it names, whatever its fate."""
        with self._lock:
            found = self.resolve(params)
            if isinstance(found, Order):
                found.void_requests += 1
                self._save()

    def void(self, kind: str, params: Mapping[str, str]) -> Outcome:
        """``/trade/v1/reversal`` or ``/trade/v1/close``, checked in the documented order."""
        problem = _check_void_params(params)
        if problem is not None:
            return Outcome(problem)
        with self._lock:
            found = self.resolve(params)
            if not isinstance(found, Order):
                return Outcome(found)
            order = found
            lose = order.scenario.lose_answer > 0
            if lose:
                order.scenario.lose_answer -= 1
            answer = self._void_rules(kind, order, params)
            self._save()
            return Outcome(answer, lose_answer=lose, latency=order.scenario.latency)

    def _void_rules(self, kind: str, order: Order, params: Mapping[str, str]) -> Answer:
        orig = {"orig_syssn": order.syssn}
        if order.order_type != "payment":
            return error("1136", "a refund record cannot be voided", **orig)
        if int(params["txamt"]) != order.txamt:  # the original amount, DESIGN.md §15.7
            return error("1266", "txamt does not match the original amount", **orig)
        if params["txdtm"] != order.txdtm:  # the original txdtm, DESIGN.md §15.7
            return error("1267", "txdtm does not match the original transaction time", **orig)
        if kind == "reversal" and order.pay_type not in self.reversal_pay_types:
            return error("1155", f"pay type {order.pay_type} cannot be reversed", **orig)
        if kind == "close" and order.pay_type not in self.close_pay_types:
            # The 2018 doc: close answers 1297 when the order cannot be closed (DESIGN.md §15.7).
            return error("1297", f"pay type {order.pay_type} cannot be closed", **orig)
        if order.scenario.customer_pays_first and order.pending and order.void is None:
            order.scenario.customer_pays_first = False
            self._mark_paid(order)
        if order.cancel in (1, 2):
            respcd = "1263" if kind == "reversal" else "1264"
            return error(respcd, "order already cancelled" if kind == "reversal"
                         else "order already closed", **orig)
        if order.void_in_progress:
            # A repeat for an original whose void is in progress is the same void (DESIGN.md §11).
            assert order.void is not None
            return self._void_answer(order, order.void, *self._in_progress())
        if order.respcd == codes.SUCCESS and order.cancel == 0:
            return error("1260", "order already paid", **orig)
        if order.cancel in (3, 5):
            return error("1262", "order already refunded", **orig)
        if order.cancel == 4:
            return error("1136", "pre-authorisation already finished", **orig)
        polls = order.scenario.in_progress_polls
        void = Void(syssn=self.new_syssn(), kind=kind,
                    status="in_progress" if polls > 0 else "done", polls_left=polls,
                    sysdtm=self.now_text(), udid=params.get("udid", ""))
        order.void = void
        order.voids_applied += 1
        if polls > 0:
            return self._void_answer(order, void, *self._in_progress())
        self._complete(order)
        return self._void_answer(order, void, codes.SUCCESS, "success")

    def _in_progress(self) -> tuple[str, str]:
        return ("2999", "processing") if self.legacy else ("1145", "in progress")

    @staticmethod
    def _void_answer(order: Order, void: Void, respcd: str, resperr: str) -> Answer:
        """Fields as in the guide's sample response (DESIGN.md §15.7); txamt is a string there."""
        return {"syssn": void.syssn, "orig_syssn": order.syssn,
                "out_trade_no": order.out_trade_no, "txamt": str(order.txamt),
                "txcurrcd": order.txcurrcd, "txdtm": order.txdtm, "sysdtm": void.sysdtm,
                "chnlsn": "", "udid": void.udid, "respcd": respcd, "resperr": resperr,
                "respmsg": ""}

    # -- persistence ----------------------------------------------------------------------
    def remove(self, syssn: str) -> None:
        with self._lock:
            self._orders.pop(syssn, None)
            self._save()

    def _save(self) -> None:
        """Write the whole state atomically (temp file + rename), so a reader never sees half."""
        if self._state_file is None:
            return
        with self._lock:
            state = {"version": 1, "serial": self._serial,
                     "orders": [asdict(order) for order in self._orders.values()]}
            text = json.dumps(state, ensure_ascii=False, indent=1)
            folder = self._state_file.parent
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".sim-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(tmp, self._state_file)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def _load(self, path: Path) -> None:
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            orders = [Order.from_dict(item) for item in state["orders"]]
            serial = int(state.get("serial", 0))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise SimulatorError(f"{path} is not a readable simulator state file ({exc})") \
                from None
        self._orders = {order.syssn: order for order in orders}
        self._serial = serial


def _errmsg(respcd: str) -> str:
    return "success" if respcd == codes.SUCCESS else codes.explain(respcd)


def _positive_int(params: Mapping[str, str], name: str, default: int) -> int:
    text = params.get(name)
    if text is None:
        return default
    if not _digits(text, 6) or int(text) < 1:
        raise ValueError(f"{name} must be a whole number >= 1")
    return int(text)


def _check_void_params(params: Mapping[str, str]) -> Answer | None:
    """Required parameters and formats of reversal and close (DESIGN.md §15.7)."""
    syssn, out_trade_no = params.get("syssn"), params.get("out_trade_no")
    if not syssn and not out_trade_no:
        return error("1104", "syssn or out_trade_no is required")
    if syssn is not None and not _digits(syssn, 40):
        return error("1104", "syssn must be digits, at most 40")
    if out_trade_no is not None and len(out_trade_no) > 128:
        return error("1104", "out_trade_no must be at most 128 characters")
    txamt = params.get("txamt")
    if txamt is None:
        return error("1104", "txamt is required")
    if not _digits(txamt, 11):
        return error("1104", "txamt must be an integer amount in minor units")
    txdtm = params.get("txdtm")
    if txdtm is None:
        return error("1104", "txdtm is required")
    if parse_time(txdtm) is None:
        return error("1104", "txdtm must be 'YYYY-MM-DD hh:mm:ss'")
    if len(params.get("udid", "")) > 40:
        return error("1104", "udid must be at most 40 characters")
    return None
