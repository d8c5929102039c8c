"""Kill -9 at every step of a void, then restart (DESIGN.md §14).

A real ``posrev void`` process is killed with SIGKILL: after the intent is journaled, after
the void is marked as being sent, while the request is at the gateway (the simulator kills
the client as the request arrives, then applies the void), after the answer arrived, and
during polling. Then ``posrev pending --resume`` must end it: the gateway applied exactly one
void, no void was sent after the gateway had completed one, at most 3 sends, and the outcome
is final and right.
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

VOID = {"reversal": "/trade/v1/reversal", "close": "/trade/v1/close"}
PAY_TYPE = {"reversal": "800108", "close": "800208"}


@pytest.fixture(autouse=True)
def short_timeouts(env):
    """A send killed in flight is taken over only once its request could no longer be at
    the gateway (connect + read timeout + a margin): short timeouts keep these tests quick."""
    home = Path(env["POSREV_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[gateway]\nconnect_timeout = 1\nread_timeout = 3\n")


LAUNCHER = str(Path(__file__).resolve().parents[1] / "crash_launcher.py")


def posrev(env, base_url, *args, crash_at=None):
    """``posrev --base-url URL ARGS``; with ``crash_at``, SIGKILLed at that step of a void
    (``crash_launcher.py`` wraps the step's method before the command line runs)."""
    head = [LAUNCHER, crash_at] if crash_at else ["-m", "posrev"]
    return subprocess.run(
        [sys.executable, *head, "--base-url", base_url, *args],
        env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("action", ["reversal", "close"])
@pytest.mark.parametrize("step", ["after_intent", "before_request", "at_gateway",
                                  "after_answer", "during_poll"])
def test_kill_at_each_step_then_resume(simulator, env, action, step):
    order = simulator.create_order(pay_type=PAY_TYPE[action], respcd="1143")
    syssn = order["syssn"]
    if step == "during_poll":
        simulator.set_scenario(syssn, in_progress_polls=2)
    victim: dict[str, int] = {}
    if step == "at_gateway":
        def kill_on_arrival(info):
            if info["endpoint"] == VOID[action] and "pid" in victim:
                os.kill(victim["pid"], signal.SIGKILL)
        simulator.on_request = kill_on_arrival
        proc = subprocess.Popen(
            [sys.executable, "-m", "posrev", "--base-url", simulator.base_url, "void",
             "--syssn", syssn, "--cashier", "C001", "--json"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        victim["pid"] = proc.pid
        proc.communicate(timeout=120)
        returncode = proc.returncode
        simulator.on_request = None
    else:
        returncode = posrev(env, simulator.base_url, "void", "--syssn", syssn,
                            "--cashier", "C001", "--json",
                            crash_at=step).returncode
    assert returncode == -signal.SIGKILL

    listed = posrev(env, simulator.base_url, "pending", "--json")
    assert [o["orig_syssn"] for o in json.loads(listed.stdout)] == [syssn]

    resumed = posrev(env, simulator.base_url, "pending", "--resume", "--json")
    assert resumed.returncode == 0, resumed.stderr
    outcomes = json.loads(resumed.stdout)
    assert [(o["orig_syssn"], o["outcome"]) for o in outcomes] == [(syssn, "voided")]

    voids = [r for r in simulator.requests if r["endpoint"] == VOID[action]]
    assert simulator.voids_applied(syssn) == 1
    assert 1 <= len(voids) <= 3
    # A repeat after the gateway had completed the void would be answered 1263/1264.
    assert not [r for r in voids if r["respcd"] in ("1263", "1264")]
    assert json.loads(posrev(env, simulator.base_url, "pending", "--json").stdout) == []


def test_a_second_process_does_not_send_a_second_void(simulator, env):
    order = simulator.create_order(respcd="1143")
    simulator.set_scenario(order["syssn"], in_progress_polls=2)
    first = posrev(env, simulator.base_url, "void", "--syssn", order["syssn"], "--cashier",
                   "C001", "--no-wait", "--json")
    assert first.returncode == 3 and json.loads(first.stdout)["outcome"] == "pending"
    second = posrev(env, simulator.base_url, "void", "--syssn", order["syssn"], "--cashier",
                    "C002", "--json")
    assert second.returncode == 0 and json.loads(second.stdout)["outcome"] == "voided"
    assert json.loads(second.stdout)["operation_id"] == json.loads(first.stdout)["operation_id"]
    assert simulator.void_requests(order["syssn"]) == 1
