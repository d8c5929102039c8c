"""Each error class of the gateway client, against the real simulator over HTTP."""

from __future__ import annotations

import socket

import pytest

from posrev.errors import ConfigError
from posrev.gateway.client import (
    Gateway,
    GatewayRefusal,
    MethodRefused,
    NotSent,
    RateLimited,
    UnknownOutcome,
    WrongCredentials,
)
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator


def client(sim: Simulator, **kw) -> Gateway:
    kw.setdefault("read_timeout", 2.0)
    return Gateway(sim.base_url, DEMO_APP_CODE, kw.pop("key", DEMO_CLIENT_KEY), **kw)


def void_params(order: dict) -> dict:
    return {"syssn": order["syssn"], "txamt": order["txamt"], "txdtm": order["txdtm"],
            "udid": "T-1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_query_returns_records(simulator):
    order = simulator.create_order()
    rows = client(simulator).query(syssn=order["syssn"])
    assert [r["syssn"] for r in rows] == [order["syssn"]]


def test_sha256_signing_is_accepted(simulator):
    order = simulator.create_order()
    assert client(simulator, sign_type="sha256").query(syssn=order["syssn"])


def test_wrong_key_is_wrong_credentials(simulator):
    with pytest.raises(WrongCredentials) as err:
        client(simulator, key="0" * 32).query(syssn="1" * 20)
    assert "1108" in str(err.value) and "0" * 32 not in str(err.value)


def test_refusal_keeps_the_code(simulator):
    with pytest.raises(GatewayRefusal) as err:
        client(simulator).query(syssn="1", page_size=101)
    assert err.value.respcd == "1104"


def test_closed_port_is_not_sent():
    gw = Gateway(f"http://127.0.0.1:{free_port()}", DEMO_APP_CODE, DEMO_CLIENT_KEY)
    with pytest.raises(NotSent) as err:
        gw.reversal({"syssn": "1", "txamt": 1, "txdtm": "2026-01-01 00:00:00"})
    assert "nothing was sent" in str(err.value)


def test_rate_limit_carries_retry_after(simulator):
    simulator.fault("rate_limit")
    with pytest.raises(RateLimited) as err:
        client(simulator).query(syssn="1")
    assert err.value.retry_after == 1


@pytest.mark.parametrize("fault, words", [
    ("drop", "dropped"), ("http500", "HTTP 500"), ("non_json", "not JSON"),
    ("bad_signature", "signature"), ("latency:3", "no answer within"),
])
def test_lost_or_unreadable_answers_are_unknown_outcomes(simulator, fault, words):
    order = simulator.create_order()
    simulator.fault(fault, endpoint="reversal")
    with pytest.raises(UnknownOutcome) as err:
        client(simulator, read_timeout=1.0).reversal(void_params(order))
    assert words in str(err.value)


def test_reversal_answers_are_returned_not_raised(simulator):
    order = simulator.create_order(respcd="0000")
    answer = client(simulator).reversal(void_params(order))
    assert answer.respcd == "1260"


def test_close_is_a_get_with_a_post_fallback_on_405(simulator):
    order = simulator.create_order(pay_type="800208")
    assert client(simulator).close(void_params(order)).respcd == "0000"
    assert simulator.requests[-1]["method"] == "GET"
    with Simulator(seed=1, close_post_only=True) as strict:
        order = strict.create_order(pay_type="800208")
        assert client(strict).close(void_params(order)).respcd == "0000"
        assert [r["method"] for r in strict.requests] == ["GET", "POST"]
        assert [r["http_status"] for r in strict.requests] == [405, 200]


def test_plain_http_only_to_loopback():
    with pytest.raises(ConfigError):
        Gateway("http://gateway.example.com", "a", "b")
    Gateway("https://openapi-hk.qfapi.com", "a", "b")  # accepted, nothing sent
    Gateway("http://127.0.0.1:9", "a", "b")


def test_repr_never_shows_secrets():
    gw = Gateway("http://127.0.0.1:9", "APPCODE-SECRET", "CLIENT-KEY-SECRET")
    assert "SECRET" not in repr(gw)


def test_every_exchange_is_reported_without_secrets(simulator):
    seen = []
    gw = client(simulator)
    gw.on_exchange = seen.append
    gw.query(syssn="1" * 20)
    assert seen[0].endpoint == "/trade/v1/query" and seen[0].http_status == 200
    assert DEMO_CLIENT_KEY not in repr(seen[0]) and DEMO_APP_CODE not in repr(seen[0])


def test_a_405_to_a_post_is_a_gateway_error_not_a_crash():
    # Only the close GET falls back to POST on 405. A 405 to a POST (a proxy or WAF in front
    # of the gateway) must reach the void runner as a gateway error, like any unexpected
    # HTTP status, or the void stops in the middle and the CLI reports an internal error.
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Refuse(BaseHTTPRequestHandler):
        def _refuse(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = _refuse

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        gw = Gateway(f"http://127.0.0.1:{server.server_port}", DEMO_APP_CODE, DEMO_CLIENT_KEY)
        params = {"syssn": "1" * 20, "txamt": 1, "txdtm": "2026-11-26 12:00:00", "udid": "T"}
        with pytest.raises(UnknownOutcome):
            gw.reversal(params)
        # A close refused by method on both GET and POST applied nothing: a refusal, said so.
        with pytest.raises(MethodRefused) as refused:
            gw.close(params)
        assert "nothing was voided" in str(refused.value)
        assert "GET and POST" in str(refused.value) and "auto" not in str(refused.value)
        with pytest.raises(UnknownOutcome):
            gw.query(syssn="1" * 20)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("said, reason", [
    ("[Errno 111] Connection refused", "connection refused"),
    ("[Errno -2] Name or service not known", "name or service not known"),
    ("[Errno 113] No route to host", "no route to host"),
    ("[Errno 101] Network is unreachable", "network is unreachable"),
    ("[Errno 8] nodename nor servname provided, or not known", "nodename nor servname"),
    ("[Errno 11001] getaddrinfo failed", "getaddrinfo failed"),
    ("[WinError 10061] No connection could be made because the target machine actively "
     "refused it", "actively refused"),
    ("connect timed out", "timed out"),
    ("something else entirely", "connection failed"),
])
def test_a_connection_that_never_opened_is_named_in_the_systems_own_words(said, reason):
    """Linux, macOS and Windows word a failed connection differently; the reason the CLI
    prints (and the journal keeps) is the system's words, as it always was."""
    from posrev.gateway.client import NotSent, _short_reason

    assert NotSent(_short_reason(OSError(said))).reason == reason


def test_a_page_that_is_not_json_is_named_so_even_where_answers_must_be_signed(simulator):
    """An error page (a proxy's HTML) is unsigned too: what is wrong with it is that it is
    not the gateway's JSON, and that is its reason (it once read "unsigned")."""
    order = simulator.create_order()
    simulator.fault("non_json", endpoint="reversal")
    with pytest.raises(UnknownOutcome) as err:
        client(simulator, response_signature="verify").reversal(void_params(order))
    assert err.value.reason == "the answer is not JSON"
