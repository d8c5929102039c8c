"""The void operation: one explicit state machine from intent to a final outcome (DESIGN.md §2).

    intent ──send──▶ sending ──0000──▶ confirming ──enquiry──▶ voided / refund_required
                        │ ├─1143/1145/1298──▶ pending ──poll──▶ …
                        │ ├─other code──▶ refused ──one enquiry──▶ voided / refund_required / failed
                        │ └─timeout, dropped, 5xx, garbage, bad signature──▶ unknown
                        └─connection never opened──▶ failed ("nothing was sent")
    unknown ──enquiry──▶ final, or (original still pending) resend (≤ 3 sends) or needs_manual

Only an enquiry that shows the original cancelled (``cancel`` 1/2, respcd 1142/1263/1264) or
in a definitive failure state makes an operation ``voided``; an enquiry that shows it paid
makes it ``refund_required``, never success. Every transition is journaled before the next
request leaves.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from posrev.clock import Clock
from posrev.domain.lookup import parse_record
from posrev.domain.ports import GatewayPort, JournalPort
from posrev.errors import Conflict, JournalError, JournalVanished, JournalWriteError
from posrev.gateway import codes
from posrev.gateway.errors import (
    GatewayError,
    MethodRefused,
    NotSent,
    RateLimited,
    TlsFailure,
    UnknownOutcome,
    WrongCredentials,
)
from posrev.messages import Param, Text, english_value, respcd_described
from posrev.model.operation import Operation
from posrev.model.rules import Rules
from posrev.model.transaction import Transaction, VoidAnswer

log = logging.getLogger("posrev.void")

MAX_SENDS = 3
FOREGROUND_BUDGET = 90.0  # seconds the cashier watches after "in progress"
GIVE_UP_AFTER = 24 * 3600.0
MIN_POLL_GAP = 3.0
TLS_RETRY = 120.0  # a certificate problem needs IT: check again in the background, not at 3 s
OTHER_ACTION = {"reversal": "close", "close": "reversal"}
SEND_MARGIN = 5.0  # seconds, over the request timeouts, before a send counts as lost


def poll_delay(elapsed: float) -> float:
    """Seconds until the next enquiry, ``elapsed`` seconds after polling began (DESIGN.md §2):
    every 3 s up to 30 s, every 5 s up to 90 s, then growing background intervals."""
    if elapsed < 30:
        return 3.0
    if elapsed < FOREGROUND_BUDGET:
        return 5.0
    for limit, delay in ((120, 30.0), (300, 60.0), (900, 120.0), (3600, 300.0),
                         (4 * 3600, 900.0)):
        if elapsed < limit:
            return delay
    return 1800.0


def rate_limit_delay(retry_after: float | None, streak: int) -> float:
    """Honour Retry-After, else back off exponentially; never more than 60 s."""
    if retry_after is not None:
        return min(60.0, max(MIN_POLL_GAP, retry_after))
    return min(60.0, MIN_POLL_GAP * (2 ** max(0, streak - 1)))


@dataclass(frozen=True)
class Progress:
    """What a cashier sees while a void is not final."""

    op_id: str
    state: str
    attempt: int  # enquiries made so far + 1 (the one being waited for)
    elapsed: float  # seconds since the void was sent
    next_check_in: float | None  # seconds until the next enquiry
    message: str  # in English
    text: Text | None = None  # the same as a code and parameters (posrev.messages)


ProgressHook = Callable[[Progress], None]


def failed(reason: Text) -> Text:
    """A failed operation's sentence: ``Failed: {reason}.`` (the window shows the reason
    under its own headline)."""
    return Text("op.failed", {"reason": reason})


class OutcomeNotRecorded(JournalError):
    """What happened could not be written to the journal (a full disk, a journal deleted or
    replaced). The operation stays live as last recorded, so a resume settles it; the
    sentence says only what is known (CLI exit 3)."""

    exit_code = 3

    def __init__(self, op: Operation, text: Text) -> None:
        super().__init__(text)  # its ``text``: the sentence as a code and parameters
        self.operation = op


def _why(exc: JournalError) -> tuple[Param, Text]:
    """(why the journal could not be written, when the outcome will be checked)."""
    if isinstance(exc, JournalWriteError):
        return exc.reason, Text("when.disk_has_room" if exc.full else "when.writable")
    if isinstance(exc, JournalVanished):
        return Text("why.vanished"), Text("when.new_journal")
    return str(exc).rstrip("."), Text("when.writable")


def _kind(op: Operation) -> Text:
    return Text(f"kind.{op.kind}")


class VoidRunner:
    """Drives operations. Stateless apart from its collaborators: the journal is the state.

    The loop (``drive``/``step``), leases, polling, rate limits and give-up rules are shared
    with refunds: ``posrev.domain.refund.RefundRunner`` overrides only ``_request``,
    ``_on_answer``, ``_enquire`` and ``_decide``."""

    DONE = "voided"  # "nothing was voided"
    CREDENTIALS_REFUSED = failed(Text("fail.void_credentials"))

    def __init__(self, gateway: GatewayPort, journal: JournalPort, rules: Rules,
                 clock: Clock) -> None:
        self.gateway = gateway
        self.journal = journal
        self.rules = rules
        self.clock = clock
        self._local = threading.local()

    @property
    def current_op(self) -> str | None:
        """The operation whose request is in flight on this thread (to journal exchanges)."""
        return getattr(self._local, "op_id", None)

    # -- entry points -------------------------------------------------------------------------
    def drive(self, op_id: str, *, on_progress: ProgressHook | None = None,
              cancel: threading.Event | None = None, foreground: bool = True,
              budget: float | None = None, resume: bool = False) -> Operation:
        """Run until final. Returns early, non-final, if ``cancel`` is set ("Stop waiting")
        or, in the foreground, once the cashier has watched for ``budget`` seconds of polling
        (default 90 s; the background resumer takes over). ``resume``: the operation comes
        from the journal after a restart, so the first step is an enquiry."""
        self._local.vanished = self.journal.vanished_count
        op = self._get(op_id)
        budget = FOREGROUND_BUDGET if budget is None else budget
        started = self.clock.now()
        first = True
        while not op.is_final:
            if cancel is not None and cancel.is_set():
                return op
            op = self._recover_sending(op)
            now = self.clock.now()
            due = op.next_check_at or now
            if first and op.state != "sending" and (resume or op.state != "intent"):
                due = now  # the first enquiry of a resume may go at once
            wait = max(0.0, (due - now).total_seconds())
            watched = (now - started).total_seconds()
            if foreground and op.state != "intent" and wait > 0 and watched + wait > budget:
                return op
            if wait > 0:
                self._emit(on_progress, op, wait)
                if self.clock.sleep(wait, cancel):
                    return self._get(op_id)
            op = self._get(op_id)  # another driver may have moved it
            if op.is_final:
                break
            if op.state == "sending":
                continue  # another driver's send: recovered only once it cannot be in flight
            op = self._act(op, on_progress, check_first=first and resume,
                           watched_since=started if foreground else None)
            first = False
        self._emit(on_progress, op, None)
        return op

    def step(self, op_id: str, *, resume: bool = False) -> Operation:
        """One due step of a background resume (no waiting): send or enquire if due."""
        self._local.vanished = self.journal.vanished_count
        op = self._recover_sending(self._get(op_id))
        if op.is_final or op.state == "sending":
            return op
        now = self.clock.now()
        if not resume and op.next_check_at is not None and op.next_check_at > now:
            return op
        return self._act(op, None, check_first=resume, watched_since=None)

    def _act(self, op: Operation, on_progress: ProgressHook | None, *, check_first: bool,
             watched_since: datetime | None) -> Operation:
        try:
            if op.state == "intent" and not check_first:
                return self._send(op, on_progress)
            return self._check(op, on_progress, watched_since)
        except Conflict:
            return self._get(op.op_id)

    def _send_lease(self, op: Operation) -> float:
        """Seconds a send can be in flight: its request (a close may need two), plus margin."""
        connect, read = getattr(self.gateway, "timeout", (5.0, 15.0))
        return (connect + read) * (2 if op.action == "close" else 1) + SEND_MARGIN

    def _recover_sending(self, op: Operation) -> Operation:
        if op.state != "sending":
            return op
        now = self.clock.now()
        until = op.next_check_at
        if until is not None and now < until <= now + timedelta(seconds=self._send_lease(op)):
            # A driver (this process or another) may still be waiting for the answer: taking
            # over now would send a second void. Its request cannot outlive ``until``.
            return op
        # A crash, or a lost process, while a send was in flight: the outcome is unknown.
        try:
            return self._transition(op, "void.resumed_unknown", state="unknown",
                                    next_check_at=self.clock.now(),
                                    pending_since=op.pending_since or self.clock.now(),
                                    text=Text("op.resumed_unknown"))
        except Conflict:
            return self._get(op.op_id)

    # -- steps --------------------------------------------------------------------------------
    def _params(self, op: Operation) -> dict[str, object]:
        return {"syssn": op.orig_syssn, "out_trade_no": op.out_trade_no, "txamt": op.txamt,
                "txdtm": op.txdtm, "udid": op.udid}

    def _send(self, op: Operation, on_progress: ProgressHook | None) -> Operation:
        now = self.clock.now()
        try:
            self._check_vanished()
            op = self._transition(op, "void.sending", state="sending", sends=op.sends + 1,
                                  pending_since=op.pending_since or now,
                                  next_check_at=now + timedelta(seconds=self._send_lease(op)),
                                  text=Text("op.sending", {"action": Text(f"action.{op.action}"),
                                                           "send": op.sends + 1}),
                                  essential=False)
        except Conflict:
            return self._get(op.op_id)
        except JournalError as exc:
            return self._not_sent(op, exc)
        self._emit(on_progress, op, None)
        self._local.op_id = op.op_id
        try:
            answer = self._request(op)
        except NotSent as exc:
            if op.sends == 1:
                return self._transition(
                    op, "void.not_sent", state="failed", sends=0, next_check_at=None,
                    text=failed(Text("fail.tls_not_sent", {"reason": exc.reason_text})
                                if isinstance(exc, TlsFailure) else Text("fail.unreachable")),
                    detail={"reason": exc.reason},
                    happened=Text("happened.not_sent", {"reason": exc.reason_text}))
            # An earlier send may have reached the gateway: find out before anything else.
            return self._transition(op, "void.not_sent", state="unknown", sends=op.sends - 1,
                                    next_check_at=now + timedelta(seconds=MIN_POLL_GAP),
                                    text=Text("op.unreachable_will_check"),
                                    detail={"reason": exc.reason})
        except RateLimited as exc:
            delay = rate_limit_delay(exc.retry_after, 1)
            return self._transition(op, "void.rate_limited",
                                    state="intent" if op.sends == 1 else "unknown",
                                    sends=op.sends - 1,
                                    next_check_at=self.clock.now() + timedelta(seconds=delay),
                                    text=Text("op.busy_retrying", {"seconds": f"{delay:g}"}))
        except WrongCredentials:
            return self._transition(op, "void.refused", state="failed", sends=op.sends - 1,
                                    respcd=codes.WRONG_SIGNATURE, next_check_at=None,
                                    text=self.CREDENTIALS_REFUSED)
        except MethodRefused as exc:
            # Refused by HTTP method or path: nothing was applied. One enquiry decides, as
            # for any refusal (and may send the other action once: ``_route_fallback``).
            return self._transition(op, "void.answer", state="refused", respcd="",
                                    next_check_at=self.clock.now(),
                                    text=Text("op.method_refused", {"refusal": exc.text}),
                                    detail={"refused": exc.detail, "method": exc.method})
        except UnknownOutcome as exc:
            return self._transition(op, "void.unknown", state="unknown",
                                    next_check_at=self.clock.now(),
                                    text=Text("op.outcome_unknown",
                                              {"reason": exc.reason_text}),
                                    detail={"reason": exc.reason})
        except JournalError as exc:  # written while the request was out: it may have left
            return self._transition(op, "void.unknown", state="unknown",
                                    next_check_at=self.clock.now(),
                                    text=Text("op.outcome_unknown_journal"),
                                    detail={"reason": str(exc)})
        finally:
            self._local.op_id = None
        return self._on_answer(op, answer)

    def _request(self, op: Operation) -> VoidAnswer:
        """The one gateway request of a send (a subclass sends another kind of request)."""
        call = self.gateway.reversal if op.action == "reversal" else self.gateway.close
        return call(self._params(op))

    def _on_answer(self, op: Operation, answer: VoidAnswer) -> Operation:
        """The state the gateway's answer to a send leads to."""
        happened = Text("happened.void_answered", {"respcd": respcd_described(answer.respcd)})
        if answer.respcd == codes.SUCCESS:
            return self._transition(op, "void.answer", state="confirming", respcd=answer.respcd,
                                    void_syssn=answer.syssn or op.void_syssn,
                                    next_check_at=self.clock.now(),
                                    text=Text("op.void_accepted"),
                                    detail={"respcd": answer.respcd}, happened=happened)
        if answer.respcd in self.rules.pending_codes:
            return self._transition(op, "void.answer", state="pending", respcd=answer.respcd,
                                    void_syssn=answer.syssn or op.void_syssn,
                                    next_check_at=self.clock.now()
                                    + timedelta(seconds=MIN_POLL_GAP),
                                    text=Text("op.void_processing"),
                                    detail={"respcd": answer.respcd}, happened=happened)
        return self._transition(op, "void.answer", state="refused", respcd=answer.respcd,
                                next_check_at=self.clock.now(),
                                text=Text("op.void_answered",
                                          {"respcd": respcd_described(answer.respcd)}),
                                detail={"respcd": answer.respcd, "resperr": answer.resperr},
                                happened=happened)

    def _check(self, op: Operation, on_progress: ProgressHook | None,
               watched_since: datetime | None) -> Operation:
        now = self.clock.now()
        since = op.pending_since or op.created_at
        elapsed = (now - since).total_seconds()
        # The cashier's schedule (3 s, then 5 s) restarts when a driver starts watching.
        schedule_elapsed = elapsed if watched_since is None else \
            (now - max(since, watched_since)).total_seconds()
        self._emit(on_progress, op, 0.0, checking=True)
        try:
            self._local.op_id = op.op_id
            txn = self._enquire(op)
        except RateLimited as exc:
            if elapsed >= GIVE_UP_AFTER:
                return self._give_up(op, {"error": str(exc)})
            streak = op.checks + 1
            delay = rate_limit_delay(exc.retry_after, streak)
            return self._reschedule(op, now, delay, Text("op.busy_will_check"))
        except GatewayError as exc:
            if elapsed >= GIVE_UP_AFTER:  # no enquiry got through: still, not for ever
                return self._give_up(op, {"error": str(exc)})
            if isinstance(exc, TlsFailure):
                return self._reschedule(op, now, max(TLS_RETRY, poll_delay(schedule_elapsed)),
                                        Text("op.check_tls", {"reason": exc.reason_text}),
                                        {"error": exc.kind})
            return self._reschedule(op, now, poll_delay(schedule_elapsed),
                                    Text("op.check_failed", {
                                        "error": getattr(exc, "reason_text", exc.text)}))
        finally:
            self._local.op_id = None
        return self._decide(op, txn, now, elapsed, schedule_elapsed)

    def _enquire(self, op: Operation) -> Transaction | None:
        """The record an enquiry finds for this operation (the original, for a void)."""
        records = self.gateway.query(syssn=op.orig_syssn)
        return next((parse_record(r) for r in records
                     if str(r.get("syssn")) == op.orig_syssn), None)

    def _decide(self, op: Operation, txn: Transaction | None, now: datetime,
                elapsed: float, schedule_elapsed: float) -> Operation:
        detail = {"respcd": txn.respcd, "cancel": txn.cancel} if txn else {"found": False}
        if op.state == "intent" and (txn is None or (txn.respcd in self.rules.pending_codes
                                                     and txn.cancel == 0)):
            # Resumed before anything was sent and the payment is still unfinished: send.
            return self._transition(op, "void.resume_checked", checks=op.checks + 1,
                                    next_check_at=now, detail=detail,
                                    text=Text("op.void_resume_send"))
        if txn is not None:
            pending = txn.respcd in self.rules.pending_codes and txn.cancel == 0
            if txn.is_cancelled:
                return self._final(op, "voided", Text("op.voided"), detail)
            if txn.is_paid:
                return self._final(op, "refund_required",
                                   Text("op.refund_required", {"syssn": op.orig_syssn}), detail)
            if txn.is_refunded:
                return self._final(op, "failed", failed(Text("fail.already_refunded")), detail)
            if op.state == "refused" and pending and not self._fell_back(op):
                return self._route_fallback(op, now, detail)
            if op.state == "refused":
                refusal = respcd_described(op.respcd) if op.respcd else \
                    Text("fail.method", {"action": Text(f"action.{op.action}")})
                return self._final(op, "failed", failed(refusal), detail)
            if not pending:
                return self._final(op, "voided", Text("op.voided_failed_payment",
                                                      {"respcd": respcd_described(txn.respcd)}),
                                   detail)
        if elapsed >= GIVE_UP_AFTER:
            return self._give_up(op, detail)
        if op.state == "unknown":
            if txn is None:
                return self._reschedule(op, now, poll_delay(schedule_elapsed),
                                        Text("op.void_not_found"), detail)
            if op.sends >= MAX_SENDS:
                return self._final(op, "needs_manual",
                                   Text("op.needs_manual_sends", {"sends": MAX_SENDS}), detail)
            # Still pending and not cancelled: resend the same void. The gateway treats a
            # repeat for one original as the same void (answers "in progress"/"cancelled").
            return self._transition(op, "void.resend", state="intent", next_check_at=now,
                                    checks=op.checks + 1,
                                    text=Text("op.void_resend"),
                                    detail=detail)
        said = Text("op.void_still_processing") if txn else Text("op.void_not_found")
        return self._reschedule(op, now, poll_delay(schedule_elapsed), said, detail,
                                state="pending" if op.state == "confirming" else op.state)

    def _fell_back(self, op: Operation) -> bool:
        return bool(self.journal.events(op.op_id, "void.route_fallback"))

    def _route_fallback(self, op: Operation, now: datetime, detail: dict) -> Operation:
        """The gateway refused the void (a refusal applies nothing) and the enquiry shows the
        payment unfinished and not cancelled: the routing table may be wrong for this pay
        type, so the other action is sent, once, as its own journaled request."""
        other = OTHER_ACTION[op.action]
        refused = respcd_described(op.respcd) if op.respcd else Text("op.method_was_refused")
        return self._transition(
            op, "void.route_fallback", state="intent", action=other, respcd="",
            next_check_at=now, checks=op.checks + 1,
            text=Text("op.route_fallback", {"action": Text(f"action.{op.action}"),
                                            "refused": refused,
                                            "other": Text(f"action.{other}")}),
            detail={**detail, "reason": f"{op.action} refused ({refused}); enquiry shows the "
                                        "payment unfinished and not cancelled",
                    "from": op.action, "to": other, "pay_type": op.pay_type,
                    "refused_respcd": op.respcd})

    # -- helpers ------------------------------------------------------------------------------
    def _reschedule(self, op: Operation, now: datetime, delay: float, text: Text,
                    detail: dict | None = None, state: str | None = None) -> Operation:
        return self._transition(op, "void.check", state=state or op.state,
                                checks=op.checks + 1, text=text,
                                next_check_at=now + timedelta(seconds=max(MIN_POLL_GAP, delay)),
                                detail=detail)

    def _give_up(self, op: Operation, detail: dict) -> Operation:
        return self._final(op, "needs_manual", Text("op.needs_manual_day"), detail)

    def _final(self, op: Operation, outcome: str, text: Text, detail: dict) -> Operation:
        return self._transition(op, "void." + outcome, state=outcome, checks=op.checks + 1,
                                next_check_at=None, text=text, detail=detail)

    def _check_vanished(self) -> None:
        """A journal deleted or replaced since this drive began (found by any write, the
        exchange records included) stops the drive: the cashier is told."""
        seen = getattr(self._local, "vanished", None)
        if seen is not None and self.journal.vanished_count > seen \
                and self.journal.vanished is not None:
            self._local.vanished = self.journal.vanished_count  # said once
            raise self.journal.vanished

    def _not_sent(self, op: Operation, exc: JournalError) -> Operation:
        """Marking the void as being sent failed: this send did not leave. With no earlier
        send, it ends ``failed`` (the reserve is used for it), so no later resume sends what
        the cashier was told failed; if even that cannot be written, it is said to be pending."""
        why, when = _why(exc)
        log.error("%s not sent: the journal could not be written (%s)", op.op_id[:8],
                  english_value(why))
        said = {"kind": _kind(op), "why": why, "when": when}
        if op.sends > 0:  # a resend: an earlier send may have reached the gateway
            raise OutcomeNotRecorded(op, Text("unrecorded.resend", said))
        try:
            return self.journal.transition(
                op, event="void.not_sent", state="failed", next_check_at=None, essential=True,
                text=failed(Text("fail.journal", {"why": why})),
                detail={"reason": english_value(why)})
        except Conflict:
            return self._get(op.op_id)
        except JournalError:
            raise OutcomeNotRecorded(op, Text("unrecorded.not_sent", said)) from None

    def _transition(self, op: Operation, event: str, detail: dict | None = None,
                    essential: bool = True, happened: Text | None = None,
                    text: Text | None = None, **changes: object) -> Operation:
        """Journal a step, with ``text`` its sentence (posrev.messages). Every step after a
        send is ``essential`` (see Journal._write); if it still cannot be written,
        OutcomeNotRecorded says what is known, from facts only."""
        if op.action == "refund" and event.startswith("void."):
            event = "refund." + event[len("void."):]  # the audit trail names the kind
        try:
            self._check_vanished()
            new = self.journal.transition(op, event=event, detail=detail, essential=essential,
                                          text=text, **changes)
        except Conflict:
            raise
        except JournalError as exc:
            if not essential:
                raise
            why, when = _why(exc)
            log.error("%s %s could not be journaled (%s): %s", op.op_id[:8], event,
                      english_value(why),
                      {k: changes[k] for k in ("state", "respcd", "void_syssn") if k in changes})
            if happened is None:
                happened = Text("happened.may_have_reached" if op.sends > 0 else
                                "happened.nothing_yet", {"kind": _kind(op)})
            raise OutcomeNotRecorded(op, Text("unrecorded.step", {
                "happened": happened, "why": why, "when": when})) from None
        log.info("%s %s: %s -> %s (sends %d, respcd %s) %s", op.op_id[:8], event, op.state,
                 new.state, new.sends, new.respcd or "-", new.message)
        return new

    def _get(self, op_id: str) -> Operation:
        op = self.journal.get(op_id)
        if op is None:
            raise KeyError(op_id)
        return op

    def _emit(self, hook: ProgressHook | None, op: Operation, next_in: float | None,
              checking: bool = False) -> None:
        if hook is None:
            return
        since = op.pending_since or op.created_at
        hook(Progress(op_id=op.op_id, state=op.state, attempt=op.checks + 1,
                      elapsed=max(0.0, (self.clock.now() - since).total_seconds()),
                      next_check_in=next_in, message=op.message, text=op.text))
