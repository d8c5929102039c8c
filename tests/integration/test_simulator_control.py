"""The simulator's control API, web page, state file and demo orders (DESIGN.md §11)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from fakeclock import FakeClock
from sim_fixtures import SIM_NOW, void_params

from posrev.domain.eligibility import AMOUNT, LATE, evaluate
from posrev.gateway.client import Gateway
from posrev.model.rules import Rules
from posrev.model.transaction import Transaction
from posrev.simulator import (
    DEMO_APP_CODE,
    DEMO_CLIENT_KEY,
    DEMO_ORDERS,
    Simulator,
    SimulatorError,
    seed_demo_data,
)


# -- control API ---------------------------------------------------------------------------
def test_create_an_order_with_json(sim: Simulator) -> None:
    resp = requests.post(f"{sim.base_url}/_sim/orders", timeout=5, json={
        "pay_type": "800208", "txamt": 4800, "respcd": "1145", "out_trade_no": "WEB-1",
        "age_minutes": 5, "in_progress_polls": 2, "lose_answer": True})
    assert resp.status_code == 201
    created = resp.json()
    assert (created["pay_type"], created["txamt"], created["out_trade_no"]) == (
        "800208", "4800", "WEB-1")
    assert created["sysdtm"] == (SIM_NOW - timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S")
    assert created["sim"]["scenario"]["in_progress_polls"] == 2
    assert created["sim"]["scenario"]["lose_answer"] == 1
    assert sim.get(created["syssn"])["out_trade_no"] == "WEB-1"
    listed = requests.get(f"{sim.base_url}/_sim/orders", timeout=5).json()
    assert [o["syssn"] for o in listed] == [created["syssn"]]


def test_a_browser_form_creates_and_is_sent_back_to_the_page(sim: Simulator) -> None:
    resp = requests.post(f"{sim.base_url}/_sim/orders", timeout=5, allow_redirects=False,
                         headers={"Accept": "text/html"},
                         data={"pay_type": "800108", "txamt": "2500", "txcurrcd": "HKD",
                               "respcd": "1143", "out_trade_no": "", "age_minutes": "0",
                               "in_progress_polls": "0", "customer_pays_first": "true",
                               "latency": "0"})
    assert (resp.status_code, resp.headers["Location"]) == (303, "/")
    [order] = sim.model.all_details()
    assert order["sim"]["scenario"]["customer_pays_first"] is True
    assert order["out_trade_no"].startswith("SIM")


@pytest.mark.parametrize("body, status", [
    ({"txamt": "lots"}, 400), ({"pay_type": "12"}, 409), ({"colour": "red"}, 400),
    ({"syssn": "abc"}, 409),
])
def test_bad_orders_are_refused(sim: Simulator, body: dict[str, str], status: int) -> None:
    resp = requests.post(f"{sim.base_url}/_sim/orders", json=body, timeout=5)
    assert resp.status_code == status
    assert resp.json()["error"]


def test_pay_expire_and_scenario_by_control_api(sim: Simulator, sim_gateway: Gateway) -> None:
    base = sim.base_url
    one, two, three = (sim.create_order() for _ in range(3))
    assert requests.post(f"{base}/_sim/orders/{one['syssn']}/pay",
                         timeout=5).json()["respcd"] == "0000"
    assert requests.post(f"{base}/_sim/orders/{two['syssn']}/expire",
                         timeout=5).json()["respcd"] == "1181"
    again = requests.post(f"{base}/_sim/orders/{one['syssn']}/pay", timeout=5)
    assert again.status_code == 409 and "not waiting for payment" in again.json()["error"]
    assert requests.post(f"{base}/_sim/orders/404/pay", timeout=5).status_code == 404
    assert requests.post(f"{base}/_sim/orders/{one['syssn']}/dance",
                         timeout=5).status_code == 404
    scenario = requests.post(f"{base}/_sim/orders/{three['syssn']}/scenario", timeout=5,
                             json={"in_progress_polls": 1})
    assert scenario.json()["sim"]["scenario"]["in_progress_polls"] == 1
    assert sim_gateway.reversal(void_params(three)).respcd == "1145"
    bad = requests.post(f"{base}/_sim/orders/{three['syssn']}/scenario", timeout=5,
                        json={"wobble": 1})
    assert bad.status_code == 400


def test_faults_by_control_api(sim: Simulator, sim_gateway: Gateway) -> None:
    from posrev.gateway.client import UnknownOutcome

    resp = requests.post(f"{sim.base_url}/_sim/faults", timeout=5,
                         json={"kind": "drop", "count": 1, "endpoint": "query"})
    assert resp.json()["faults"][0]["kind"] == "drop"
    with pytest.raises(UnknownOutcome):
        sim_gateway.query()
    requests.post(f"{sim.base_url}/_sim/faults", timeout=5,
                  json={"rate": 1.0, "kinds": ["http500"]})
    with pytest.raises(UnknownOutcome):
        sim_gateway.query()
    cleared = requests.post(f"{sim.base_url}/_sim/faults", json={"clear": True}, timeout=5)
    assert cleared.json() == {"faults": [], "fault_rate": 0.0}
    assert sim_gateway.query() == []
    assert requests.post(f"{sim.base_url}/_sim/faults", json={"kind": "boom"},
                         timeout=5).status_code == 400


def test_state_has_orders_and_counters(sim: Simulator, sim_gateway: Gateway) -> None:
    order = sim.create_order()
    sim_gateway.reversal(void_params(order))
    sim_gateway.reversal(void_params(order))
    state = requests.get(f"{sim.base_url}/_sim/state", timeout=5).json()
    assert state["app_code"] == DEMO_APP_CODE and state["base_url"] == sim.base_url
    [details] = state["orders"]
    assert details["sim"]["voids_applied"] == 1 and details["sim"]["void_requests"] == 2
    assert details["sim"]["void"]["status"] == "done"
    assert state["requests"] == 2
    assert DEMO_CLIENT_KEY not in json.dumps(state)


def test_control_api_methods_and_paths(sim: Simulator) -> None:
    assert requests.delete(f"{sim.base_url}/_sim/orders", timeout=5).status_code == 405
    assert requests.get(f"{sim.base_url}/_sim/nothing", timeout=5).status_code == 404


# -- the page ------------------------------------------------------------------------------
def test_the_page_lists_orders_with_forms_and_escapes_values(sim: Simulator) -> None:
    pending = sim.create_order(out_trade_no="<script>alert(1)</script>")
    paid = sim.create_order(respcd="0000", out_trade_no="PAID&CO")
    resp = requests.get(f"{sim.base_url}/", timeout=5)
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("text/html")
    page = resp.text
    assert "<script>" not in page and "&lt;script&gt;" in page and "PAID&amp;CO" in page
    assert f'action="/_sim/orders/{pending["syssn"]}/pay"' in page
    assert f'action="/_sim/orders/{pending["syssn"]}/expire"' in page
    assert f'action="/_sim/orders/{paid["syssn"]}/pay"' not in page
    assert 'action="/_sim/orders"' in page
    assert "http://" not in page.replace(str(sim.base_url), "")  # no external assets
    assert DEMO_CLIENT_KEY not in page


# -- create_order --------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs", [
    {"pay_type": "80010"}, {"txamt": 0}, {"txamt": 25.0}, {"txamt": True},
    {"txcurrcd": "hkd"}, {"respcd": "OK"}, {"cancel": 6}, {"order_type": "close"},
    {"order_type": "refund"}, {"origssn": "1"}, {"out_trade_no": "x" * 129},
    {"out_trade_no": "tab\there"}, {"syssn": "12a"}, {"sysdtm": "yesterday"},
    {"txdtm": "2026-13-01 00:00:00"},
])
def test_create_order_validates(sim: Simulator, kwargs: dict[str, object]) -> None:
    with pytest.raises(SimulatorError):
        sim.create_order(**kwargs)  # type: ignore[arg-type]


def test_syssns_are_deterministic_by_seed_and_unique(
        make_sim: Callable[..., Simulator]) -> None:
    def syssns(seed: int) -> list[str]:
        server = make_sim(seed=seed)
        return [str(server.create_order()["syssn"]) for _ in range(5)]

    first = syssns(1)
    assert first == syssns(1)
    assert first != syssns(2)
    assert len(set(first)) == 5
    assert all(s.isdigit() and len(s) == 26 and s.startswith("20260314") for s in first)
    server = make_sim()
    taken = server.create_order(syssn="12345678901234567890")["syssn"]
    with pytest.raises(SimulatorError):
        server.create_order(syssn=taken)


# -- state file ----------------------------------------------------------------------------
def test_state_file_keeps_orders_and_voids_across_runs(
        tmp_path: Path, make_sim: Callable[..., Simulator],
        make_gateway: Callable[..., Gateway], sim_clock: FakeClock) -> None:
    state = tmp_path / "demo" / "sim.json"
    first = make_sim(state_file=state)
    order = first.create_order()
    slow = first.create_order()
    first.set_scenario(slow["syssn"], in_progress_polls=1)
    assert make_gateway(first).reversal(void_params(order)).respcd == "0000"
    assert make_gateway(first).reversal(void_params(slow)).respcd == "1145"
    first.stop()
    assert state.exists() and not list(state.parent.glob("*.tmp"))

    second = make_sim(state_file=state)
    client = make_gateway(second)
    assert second.get(order["syssn"])["cancel"] == "1"
    assert second.voids_applied(order["syssn"]) == 1
    assert client.reversal(void_params(order)).respcd == "1263"
    # the void in progress carries on where it was
    assert client.reversal(void_params(slow)).respcd == "1145"
    assert client.query(syssn=slow["syssn"])[0]["cancel"] == "0"
    assert client.query(syssn=slow["syssn"])[0]["cancel"] == "1"
    fresh = second.create_order()["syssn"]
    assert fresh not in (order["syssn"], slow["syssn"])


def test_a_corrupt_state_file_is_reported(tmp_path: Path) -> None:
    state = tmp_path / "sim.json"
    state.write_text("{not json", encoding="utf-8")
    with pytest.raises(SimulatorError, match="not a readable simulator state file"):
        Simulator(state_file=state)
    assert state.read_text(encoding="utf-8") == "{not json"  # never replaced


# -- demo data -----------------------------------------------------------------------------
EXPECTED_VERDICTS = {
    "DEMO-REVERSE": ("reversible", ()), "DEMO-CLOSE": ("closable", ()),
    "DEMO-MPM": ("reversible", ()), "DEMO-BIG": ("reversible", (AMOUNT,)),
    "DEMO-LATE": ("reversible", (LATE,)), "DEMO-SLOW": ("reversible", ()),
    "DEMO-PAYS": ("closable", ()), "DEMO-LOST": ("reversible", ()),
    "DEMO-PAID": ("paid_refund_required", ()), "DEMO-VOIDED": ("already_voided", ()),
    "DEMO-REFUNDED": ("already_refunded", ()), "DEMO-REFUND-REC": ("refund_record", ()),
    "DEMO-FAILED": ("failed_payment", ()), "DEMO-OTHERWALLET": ("unsupported_pay_type", ()),
    "DEMO-OLD": ("too_old", ()), "DEMO-TWICE": ("reversible", ()),
    "DEMO-TWICE-2": ("reversible", ()), "DEMO-REFUND-ME": ("paid_refund_required", ()),
    "DEMO-RACE": ("reversible", ()),
}


def test_demo_orders_cover_every_verdict(sim: Simulator, sim_gateway: Gateway,
                                         sim_clock: FakeClock) -> None:
    names = seed_demo_data(sim)
    assert set(names) == set(EXPECTED_VERDICTS) == {demo.name for demo in DEMO_ORDERS}
    assert len(set(names.values())) == len(names)
    assert all(s.isdigit() and len(s) >= 20 for s in names.values())
    got = {}
    for name, syssn in names.items():
        [record] = sim_gateway.query(syssn=syssn)
        verdict = evaluate(Transaction.from_record(record), Rules(), sim_clock(),
                           "Asia/Hong_Kong")
        got[name] = (verdict.code, verdict.supervisor_reasons)
    assert got == EXPECTED_VERDICTS
    assert {v[0] for v in got.values()} | {"not_found"} == {
        "not_found", "refund_record", "already_voided", "already_refunded",
        "paid_refund_required", "unsupported_pay_type", "too_old", "reversible", "closable",
        "failed_payment"}


def test_demo_orders_details(sim: Simulator, sim_gateway: Gateway) -> None:
    names = seed_demo_data(sim)
    reverse = sim.get(names["DEMO-REVERSE"])
    assert (reverse["pay_type"], reverse["respcd"], reverse["txamt"], reverse["txcurrcd"],
            reverse["out_trade_no"]) == ("800108", "1143", "2500", "HKD", "DEMO-REVERSE")
    assert reverse["sysdtm"] == (SIM_NOW - timedelta(minutes=2)).strftime("%Y-%m-%d %H:%M:%S")
    assert sim.get(names["DEMO-BIG"])["txamt"] == "88800"
    assert sim.get(names["DEMO-REFUND-REC"])["origssn"] == names["DEMO-REFUNDED"]
    twice = sim_gateway.query(out_trade_no="DEMO-TWICE")
    assert {r["syssn"] for r in twice} == {names["DEMO-TWICE"], names["DEMO-TWICE-2"]}
    # the scenarios are set
    assert sim_gateway.reversal(void_params(sim.get(names["DEMO-SLOW"]))).respcd == "1145"
    assert sim_gateway.close(void_params(sim.get(names["DEMO-PAYS"]))).respcd == "1260"
    from posrev.gateway.client import UnknownOutcome

    with pytest.raises(UnknownOutcome):
        sim_gateway.reversal(void_params(sim.get(names["DEMO-LOST"])))
    assert sim.get(names["DEMO-LOST"])["cancel"] == "1"


def test_demo_data_is_deterministic_and_kept_unless_reset(
        make_sim: Callable[..., Simulator], sim_clock: FakeClock) -> None:
    one, two = make_sim(seed=1), make_sim(seed=2)
    assert seed_demo_data(one) == seed_demo_data(two)
    names = seed_demo_data(one)
    one.pay(names["DEMO-REVERSE"])
    sim_clock.advance(hours=1)
    assert seed_demo_data(one) == names
    assert one.get(names["DEMO-REVERSE"])["respcd"] == "0000"  # kept
    seed_demo_data(one, reset=True)
    fresh = one.get(names["DEMO-REVERSE"])
    assert fresh["respcd"] == "1143"
    assert fresh["sysdtm"] == (sim_clock() - timedelta(minutes=2)).strftime("%Y-%m-%d %H:%M:%S")
