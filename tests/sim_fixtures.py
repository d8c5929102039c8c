"""Fixtures and helpers for tests that need a running gateway simulator.

Use with ``pytest_plugins = ["sim_fixtures"]`` (or import it from a conftest). Every
simulator a fixture starts is stopped at teardown. No assertions live here, so the module
opts out of assertion rewriting (it is imported before pytest could rewrite it):
PYTEST_DONT_REWRITE
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from fakeclock import FakeClock

from posrev.gateway.client import Gateway
from posrev.gateway.signing import sign
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator

HK = ZoneInfo("Asia/Hong_Kong")
# A mid-month instant, so "this calendar month" has room on both sides.
SIM_NOW = datetime(2026, 3, 14, 15, 9, 26, tzinfo=HK)


@pytest.fixture
def sim_clock() -> FakeClock:
    """The simulator's clock, at ``SIM_NOW`` until a test advances it."""
    return FakeClock(SIM_NOW)


@pytest.fixture
def make_sim(sim_clock: FakeClock) -> Iterator[Callable[..., Simulator]]:
    """``make_sim(**Simulator kwargs)`` -> a started simulator (clock: ``sim_clock``)."""
    started: list[Simulator] = []

    def factory(**kwargs: Any) -> Simulator:
        kwargs.setdefault("clock", sim_clock)
        simulator = Simulator(**kwargs)
        simulator.start()
        started.append(simulator)
        return simulator

    yield factory
    for simulator in started:
        simulator.stop()


@pytest.fixture
def simulator(make_sim: Callable[..., Simulator]) -> Simulator:
    """A started simulator with the demo credentials, seed 7, on real (gateway-zone) time:
    for App, CLI and window tests, whose orders are timed by the terminal's real clock."""
    return make_sim(seed=7, clock=None)


@pytest.fixture
def sim(make_sim: Callable[..., Simulator]) -> Simulator:
    """A started simulator with the demo credentials, seed 0 and ``sim_clock``."""
    return make_sim(seed=0)


@pytest.fixture
def make_gateway(sim: Simulator) -> Iterator[Callable[..., Gateway]]:
    """``make_gateway(**Gateway kwargs)`` -> a client of ``sim`` (demo credentials)."""
    made: list[Gateway] = []

    def factory(target: Simulator | None = None, **kwargs: Any) -> Gateway:
        target = target or sim
        kwargs.setdefault("read_timeout", 5.0)
        kwargs.setdefault("connect_timeout", 2.0)
        client = Gateway(str(target.base_url), kwargs.pop("app_code", target.app_code),
                         kwargs.pop("client_key", DEMO_CLIENT_KEY), **kwargs)
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close_session()


@pytest.fixture
def sim_gateway(make_gateway: Callable[..., Gateway]) -> Gateway:
    """A ``Gateway`` client of ``sim`` with the demo credentials."""
    return make_gateway()


def void_params(record: Mapping[str, Any], **overrides: Any) -> dict[str, Any]:
    """The parameters posrev sends to void ``record``: both ids, amount and original time."""
    params: dict[str, Any] = {"syssn": record["syssn"], "out_trade_no": record["out_trade_no"],
                              "txamt": record["txamt"], "txdtm": record["txdtm"]}
    params.update(overrides)
    return {k: v for k, v in params.items() if v is not None}


def raw_call(sim: Simulator, endpoint: str, params: Mapping[str, str], *,
             method: str = "POST", key: str = DEMO_CLIENT_KEY, app_code: str = DEMO_APP_CODE,
             sign_type: str = "md5", signature: str | None = None,
             headers: Mapping[str, str] | None = None, timeout: float = 5.0) -> requests.Response:
    """A request the ``Gateway`` client would refuse to send (lowercase or bad signatures,
    empty or repeated parameters, wrong methods), signed the guide's way unless told."""
    all_headers = {"X-QF-APPCODE": app_code,
                   "X-QF-SIGN": signature if signature is not None
                   else sign(params, key, sign_type)}
    if sign_type == "sha256":
        all_headers["X-QF-SIGNTYPE"] = "SHA256"
    all_headers.update(headers or {})
    url = f"{sim.base_url}/trade/v1/{endpoint}"
    if method == "GET":
        return requests.get(url, params=dict(params), headers=all_headers, timeout=timeout)
    return requests.request(method, url, data=dict(params), headers=all_headers,
                            timeout=timeout)
