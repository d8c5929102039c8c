"""Refunds end to end through the App core, against the simulator, on a fake clock.

Every refund scenario ends final-and-right or ``needs_manual``, and the simulator confirms it
never applied more than one refund per approval nor more than was paid.
"""

from __future__ import annotations

import pytest

from posrev.domain.refund import OUT_TRADE_NO_MAX, approval_target
from posrev.errors import InputError, SupervisorError
from posrev.refunds import RefundNotEligible, VoidUnresolved

PIN = "135790"


@pytest.fixture
def sup(app):
    app.supervisors.add_first("S1", "Sam", PIN)
    return app


def paid(sim, **kw):
    kw.setdefault("respcd", "0000")
    return sim.create_order(**kw)


def approve(app, syssn, amount, cashier="C001", reason="Customer returned the goods"):
    return app.supervisors.approve("S1", PIN, requester=cashier, action="refund",
                                   target=approval_target(syssn, amount), reason=reason)


def refund(app, order, amount=None, **kw):
    found = app.lookup(order["syssn"], "syssn")
    txn = found.transaction
    amount = found.refund.refundable_amount if amount is None else amount
    approval = kw.pop("approval", None) or approve(app, txn.syssn, amount)
    progress = kw.pop("progress", [])
    return app.refund(txn, cashier=kw.pop("cashier", "C001"), approval=approval,
                      amount=amount, on_progress=progress.append, **kw)


def test_a_paid_payment_is_refunded_in_full_and_confirmed_by_enquiry(sup, simulator):
    order = paid(simulator, txamt=6800)
    found = sup.lookup(order["syssn"], "syssn")
    assert (found.refund.code, found.refund.refundable_amount) == ("refundable", 6800)
    assert found.to_json()["refundable_amount"] == 6800
    op = refund(sup, order)
    assert (op.outcome, op.kind, op.action, op.txamt, op.sends) == (
        "refunded", "refund", "refund", 6800, 1)
    assert op.message.startswith("Refunded — HKD 68.00 goes back to the customer")
    assert simulator.refunds_applied(order["syssn"]) == 1
    assert simulator.refunded_amount(order["syssn"]) == 6800
    assert simulator.get(order["syssn"])["cancel"] == "3"
    sent = [r for r in simulator.requests if r["endpoint"] == "/trade/v1/refund"]
    assert len(sent) == 1
    params = sent[0]["params"]
    assert params["syssn"] == order["syssn"] and params["txamt"] == "6800"
    assert params["out_trade_no"] == op.refund_out_trade_no != order["out_trade_no"]
    assert len(op.refund_out_trade_no) <= OUT_TRADE_NO_MAX and op.refund_out_trade_no.isascii()
    assert simulator.requests[-1]["endpoint"] == "/trade/v1/query"  # confirmed by enquiry
    again = sup.lookup(order["syssn"], "syssn")
    assert (again.refund.code, again.refund.refundable_amount) == ("already_refunded", 0)


def test_partial_refunds_are_tracked_from_the_gateways_records(sup, simulator):
    order = paid(simulator, txamt=10000)
    first = refund(sup, order, amount=3000)
    assert first.outcome == "refunded"
    found = sup.lookup(order["syssn"], "syssn")
    assert (found.refund.code, found.refund.refundable_amount) == ("partly_refunded", 7000)
    assert simulator.get(order["syssn"])["cancel"] == "5"
    with pytest.raises(InputError, match="At most HKD 70.00"):
        refund(sup, order, amount=7001)
    second = refund(sup, order, amount=7000)
    assert second.outcome == "refunded"
    assert simulator.refunded_amount(order["syssn"]) == 10000
    assert first.refund_out_trade_no != second.refund_out_trade_no


def test_a_refund_made_elsewhere_counts_although_the_journal_never_saw_it(sup, simulator):
    order = paid(simulator, txamt=5000)
    simulator.create_order(order_type="refund", origssn=order["syssn"], txamt=2000,
                           respcd="0000", out_trade_no="PORTAL-REFUND-1")
    found = sup.lookup(order["syssn"], "syssn")
    assert (found.refund.code, found.refund.refundable_amount) == ("partly_refunded", 3000)


def test_every_refund_needs_an_approval_for_this_payment_and_this_amount(sup, simulator):
    order = paid(simulator, txamt=5000)
    txn = sup.lookup(order["syssn"], "syssn").transaction
    with pytest.raises(SupervisorError):
        sup.refund(txn, cashier="C001", approval=None)
    other = paid(simulator, txamt=5000)
    with pytest.raises(SupervisorError):  # approved for another payment
        sup.refund(txn, cashier="C001", approval=approve(sup, other["syssn"], 5000))
    with pytest.raises(SupervisorError):  # approved for another amount
        sup.refund(txn, cashier="C001", amount=5000,
                   approval=approve(sup, order["syssn"], 4000))
    with pytest.raises(SupervisorError):  # given to another cashier
        sup.refund(txn, cashier="C001", amount=5000,
                   approval=approve(sup, order["syssn"], 5000, cashier="C002"))
    with pytest.raises(SupervisorError):  # no reason
        approve(sup, order["syssn"], 5000, reason="")
    assert simulator.refund_requests(order["syssn"]) == 0
    approval = approve(sup, order["syssn"], 2000)
    op = sup.refund(txn, cashier="C001", amount=2000, approval=approval)
    assert (op.outcome, op.approver, op.reason) == ("refunded", "S1",
                                                    "Customer returned the goods")
    with pytest.raises(SupervisorError):  # one approval, one refund
        sup.refund(txn, cashier="C001", amount=2000, approval=approval)
    assert simulator.refunds_applied(order["syssn"]) == 1
    intent = sup.journal.events(op.op_id, "refund.intent")[0]
    assert intent["detail"]["approval_id"] == approval.approval_id
    assert intent["detail"]["approver"] == "S1"
    consumed = [e for e in sup.journal.events(kind_prefix="supervisor.consumed")
                if e["detail"].get("approval_id") == approval.approval_id]
    assert consumed and consumed[0]["detail"]["target"] == f"{order['syssn']}:2000"


@pytest.mark.parametrize("kw, code", [
    ({"respcd": "1143"}, "not_paid"), ({"respcd": "1202"}, "not_paid"),
    ({"respcd": "0000", "cancel": 1}, "already_voided"),
    ({"respcd": "0000", "cancel": 3}, "already_refunded"),
    ({"respcd": "0000", "pay_type": "802001"}, "refund_unsupported"),
])
def test_what_cannot_be_refunded_is_refused_before_anything_is_sent(sup, simulator, kw, code):
    order = simulator.create_order(**kw)
    found = sup.lookup(order["syssn"], "syssn")
    assert found.refund.code == code and found.refund.refundable_amount == 0
    with pytest.raises(RefundNotEligible):
        sup.refund(found.transaction, cashier="C001",
                   approval=approve(sup, order["syssn"], order_amount(order)))
    assert simulator.refund_requests(order["syssn"]) == 0


def order_amount(order):
    return int(order["txamt"])


def test_a_payment_older_than_the_refund_window_is_refund_too_old(sup, simulator, clock):
    from datetime import timedelta

    order = paid(simulator, sysdtm=clock.now() - timedelta(days=31))
    found = sup.lookup(order["syssn"], "syssn")
    assert found.refund.code == "refund_too_old"
    assert "older than 30 days" in found.refund.message


def test_a_refund_in_progress_is_polled_until_it_completes(sup, simulator):
    order = paid(simulator)
    simulator.set_scenario(order["syssn"], refund_polls=3)
    progress = []
    op = refund(sup, order, progress=progress)
    assert op.outcome == "refunded" and simulator.refunds_applied(order["syssn"]) == 1
    assert any(p.state == "pending" for p in progress)


@pytest.mark.parametrize("scenario, respcd, words", [
    ({"refund_window_closed": True}, "1265", "cannot be refunded now"),
    ({"refund_balance_short": True}, "1269", "unsettled takings are too low"),
])
def test_refusals_end_failed_with_the_reason_and_nothing_refunded(sup, simulator, scenario,
                                                                  respcd, words):
    order = paid(simulator)
    simulator.set_scenario(order["syssn"], **scenario)
    op = refund(sup, order)
    assert (op.outcome, op.respcd) == ("failed", respcd)
    assert words in op.message and "nothing was refunded" in op.message
    assert simulator.refunds_applied(order["syssn"]) == 0


def test_a_card_paid_today_is_refunded_in_full_only(sup, simulator):
    order = paid(simulator, pay_type="802801", txamt=5000)
    found = sup.lookup(order["syssn"], "syssn")
    assert found.refund.partial_allowed is False
    with pytest.raises(InputError, match="in full"):
        refund(sup, order, amount=1000)
    assert simulator.refund_requests(order["syssn"]) == 0


def test_a_dropped_answer_is_enquired_and_never_refunded_twice(sup, simulator):
    order = paid(simulator)
    simulator.set_scenario(order["syssn"], lose_answer=1)
    op = refund(sup, order)
    assert (op.outcome, op.sends) == ("refunded", 1)
    assert simulator.refunds_applied(order["syssn"]) == 1


@pytest.mark.parametrize("fault", ["drop", "http500", "non_json", "bad_signature"])
@pytest.mark.parametrize("applied", [True, False])
def test_transport_faults_end_refunded_exactly_once(sup, simulator, fault, applied):
    order = paid(simulator)
    simulator.fault(fault, endpoint="refund", applied=applied)
    op = refund(sup, order)
    assert op.outcome == "refunded"
    assert simulator.refunds_applied(order["syssn"]) == 1
    assert op.sends == (1 if applied else 2)
    sent = {r["params"]["out_trade_no"] for r in simulator.requests
            if r["endpoint"] == "/trade/v1/refund"}
    assert sent == {op.refund_out_trade_no}  # the resend reused the journaled number


def test_answers_always_lost_end_needs_manual_after_3_sends(sup, simulator):
    order = paid(simulator)
    simulator.fault("drop", count=None, endpoint="refund", applied=False)
    op = refund(sup, order)
    assert (op.outcome, op.sends) == ("needs_manual", 3)
    assert simulator.refunds_applied(order["syssn"]) == 0
    # An unresolved refund of ours blocks another one until a supervisor resolves it.
    simulator.clear_faults()
    found = sup.lookup(order["syssn"], "syssn")
    assert found.refund.code == "refund_unresolved"


def test_a_gateway_that_cannot_be_reached_fails_with_nothing_sent(sup, simulator, make_app):
    from posrev.gateway.client import NotSent

    order = paid(simulator)
    found = sup.lookup(order["syssn"], "syssn")
    simulator.stop()
    with pytest.raises(NotSent):  # the refund records cannot be read: nothing is journaled
        sup.refund(found.transaction, cashier="C001",
                   approval=approve(sup, order["syssn"], 2500))
    assert sup.journal.operations() == []
    op = sup.start_refund(found.transaction, cashier="C001", verdict=found.refund,
                          approval=approve(sup, order["syssn"], 2500))
    op = sup.drive(op.op_id)
    assert (op.outcome, op.sends) == ("failed", 0)
    assert "nothing was sent" in op.message


def test_a_double_click_resumes_the_same_refund(sup, simulator):
    order = paid(simulator)
    simulator.set_scenario(order["syssn"], refund_polls=1000)
    txn = sup.lookup(order["syssn"], "syssn").transaction
    op = sup.start_refund(txn, cashier="C001", approval=approve(sup, order["syssn"], 2500))
    again = sup.start_refund(txn, cashier="C001", approval=None)
    assert again.op_id == op.op_id


def test_a_live_void_blocks_a_refund_of_the_same_payment(sup, simulator):
    order = simulator.create_order(respcd="1143")
    txn = sup.lookup(order["syssn"], "syssn").transaction
    sup.start_void(txn, cashier="C001")
    simulator.pay(order["syssn"])
    txn = sup.lookup(order["syssn"], "syssn").transaction
    with pytest.raises(VoidUnresolved):
        sup.start_refund(txn, cashier="C001", approval=approve(sup, order["syssn"], 2500))


def test_a_lost_void_race_offers_the_refund_and_the_refund_completes(sup, simulator):
    order = simulator.create_order(respcd="1143", txamt=4500)
    simulator.set_scenario(order["syssn"], customer_pays_first=True)
    txn = sup.lookup(order["syssn"], "syssn").transaction
    voided = sup.void(txn, cashier="C001")
    assert voided.outcome == "refund_required"
    op = refund(sup, order)
    assert op.outcome == "refunded" and simulator.refunded_amount(order["syssn"]) == 4500
    assert [o.kind for o in sup.journal.operations()] == ["refund", "void"]


def test_the_background_resumer_finishes_a_refund(sup, simulator, clock):
    import threading

    order = paid(simulator)
    simulator.set_scenario(order["syssn"], refund_polls=2)
    txn = sup.lookup(order["syssn"], "syssn").transaction
    op = sup.start_refund(txn, cashier="C001", approval=approve(sup, order["syssn"], 2500))
    stop = threading.Event()
    stop.set()
    sup.drive(op.op_id, cancel=stop)  # "Stop waiting" before anything was sent
    done = threading.Event()
    sup.subscribe(lambda op_id: done.set() if sup.journal.get(op_id).is_final else None)
    sup.start_background(tick=0.01)
    try:
        for _ in range(400):  # the fake clock moves only when told
            if done.wait(0.05):
                break
            clock.advance(5)
        assert done.is_set()
    finally:
        sup.stop_background()
    assert sup.journal.get(op.op_id).outcome == "refunded"
    assert simulator.refunds_applied(order["syssn"]) == 1


def test_a_refund_needing_manual_resolution_is_resolved_as_refunded_or_failed(sup, simulator):
    order = paid(simulator)
    simulator.fault("drop", count=None, endpoint="refund", applied=False)
    op = refund(sup, order)
    assert op.outcome == "needs_manual"
    approval = sup.supervisors.approve("S1", PIN, requester="C001", action="resolve_manual",
                                       target=op.op_id, reason="Checked the portal")
    with pytest.raises(InputError, match="refunded or failed"):
        sup.resolve_manual(op.op_id, "voided", "no", approval, requester="C001")
    done = sup.resolve_manual(op.op_id, "failed", "Not in the portal", approval,
                              requester="C001")
    assert done.outcome == "failed"
    assert sup.journal.events(op.op_id, "refund.resolved")


def test_a_refund_on_a_later_page_of_the_enquiry_is_counted(sup, simulator, monkeypatch):
    import posrev.domain.refund as refund_module

    monkeypatch.setattr(refund_module, "PAGE_SIZE", 10)
    order = paid(simulator, txamt=5000)
    simulator.create_order(order_type="refund", origssn=order["syssn"], txamt=1500,
                           respcd="0000", out_trade_no="PORTAL-REFUND-2")
    for _ in range(35):  # newer records push the refund to the fourth page
        simulator.create_order(respcd="1143")
    found = sup.lookup(order["syssn"], "syssn")
    assert (found.refund.code, found.refund.refundable_amount) == ("partly_refunded", 3500)


def test_too_many_records_to_read_every_refund_refuses_the_refund(sup, simulator,
                                                                   monkeypatch):
    import posrev.domain.refund as refund_module

    monkeypatch.setattr(refund_module, "PAGE_SIZE", 10)
    monkeypatch.setattr(refund_module, "SCAN_PAGES", 2)
    order = paid(simulator, txamt=5000)
    for _ in range(25):
        simulator.create_order(respcd="1143")
    found = sup.lookup(order["syssn"], "syssn")
    assert (found.refund.code, found.refund.refundable_amount) == ("refunds_unreadable", 0)
    with pytest.raises(RefundNotEligible):
        refund(sup, order, amount=5000)
    assert simulator.refund_requests(order["syssn"]) == 0


def test_a_void_asked_while_a_refund_of_the_payment_is_live_is_not_eligible(sup, simulator):
    from posrev.app import NotEligible

    order = paid(simulator)
    simulator.set_scenario(order["syssn"], refund_polls=1000)
    txn = sup.lookup(order["syssn"], "syssn").transaction
    op = sup.start_refund(txn, cashier="C001", approval=approve(sup, order["syssn"], 2500))
    with pytest.raises(NotEligible):
        sup.start_void(txn, cashier="C001")
    assert sup.journal.live_for(order["syssn"]).op_id == op.op_id
    assert simulator.void_requests(order["syssn"]) == 0
