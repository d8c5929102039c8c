"""The simulator's ``/trade/v1/refund``: QFPay's refund rules, enforced over HTTP."""

from __future__ import annotations

import pytest
from sim_fixtures import raw_call

from posrev.gateway.client import UnknownOutcome

NOW = "2026-03-14 15:10:00"


def params(record, out_trade_no="RF-1", txamt=None, **extra):
    data = {"syssn": record["syssn"], "out_trade_no": out_trade_no,
            "txamt": str(txamt if txamt is not None else record["txamt"]), "txdtm": NOW}
    data.update(extra)
    return data


def test_a_refund_is_applied_once_and_becomes_a_refund_record(sim, sim_gateway):
    order = sim.create_order(respcd="0000", txamt=5000)
    answer = sim_gateway.refund(params(order, txamt=2000))
    assert answer.respcd == "0000" and answer.orig_syssn == order["syssn"]
    assert answer.syssn and answer.syssn != order["syssn"]
    [record] = sim_gateway.query(out_trade_no="RF-1")
    assert (record["order_type"], record["origssn"], record["txamt"], record["respcd"]) == (
        "refund", order["syssn"], "2000", "0000")
    assert sim.get(order["syssn"])["cancel"] == "5"  # partly refunded
    # The same refund again: a duplicate number, never applied twice.
    assert sim_gateway.refund(params(order, txamt=2000)).respcd == "1251"
    assert sim.refunds_applied(order["syssn"]) == 1 and sim.refund_requests(order["syssn"]) == 2
    assert sim_gateway.refund(params(order, "RF-2", 3001)).respcd == "1272"  # > what is left
    assert sim_gateway.refund(params(order, "RF-3", 3000)).respcd == "0000"
    assert sim.get(order["syssn"])["cancel"] == "3"  # refunded in full
    assert sim_gateway.refund(params(order, "RF-4", 1)).respcd == "1264"
    assert sim.refunded_amount(order["syssn"]) == 5000


@pytest.mark.parametrize("kw, respcd", [
    ({"respcd": "1143"}, "1261"), ({"respcd": "0000", "cancel": 1}, "1264"),
    ({"respcd": "0000", "pay_type": "802001"}, "1155")])
def test_only_paid_refundable_originals_are_refunded(sim, sim_gateway, kw, respcd):
    order = sim.create_order(**kw)
    assert sim_gateway.refund(params(order)).respcd == respcd
    assert sim.refunds_applied(order["syssn"]) == 0


def test_a_refund_record_cannot_be_refunded(sim, sim_gateway):
    order = sim.create_order(respcd="0000")
    rec = sim.create_order(order_type="refund", origssn=order["syssn"], respcd="0000")
    assert sim_gateway.refund(params(rec)).respcd == "1136"


def test_scenarios_in_progress_window_balance_and_lost_answers(sim, sim_gateway):
    order = sim.create_order(respcd="0000")
    sim.set_scenario(order["syssn"], refund_polls=1)
    assert sim_gateway.refund(params(order)).respcd == "1145"
    assert sim_gateway.refund(params(order)).respcd == "1145"  # the same refund, in progress
    assert sim_gateway.refund(params(order, "RF-OTHER")).respcd == "1155"  # one at a time
    assert sim_gateway.query(out_trade_no="RF-1")[0]["respcd"] == "1145"
    assert sim_gateway.query(out_trade_no="RF-1")[0]["respcd"] == "0000"
    assert sim.refunds_applied(order["syssn"]) == 1
    other = sim.create_order(respcd="0000")
    sim.set_scenario(other["syssn"], refund_window_closed=True)
    assert sim_gateway.refund(params(other, "RF-5")).respcd == "1265"
    sim.set_scenario(other["syssn"], refund_window_closed=False, refund_balance_short=True)
    assert sim_gateway.refund(params(other, "RF-6")).respcd == "1269"
    sim.set_scenario(other["syssn"], refund_balance_short=False, lose_answer=1)
    with pytest.raises(UnknownOutcome):
        sim_gateway.refund(params(other, "RF-7"))
    assert sim.refunds_applied(other["syssn"]) == 1  # applied, the answer lost


def test_a_card_paid_today_is_refunded_in_full_only(sim, sim_gateway):
    order = sim.create_order(respcd="0000", pay_type="802801", txamt=5000)
    assert sim_gateway.refund(params(order, txamt=1000)).respcd == "1124"
    assert sim_gateway.refund(params(order, "RF-2", 5000)).respcd == "0000"


@pytest.mark.parametrize("drop, respcd", [("out_trade_no", "1104"), ("txamt", "1104"),
                                          ("txdtm", "1104"), ("syssn", "1104")])
def test_required_parameters(sim, drop, respcd):
    order = sim.create_order(respcd="0000")
    data = params(order)
    data.pop(drop)
    assert raw_call(sim, "refund", data).json()["respcd"] == respcd


def test_refund_is_post_only_and_signed(sim):
    order = sim.create_order(respcd="0000")
    assert raw_call(sim, "refund", params(order), method="GET").status_code == 405
    assert raw_call(sim, "refund", params(order), key="wrong-key").json()["respcd"] == "1108"
    assert sim.refunds_applied(order["syssn"]) == 0


def test_the_control_page_form_sets_the_refund_scenarios(sim):
    import requests

    page = requests.get(f"{sim.base_url}/", timeout=5).text
    for name in ("refund_polls", "refund_window_closed", "refund_balance_short"):
        assert f'name="{name}"' in page
    made = requests.post(f"{sim.base_url}/_sim/orders", timeout=5,
                         data={"respcd": "0000", "refund_polls": "2",
                               "refund_balance_short": "true"}).json()
    assert made["sim"]["scenario"]["refund_polls"] == 2
    assert made["sim"]["scenario"]["refund_balance_short"] is True
