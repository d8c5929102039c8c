"""Per-order scenarios and transport faults of the simulator (DESIGN.md §11), over real HTTP."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
import requests
from sim_fixtures import void_params

from posrev.gateway.client import Gateway, NotSent, RateLimited, UnknownOutcome
from posrev.simulator import DEMO_CLIENT_KEY, Simulator


def _cancel(sim: Simulator, syssn: str) -> str:
    record = sim.get(syssn)
    assert record is not None
    return str(record["cancel"])


# -- in progress -------------------------------------------------------------------------
@pytest.mark.parametrize("kind, pay_type, cancel, repeat_code", [
    ("reversal", "800108", "1", "1263"), ("close", "800208", "2", "1264")])
def test_a_void_in_progress_completes_after_n_enquiries(
        sim: Simulator, sim_gateway: Gateway, kind: str, pay_type: str, cancel: str,
        repeat_code: str) -> None:
    order = sim.create_order(pay_type=pay_type)
    other = sim.create_order(pay_type=pay_type)
    sim.set_scenario(order["syssn"], in_progress_polls=2)
    send = sim_gateway.reversal if kind == "reversal" else sim_gateway.close
    first = send(void_params(order))
    assert (first.respcd, first.resperr) == ("1145", "in progress")
    assert first.syssn and first.orig_syssn == order["syssn"]
    assert sim.voids_applied(order["syssn"]) == 1
    # an enquiry that does not return the order does not count
    assert sim_gateway.query(syssn=other["syssn"])[0]["cancel"] == "0"
    assert sim_gateway.query(syssn=order["syssn"])[0]["cancel"] == "0"  # 1 of 2
    repeat = send(void_params(order))  # the same void, not a second one
    assert (repeat.respcd, repeat.syssn) == ("1145", first.syssn)
    assert sim_gateway.query(syssn=order["syssn"])[0]["cancel"] == "0"  # 2 of 2
    assert sim.get(order["syssn"])["cancel"] == "0"  # get() is not an enquiry
    assert sim_gateway.query(syssn=order["syssn"])[0]["cancel"] == cancel  # done
    assert send(void_params(order)).respcd == repeat_code
    assert sim.voids_applied(order["syssn"]) == 1
    assert sim.void_requests(order["syssn"]) == 3


def test_enquiries_by_out_trade_no_or_window_count_too(
        sim: Simulator, sim_gateway: Gateway) -> None:
    order = sim.create_order()
    sim.set_scenario(order["syssn"], in_progress_polls=2)
    assert sim_gateway.reversal(void_params(order)).respcd == "1145"
    assert sim_gateway.query(out_trade_no=order["out_trade_no"])[0]["cancel"] == "0"
    assert sim_gateway.query()[0]["cancel"] == "0"
    assert sim_gateway.query(out_trade_no=order["out_trade_no"])[0]["cancel"] == "1"


def test_the_customer_pays_while_the_void_is_in_progress(
        sim: Simulator, sim_gateway: Gateway) -> None:
    order = sim.create_order()
    sim.set_scenario(order["syssn"], in_progress_polls=5)
    assert sim_gateway.reversal(void_params(order)).respcd == "1145"
    paid = sim.pay(order["syssn"])  # the void loses the race
    assert (paid["respcd"], paid["cancel"]) == ("0000", "0")
    for _ in range(7):
        record = sim_gateway.query(syssn=order["syssn"])[0]
        assert (record["respcd"], record["cancel"]) == ("0000", "0")
    assert sim_gateway.reversal(void_params(order)).respcd == "1260"
    assert sim.voids_applied(order["syssn"]) == 1  # accepted once, then lost


# -- customer pays first -------------------------------------------------------------------
def test_the_customer_pays_just_before_the_void(sim: Simulator, sim_gateway: Gateway) -> None:
    order = sim.create_order(pay_type="800208")
    sim.set_scenario(order["syssn"], customer_pays_first=True)
    answer = sim_gateway.close(void_params(order))
    assert (answer.respcd, answer.resperr) == ("1260", "order already paid")
    record = sim_gateway.query(syssn=order["syssn"])[0]
    assert (record["respcd"], record["cancel"]) == ("0000", "0")
    assert record["paydtm"]
    assert sim.voids_applied(order["syssn"]) == 0


def test_the_customer_does_not_pay_after_a_refused_request(
        sim: Simulator, sim_gateway: Gateway) -> None:
    """The payment comes "just before the void": a request refused earlier does not trigger
    it (the request never got that far)."""
    order = sim.create_order()
    sim.set_scenario(order["syssn"], customer_pays_first=True)
    assert sim_gateway.reversal(void_params(order, txamt="1")).respcd == "1266"
    assert sim.get(order["syssn"])["respcd"] == "1143"
    assert sim_gateway.reversal(void_params(order)).respcd == "1260"


# -- lost answers --------------------------------------------------------------------------
def test_the_void_succeeds_while_its_answer_is_lost(sim: Simulator,
                                                    sim_gateway: Gateway) -> None:
    order = sim.create_order()
    sim.set_scenario(order["syssn"], lose_answer=True)
    with pytest.raises(UnknownOutcome):
        sim_gateway.reversal(void_params(order))
    assert _cancel(sim, order["syssn"]) == "1"
    assert sim.voids_applied(order["syssn"]) == 1
    last = sim.requests[-1]
    assert (last["respcd"], last["http_status"]) == ("0000", None)
    # the resend a careful client makes after enquiring is the same void
    assert sim_gateway.reversal(void_params(order)).respcd == "1263"
    assert sim.voids_applied(order["syssn"]) == 1


def test_lose_answer_counts(sim: Simulator, sim_gateway: Gateway) -> None:
    order = sim.create_order(pay_type="800208")
    sim.set_scenario(order["syssn"], lose_answer=2, in_progress_polls=1)
    for _ in range(2):
        with pytest.raises(UnknownOutcome):
            sim_gateway.close(void_params(order))
    assert sim_gateway.close(void_params(order)).respcd == "1145"
    assert sim.voids_applied(order["syssn"]) == 1


# -- latency -------------------------------------------------------------------------------
def test_latency_of_one_original(sim: Simulator,
                                 make_gateway: Callable[..., Gateway]) -> None:
    slow = sim.create_order()
    fast = sim.create_order()
    sim.set_scenario(slow["syssn"], latency=0.4)
    impatient = make_gateway(read_timeout=0.1)
    with pytest.raises(UnknownOutcome):
        impatient.query(syssn=slow["syssn"])
    with pytest.raises(UnknownOutcome):  # the answer is late, the void is done
        impatient.reversal(void_params(slow))
    assert sim.voids_applied(slow["syssn"]) == 1
    started = time.monotonic()
    assert impatient.reversal(void_params(fast)).respcd == "0000"
    assert time.monotonic() - started < 0.3
    patient = make_gateway()
    started = time.monotonic()
    assert patient.query(syssn=slow["syssn"])[0]["cancel"] == "1"
    assert time.monotonic() - started >= 0.4


def test_scenarios_are_validated(sim: Simulator) -> None:
    from posrev.simulator import OrderNotFound, SimulatorError

    order = sim.create_order()
    for bad in ({"in_progress_polls": -1}, {"lose_answer": -2}, {"latency": 601},
                {"latency": "1"}, {"refund_polls": -1}, {"refund_polls": True}):
        with pytest.raises(SimulatorError):
            sim.set_scenario(order["syssn"], **bad)
    with pytest.raises(TypeError):
        sim.set_scenario(order["syssn"], surprise=True)  # type: ignore[call-arg]
    with pytest.raises(OrderNotFound):
        sim.set_scenario("999", latency=1)
    assert sim.set_scenario(order["syssn"], latency=0.5, lose_answer=True) == {
        "in_progress_polls": 0, "customer_pays_first": False, "lose_answer": 1,
        "latency": 0.5, "refund_polls": 0, "refund_window_closed": False,
        "refund_balance_short": False}
    assert sim.set_scenario(order["syssn"], lose_answer=False)["latency"] == 0.5


# -- global faults -------------------------------------------------------------------------
@pytest.mark.parametrize("kind, applied, default_applied", [
    ("drop", None, False), ("drop", True, True),
    ("http500", None, False), ("http500", True, True),
    ("non_json", None, True), ("non_json", False, False),
    ("bad_signature", None, True), ("bad_signature", False, False),
])
def test_faults_make_the_outcome_unknown(sim: Simulator, sim_gateway: Gateway, kind: str,
                                         applied: bool | None, default_applied: bool) -> None:
    order = sim.create_order()
    sim.fault(kind, applied=applied)
    with pytest.raises(UnknownOutcome):
        sim_gateway.reversal(void_params(order))
    assert sim.voids_applied(order["syssn"]) == int(default_applied)
    assert sim.void_requests(order["syssn"]) == 1
    assert sim.requests[-1]["fault"] == kind
    # one fault, one request: the next one is answered normally
    expect = "1263" if default_applied else "0000"
    assert sim_gateway.reversal(void_params(order)).respcd == expect


def test_fault_answers_look_as_documented(sim: Simulator) -> None:
    sim.fault("http500")
    resp = requests.post(f"{sim.base_url}/trade/v1/query", timeout=5)
    assert resp.status_code == 500
    sim.fault("non_json")
    resp = requests.post(f"{sim.base_url}/trade/v1/query", timeout=5)
    assert resp.status_code == 200 and resp.text.startswith("<html>")
    sim.fault("rate_limit")
    resp = requests.post(f"{sim.base_url}/trade/v1/query", timeout=5)
    assert (resp.status_code, resp.headers["Retry-After"]) == (429, "1")
    sim.fault("drop")
    with pytest.raises(requests.ConnectionError):
        requests.post(f"{sim.base_url}/trade/v1/query", timeout=5)


def test_bad_signature_with_sha256(sim: Simulator,
                                   make_gateway: Callable[..., Gateway]) -> None:
    order = sim.create_order()
    sim.fault("bad_signature")
    with pytest.raises(UnknownOutcome, match="signature"):
        make_gateway(sign_type="sha256").query(syssn=order["syssn"])


def test_rate_limit_fault(sim: Simulator, sim_gateway: Gateway) -> None:
    order = sim.create_order()
    sim.fault("rate_limit", count=2, endpoint="reversal")
    for _ in range(2):
        with pytest.raises(RateLimited) as info:
            sim_gateway.reversal(void_params(order))
        assert info.value.retry_after == 1
    assert sim.voids_applied(order["syssn"]) == 0
    assert sim_gateway.reversal(void_params(order)).respcd == "0000"


def test_latency_fault(sim: Simulator, make_gateway: Callable[..., Gateway]) -> None:
    sim.fault("latency:0.3", count=2)
    with pytest.raises(UnknownOutcome):
        make_gateway(read_timeout=0.1).query()
    started = time.monotonic()
    make_gateway().query()
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    make_gateway().query()
    assert time.monotonic() - started < 0.3


def test_faults_target_an_endpoint_and_count(sim: Simulator, sim_gateway: Gateway) -> None:
    order = sim.create_order(pay_type="800208")
    sim.fault("drop", count=2, endpoint="close")
    assert sim_gateway.query(syssn=order["syssn"])  # not the close endpoint: untouched
    for _ in range(2):
        with pytest.raises(UnknownOutcome):
            sim_gateway.close(void_params(order))
    assert sim_gateway.close(void_params(order)).respcd == "0000"
    assert [r["fault"] for r in sim.requests] == [None, "drop", "drop", None]


def test_a_fault_without_count_lasts_until_cleared(sim: Simulator,
                                                   sim_gateway: Gateway) -> None:
    sim.fault("http500", count=None)
    for _ in range(3):
        with pytest.raises(UnknownOutcome):
            sim_gateway.query()
    sim.clear_faults()
    assert sim_gateway.query() == []


@pytest.mark.parametrize("kind, kwargs", [
    ("explode", {}), ("latency", {}), ("latency:x", {}), ("drop:1", {}),
    ("drop", {"count": 0}), ("drop", {"endpoint": "notify"}),
    ("rate_limit", {"applied": True}),
])
def test_bad_faults_are_refused(sim: Simulator, kind: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        sim.fault(kind, **kwargs)


def _fault_sequence(make_sim: Callable[..., Simulator], seed: int) -> list[str | None]:
    random_sim = make_sim(seed=seed, fault_rate=0.5,
                          fault_kinds=["http500", "non_json", "rate_limit"])
    client = Gateway(str(random_sim.base_url), random_sim.app_code, DEMO_CLIENT_KEY)
    try:
        for _ in range(30):
            try:
                client.query()
            except (UnknownOutcome, RateLimited):
                pass
    finally:
        client.close_session()
    return [r["fault"] for r in random_sim.requests]


def test_a_random_fault_rate_is_reproducible_by_seed(
        make_sim: Callable[..., Simulator]) -> None:
    first = _fault_sequence(make_sim, seed=7)
    assert first == _fault_sequence(make_sim, seed=7)
    assert first != _fault_sequence(make_sim, seed=8)
    assert {kind for kind in first} == {None, "http500", "non_json", "rate_limit"}


def test_fault_rate_can_be_set_and_cleared(sim: Simulator, sim_gateway: Gateway) -> None:
    sim.set_fault_rate(1.0, ["http500"], endpoint="query")
    with pytest.raises(UnknownOutcome):
        sim_gateway.query()
    order = sim.create_order()
    assert sim_gateway.reversal(void_params(order)).respcd == "0000"
    sim.clear_faults()
    assert sim_gateway.query(syssn=order["syssn"])
    with pytest.raises(ValueError):
        sim.set_fault_rate(1.5)


# -- hooks, records, lifecycle -------------------------------------------------------------
def test_on_request_runs_before_the_gateway_acts(sim: Simulator,
                                                 sim_gateway: Gateway) -> None:
    order = sim.create_order()
    seen: list[tuple[dict[str, Any], str]] = []

    def hook(info: dict[str, Any]) -> None:
        seen.append((info, _cancel(sim, order["syssn"])))

    sim.on_request = hook
    assert sim_gateway.reversal(void_params(order)).respcd == "0000"
    info, cancel_then = seen[0]
    assert cancel_then == "0"  # the void was not applied yet
    assert info["endpoint"] == "/trade/v1/reversal" and info["method"] == "POST"
    assert info["params"]["syssn"] == order["syssn"]


def test_a_client_that_dies_mid_flight_leaves_the_void_applied(
        sim: Simulator, make_gateway: Callable[..., Gateway]) -> None:
    """The hook holds the answer until the client has given up (as a killed client would),
    then the gateway applies the void and its answer goes nowhere."""
    order = sim.create_order()
    client_gone = threading.Event()
    sim.on_request = lambda info: client_gone.wait(5)
    with pytest.raises(UnknownOutcome):
        make_gateway(read_timeout=0.2).reversal(void_params(order))
    client_gone.set()
    deadline = time.monotonic() + 5
    while sim.voids_applied(order["syssn"]) == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sim.voids_applied(order["syssn"]) == 1
    assert _cancel(sim, order["syssn"]) == "1"


def test_recorded_requests_hold_no_secret(sim: Simulator, sim_gateway: Gateway) -> None:
    order = sim.create_order()
    sim_gateway.reversal(void_params(order))
    sim_gateway.query(syssn=order["syssn"])
    entries = sim.requests
    assert [(e["endpoint"], e["respcd"], e["http_status"]) for e in entries] == [
        ("/trade/v1/reversal", "0000", 200), ("/trade/v1/query", "0000", 200)]
    assert set(entries[0]) == {"endpoint", "method", "params", "respcd", "http_status",
                               "fault", "t"}
    assert entries[0]["t"] <= entries[1]["t"]
    assert DEMO_CLIENT_KEY not in repr(entries) and DEMO_CLIENT_KEY not in repr(sim)


def test_stop_ends_latency_waits_and_keep_alive_connections(
        make_sim: Callable[..., Simulator], make_gateway: Callable[..., Gateway]) -> None:
    server = make_sim()
    order = server.create_order()
    client = make_gateway(server)
    assert client.query(syssn=order["syssn"])  # opens a keep-alive connection
    server.set_scenario(order["syssn"], latency=30)
    failure: list[BaseException] = []

    def slow_call() -> None:
        try:
            make_gateway(server, read_timeout=20).query(syssn=order["syssn"])
        except BaseException as exc:
            failure.append(exc)

    arrived = threading.Event()
    server.on_request = lambda info: arrived.set()
    waiter = threading.Thread(target=slow_call)
    waiter.start()
    assert arrived.wait(5)
    started = time.monotonic()
    server.stop()
    waiter.join(5)
    assert time.monotonic() - started < 2
    assert failure and isinstance(failure[0], UnknownOutcome)
    # the old keep-alive connection is gone: nothing answers any more
    with pytest.raises(NotSent):
        client.query(syssn=order["syssn"])
    server.stop()  # idempotent


def test_a_stopped_simulator_can_start_again(make_sim: Callable[..., Simulator]) -> None:
    server = make_sim()
    order = server.create_order()
    server.stop()
    assert not server.running
    base_url = server.start()
    client = Gateway(base_url, server.app_code, DEMO_CLIENT_KEY)
    try:
        assert client.query(syssn=order["syssn"])[0]["syssn"] == order["syssn"]
    finally:
        client.close_session()
    with pytest.raises(RuntimeError):
        server.start()


def test_only_loopback(sim: Simulator) -> None:
    other = Simulator()
    with pytest.raises(ValueError, match="loopback"):
        other.start(host="0.0.0.0")
    assert not other.running


def test_context_manager_starts_and_stops() -> None:
    with Simulator() as server:
        assert server.running and server.base_url
        assert requests.get(f"{server.base_url}/_sim/orders", timeout=5).json() == []
    assert not server.running
