"""Voids end to end through the App core, against the simulator, on a fake clock (DESIGN.md §2).

Every gateway fault of DESIGN.md §11 ends in the right final state or ``needs_manual``, and the
simulator confirms that it applied at most one void per original.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest

from posrev.app import NotEligible
from posrev.domain.void import poll_delay
from posrev.errors import InputError, SupervisorError


def pending(sim, **kw):
    kw.setdefault("respcd", "1143")
    return sim.create_order(**kw)


def void(app, order, **kw):
    found = app.lookup(order["syssn"], "syssn")
    kw.setdefault("cashier", "C001")
    progress = kw.pop("progress", [])
    return app.void(found.transaction, on_progress=progress.append, **kw)


def test_reversal_is_voided_after_an_enquiry_confirms_it(app, simulator):
    order = pending(simulator)
    op = void(app, order)
    assert (op.outcome, op.action, op.sends) == ("voided", "reversal", 1)
    assert op.void_syssn and simulator.voids_applied(order["syssn"]) == 1
    assert simulator.requests[-1]["endpoint"] == "/trade/v1/query"  # confirmed by enquiry
    assert simulator.get(order["syssn"])["cancel"] == "1"


def test_close_is_voided(app, simulator):
    order = pending(simulator, pay_type="800208", respcd="1145")
    op = void(app, order)
    assert (op.outcome, op.action) == ("voided", "close")
    assert simulator.get(order["syssn"])["cancel"] == "2"


def test_the_request_carries_udid_and_the_lookups_amount_and_time(app, simulator):
    order = pending(simulator, txamt=4321)
    void(app, order)
    sent = [r for r in simulator.requests if r["endpoint"] == "/trade/v1/reversal"][0]["params"]
    assert sent["udid"] == app.udid and sent["txamt"] == "4321"
    assert sent["txdtm"] == order["txdtm"] and sent["syssn"] == order["syssn"]


def test_in_progress_is_polled_every_3_seconds_until_final(app, simulator, clock):
    order = pending(simulator)
    simulator.set_scenario(order["syssn"], in_progress_polls=4)
    progress = []
    op = void(app, order, progress=progress)
    assert op.outcome == "voided" and simulator.voids_applied(order["syssn"]) == 1
    waits = [p.next_check_in for p in progress if p.next_check_in]
    assert waits and all(w == 3.0 for w in waits)
    attempts = [p.attempt for p in progress]
    assert max(attempts) >= 5 and attempts == sorted(attempts)
    queries = [r["t"] for r in simulator.requests if r["endpoint"] == "/trade/v1/query"]
    assert len(queries) >= 5


def test_poll_schedule():
    assert [poll_delay(t) for t in (0, 27, 30, 85, 90, 200, 1000, 5000, 20000)] == \
        [3, 3, 5, 5, 30, 60, 300, 900, 1800]


def test_the_cashier_watches_90_seconds_then_it_continues_in_the_background(
        app, simulator, clock):
    order = pending(simulator)
    simulator.set_scenario(order["syssn"], in_progress_polls=1000)
    start = clock.now()
    op = void(app, order)
    assert op.outcome == "pending" and not op.is_final
    assert 85 <= (clock.now() - start).total_seconds() <= 90
    assert op in app.pending_operations() or [o.op_id for o in app.pending_operations()] == \
        [op.op_id]


def test_stop_waiting_leaves_it_pending_and_a_recheck_resumes_it(app, simulator):
    order = pending(simulator)
    simulator.set_scenario(order["syssn"], in_progress_polls=2)
    stop = threading.Event()

    def on_progress(p):
        if p.state == "pending":
            stop.set()

    found = app.lookup(order["syssn"], "syssn")
    op = app.void(found.transaction, cashier="C001", on_progress=on_progress, cancel=stop)
    assert op.outcome == "pending"
    assert [o.op_id for o in app.pending_operations()] == [op.op_id]
    again = app.recheck(op.op_id)
    assert again.outcome == "voided" and app.pending_operations() == []
    assert simulator.voids_applied(order["syssn"]) == 1


def test_customer_pays_just_before_the_void_means_refund(app, simulator):
    order = pending(simulator, pay_type="800208")
    simulator.set_scenario(order["syssn"], customer_pays_first=True)
    op = void(app, order)
    assert op.outcome == "refund_required" and op.respcd == "1260"
    assert order["syssn"] in op.message
    assert simulator.voids_applied(order["syssn"]) == 0


def test_answer_lost_after_the_gateway_applied_the_void(app, simulator):
    order = pending(simulator)
    simulator.set_scenario(order["syssn"], lose_answer=True)
    op = void(app, order)
    assert (op.outcome, op.sends) == ("voided", 1)  # enquiry showed it; no second send
    assert simulator.void_requests(order["syssn"]) == 1


def write_config(app_env, text: str) -> None:
    home = Path(app_env["POSREV_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text)


@pytest.mark.parametrize("fault, applied", [
    ("drop", False), ("http500", False), ("non_json", True), ("bad_signature", True),
    ("latency:2", True),
])
def test_unknown_outcomes_end_voided_with_exactly_one_void_applied(
        make_app, env, simulator, fault, applied):
    write_config(env, "[gateway]\nread_timeout = 1\n")
    app = make_app()
    order = pending(simulator)
    simulator.fault(fault, endpoint="reversal")
    op = void(app, order)
    assert op.outcome == "voided"
    assert simulator.voids_applied(order["syssn"]) == 1
    # Not applied: the enquiry shows it still pending, so the same void is sent again.
    assert op.sends == (1 if applied else 2)


def test_rate_limited_void_waits_and_goes_through(app, simulator):
    order = pending(simulator)
    simulator.fault("rate_limit", endpoint="reversal")
    op = void(app, order)
    assert op.outcome == "voided" and op.sends == 1


def test_rate_limited_enquiries_back_off(app, simulator, clock):
    order = pending(simulator)
    txn = app.lookup(order["syssn"], "syssn").transaction
    simulator.fault("rate_limit", count=3, endpoint="query")
    start = clock.now()
    op = app.void(txn, cashier="C001")
    assert op.outcome == "voided" and op.sends == 1
    assert (clock.now() - start).total_seconds() >= 3 * 3  # Retry-After 1 s, never < 3 s


def test_three_unanswered_sends_then_needs_manual(app, simulator):
    order = pending(simulator)
    simulator.fault("drop", count=None, endpoint="reversal")
    op = void(app, order)
    assert (op.outcome, op.sends) == ("needs_manual", 3)
    assert simulator.void_requests(order["syssn"]) == 3
    assert simulator.voids_applied(order["syssn"]) == 0


def test_unreachable_gateway_fails_and_nothing_was_sent(make_app, simulator):
    order = pending(simulator)
    app = make_app()
    found = app.lookup(order["syssn"], "syssn")
    simulator.stop()
    op = app.void(found.transaction, cashier="C001")
    assert op.outcome == "failed" and "nothing was sent" in op.message and op.sends == 0


def test_a_refused_void_is_explained_in_words(make_app, env, simulator):
    # A pay type the gateway neither reverses nor closes: the reversal is refused (1155), the
    # routing fallback's close too (1297); the last refusal is what the cashier reads.
    write_config(env, '[rules]\nreversal_pay_types = ["800999"]\nclose_pay_types = []\n')
    app = make_app()
    order = pending(simulator, pay_type="800999")
    op = void(app, order)
    assert op.outcome == "failed" and op.respcd == "1297"
    assert op.message == "Failed: the bank system is busy, or this order cannot be closed (1297)."
    assert simulator.voids_applied(order["syssn"]) == 0
    assert [r["endpoint"] for r in simulator.requests if r["endpoint"] != "/trade/v1/query"] \
        == ["/trade/v1/reversal", "/trade/v1/close"]


def test_a_misrouted_void_falls_back_once_to_the_other_endpoint(make_app, env, simulator):
    # Misrouted on purpose: the gateway only closes 800208, so it refuses the reversal; the
    # enquiry shows the payment unfinished, so the close is sent, journaled with the reason.
    write_config(env, '[rules]\nreversal_pay_types = ["800208"]\nclose_pay_types = []\n')
    app = make_app()
    order = pending(simulator, pay_type="800208")
    op = void(app, order)
    assert op.outcome == "voided" and op.action == "close"
    assert simulator.voids_applied(order["syssn"]) == 1
    fallback = app.journal.events(op.op_id, "void.route_fallback")
    assert len(fallback) == 1
    assert "1155" in fallback[0]["detail"]["reason"] and "unfinished" in \
        fallback[0]["detail"]["reason"]
    assert (fallback[0]["detail"]["from"], fallback[0]["detail"]["to"]) == ("reversal", "close")


def test_paid_payment_is_never_reversed(app, simulator):
    order = simulator.create_order(respcd="0000")
    found = app.lookup(order["syssn"], "syssn")
    assert found.verdict.action == "refund"
    with pytest.raises(NotEligible):
        app.start_void(found.transaction, cashier="C001")
    assert simulator.void_requests(order["syssn"]) == 0


def test_one_live_void_per_transaction(app, simulator):
    order = pending(simulator)
    txn = app.lookup(order["syssn"], "syssn").transaction
    first = app.start_void(txn, cashier="C001")
    second = app.start_void(txn, cashier="C002")
    assert first.op_id == second.op_id


def test_supervisor_rules_are_enforced_in_the_core(app, simulator):
    order = pending(simulator, txamt=50000)
    txn = app.lookup(order["syssn"], "syssn").transaction
    with pytest.raises(SupervisorError) as refused:
        app.start_void(txn, cashier="C001")
    assert str(refused.value) == ("A supervisor must approve this void: the amount is at or "
                                  "over the supervisor threshold.")
    app.supervisors.add_first("S1", "Sam", "135790")
    with pytest.raises(SupervisorError):  # approver = cashier
        app.supervisors.approve("S1", "135790", requester="S1", action="void",
                                target=txn.syssn, reason="Customer left")
    other = pending(simulator, txamt=60000)
    approval = app.supervisors.approve("S1", "135790", requester="C001", action="void",
                                       target=other["syssn"], reason="Customer left")
    with pytest.raises(SupervisorError):  # an approval for another transaction
        app.start_void(txn, cashier="C001", approval=approval)
    approval = app.supervisors.approve("S1", "135790", requester="C001", action="void",
                                       target=txn.syssn, reason="Customer left")
    op = app.start_void(txn, cashier="C001", approval=approval)
    assert op.approver == "S1" and op.reason == "Customer left"
    assert app.drive(op.op_id).outcome == "voided"


def test_a_previous_failed_void_makes_the_next_need_a_supervisor(app, simulator):
    order = pending(simulator)
    simulator.fault("drop", count=None, endpoint="reversal")
    assert void(app, order).outcome == "needs_manual"
    simulator.clear_faults()
    found = app.lookup(order["syssn"], "syssn")
    assert found.verdict.needs_supervisor
    assert "previous_void_failed" in found.verdict.supervisor_reasons


def test_cashier_is_required(app, simulator):
    txn = app.lookup(pending(simulator)["syssn"], "syssn").transaction
    with pytest.raises(InputError):
        app.start_void(txn, cashier="  ")


def test_after_24_hours_unconfirmed_it_needs_manual(app, simulator, clock):
    order = pending(simulator)
    simulator.set_scenario(order["syssn"], in_progress_polls=100000)
    op = void(app, order)
    assert op.outcome == "pending"
    clock.advance(timedelta(hours=24, minutes=1).total_seconds())
    final = app.runner().step(op.op_id)
    assert final.outcome == "needs_manual"


def test_needs_manual_is_resolved_by_a_supervisor_with_a_note(app, simulator):
    order = pending(simulator)
    simulator.fault("drop", count=None, endpoint="reversal")
    op = void(app, order)
    app.supervisors.add_first("S1", "Sam", "135790")
    approval = app.supervisors.approve("S1", "135790", requester="C001",
                                       action="resolve_manual", target=op.op_id,
                                       reason="Checked in the merchant portal")
    done = app.resolve_manual(op.op_id, "failed", "Customer paid cash instead", approval)
    assert done.outcome == "failed" and "Customer paid cash" in done.message
    assert [e["kind"] for e in app.journal.events(op.op_id)][-1] == "void.resolved"


def test_every_request_and_answer_is_journaled(app, simulator):
    order = pending(simulator)
    op = void(app, order)
    kinds = [e["kind"] for e in app.journal.events(op.op_id)]
    assert kinds[0] == "void.intent" and "gateway.reversal" in kinds and "gateway.query" in kinds
    assert kinds[-1] == "void.voided"
    sent = next(e for e in app.journal.events(op.op_id) if e["kind"] == "gateway.reversal")
    assert sent["detail"]["answer"]["respcd"] == "0000" and sent["detail"]["elapsed_ms"] >= 0


def test_a_send_in_flight_is_not_taken_over_by_another_driver(make_app, simulator):
    # Two posrev processes share one journal (the GUI's background resumer and a
    # 'posrev void'). While A's reversal is at the gateway, B must not declare A's send
    # lost and send the void again (DESIGN.md §2: one void; DESIGN.md §14: none after the gateway
    # completed one).
    a, b = make_app(), make_app()
    order = pending(simulator)
    txn = a.lookup(order["syssn"], "syssn").transaction
    op = a.start_void(txn, cashier="C001")
    seen = []

    def while_a_is_at_the_gateway(info):
        if info["endpoint"] == "/trade/v1/reversal" and not seen:
            seen.append(b.runner().step(op.op_id, resume=True))  # B's start-up resume
            seen.append(b.runner().step(op.op_id))              # B's next tick
    simulator.on_request = while_a_is_at_the_gateway
    try:
        done = a.drive(op.op_id)
    finally:
        simulator.on_request = None
    assert [s.state for s in seen] == ["sending", "sending"]
    assert (done.outcome, done.sends) == ("voided", 1)
    assert simulator.void_requests(order["syssn"]) == 1


def _queries(sim, syssn):
    return [r for r in sim.requests if r["endpoint"] == "/trade/v1/query"
            and r.get("params", {}).get("syssn") == syssn]


def test_the_background_takes_over_on_schedule_not_with_an_early_enquiry(app, simulator, clock):
    # Resumed at start-up: an enquiry at once. Handed over by the cashier's window (the 90 s
    # are over, or "Stop waiting"): the next enquiry when due, never < 3 s after the last.
    import time

    earlier = pending(simulator)
    simulator.set_scenario(earlier["syssn"], in_progress_polls=1000)
    left = app.start_void(app.lookup(earlier["syssn"], "syssn").transaction, cashier="C001")
    app.runner().drive(left.op_id, budget=0)
    before = len(_queries(simulator, earlier["syssn"]))
    app.start_background(tick=0.02)
    try:
        deadline = time.monotonic() + 5
        while len(_queries(simulator, earlier["syssn"])) == before and \
                time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(_queries(simulator, earlier["syssn"])) == before + 1  # resumed at once

        order = pending(simulator)
        simulator.set_scenario(order["syssn"], in_progress_polls=1000)
        op = void(app, order)  # the cashier watches 90 s, then the background takes over
        assert op.outcome == "pending" and op.next_check_at > clock.now()
        polled = len(_queries(simulator, order["syssn"]))
        time.sleep(0.5)  # many background ticks; the fake clock does not move
        assert len(_queries(simulator, order["syssn"])) == polled
    finally:
        app.stop_background()


@pytest.mark.parametrize("fault", ["http500", "rate_limit"])
def test_after_24_hours_without_a_successful_enquiry_it_needs_manual(
        app, simulator, clock, fault):
    # DESIGN.md §2: "until final or 24 h, then needs_manual" -- also when every enquiry of the
    # last 24 h failed; otherwise it stays live forever and blocks a new void of the payment.
    order = pending(simulator)
    simulator.set_scenario(order["syssn"], in_progress_polls=100000)
    op = void(app, order)
    assert op.outcome == "pending"
    simulator.fault(fault, count=None, endpoint="query")
    clock.advance(timedelta(hours=24, minutes=1).total_seconds())
    final = app.runner().step(op.op_id)
    assert final.outcome == "needs_manual"


def test_an_approval_for_a_normal_void_cannot_force_one(app, simulator):
    order = simulator.create_order(respcd="1202")  # a failed payment
    txn = app.lookup(order["syssn"], "syssn").transaction
    app.supervisors.add_first("S1", "Sam", "135790")
    normal = app.supervisors.approve("S1", "135790", requester="C001", action="void",
                                     target=txn.syssn, reason="Customer left")
    with pytest.raises(SupervisorError):
        app.start_void(txn, cashier="C001", approval=normal, force=True)
    forced = app.supervisors.approve("S1", "135790", requester="C001", action="void_forced",
                                     target=txn.syssn, reason="Terminal or network fault")
    op = app.start_void(txn, cashier="C001", approval=forced, force=True)
    assert op.forced and op.approver == "S1"


def test_a_resolution_approval_given_to_someone_else_is_refused(app, simulator):
    order = pending(simulator)
    simulator.fault("drop", count=None, endpoint="reversal")
    op = void(app, order)
    assert op.outcome == "needs_manual"
    app.supervisors.add_first("S1", "Sam", "135790")
    approval = app.supervisors.approve("S1", "135790", requester="C001",
                                       action="resolve_manual", target=op.op_id,
                                       reason="Checked in the merchant portal")
    with pytest.raises(SupervisorError):
        app.resolve_manual(op.op_id, "failed", "note", approval, requester="C002")
    done = app.resolve_manual(op.op_id, "failed", "Paid cash", approval, requester="C001")
    assert done.outcome == "failed"
