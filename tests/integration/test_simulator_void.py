"""Reversal and close rules of the simulator, over real HTTP with the posrev client
(DESIGN.md §11; DESIGN.md §15.5, §15.7)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from fakeclock import FakeClock
from sim_fixtures import SIM_NOW, raw_call, void_params

from posrev.gateway.client import Gateway, VoidAnswer
from posrev.simulator import Simulator


def _void(client: Gateway, kind: str, params: dict[str, Any]) -> VoidAnswer:
    return client.reversal(params) if kind == "reversal" else client.close(params)


def test_reversal_of_a_pending_order(sim: Simulator, sim_gateway: Gateway,
                                     sim_clock: FakeClock) -> None:
    order = sim.create_order(pay_type="800108", txamt=2500, respcd="1143")
    sim_clock.advance(seconds=90)
    answer = sim_gateway.reversal(void_params(order, udid="TILL-01"))
    assert answer.respcd == "0000"
    assert answer.resperr == "success"
    assert answer.orig_syssn == order["syssn"]
    assert answer.syssn.isdigit() and len(answer.syssn) >= 20
    assert answer.syssn != order["syssn"]
    raw = answer.raw
    assert (raw["txamt"], raw["txcurrcd"], raw["txdtm"]) == ("2500", "HKD", order["txdtm"])
    assert raw["sysdtm"] == "2026-03-14 15:10:56"  # the void's own system time
    assert raw["udid"] == "TILL-01"
    record = sim_gateway.query(syssn=order["syssn"])[0]
    assert record["cancel"] == "1"
    assert sim.voids_applied(order["syssn"]) == 1
    assert sim.void_requests(order["syssn"]) == 1
    # the void is not a transaction record of its own
    assert sim.get(answer.syssn) is None


@pytest.mark.parametrize("pay_type", ["800008", "800208", "801008"])
def test_close_of_a_pending_order(sim: Simulator, sim_gateway: Gateway, pay_type: str) -> None:
    order = sim.create_order(pay_type=pay_type, respcd="1145")
    answer = sim_gateway.close(void_params(order))
    assert answer.respcd == "0000"
    record = sim_gateway.query(syssn=order["syssn"])[0]
    # closed: cancel 2 and respcd 1142, as the 2016 sample of a closed order shows
    assert (record["cancel"], record["respcd"]) == ("2", "1142")


@pytest.mark.parametrize("pay_type", ["800101", "801501", "800201", "800108"])
def test_every_reversal_pay_type_reverses(sim: Simulator, sim_gateway: Gateway,
                                          pay_type: str) -> None:
    order = sim.create_order(pay_type=pay_type)
    assert sim_gateway.reversal(void_params(order)).respcd == "0000"
    assert sim.get(order["syssn"])["cancel"] == "1"


@pytest.mark.parametrize("ids", ["syssn", "out_trade_no", "both"])
def test_the_original_is_named_by_either_number(sim: Simulator, sim_gateway: Gateway,
                                                ids: str) -> None:
    order = sim.create_order()
    params = void_params(order)
    if ids != "both":
        params.pop("out_trade_no" if ids == "syssn" else "syssn")
    assert sim_gateway.reversal(params).respcd == "0000"
    assert sim.voids_applied(order["syssn"]) == 1


@pytest.mark.parametrize("change, message", [
    ({"syssn": None, "out_trade_no": None}, "syssn or out_trade_no is required"),
    ({"txamt": None}, "txamt is required"),
    ({"txamt": "25.00"}, "txamt must be an integer"),
    ({"txamt": "123456789012"}, "txamt must be an integer"),
    ({"txdtm": None}, "txdtm is required"),
    ({"txdtm": "2026-03-14T15:09:26"}, "txdtm must be"),
    ({"txdtm": "2026-02-30 10:00:00"}, "txdtm must be"),
    ({"udid": "U" * 41}, "udid must be at most 40"),
    ({"syssn": "12AB"}, "syssn must be digits"),
    ({"out_trade_no": "X" * 129}, "out_trade_no must be at most 128"),
])
def test_missing_or_malformed_parameters_are_1104(
        sim: Simulator, sim_gateway: Gateway, change: dict[str, Any], message: str) -> None:
    order = sim.create_order()
    params = void_params(order)
    for key, value in change.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    answer = sim_gateway.reversal(params)
    assert answer.respcd == "1104"
    assert message in answer.resperr
    assert sim.voids_applied(order["syssn"]) == 0


@pytest.mark.parametrize("kind", ["reversal", "close"])
def test_unknown_original_is_1268(sim: Simulator, sim_gateway: Gateway, kind: str) -> None:
    params = {"syssn": "20260314000000000099", "txamt": "2500",
              "txdtm": "2026-03-14 15:00:00"}
    answer = _void(sim_gateway, kind, params)
    assert (answer.respcd, answer.resperr) == ("1268", "order does not exist")
    only_number = _void(sim_gateway, kind, {**params, "syssn": None, "out_trade_no": "NOPE"})
    assert only_number.respcd == "1268"


def test_checks_run_in_the_documented_order(sim: Simulator, sim_gateway: Gateway) -> None:
    """exists -> payment -> amount -> time -> routing -> state."""
    paid_close_type = sim.create_order(pay_type="800208", respcd="0000", txamt=5000)
    refund = sim.create_order(order_type="refund", origssn=paid_close_type["syssn"],
                              pay_type="800208", respcd="0000", txamt=5000)
    # a refund record, whatever else is wrong
    assert sim_gateway.reversal(void_params(refund, txamt="1")).respcd == "1136"
    # amount before time, time before routing, routing before state
    wrong_both = void_params(paid_close_type, txamt="4999", txdtm="2026-03-14 00:00:00")
    assert sim_gateway.reversal(wrong_both).respcd == "1266"
    assert sim_gateway.reversal(
        void_params(paid_close_type, txdtm="2026-03-14 00:00:00")).respcd == "1267"
    assert sim_gateway.reversal(void_params(paid_close_type)).respcd == "1155"
    assert sim_gateway.close(void_params(paid_close_type)).respcd == "1260"
    assert sim.voids_applied(paid_close_type["syssn"]) == 0
    assert sim.void_requests(paid_close_type["syssn"]) == 4


def test_failure_answers_name_the_original_but_carry_no_void_syssn(
        sim: Simulator, sim_gateway: Gateway) -> None:
    """The 2018 doc: an answer without syssn (only orig_syssn) means it was not cancelled."""
    order = sim.create_order(pay_type="800208")
    answer = sim_gateway.reversal(void_params(order))
    assert answer.respcd == "1155"
    assert answer.orig_syssn == order["syssn"]
    assert answer.syssn == ""


@pytest.mark.parametrize("kind, pay_type, respcd", [
    ("reversal", "800208", "1155"), ("reversal", "800008", "1155"),
    ("reversal", "805808", "1155"), ("close", "800108", "1297"),
    ("close", "800201", "1297"), ("close", "805808", "1297"),
])
def test_routing_refuses_the_wrong_endpoint(sim: Simulator, sim_gateway: Gateway, kind: str,
                                            pay_type: str, respcd: str) -> None:
    order = sim.create_order(pay_type=pay_type)
    assert _void(sim_gateway, kind, void_params(order)).respcd == respcd
    assert sim.get(order["syssn"])["cancel"] == "0"


@pytest.mark.parametrize("kind, pay_type, repeat_code", [
    ("reversal", "800108", "1263"), ("close", "800208", "1264")])
def test_a_repeat_after_the_void_is_done_is_already_cancelled(
        sim: Simulator, sim_gateway: Gateway, kind: str, pay_type: str,
        repeat_code: str) -> None:
    order = sim.create_order(pay_type=pay_type)
    assert _void(sim_gateway, kind, void_params(order)).respcd == "0000"
    for _ in range(3):
        assert _void(sim_gateway, kind, void_params(order)).respcd == repeat_code
    assert sim.voids_applied(order["syssn"]) == 1
    assert sim.void_requests(order["syssn"]) == 4


@pytest.mark.parametrize("respcd, cancel, expect", [
    ("0000", 0, "1260"),  # paid: refund instead
    ("0000", 3, "1262"), ("0000", 5, "1262"),  # refunded, partly refunded
    ("0000", 1, "1263"), ("1143", 1, "1263"), ("1143", 2, "1263"),  # already cancelled
    ("0000", 4, "1136"),  # pre-authorisation finished
])
def test_state_rules(sim: Simulator, sim_gateway: Gateway, respcd: str, cancel: int,
                     expect: str) -> None:
    order = sim.create_order(respcd=respcd, cancel=cancel)
    answer = sim_gateway.reversal(void_params(order))
    assert answer.respcd == expect
    assert sim.voids_applied(order["syssn"]) == 0
    assert sim.get(order["syssn"]) == order  # untouched


@pytest.mark.parametrize("respcd", ["1143", "1145", "1298", "1202", "1181", "2005"])
def test_pending_and_failed_orders_are_voided(sim: Simulator, sim_gateway: Gateway,
                                              respcd: str) -> None:
    order = sim.create_order(respcd=respcd)
    assert sim_gateway.reversal(void_params(order)).respcd == "0000"
    record = sim.get(order["syssn"])
    assert (record["cancel"], record["respcd"]) == ("1", respcd)


def test_syssn_and_out_trade_no_of_different_orders_is_1267(
        sim: Simulator, sim_gateway: Gateway) -> None:
    one, other = sim.create_order(), sim.create_order()
    answer = sim_gateway.reversal(void_params(one, out_trade_no=other["out_trade_no"]))
    assert answer.respcd == "1267"
    assert sim.voids_applied(one["syssn"]) == sim.voids_applied(other["syssn"]) == 0


def test_two_payments_under_one_out_trade_no(sim: Simulator, sim_gateway: Gateway) -> None:
    first = sim.create_order(out_trade_no="SHARED", sysdtm="2026-03-14 15:00:00")
    second = sim.create_order(out_trade_no="SHARED", sysdtm="2026-03-14 15:01:00")
    twin = sim.create_order(out_trade_no="SHARED", sysdtm="2026-03-14 15:01:00")
    assert len(sim_gateway.query(out_trade_no="SHARED")) == 3
    # out_trade_no alone: the amount and time pick one, if they can
    answer = sim_gateway.reversal(void_params(first, syssn=None))
    assert answer.respcd == "0000" and answer.orig_syssn == first["syssn"]
    ambiguous = sim_gateway.reversal(void_params(second, syssn=None))
    assert ambiguous.respcd == "1104" and "send the syssn" in ambiguous.resperr
    assert sim_gateway.reversal(void_params(twin)).respcd == "0000"
    assert [sim.voids_applied(o["syssn"]) for o in (first, second, twin)] == [1, 0, 1]


def test_concurrent_repeats_apply_one_void(sim: Simulator,
                                           make_gateway: Callable[..., Gateway]) -> None:
    """A double-click, a second window: many sends, one void at the gateway."""
    order = sim.create_order()
    answers: list[str] = []
    start = threading.Barrier(8)

    def send() -> None:
        client = make_gateway()
        start.wait(timeout=5)
        answers.append(client.reversal(void_params(order)).respcd)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(answers) == ["0000"] + ["1263"] * 7
    assert sim.voids_applied(order["syssn"]) == 1
    assert sim.void_requests(order["syssn"]) == 8


def test_rejected_requests_still_count_as_void_requests(sim: Simulator) -> None:
    order = sim.create_order()
    raw_call(sim, "reversal", void_params(order), signature="0" * 32)
    raw_call(sim, "reversal", void_params(order), method="GET")  # 405: never reached
    assert sim.void_requests(order["syssn"]) == 1
    assert sim.voids_applied(order["syssn"]) == 0


def test_pay_and_expire_move_an_order(sim: Simulator, sim_gateway: Gateway,
                                      sim_clock: FakeClock) -> None:
    paid = sim.create_order()
    sim_clock.advance(seconds=30)
    record = sim.pay(paid["syssn"])
    assert (record["respcd"], record["cancel"], record["paydtm"]) == (
        "0000", "0", "2026-03-14 15:09:56")
    assert record["chnlsn"]
    assert sim_gateway.reversal(void_params(paid)).respcd == "1260"
    expired = sim.create_order()
    assert sim.expire(expired["syssn"])["respcd"] == "1181"
    assert sim_gateway.reversal(void_params(expired)).respcd == "0000"
    assert SIM_NOW.tzinfo is not None


@pytest.mark.parametrize("move", ["pay", "expire"])
def test_only_pending_orders_can_be_paid_or_expired(sim: Simulator, move: str) -> None:
    from posrev.simulator import OrderNotFound, SimulatorError

    act = getattr(sim, move)
    for state in ({"respcd": "0000"}, {"respcd": "1202"}, {"cancel": 1}):
        order = sim.create_order(**state)
        with pytest.raises(SimulatorError):
            act(order["syssn"])
    with pytest.raises(OrderNotFound):
        act("1234")
