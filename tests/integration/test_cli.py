"""The command line is a contract checked from outside the repo (DESIGN.md §7): run it as a
user would, in a subprocess, against the simulator."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posrev.simulator import DEMO_APP_CODE

LOOKUP_KEYS = {"found", "transaction", "candidates", "verdict", "refundable_amount", "refund"}
TXN_KEYS = {"syssn", "out_trade_no", "txamt", "txcurrcd", "pay_type", "respcd", "cancel",
            "txdtm", "sysdtm", "order_type"}
VERDICT_KEYS = {"code", "action", "needs_supervisor", "supervisor_reasons", "message"}
VOID_KEYS = {"outcome", "action", "operation_id", "orig_syssn", "out_trade_no", "void_syssn",
             "txamt", "txcurrcd", "respcd", "message"}


@pytest.fixture
def run(simulator, env):
    def runner(*args, stdin="", base=True, extra_env=None):
        cmd = [sys.executable, "-m", "posrev"]
        if base:
            cmd += ["--base-url", simulator.base_url]
        proc = subprocess.run(cmd + list(args), input=stdin, capture_output=True, text=True,
                              env={**env, **(extra_env or {})}, timeout=120)
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc
    return runner


def test_lookup_json_shape_and_exit_codes(run, simulator):
    order = simulator.create_order(out_trade_no="SHOP-1", txamt=2500)
    proc = run("lookup", "--out-trade-no", "SHOP-1", "--json")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert set(data) == LOOKUP_KEYS and data["found"] is True and data["candidates"] == []
    assert set(data["transaction"]) == TXN_KEYS
    assert data["transaction"]["txamt"] == 2500 and isinstance(data["transaction"]["cancel"], int)
    assert data["transaction"]["syssn"] == order["syssn"]
    assert set(data["verdict"]) == VERDICT_KEYS
    assert (data["verdict"]["code"], data["verdict"]["action"]) == ("reversible", "reversal")

    missing = run("lookup", "--syssn", "12345678901234567890", "--json")
    assert missing.returncode == 1
    assert json.loads(missing.stdout)["verdict"]["code"] == "not_found"
    assert json.loads(missing.stdout)["transaction"] is None


def test_paid_lookup_exits_0_and_says_refund(run, simulator):
    order = simulator.create_order(respcd="0000")
    proc = run("lookup", "--syssn", order["syssn"], "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["verdict"]["action"] == "refund"


def test_several_payments_are_candidates_and_void_exits_2_listing_them(run, simulator):
    a = simulator.create_order(out_trade_no="DUP-1")
    b = simulator.create_order(out_trade_no="DUP-1")
    data = json.loads(run("lookup", "--out-trade-no", "DUP-1", "--json").stdout)
    assert sorted(c["syssn"] for c in data["candidates"]) == sorted([a["syssn"], b["syssn"]])
    proc = run("void", "--out-trade-no", "DUP-1", "--cashier", "C1", "--json")
    assert proc.returncode == 2 and proc.stdout == ""
    assert a["syssn"] in proc.stderr and b["syssn"] in proc.stderr


def test_void_json_and_exit_0(run, simulator):
    order = simulator.create_order(txamt=1234)
    proc = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == VOID_KEYS
    assert (data["outcome"], data["action"], data["txamt"]) == ("voided", "reversal", 1234)
    assert data["orig_syssn"] == order["syssn"] and data["void_syssn"]
    assert "sending" in proc.stderr  # progress goes to stderr


@pytest.mark.parametrize("respcd, outcome, code", [
    ("0000", "refund_required", 1), ("1202", "not_eligible", 1)])
def test_void_of_ineligible_payments(run, simulator, respcd, outcome, code):
    order = simulator.create_order(respcd=respcd)
    proc = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--json")
    assert proc.returncode == code and json.loads(proc.stdout)["outcome"] == outcome
    assert simulator.void_requests(order["syssn"]) == 0


def test_supervisor_required_then_refused_then_approved(run, simulator):
    order = simulator.create_order(txamt=90000)
    proc = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--json")
    assert proc.returncode == 5 and json.loads(proc.stdout)["outcome"] == "needs_supervisor"
    assert run("supervisor", "add", "S1", "--name", "Sam", stdin="246810\n").returncode == 0
    wrong = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--supervisor", "S1",
                "--pin-stdin", "--reason", "Customer left", "--json", stdin="111111\n")
    assert wrong.returncode == 5 and "Wrong PIN" in json.loads(wrong.stdout)["message"]
    own = run("void", "--syssn", order["syssn"], "--cashier", "S1", "--supervisor", "S1",
              "--pin-stdin", "--reason", "Customer left", "--json", stdin="246810\n")
    assert own.returncode == 5
    ok = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--supervisor", "S1",
             "--pin-stdin", "--reason", "Customer left", "--json", stdin="246810\n")
    assert ok.returncode == 0 and json.loads(ok.stdout)["outcome"] == "voided"
    assert simulator.voids_applied(order["syssn"]) == 1


def test_no_wait_exits_3_and_pending_resume_finishes(run, simulator):
    order = simulator.create_order()
    simulator.set_scenario(order["syssn"], in_progress_polls=1)
    first = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--no-wait", "--json")
    assert first.returncode == 3 and json.loads(first.stdout)["outcome"] == "pending"
    listed = json.loads(run("pending", "--json").stdout)
    assert [o["orig_syssn"] for o in listed] == [order["syssn"]]
    resumed = run("pending", "--resume", "--json")
    assert resumed.returncode == 0
    assert [o["outcome"] for o in json.loads(resumed.stdout)] == ["voided"]
    nothing = run("pending", "--resume", "--json")
    assert nothing.returncode == 0 and json.loads(nothing.stdout) == []


@pytest.mark.parametrize("args", [
    ["lookup", "--syssn", "12AB"], ["lookup"], ["void", "--syssn", "1"],
    ["lookup", "--syssn", "1", "--out-trade-no", "x"], ["frobnicate"],
    ["lookup", "--out-trade-no", "has space"],
])
def test_bad_input_exits_2_with_one_sentence_and_empty_stdout(run, args):
    proc = run(*args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1


def test_no_credentials_exits_4(run, env):
    proc = run("lookup", "--syssn", "1", extra_env={"POSREV_APP_CODE": "",
                                                     "POSREV_CLIENT_KEY": ""})
    assert proc.returncode == 4 and proc.stdout == ""
    assert "credentials" in proc.stderr


def test_wrong_key_exits_4(run):
    proc = run("lookup", "--syssn", "1", extra_env={"POSREV_CLIENT_KEY": "F" * 32})
    assert proc.returncode == 4 and "1108" in proc.stderr


def test_unreachable_gateway_exits_4_and_nothing_was_sent(run, simulator):
    order = simulator.create_order()
    url = simulator.base_url
    simulator.stop()
    proc = run("--base-url", url, "void", "--syssn", order["syssn"], "--cashier", "C1",
               "--json", base=False)
    assert proc.returncode == 4 and proc.stdout == ""


def test_http_to_a_remote_host_is_refused(run):
    proc = run("--base-url", "http://example.com", "lookup", "--syssn", "1", base=False)
    assert proc.returncode == 4 and "https" in proc.stderr


def test_journal_csv_and_json(run, simulator, tmp_path):
    order = simulator.create_order()
    run("void", "--syssn", order["syssn"], "--cashier", "C1")
    out = tmp_path / "voids.csv"
    assert run("journal", "--csv", str(out)).returncode == 0
    with out.open(encoding="utf-8", newline="") as exported:
        rows = list(csv.DictReader(exported))
    assert [(r["orig_syssn"], r["outcome"], r["cashier"]) for r in rows] == \
        [(order["syssn"], "voided", "C1")]
    listed = json.loads(run("journal", "--json").stdout)
    assert listed[0]["outcome"] == "voided"
    assert run("journal", "--since", "2026-13-01").returncode == 2


def test_credentials_show_is_masked(run):
    proc = run("credentials", "show")
    assert proc.returncode == 0 and DEMO_APP_CODE not in proc.stdout
    assert DEMO_APP_CODE[:4] + "…****" in proc.stdout


def test_credentials_check_tells_wrong_key_from_dead_network(run, simulator):
    assert run("credentials", "check").returncode == 0
    assert run("credentials", "check", extra_env={"POSREV_CLIENT_KEY": "F" * 32}).returncode == 4
    url = simulator.base_url
    simulator.stop()
    dead = run("--base-url", url, "credentials", "check", base=False)
    assert dead.returncode == 4 and dead.stderr != ""


def test_demo_mode_works_with_no_credentials_at_all(run):
    proc = run("--demo", "lookup", "--out-trade-no", "DEMO-REVERSE", "--json", base=False,
               extra_env={"POSREV_APP_CODE": "", "POSREV_CLIENT_KEY": ""})
    assert proc.returncode == 0 and json.loads(proc.stdout)["verdict"]["code"] == "reversible"


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.text(max_size=200), flag=st.sampled_from(["--syssn", "--out-trade-no"]))
def test_fuzzed_lookup_input_is_a_clear_answer_never_a_traceback(
        simulator, env, monkeypatch, capsys, raw, flag):
    from posrev.cli import main

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    code = main(["--base-url", simulator.base_url, "lookup", flag, raw, "--json"])
    out, err = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    if code == 2:
        assert out == "" and len(err.strip().splitlines()) == 1
    else:
        assert json.loads(out)["verdict"]["code"] == "not_found"


def test_posrev_simulator_takes_its_own_options_and_prints_json_first(env):
    proc = subprocess.Popen([sys.executable, "-m", "posrev", "simulator", "--port", "0",
                             "--demo-data"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        first = json.loads(proc.stdout.readline())
        assert first["base_url"].startswith("http://127.0.0.1:")
        assert set(first) == {"base_url", "app_code", "client_key"}
        looked = subprocess.run(
            [sys.executable, "-m", "posrev", "--base-url", first["base_url"], "lookup",
             "--out-trade-no", "DEMO-REVERSE", "--json"],
            env={**env, "POSREV_APP_CODE": first["app_code"],
                 "POSREV_CLIENT_KEY": first["client_key"]},
            capture_output=True, text=True, timeout=60)
        assert json.loads(looked.stdout)["verdict"]["code"] == "reversible"
    finally:
        proc.terminate()
        proc.communicate(timeout=20)  # waits and closes both pipes
    assert proc.returncode == 0


def test_selftest_takes_its_own_options(run):
    proc = run("selftest", "--help", base=False)
    assert proc.returncode == 0 and "--platform" in proc.stdout


def test_pending_resume_without_credentials_exits_4_with_empty_stdout(run, simulator):
    # '[]' would tell a script that nothing is pending, while a void is unresolved.
    order = simulator.create_order()
    simulator.set_scenario(order["syssn"], in_progress_polls=5)
    first = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--no-wait", "--json")
    assert first.returncode == 3
    proc = run("pending", "--resume", "--json", extra_env={"POSREV_APP_CODE": "",
                                                           "POSREV_CLIENT_KEY": ""})
    assert proc.returncode == 4 and proc.stdout == ""
    assert "credentials" in proc.stderr
    assert [o["orig_syssn"] for o in json.loads(run("pending", "--json").stdout)] == \
        [order["syssn"]]


def test_retrying_a_void_after_exit_3_reports_our_own_voids_outcome(run, simulator):
    order = simulator.create_order()
    simulator.set_scenario(order["syssn"], in_progress_polls=1)
    first = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--no-wait", "--json")
    assert first.returncode == 3
    run("lookup", "--syssn", order["syssn"])  # meanwhile the gateway completes the void
    again = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--json")
    assert again.returncode == 0, again.stdout + again.stderr
    data = json.loads(again.stdout)
    assert data["outcome"] == "voided"
    assert data["operation_id"] == json.loads(first.stdout)["operation_id"]
    assert simulator.void_requests(order["syssn"]) == 1


def test_an_unexpected_error_after_the_void_left_exits_3_never_4(simulator, env, monkeypatch,
                                                                  capsys):
    """A bug met after the request reached the gateway: not an environment error 'before
    anything was sent' (exit 4) but a journaled void whose outcome is still to be learnt."""
    from posrev.cli import main
    from posrev.gateway.client import Gateway

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    order = simulator.create_order(out_trade_no="SHOP-BUG", txamt=1200)
    real = Gateway.reversal

    def reversal_then_bug(self, params):  # type: ignore[no-untyped-def]
        real(self, params)
        raise RuntimeError("a bug after the answer")

    monkeypatch.setattr(Gateway, "reversal", reversal_then_bug)
    code = main(["--base-url", simulator.base_url, "void", "--out-trade-no", "SHOP-BUG",
                 "--cashier", "C001"])
    out, err = capsys.readouterr()
    assert simulator.voids_applied(order["syssn"]) == 1
    assert code == 3, err
    assert "nothing was sent" not in err and "not known yet" in err
    monkeypatch.setattr(Gateway, "reversal", real)
    code = main(["--base-url", simulator.base_url, "pending", "--resume", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert [o["outcome"] for o in json.loads(out)] == ["voided"]
    assert simulator.voids_applied(order["syssn"]) == 1
