"""The simulated ``/trade/v1/refund`` (the gateway's refund rules), mixed into ``GatewayModel``.

The rules, as QFPay documents and merchants observe them (see ``docs/DESIGN.md``, "Refunds"):

- only a paid original (respcd 0000, not cancelled) can be refunded; a refund record cannot;
- every refund carries a new ``out_trade_no``; a number already used answers 1251 and is
  never applied again (a resend of the same refund is therefore harmless);
- an original with nothing left to refund answers 1264 ("order closed"), more than what is
  left answers 1272;
- card pay types refund the same day as a void: full amount only, else 1124;
- scenarios per original: a refund that stays in progress for N enquiries, a closed refund
  time window (1265), not enough unsettled takings (1269), dropped answers (``lose_answer``).

A refund becomes a record of its own (``order_type`` ``refund``, ``origssn`` the payment),
found by the enquiry under its ``out_trade_no``; the original's ``cancel`` becomes 5 (partly
refunded) or 3 (refunded) once a refund completes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from posrev.gateway import codes
from posrev.simulator.records import (
    Answer,
    Order,
    Outcome,
    check_amount_time_udid,
    digits_ok,
    errmsg,
    error,
)

# Same-day card refunds are voids and must be for the full amount.
CARD_PAY_TYPES = frozenset({"802801", "806527"})
NO_REFUND_PAY_TYPES = frozenset({"802001"})  # FPS MPM


class RefundRules:
    """The refund endpoint. Needs the attributes of ``GatewayModel`` (orders, lock, clock)."""

    _orders: dict[str, Order]

    # -- counters the tests read ------------------------------------------------------------
    def refund_records(self, orig_syssn: str) -> list[dict[str, Any]]:
        with self._lock:  # type: ignore[attr-defined]
            return [o.record() for o in self._orders.values()
                    if o.order_type == "refund" and o.origssn == orig_syssn]

    def refunds_applied(self, orig_syssn: str) -> int:
        """How many refunds of this original the gateway accepted (done or in progress)."""
        with self._lock:  # type: ignore[attr-defined]
            return sum(1 for o in self._orders.values()
                       if o.order_type == "refund" and o.origssn == orig_syssn
                       and o.respcd in (codes.SUCCESS, *_PENDING))

    def refunded_amount(self, orig_syssn: str) -> int:
        with self._lock:  # type: ignore[attr-defined]
            return sum(o.txamt for o in self._orders.values()
                       if o.order_type == "refund" and o.origssn == orig_syssn
                       and o.respcd in (codes.SUCCESS, *_PENDING))

    def refund_requests(self, orig_syssn: str) -> int:
        with self._lock:  # type: ignore[attr-defined]
            order = self._orders.get(orig_syssn)
            return order.refund_requests if order else 0

    # -- the endpoint -----------------------------------------------------------------------
    def refund(self, params: Mapping[str, str]) -> Any:
        problem = _check_refund_params(params)
        if problem is not None:
            return Outcome(problem)
        with self._lock:  # type: ignore[attr-defined]
            original = self._orders.get(params["syssn"])
            if original is None:
                return Outcome(error("1268", "order does not exist"))
            original.refund_requests += 1
            lose = original.scenario.lose_answer > 0
            if lose:
                original.scenario.lose_answer -= 1
            answer = self._refund_rules(original, params, Order)
            self._save()  # type: ignore[attr-defined]
            return Outcome(answer, lose_answer=lose, latency=original.scenario.latency)

    def _refund_rules(self, original: Order, params: Mapping[str, str],
                      order_cls: type[Order]) -> Answer:
        orig = {"orig_syssn": original.syssn}
        out_trade_no = params["out_trade_no"]
        txamt = int(params["txamt"])
        used = [o for o in self._orders.values() if o.out_trade_no == out_trade_no]
        same = [o for o in used if o.order_type == "refund" and o.origssn == original.syssn]
        if same and same[0].respcd in _PENDING:
            # The same refund again while it is processing: the same refund, not a new one.
            return _refund_answer(original, same[0], same[0].respcd, "processing")
        if used:
            return error("1251", "do not use a duplicate out_trade_no for a request", **orig)
        if original.order_type != "payment":
            return error("1136", "a refund record cannot be refunded", **orig)
        if original.cancel in (1, 2):
            return error("1264", "order closed", **orig)
        if original.respcd != codes.SUCCESS:
            return error("1261", "the order is not paid", **orig)
        if original.pay_type in NO_REFUND_PAY_TYPES:
            return error("1155", f"pay type {original.pay_type} does not support refunds",
                         **orig)
        if any(o.order_type == "refund" and o.origssn == original.syssn and o.respcd in _PENDING
               for o in self._orders.values()):
            return error("1155", "you still have processing requests; do not repeat the "
                                 "initiation", **orig)
        remaining = original.txamt - self.refunded_amount(original.syssn)
        if remaining <= 0 or original.cancel == 3:
            return error("1264", "order closed", **orig)
        if txamt > remaining:
            return error("1272", f"the refund exceeds the refundable amount ({remaining})",
                         **orig)
        scenario = original.scenario
        if scenario.refund_window_closed:
            return error("1265", "this transaction cannot be refunded now", **orig)
        if scenario.refund_balance_short:
            return error("1269", "refundable balance is 0; try again after the 11 AM data "
                                 "update", **orig)
        if original.pay_type in CARD_PAY_TYPES and txamt != original.txamt and \
                original.sysdtm[:10] == self.now_text()[:10]:  # type: ignore[attr-defined]
            return error("1124", "for void request, it must be a full refund", **orig)
        polls = scenario.refund_polls
        respcd = "1145" if polls > 0 else codes.SUCCESS
        now = self.now_text()  # type: ignore[attr-defined]
        record = order_cls(
            syssn=self.new_syssn(), out_trade_no=out_trade_no,  # type: ignore[attr-defined]
            txamt=txamt, txcurrcd=original.txcurrcd, pay_type=original.pay_type,
            order_type="refund", respcd=respcd, errmsg=errmsg(respcd), cancel=0,
            txdtm=params["txdtm"], sysdtm=now, paydtm=now if polls == 0 else "",
            udid=params.get("udid", ""), origssn=original.syssn)
        record.refund_polls_left = polls
        self._orders[record.syssn] = record
        if polls == 0:
            self._settle_refund(original)
        return _refund_answer(original, record, respcd, "success" if polls == 0 else
                              "processing")

    def _settle_refund(self, original: Order) -> None:
        """The original's cancel flag once a refund completes: 5 partly, 3 fully refunded."""
        done = sum(o.txamt for o in self._orders.values()
                   if o.order_type == "refund" and o.origssn == original.syssn
                   and o.respcd == codes.SUCCESS)
        if done >= original.txamt:
            original.cancel = 3
        elif done > 0:
            original.cancel = 5

    def _observe_refund(self, record: Order) -> bool:
        """An enquiry returns an in-progress refund record: it counts down, then completes."""
        if record.order_type != "refund" or record.respcd not in _PENDING:
            return False
        if record.refund_polls_left > 0:
            record.refund_polls_left -= 1
            return True
        record.respcd = codes.SUCCESS
        record.errmsg = errmsg(codes.SUCCESS)
        record.paydtm = self.now_text()  # type: ignore[attr-defined]
        original = self._orders.get(record.origssn or "")
        if original is not None:
            self._settle_refund(original)
        return True


_PENDING = ("1143", "1145", "1298")


def _refund_answer(original: Order, record: Order, respcd: str, resperr: str) -> Answer:
    """Fields of the refund response (syssn is the refund's own; txamt a string)."""
    return {"syssn": record.syssn, "orig_syssn": original.syssn,
            "out_trade_no": record.out_trade_no, "txamt": str(record.txamt),
            "txcurrcd": record.txcurrcd, "txdtm": record.txdtm, "sysdtm": record.sysdtm,
            "respcd": respcd, "resperr": resperr, "respmsg": "", "cash_fee": str(record.txamt),
            "cash_fee_type": record.txcurrcd, "cash_refund_fee": str(record.txamt),
            "cash_refund_fee_type": record.txcurrcd}


def _check_refund_params(params: Mapping[str, str]) -> Answer | None:
    syssn = params.get("syssn")
    if not syssn:
        return error("1104", "syssn (of the original) is required")
    if not digits_ok(syssn, 40):
        return error("1104", "syssn must be digits, at most 40")
    out_trade_no = params.get("out_trade_no")
    if not out_trade_no:
        return error("1104", "out_trade_no (a new number for the refund) is required")
    if len(out_trade_no) > 128 or not out_trade_no.isascii() or not out_trade_no.isprintable():
        return error("1104", "out_trade_no must be printable ASCII, at most 128 characters")
    return check_amount_time_udid(params, positive=True)
