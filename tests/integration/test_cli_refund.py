"""``posrev refund`` and the refund parts of ``lookup``/``pending``/``journal``, run as a user
would, in a subprocess, against the simulator (the CLI is a contract)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from posrev.domain.refund import OUT_TRADE_NO_MAX

REFUND_KEYS = {"outcome", "action", "operation_id", "orig_syssn", "out_trade_no", "void_syssn",
               "txamt", "txcurrcd", "respcd", "message", "kind", "refund_out_trade_no",
               "refund_syssn", "orig_txamt"}
PIN = "246810\n"


@pytest.fixture
def run(simulator, env):
    def runner(*args, stdin="", extra_env=None):
        cmd = [sys.executable, "-m", "posrev", "--base-url", simulator.base_url]
        proc = subprocess.run(cmd + list(args), input=stdin, capture_output=True, text=True,
                              env={**env, **(extra_env or {})}, timeout=120)
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc
    return runner


@pytest.fixture
def supervised(run):
    assert run("supervisor", "add", "S1", "--name", "Sam", stdin=PIN).returncode == 0
    return run


def refund(run, syssn, *extra, stdin=PIN):
    return run("refund", "--syssn", syssn, "--cashier", "C1", "--supervisor", "S1",
               "--pin-stdin", "--reason", "Goods returned", "--json", *extra, stdin=stdin)


def test_lookup_json_gains_refundable_amount(run, simulator):
    order = simulator.create_order(respcd="0000", txamt=6800)
    data = json.loads(run("lookup", "--syssn", order["syssn"], "--json").stdout)
    assert data["refundable_amount"] == 6800
    assert data["refund"]["code"] == "refundable"
    unpaid = simulator.create_order(respcd="1143")
    data = json.loads(run("lookup", "--syssn", unpaid["syssn"], "--json").stdout)
    assert data["refundable_amount"] == 0 and data["refund"]["code"] == "not_paid"


def test_refund_json_and_exit_0_then_nothing_left_exits_1(supervised, simulator):
    order = simulator.create_order(respcd="0000", txamt=6800)
    proc = refund(supervised, order["syssn"], "--amount", "1800")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == REFUND_KEYS
    assert (data["outcome"], data["kind"], data["txamt"], data["orig_txamt"]) == (
        "refunded", "refund", 1800, 6800)
    assert data["refund_syssn"] and data["refund_syssn"] == data["void_syssn"]
    assert 0 < len(data["refund_out_trade_no"]) <= OUT_TRADE_NO_MAX
    rest = refund(supervised, order["syssn"])
    assert rest.returncode == 0 and json.loads(rest.stdout)["txamt"] == 5000
    assert simulator.refunded_amount(order["syssn"]) == 6800
    done = refund(supervised, order["syssn"])
    assert done.returncode == 1
    assert json.loads(done.stdout)["outcome"] == "not_eligible"
    assert simulator.refunds_applied(order["syssn"]) == 2


def test_refund_exit_codes_for_approval_input_and_eligibility(supervised, simulator):
    order = simulator.create_order(respcd="0000", txamt=2500)
    no_sup = supervised("refund", "--syssn", order["syssn"], "--cashier", "C1", "--reason",
                        "x", "--json")
    assert no_sup.returncode == 5 and json.loads(no_sup.stdout)["outcome"] == "needs_supervisor"
    wrong = refund(supervised, order["syssn"], stdin="111111\n")
    assert wrong.returncode == 5 and "Wrong PIN" in json.loads(wrong.stdout)["message"]
    too_much = refund(supervised, order["syssn"], "--amount", "2501")
    assert too_much.returncode == 2 and too_much.stdout == ""
    assert "At most HKD 25.00" in too_much.stderr
    bad = refund(supervised, order["syssn"], "--amount", "12.50")
    assert bad.returncode == 2 and bad.stdout == ""
    no_reason = supervised("refund", "--syssn", order["syssn"], "--cashier", "C1",
                           "--supervisor", "S1", "--pin-stdin", stdin=PIN)
    assert no_reason.returncode == 2
    unpaid = simulator.create_order(respcd="1143")
    proc = refund(supervised, unpaid["syssn"])
    assert proc.returncode == 1 and json.loads(proc.stdout)["outcome"] == "not_eligible"
    assert simulator.refund_requests(order["syssn"]) == 0
    assert simulator.refund_requests(unpaid["syssn"]) == 0


def test_refund_refused_exits_1_and_unreachable_exits_4(supervised, simulator):
    order = simulator.create_order(respcd="0000")
    simulator.set_scenario(order["syssn"], refund_balance_short=True)
    proc = refund(supervised, order["syssn"])
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert (data["outcome"], data["respcd"]) == ("failed", "1269")


def test_no_wait_exits_3_pending_lists_the_refund_with_its_kind_and_resume_finishes(
        supervised, simulator):
    order = simulator.create_order(respcd="0000")
    simulator.set_scenario(order["syssn"], refund_polls=1)
    first = refund(supervised, order["syssn"], "--no-wait")
    assert first.returncode == 3 and json.loads(first.stdout)["outcome"] == "pending"
    listed = json.loads(supervised("pending", "--json").stdout)
    assert [(o["kind"], o["orig_syssn"]) for o in listed] == [("refund", order["syssn"])]
    assert listed[0]["refund_out_trade_no"] == json.loads(first.stdout)["refund_out_trade_no"]
    text = supervised("pending").stdout
    assert " refund " in text
    # A retried 'posrev refund' resumes our own refund: no second approval, no second refund.
    again = supervised("refund", "--syssn", order["syssn"], "--cashier", "C1", "--reason", "x",
                       "--json", "--no-wait")
    assert again.returncode in (0, 3) and "already under way" in again.stderr
    resumed = supervised("pending", "--resume", "--json")
    assert resumed.returncode == 0
    assert [(o["kind"], o["outcome"]) for o in json.loads(resumed.stdout)] in (
        [("refund", "refunded")], [])
    assert simulator.refunds_applied(order["syssn"]) == 1
    journal = json.loads(supervised("journal", "--json").stdout)
    assert [(o["kind"], o["outcome"]) for o in journal] == [("refund", "refunded")]


def test_a_lost_void_race_then_refund_from_the_cli(supervised, simulator):
    order = simulator.create_order(respcd="1143", txamt=4500)
    simulator.set_scenario(order["syssn"], customer_pays_first=True)
    voided = supervised("void", "--syssn", order["syssn"], "--cashier", "C1", "--json")
    assert voided.returncode == 1 and json.loads(voided.stdout)["outcome"] == "refund_required"
    proc = refund(supervised, order["syssn"])
    assert proc.returncode == 0 and json.loads(proc.stdout)["outcome"] == "refunded"
    journal = json.loads(supervised("journal", "--json").stdout)
    assert [o["kind"] for o in journal] == ["refund", "void"]


def test_refund_with_the_gateway_unreachable_exits_4_and_journals_nothing(run, env):
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "posrev", "--base-url", f"http://127.0.0.1:{port}", "refund",
           "--syssn", "12345678901234567890", "--cashier", "C1", "--supervisor", "S1",
           "--pin-stdin", "--reason", "x", "--json"]
    proc = subprocess.run(cmd, input=PIN, capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 4 and proc.stdout == ""
    assert "nothing was sent" in proc.stderr
    assert json.loads(run("journal", "--json").stdout) == []
