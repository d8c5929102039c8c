"""The fault-injection suite (README.md, "Reliability"): a full disk at every step of a void
(a real small tmpfs when this process may mount one, and always a disk model at the SQLite
layer), a read-only folder, a locked file, a damaged page, a journal deleted or replaced while
a void runs. Each test checks that the gateway applied at most one void, that what the cashier
was told (exit code and sentence) matches what happened, and that once the fault is removed
``posrev pending --resume`` ends every operation final.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from faultkit import drop_file_logging

from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY

_SPENT = {"seconds": 0.0, "tests": 0}


def pytest_runtest_logreport(report):  # type: ignore[no-untyped-def]
    """Setup, call and teardown of every test of this folder, added up."""
    if "tests/faults/" in report.nodeid.replace("\\", "/"):
        _SPENT["seconds"] += report.duration
        _SPENT["tests"] += report.when == "call"


def pytest_terminal_summary(terminalreporter):  # type: ignore[no-untyped-def]
    if _SPENT["tests"]:
        terminalreporter.write_line(f"tests/faults: {_SPENT['tests']} tests in "
                                    f"{_SPENT['seconds']:.1f} s (target < 60 s)")


@pytest.fixture(autouse=True)
def _no_shared_log_file():  # type: ignore[no-untyped-def]
    drop_file_logging()
    yield
    drop_file_logging()


def make_home(home: Path) -> None:
    """Short gateway timeouts, so a send whose outcome could not be journaled (it stays
    ``sending``) is taken over by a resume quickly."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[gateway]\nconnect_timeout = 0.5\nread_timeout = 1\n")


@pytest.fixture
def use_home(monkeypatch):  # type: ignore[no-untyped-def]
    """``use_home(path)``: this process's posrev uses ``path`` (with the demo credentials)."""
    for name in list(os.environ):
        if name.startswith("POSREV_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("POSREV_APP_CODE", DEMO_APP_CODE)
    monkeypatch.setenv("POSREV_CLIENT_KEY", DEMO_CLIENT_KEY)
    # Quicker in this process only: the lease of an unrecorded send, the polling schedule.
    monkeypatch.setattr("posrev.domain.void.SEND_MARGIN", 0.5)
    monkeypatch.setattr("posrev.domain.void.MIN_POLL_GAP", 0.2)
    monkeypatch.setattr("posrev.domain.void.poll_delay", lambda elapsed: 0.2)

    def use(home: Path) -> Path:
        make_home(home)
        monkeypatch.setenv("POSREV_HOME", str(home))
        return home

    return use
