"""From outside, as IT would meet each shape: ``posrev void`` of a reversal-type and a
close-type payment ends ``voided`` (exit 0) with one void applied, and ``posrev credentials
check`` names the shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from posrev.simulator import Simulator

# simulator shape -> (posrev config, what credentials check must say after the two voids)
SHAPES = {
    "raw": ({}, "", ["signed (MD5 over the raw answer)", "Close: sent by GET"]),
    "fields sha256": ({"response_signature": "fields"}, '[gateway]\nsign_type = "sha256"\n',
                      ["signed (SHA-256 over the sorted answer fields)"]),
    "unsigned": ({"response_signature": "none"}, "", ["Its answers are unsigned"]),
    "close post (json refusal)": ({"close_method": "post", "close_refusal": "json"}, "",
                                  ["Close: sent by POST, as learned from this gateway."]),
    "close both": ({"close_method": "both"}, "", ["Close: sent by GET"]),
    "routing 2025": ({"routing": "2025"}, "",
                     ["800208: close -> reversal (1x)", 'consider routing = "2025"']),
    "legacy 2999": ({"legacy": True}, "", ["Routing (guide): no fallback needed so far."]),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_void_and_check_in_each_shape(shape, env, tmp_path):
    sim_kwargs, config, said = SHAPES[shape]
    home = Path(env["POSREV_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(config)
    sim = Simulator(seed=40, **sim_kwargs)
    sim.start()
    try:
        def run(*args):
            proc = subprocess.run([sys.executable, "-m", "posrev", "--base-url", sim.base_url,
                                   *args], capture_output=True, text=True, env=env, timeout=120)
            assert "Traceback" not in proc.stderr, proc.stderr
            return proc

        for pay_type in ("800108", "800208"):
            order = sim.create_order(pay_type=pay_type)
            if sim_kwargs.get("legacy"):  # "in progress" answered as 2999, then done
                sim.set_scenario(order["syssn"], in_progress_polls=1)
            proc = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--json")
            assert proc.returncode == 0, (shape, pay_type, proc.stdout, proc.stderr)
            assert json.loads(proc.stdout)["outcome"] == "voided"
            assert sim.voids_applied(order["syssn"]) == 1
        check = run("credentials", "check")
        assert check.returncode == 0, check.stderr
        for words in said:
            assert words in check.stdout, (shape, check.stdout)
    finally:
        sim.stop()


def test_check_against_answers_signed_by_no_known_method_says_what_to_do(env):
    sim = Simulator(seed=41, response_signature="wrong")
    sim.start()
    try:
        proc = subprocess.run([sys.executable, "-m", "posrev", "--base-url", sim.base_url,
                               "credentials", "check"], capture_output=True, text=True,
                              env=env, timeout=120)
    finally:
        sim.stop()
    assert proc.returncode == 4 and proc.stdout == ""
    assert "signed with another key" in proc.stderr
    assert "matches no known method" in proc.stderr
    assert 'response_signature = "ignore" only if QFPay confirms' in proc.stderr
