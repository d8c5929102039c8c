"""Shared fixtures. Core tests need no Qt and no network beyond the loopback simulator."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from fakeclock import FakeClock

from posrev.app import App, AppOptions
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY

pytest_plugins = ["sim_fixtures", "keyring_fixtures", "pg_fixtures"]


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """A portable home and the simulator's demo credentials, for App and CLI runs."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("POSREV_")},
            "POSREV_HOME": str(tmp_path / "home"),
            "POSREV_APP_CODE": DEMO_APP_CODE, "POSREV_CLIENT_KEY": DEMO_CLIENT_KEY}


@pytest.fixture
def clock() -> FakeClock:
    """Starts at the real now (the simulator's orders are timed in real time) and moves only
    when the void runner sleeps, so polling tests run instantly."""
    return FakeClock(datetime.now(UTC))


@pytest.fixture
def make_app(simulator, env, clock) -> Iterator[Callable[..., App]]:
    apps: list[App] = []

    def factory(**options) -> App:
        opts = AppOptions(base_url=options.pop("base_url", simulator.base_url), **options)
        app = App.open(opts, clock=clock, environ=env)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        app.close()


@pytest.fixture
def app(make_app) -> App:
    return make_app()
