"""Kill -9 at every step of a refund, then restart: exactly one refund is applied.

A real ``posrev refund`` process is killed with SIGKILL after the intent is journaled, after
the refund is marked as being sent, while the request is at the gateway (the simulator kills
the client as the request arrives, then applies the refund), after the answer arrived, and
during polling. ``posrev pending --resume`` then ends it: the gateway applied exactly one
refund, every send carried the same refund number, at most 3 sends, and it ends refunded.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REFUND = "/trade/v1/refund"
PIN = "246810\n"


@pytest.fixture(autouse=True)
def short_timeouts(env):
    home = Path(env["POSREV_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[gateway]\nconnect_timeout = 1\nread_timeout = 3\n")


LAUNCHER = str(Path(__file__).resolve().parents[1] / "crash_launcher.py")


def posrev(env, base_url, *args, stdin="", crash_at=None):
    """``posrev --base-url URL ARGS``; with ``crash_at``, SIGKILLed at that step
    (``crash_launcher.py`` wraps the step's method before the command line runs)."""
    head = [LAUNCHER, crash_at] if crash_at else ["-m", "posrev"]
    return subprocess.run(
        [sys.executable, *head, "--base-url", base_url, *args],
        env=env, capture_output=True, text=True, timeout=120, input=stdin)


REFUND_ARGS = ["--cashier", "C001", "--supervisor", "S1", "--pin-stdin", "--reason",
               "Goods returned", "--json"]


@pytest.mark.parametrize("step", ["after_intent", "before_request", "at_gateway",
                                  "after_answer", "during_poll"])
def test_kill_at_each_step_of_a_refund_then_resume(simulator, env, step):
    assert posrev(env, simulator.base_url, "supervisor", "add", "S1", "--name", "Sam",
                  stdin=PIN).returncode == 0
    order = simulator.create_order(respcd="0000", txamt=6800)
    syssn = order["syssn"]
    if step == "during_poll":
        simulator.set_scenario(syssn, refund_polls=2)
    args = ["refund", "--syssn", syssn, *REFUND_ARGS]
    if step == "at_gateway":
        victim: dict[str, int] = {}

        def kill_on_arrival(info):
            if info["endpoint"] == REFUND and "pid" in victim:
                os.kill(victim["pid"], signal.SIGKILL)
        simulator.on_request = kill_on_arrival
        proc = subprocess.Popen(
            [sys.executable, "-m", "posrev", "--base-url", simulator.base_url, *args],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.PIPE,
            text=True)
        victim["pid"] = proc.pid
        proc.communicate(PIN, timeout=120)
        returncode = proc.returncode
        simulator.on_request = None
    else:
        returncode = posrev(env, simulator.base_url, *args, stdin=PIN,
                            crash_at=step).returncode
    assert returncode == -signal.SIGKILL

    listed = json.loads(posrev(env, simulator.base_url, "pending", "--json").stdout)
    assert [(o["kind"], o["orig_syssn"]) for o in listed] == [("refund", syssn)]

    resumed = posrev(env, simulator.base_url, "pending", "--resume", "--json")
    assert resumed.returncode == 0, resumed.stderr
    outcomes = json.loads(resumed.stdout)
    assert [(o["orig_syssn"], o["outcome"], o["txamt"]) for o in outcomes] == [
        (syssn, "refunded", 6800)]

    sends = [r for r in simulator.requests if r["endpoint"] == REFUND]
    assert simulator.refunds_applied(syssn) == 1
    assert simulator.refunded_amount(syssn) == 6800
    assert 1 <= len(sends) <= 3
    assert {r["params"]["out_trade_no"] for r in sends} == {listed[0]["refund_out_trade_no"]}
    assert json.loads(posrev(env, simulator.base_url, "pending", "--json").stdout) == []
    # Nothing is left to refund, so a new 'posrev refund' is refused before any send.
    again = posrev(env, simulator.base_url, "refund", "--syssn", syssn, *REFUND_ARGS, stdin=PIN)
    assert again.returncode == 1 and json.loads(again.stdout)["outcome"] == "not_eligible"
    assert len([r for r in simulator.requests if r["endpoint"] == REFUND]) == len(sends)
