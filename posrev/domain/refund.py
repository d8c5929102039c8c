"""Refunds: give back a payment that completed, with the same guarantees as a void.

Eligibility (``evaluate_refund``) reads the gateway's own refund records, never the journal
alone: a payment is refundable when the enquiry shows it paid (0000), not cancelled or fully
refunded, within ``refund_window_days`` and the amount is at most what was paid minus what
the gateway shows refunded (done or still processing).

The operation (``RefundRunner``) is the void's state machine with other requests:

    intent ──send──▶ sending ──0000──▶ confirming ──enquiry of the refund──▶ refunded
                        │ ├─1143/1145/1298──▶ pending ──poll──▶ …
                        │ ├─1251/1264──▶ refused ──enquiry──▶ found: as found; else resend/failed
                        │ ├─other code──▶ refused ──one enquiry──▶ refunded / failed
                        │ └─timeout, dropped, 5xx, garbage──▶ unknown
                        └─connection never opened──▶ failed ("nothing was sent")
    unknown ──enquiry by the refund's out_trade_no──▶ found: final; not found: resend the
    same request (same out_trade_no, ≤ 3 sends) or needs_manual

The refund's ``out_trade_no`` is made once, journaled with the intent and sent unchanged on
every resend, so the gateway can never apply a resend as a second refund (it answers 1251).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from posrev.clock import GATEWAY_FORMAT
from posrev.domain.lookup import PAGE_SIZE, month_windows, parse_record
from posrev.domain.void import (
    GIVE_UP_AFTER,
    MAX_SENDS,
    MIN_POLL_GAP,
    VoidRunner,
    failed,
    poll_delay,
)
from posrev.gateway import codes
from posrev.messages import Param, Text, respcd_described
from posrev.model.approval import refund_target
from posrev.model.operation import Operation
from posrev.model.rules import Rules
from posrev.model.transaction import Transaction, VoidAnswer
from posrev.model.verdict import RefundVerdict
from posrev.money import format_amount

# Same-day card refunds are processed as voids: full amount only (QFPay answers 1124).
FULL_ONLY_CARD_PAY_TYPES = frozenset({"802801", "806527"})
NO_REFUND_PAY_TYPES = frozenset({"802001"})  # FPS MPM does not support refunds
OUT_TRADE_NO_MAX = 32


def new_refund_number(now: datetime) -> str:
    """A new ``out_trade_no`` for one refund: ASCII, 32 characters, unique (time + random)."""
    number = f"RF{now.astimezone(ZoneInfo('UTC')):%y%m%d%H%M%S}{uuid.uuid4().hex[:18]}"
    assert len(number) <= OUT_TRADE_NO_MAX and number.isascii()
    return number


approval_target = refund_target  # the tests' and the front-ends' name


def _no(code: str, txn: Transaction | None = None, refunded: int = 0, *,
        key: str | None = None, **params: Param) -> RefundVerdict:
    text = Text(f"refund_verdict.{key or code}", params)
    return RefundVerdict(code, 0, txn.txamt if txn else 0, refunded, False, text,
                         txn.txcurrcd if txn else "")


def needs_refund_records(txn: Transaction | None) -> bool:
    """Whether the verdict depends on the gateway's refund records (a paid payment)."""
    return txn is not None and txn.is_payment and txn.respcd == codes.SUCCESS and \
        txn.cancel in (0, 5)


def evaluate_refund(txn: Transaction | None, refunds: Iterable[Transaction], rules: Rules,
                    now: datetime, tz: str, *, window_days: float = 30.0,
                    our_refunded: int = 0, unresolved: bool = False,
                    incomplete: bool = False) -> RefundVerdict:
    """The refund verdict for one enquiry record. ``refunds``: the gateway's refund records
    of it. ``our_refunded``: refunds of ours the journal knows done that the gateway's records
    do not show yet. ``unresolved``: an earlier refund of ours needs manual resolution.
    ``incomplete``: the refund records could not all be read (too many records)."""
    if txn is None:
        return _no("not_found")
    amount = format_amount(txn.txamt, txn.txcurrcd)
    if not txn.is_payment:
        return _no("refund_record", txn)
    if txn.is_cancelled:
        return _no("already_voided", txn, amount=amount)
    if txn.respcd != codes.SUCCESS:
        return _no("not_paid", txn, amount=amount, respcd=respcd_described(txn.respcd))
    if txn.pay_type in NO_REFUND_PAY_TYPES:
        return _no("refund_unsupported", txn, pay_type=txn.pay_type)
    if txn.cancel == 4:
        return _no("already_refunded", txn, key="preauth_finished")
    records = [r for r in refunds if not r.is_payment and r.origssn == txn.syssn]
    in_progress = [r for r in records if r.respcd in rules.pending_codes]
    done = [r for r in records if r.respcd == codes.SUCCESS]
    refunded = sum(r.txamt for r in done) + sum(r.txamt for r in in_progress) + our_refunded
    remaining = max(0, txn.txamt - refunded)
    if txn.cancel == 3 or remaining == 0:
        return _no("already_refunded", txn, refunded, amount=amount)
    if unresolved:
        return _no("refund_unresolved", txn, refunded)
    if in_progress:
        return _no("refund_in_progress", txn, refunded)
    if incomplete:
        return _no("refunds_unreadable", txn, refunded)
    if txn.cancel == 5 and refunded == 0:
        # Partly refunded, yet no refund record was found: what is left is not known.
        return _no("refund_unknown", txn)
    paid_at = txn.sysdtm_at(tz)
    if paid_at is not None and now - paid_at > timedelta(days=window_days):
        return _no("refund_too_old", txn, refunded, days=f"{window_days:g}")
    same_day = paid_at is not None and \
        paid_at.astimezone(ZoneInfo(tz)).date() == now.astimezone(ZoneInfo(tz)).date()
    partial = not (txn.pay_type in FULL_ONLY_CARD_PAY_TYPES and same_day)
    left = format_amount(remaining, txn.txcurrcd)
    if refunded:
        return RefundVerdict("partly_refunded", remaining, txn.txamt, refunded, partial,
                             Text("refund_verdict.partly_refunded",
                                  {"refunded": format_amount(refunded, txn.txcurrcd),
                                   "amount": amount, "left": left}), txn.txcurrcd)
    return RefundVerdict("refundable", remaining, txn.txamt, 0, partial,
                         Text("refund_verdict.refundable" if partial else
                              "refund_verdict.refundable_full_only", {"amount": amount}),
                         txn.txcurrcd)


QueryFn = Callable[..., list[dict]]
SCAN_PAGES = 200  # 20 000 records a month after the payment; beyond, the refund is refused


class RefundScanIncomplete(Exception):
    """The month holds more records than the scan reads: the refunds cannot all be seen."""

    def __init__(self, read: int) -> None:
        super().__init__(f"more than {read} records to search for refunds")


def refund_records(query: QueryFn, txn: Transaction, now: datetime, tz: str) -> list[Transaction]:
    """The gateway's refund records of one payment: the enquiry by time window (one calendar
    month per query), from the payment's time to now; refunds name it in ``origssn``."""
    zone = ZoneInfo(tz)
    start = txn.sysdtm_at(tz) or now.astimezone(zone)
    end = now.astimezone(zone) + timedelta(minutes=10)
    found: dict[str, Transaction] = {}
    cursor = start.astimezone(zone).replace(microsecond=0)
    while cursor <= end:
        month_end = ((cursor.replace(day=1, hour=0, minute=0, second=0) + timedelta(days=32))
                     .replace(day=1) - timedelta(seconds=1))
        stop = min(end, month_end)
        for page in range(1, SCAN_PAGES + 2):
            if page > SCAN_PAGES:
                # Every refund must be counted: never decide on a partial scan.
                raise RefundScanIncomplete(SCAN_PAGES * PAGE_SIZE)
            rows = query(start_time=cursor.strftime(GATEWAY_FORMAT),
                         end_time=stop.strftime(GATEWAY_FORMAT), page=page, page_size=PAGE_SIZE)
            for row in rows:
                if row.get("order_type") == "refund" and \
                        str(row.get("origssn") or row.get("orig_syssn") or "") == txn.syssn:
                    rec = parse_record({**row, "origssn": txn.syssn})
                    found[rec.syssn] = rec
            if len(rows) < PAGE_SIZE:
                break
        cursor = month_end + timedelta(seconds=1)
    return list(found.values())


class RefundRunner(VoidRunner):
    """The void's driver (loop, leases, polling, give-up) with a refund's send and decide."""

    DONE = "refunded"
    CREDENTIALS_REFUSED = failed(Text("fail.refund_credentials"))

    def __init__(self, gateway, journal, rules: Rules, clock, timezone: str  # type: ignore[no-untyped-def]
                 = "Asia/Hong_Kong") -> None:
        super().__init__(gateway, journal, rules, clock)
        self.timezone = timezone

    def _params(self, op: Operation) -> dict[str, object]:
        # txdtm is the refund's own request time, journaled once with the intent.
        return {"syssn": op.orig_syssn, "out_trade_no": op.refund_out_trade_no,
                "txamt": op.txamt, "txdtm": op.txdtm, "udid": op.udid}

    def _request(self, op: Operation) -> VoidAnswer:
        return self.gateway.refund(self._params(op))

    def _on_answer(self, op: Operation, answer: VoidAnswer) -> Operation:
        now = self.clock.now()
        detail = {"respcd": answer.respcd, "resperr": answer.resperr}
        happened = Text("happened.refund_answered",
                        {"respcd": respcd_described(answer.respcd, refund=True)})
        if answer.respcd == codes.SUCCESS:
            return self._transition(op, "void.answer", state="confirming", respcd=answer.respcd,
                                    void_syssn=answer.syssn or op.void_syssn, next_check_at=now,
                                    text=Text("op.refund_accepted"),
                                    detail=detail, happened=happened)
        if answer.respcd in self.rules.pending_codes:
            return self._transition(op, "void.answer", state="pending", respcd=answer.respcd,
                                    void_syssn=answer.syssn or op.void_syssn,
                                    next_check_at=now + timedelta(seconds=MIN_POLL_GAP),
                                    text=Text("op.refund_processing"),
                                    detail=detail, happened=happened)
        return self._transition(op, "void.answer", state="refused", respcd=answer.respcd,
                                next_check_at=now, detail=detail, happened=happened,
                                text=Text("op.refund_answered", {
                                    "respcd": respcd_described(answer.respcd, refund=True)}))

    def _enquire(self, op: Operation) -> Transaction | None:
        """The refund's own record, found by its ``out_trade_no`` (this month, then the last:
        the enquiry searches one calendar month at a time)."""
        for windows in month_windows(self.clock.now(), self.timezone):
            for start, end in windows:
                if end < op.created_at - timedelta(minutes=10):
                    continue
                rows = self.gateway.query(out_trade_no=op.refund_out_trade_no,
                                          start_time=start.strftime(GATEWAY_FORMAT),
                                          end_time=end.strftime(GATEWAY_FORMAT))
                for row in rows:
                    if str(row.get("out_trade_no") or "") != op.refund_out_trade_no or \
                            row.get("order_type") != "refund":
                        continue
                    return parse_record(row)
        return None

    def _decide(self, op: Operation, txn: Transaction | None, now: datetime,
                elapsed: float, schedule_elapsed: float) -> Operation:
        rec = txn
        detail = {"respcd": rec.respcd, "refund_syssn": rec.syssn, "txamt": rec.txamt,
                  "origssn": rec.origssn} if rec else {"found": False}
        amount = format_amount(op.txamt, op.txcurrcd)
        if rec is not None:
            origin = rec.origssn or op.orig_syssn
            if origin != op.orig_syssn or rec.txamt != op.txamt:
                # Our refund number names another refund: never guess, a person decides.
                return self._final(op, "needs_manual", Text("op.refund_mismatch"), detail)
            if rec.respcd == codes.SUCCESS:
                return self._transition(op, "void.refunded", state="refunded",
                                        checks=op.checks + 1, next_check_at=None,
                                        void_syssn=rec.syssn, detail=detail,
                                        text=Text("op.refunded", {"amount": amount,
                                                                  "syssn": rec.syssn}))
            if rec.respcd in self.rules.pending_codes:
                if elapsed >= GIVE_UP_AFTER:
                    return self._give_up(op, detail)
                return self._reschedule(op, now, poll_delay(schedule_elapsed),
                                        Text("op.refund_still_processing"), detail,
                                        state="pending")
            return self._final(op, "failed", failed(Text("fail.refund_refused", {
                "respcd": respcd_described(rec.respcd, refund=True)})), detail)
        if op.state == "intent":
            # Resumed before anything was sent, and no refund exists: send it.
            return self._transition(op, "void.resume_checked", checks=op.checks + 1,
                                    next_check_at=now, detail=detail,
                                    text=Text("op.refund_resume_send"))
        if elapsed >= GIVE_UP_AFTER:
            return self._give_up(op, detail)
        state = op.state
        if state == "refused":
            may_exist = op.respcd in codes.REFUND_MAY_EXIST and \
                (op.respcd == "1251" or op.sends > 1)
            if not may_exist:
                return self._final(op, "failed", failed(Text("fail.refund_answer", {
                    "respcd": respcd_described(op.respcd, refund=True)})), detail)
            state = "unknown"  # "it may already exist", and the enquiry did not show it
        if state == "unknown":
            if op.sends >= MAX_SENDS:
                return self._final(op, "needs_manual",
                                   Text("op.needs_manual_sends", {"sends": MAX_SENDS}), detail)
            # The same request again, with the same refund number: if the first one did
            # reach the gateway, this one is refused as a duplicate, never applied twice.
            return self._transition(op, "void.resend", state="intent", next_check_at=now,
                                    checks=op.checks + 1, detail=detail,
                                    text=Text("op.refund_resend"))
        return self._reschedule(op, now, poll_delay(schedule_elapsed),
                                Text("op.refund_not_found"), detail, state="pending")
