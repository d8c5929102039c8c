"""The simulator's transport rules over real HTTP: signatures, mchid, methods, formats,
the enquiry API and its one-month window, and the rate limit (DESIGN.md §11, §15.2, §15.4)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import requests
from fakeclock import FakeClock
from sim_fixtures import HK, SIM_NOW, raw_call, void_params

from posrev.gateway.client import (
    Gateway,
    GatewayRefusal,
    RateLimited,
    WrongCredentials,
)
from posrev.gateway.signing import sign, sign_body
from posrev.simulator import DEMO_CLIENT_KEY, Simulator


# -- signatures (DESIGN.md §15.3) -------------------------------------------------------
def test_md5_request_is_accepted_and_answer_is_signed_over_the_raw_body(sim: Simulator) -> None:
    order = sim.create_order()
    resp = raw_call(sim, "query", {"syssn": order["syssn"]})
    assert resp.status_code == 200
    assert resp.json()["respcd"] == "0000"
    assert resp.json()["data"][0]["syssn"] == order["syssn"]
    expected = hashlib.md5(resp.content + DEMO_CLIENT_KEY.encode()).hexdigest().upper()
    assert resp.headers["X-QF-SIGN"] == expected
    assert "X-QF-SIGNTYPE" not in resp.headers


def test_sha256_request_gets_a_sha256_signed_answer(
        sim: Simulator, make_gateway: Callable[..., Gateway]) -> None:
    order = sim.create_order()
    resp = raw_call(sim, "query", {"syssn": order["syssn"]}, sign_type="sha256")
    assert resp.json()["respcd"] == "0000"
    assert resp.headers["X-QF-SIGNTYPE"] == "SHA256"
    assert resp.headers["X-QF-SIGN"] == sign_body(resp.content, DEMO_CLIENT_KEY, "sha256")
    # and the client, configured for SHA-256, voids with it end to end
    client = make_gateway(sign_type="sha256")
    assert client.reversal(void_params(order)).respcd == "0000"


def test_md5_signature_is_compared_without_case(sim: Simulator) -> None:
    """The official Node samples send lowercase hex (DESIGN.md §15.3)."""
    order = sim.create_order()
    lower = sign({"syssn": order["syssn"]}, DEMO_CLIENT_KEY).lower()
    resp = raw_call(sim, "query", {"syssn": order["syssn"]}, signature=lower)
    assert resp.json()["respcd"] == "0000"


def test_signature_covers_raw_utf8_values(sim: Simulator,
                                          sim_gateway: Gateway) -> None:
    """Raw values, not URL-encoded ones: spaces in txdtm and non-ASCII udid (DESIGN.md §15.3)."""
    order = sim.create_order()
    answer = sim_gateway.reversal(void_params(order, udid="收銀台 1"))
    assert answer.respcd == "0000"
    assert answer.raw["udid"] == "收銀台 1"


@pytest.mark.parametrize("headers, expect", [
    ({"X-QF-APPCODE": "NOT-OUR-APP-CODE"}, "unknown app code"),
    ({"X-QF-SIGN": ""}, "signature error"),
    ({"X-QF-SIGN": "0" * 32}, "signature error"),
    ({"X-QF-SIGNTYPE": "SHA1"}, "X-QF-SIGNTYPE"),
])
def test_bad_authentication_answers_1108_unsigned(
        sim: Simulator, headers: dict[str, str], expect: str) -> None:
    order = sim.create_order()
    resp = raw_call(sim, "reversal", void_params(order), headers=headers)
    assert resp.status_code == 200
    assert resp.json()["respcd"] == "1108"
    assert expect in resp.json()["resperr"]
    # the gateway cannot sign for a caller it did not authenticate
    assert "X-QF-SIGN" not in resp.headers
    assert sim.voids_applied(order["syssn"]) == 0
    assert sim.get(order["syssn"])["cancel"] == "0"


def test_wrong_key_reaches_the_client_as_wrong_credentials(
        sim: Simulator, make_gateway: Callable[..., Gateway]) -> None:
    client = make_gateway(client_key="WRONG" + DEMO_CLIENT_KEY[5:])
    with pytest.raises(WrongCredentials):
        client.query(syssn="1")
    order = sim.create_order()
    with pytest.raises(WrongCredentials):
        client.reversal(void_params(order))
    assert sim.voids_applied(order["syssn"]) == 0


def test_parameters_changed_after_signing_fail(sim: Simulator) -> None:
    order = sim.create_order()
    signature = sign(void_params(order), DEMO_CLIENT_KEY)
    tampered = void_params(order, txamt="1")
    resp = raw_call(sim, "reversal", tampered, signature=signature)
    assert resp.json()["respcd"] == "1108"


# -- mchid (DESIGN.md §15.2) --------------------------------------------------------------------
def test_mchid_must_not_be_sent_when_none_was_issued(
        sim: Simulator, make_gateway: Callable[..., Gateway]) -> None:
    client = make_gateway(mchid="MNxMp11FV35qQN")
    with pytest.raises(GatewayRefusal) as info:
        client.query(syssn="1")
    assert info.value.respcd == "1104"
    assert "mchid must not be sent" in info.value.resperr


def test_issued_mchid_is_required_and_must_match(
        make_sim: Callable[..., Simulator], make_gateway: Callable[..., Gateway]) -> None:
    agent = make_sim(mchid="MNxMp11FV35qQN")
    order = agent.create_order()
    with pytest.raises(GatewayRefusal) as missing:
        make_gateway(agent).query(syssn=order["syssn"])
    assert (missing.value.respcd, missing.value.resperr) == (
        "1104", "mchid is required for this app code")
    with pytest.raises(GatewayRefusal) as wrong:
        make_gateway(agent, mchid="SOMEONEELSE").query(syssn=order["syssn"])
    assert wrong.value.respcd == "1105"
    right = make_gateway(agent, mchid="MNxMp11FV35qQN")
    assert right.query(syssn=order["syssn"])[0]["syssn"] == order["syssn"]
    missing_on_void = make_gateway(agent).reversal(void_params(order))
    assert missing_on_void.respcd == "1104"
    assert right.reversal(void_params(order)).respcd == "0000"
    assert agent.requests[-1]["params"]["mchid"] == "MNxMp11FV35qQN"


# -- methods and formats -----------------------------------------------------------------
@pytest.mark.parametrize("method, endpoint", [
    ("GET", "query"), ("GET", "reversal"), ("POST", "close"), ("PUT", "reversal"),
])
def test_wrong_method_is_http_405(sim: Simulator, method: str, endpoint: str) -> None:
    order = sim.create_order(pay_type="800208")
    resp = raw_call(sim, endpoint, void_params(order), method=method)
    assert resp.status_code == 405
    assert resp.json()["error"]
    assert resp.headers["Allow"] == ("GET" if endpoint == "close" else "POST")
    assert sim.voids_applied(order["syssn"]) == 0


def test_close_is_get_with_the_signed_query_string(
        sim: Simulator, sim_gateway: Gateway) -> None:
    order = sim.create_order(pay_type="800208")
    assert sim_gateway.close(void_params(order)).respcd == "0000"
    assert [(r["endpoint"], r["method"], r["http_status"]) for r in sim.requests] == [
        ("/trade/v1/close", "GET", 200)]


def test_post_only_close_makes_the_client_fall_back_from_get(
        make_sim: Callable[..., Simulator], make_gateway: Callable[..., Gateway]) -> None:
    strict = make_sim(close_post_only=True)
    order = strict.create_order(pay_type="801008")
    assert raw_call(strict, "close", void_params(order), method="GET").status_code == 405
    answer = make_gateway(strict).close(void_params(order))
    assert answer.respcd == "0000"
    assert [(r["method"], r["http_status"]) for r in strict.requests] == [
        ("GET", 405), ("GET", 405), ("POST", 200)]
    assert strict.voids_applied(order["syssn"]) == 1


def test_unknown_path_is_a_json_404(sim: Simulator) -> None:
    resp = requests.post(f"{sim.base_url}/trade/v1/payment", data={"a": "1"}, timeout=5)
    assert resp.status_code == 404
    assert "no such path" in resp.json()["error"]


def test_a_json_body_is_a_format_error(sim: Simulator) -> None:
    order = sim.create_order()
    resp = requests.post(f"{sim.base_url}/trade/v1/query",
                         data=json.dumps({"syssn": order["syssn"]}),
                         headers={"Content-Type": "application/json", "X-QF-APPCODE": "x",
                                  "X-QF-SIGN": "x"}, timeout=5)
    assert resp.json()["respcd"] == "1103"


def test_repeated_and_empty_parameters_are_refused(sim: Simulator) -> None:
    order = sim.create_order()
    repeated = requests.post(f"{sim.base_url}/trade/v1/query",
                             data=[("syssn", order["syssn"]), ("syssn", "2")], timeout=5)
    assert repeated.json()["respcd"] == "1104"
    # the 2018 doc: leave an unused parameter out rather than send it empty
    empty = raw_call(sim, "reversal", void_params(order, udid=""))
    assert empty.json()["respcd"] == "1104"
    assert "udid is empty" in empty.json()["resperr"]


# -- the enquiry (DESIGN.md §15.4) ----------------------------------------------------------------
def test_query_record_has_the_documented_fields_as_strings(
        sim: Simulator, sim_gateway: Gateway) -> None:
    paid = sim.create_order(respcd="0000", txamt=12345, pay_type="800208")
    refund = sim.create_order(order_type="refund", origssn=paid["syssn"], respcd="0000",
                              txamt=12345, pay_type="800208")
    records = {r["syssn"]: r for r in sim_gateway.query(
        syssn=f"{paid['syssn']},{refund['syssn']}")}
    record = records[paid["syssn"]]
    assert set(record) == {"syssn", "out_trade_no", "txamt", "txcurrcd", "pay_type",
                           "order_type", "respcd", "errmsg", "cancel", "txdtm", "sysdtm",
                           "paydtm", "chnlsn", "udid", "origssn"}
    assert (record["txamt"], record["cancel"], record["order_type"]) == ("12345", "0", "payment")
    assert record["origssn"] is None  # as in real 2025 answers
    assert record["paydtm"] == record["sysdtm"] == SIM_NOW.strftime("%Y-%m-%d %H:%M:%S")
    assert record["chnlsn"]
    assert records[refund["syssn"]]["order_type"] == "refund"
    assert records[refund["syssn"]]["origssn"] == paid["syssn"]


def test_query_envelope(sim: Simulator) -> None:
    resp = raw_call(sim, "query", {})
    body = resp.json()
    assert {k: body[k] for k in ("respcd", "page", "page_size", "data")} == {
        "respcd": "0000", "page": 1, "page_size": 10, "data": []}
    assert "resperr" in body and "respmsg" in body


def test_default_window_is_the_current_calendar_month(
        sim: Simulator, sim_gateway: Gateway) -> None:
    first = sim.create_order(sysdtm="2026-03-01 00:00:00", out_trade_no="FIRST")
    last = sim.create_order(sysdtm="2026-03-31 23:59:59", out_trade_no="LAST")
    before = sim.create_order(sysdtm="2026-02-28 23:59:59", out_trade_no="BEFORE")
    after = sim.create_order(sysdtm="2026-04-01 00:00:00", out_trade_no="AFTER")
    found = {r["out_trade_no"] for r in sim_gateway.query()}
    assert found == {"FIRST", "LAST"}
    assert sim_gateway.query(out_trade_no="BEFORE") == []
    march_end = sim_gateway.query(out_trade_no="BEFORE", start_time="2026-02-01 00:00:00",
                                  end_time="2026-02-28 23:59:59")
    assert [r["syssn"] for r in march_end] == [before["syssn"]]
    # a syssn lookup ignores the window, even a malformed one (DESIGN.md §15.4)
    by_syssn = raw_call(sim, "query", {"syssn": after["syssn"], "start_time": "junk",
                                       "end_time": "2020-01-01 00:00:00"}).json()
    assert [r["syssn"] for r in by_syssn["data"]] == [after["syssn"]]
    assert first["syssn"] != last["syssn"]


def test_window_defaults_follow_the_gateway_zone_across_midnight(
        make_sim: Callable[..., Simulator], make_gateway: Callable[..., Gateway]) -> None:
    """01:05 on 1 April in Hong Kong is still 31 March in UTC: the gateway's month counts."""
    clock = FakeClock(datetime(2026, 3, 31, 17, 5, tzinfo=UTC))
    zoned = make_sim(clock=clock)
    client = make_gateway(zoned)
    late = zoned.create_order(sysdtm=datetime(2026, 3, 31, 23, 58, tzinfo=HK))
    early = zoned.create_order(sysdtm=datetime(2026, 3, 31, 16, 30, tzinfo=UTC))
    assert early["sysdtm"] == "2026-04-01 00:30:00"
    assert [r["syssn"] for r in client.query()] == [early["syssn"]]
    previous = client.query(start_time="2026-03-01 00:00:00", end_time="2026-03-31 23:59:59")
    assert [r["syssn"] for r in previous] == [late["syssn"]]


@pytest.mark.parametrize("window", [
    {"start_time": "2026-02-20 00:00:00", "end_time": "2026-03-05 00:00:00"},
    {"start_time": "2026-02-20 00:00:00"},  # end defaults to the end of March
    {"end_time": "2026-04-02 00:00:00"},  # start defaults to 1 March
])
def test_a_window_across_months_is_refused(sim: Simulator, window: dict[str, str]) -> None:
    body = raw_call(sim, "query", window).json()
    assert body["respcd"] == "1104"
    assert body["resperr"] == "query interval must be within one calendar month"


@pytest.mark.parametrize("params", [
    {"start_time": "2026-03-01"}, {"end_time": "2026-03-32 00:00:00"},
    {"start_time": "2026-03-20 00:00:00", "end_time": "2026-03-10 00:00:00"},
    {"page_size": "101"}, {"page_size": "0"}, {"page": "x"},
])
def test_malformed_query_parameters_are_1104(sim: Simulator, params: dict[str, str]) -> None:
    assert raw_call(sim, "query", params).json()["respcd"] == "1104"


def test_filters_lists_and_pages(sim: Simulator, sim_gateway: Gateway) -> None:
    orders = [sim.create_order(sysdtm=SIM_NOW - timedelta(minutes=i),
                               pay_type="800208" if i % 2 else "800108",
                               respcd="0000" if i % 5 == 0 else "1143") for i in range(25)]
    assert len(sim_gateway.query(page_size=100)) == 25
    pages = [raw_call(sim, "query", {"page": str(p)}).json()["data"] for p in (1, 2, 3, 4)]
    assert [len(p) for p in pages] == [10, 10, 5, 0]
    newest_first = [r["syssn"] for p in pages for r in p]
    assert newest_first == [o["syssn"] for o in orders]
    wechat = raw_call(sim, "query", {"pay_type": "800208", "page_size": "100"}).json()["data"]
    assert len(wechat) == 12 and {r["pay_type"] for r in wechat} == {"800208"}
    both = raw_call(sim, "query", {"pay_type": "800208,800108", "page_size": "100"}).json()
    assert len(both["data"]) == 25
    paid = raw_call(sim, "query", {"respcd": "0000", "page_size": "100"}).json()["data"]
    assert len(paid) == 5
    some = sim_gateway.query(out_trade_no=f"{orders[3]['out_trade_no']},"
                                          f"{orders[7]['out_trade_no']}")
    assert {r["syssn"] for r in some} == {orders[3]["syssn"], orders[7]["syssn"]}


def test_record_times_are_in_the_gateway_zone(sim: Simulator) -> None:
    utc = datetime(2026, 3, 14, 1, 2, 3, tzinfo=UTC)
    record = sim.create_order(sysdtm=utc, txdtm="2026-03-14 09:00:00")
    assert (record["sysdtm"], record["txdtm"]) == ("2026-03-14 09:02:03", "2026-03-14 09:00:00")
    default = sim.create_order()
    assert default["sysdtm"] == default["txdtm"] == "2026-03-14 15:09:26"


# -- rate limit (DESIGN.md §15.2) -----------------------------------------------------------------
def test_rate_limit_answers_429_with_retry_after_per_app_code(
        make_sim: Callable[..., Simulator], make_gateway: Callable[..., Gateway]) -> None:
    limited = make_sim(rate_limit_per_minute=3)
    client = make_gateway(limited)
    for _ in range(3):
        client.query(syssn="1")
    with pytest.raises(RateLimited) as info:
        client.query(syssn="1")
    assert info.value.retry_after is not None and 1 <= info.value.retry_after <= 60
    resp = raw_call(limited, "query", {"syssn": "1"})
    assert resp.status_code == 429 and 1 <= int(resp.headers["Retry-After"]) <= 60
    # another merchant's app code has its own minute (and is then refused for its signature)
    other = raw_call(limited, "query", {"syssn": "1"}, app_code="ANOTHER-MERCHANT")
    assert other.status_code == 200 and other.json()["respcd"] == "1108"
    assert [r["http_status"] for r in limited.requests] == [200, 200, 200, 429, 429, 200]
