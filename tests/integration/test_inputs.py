"""Hostile input (issue 9, points 6–11): profile names, typed identifiers, what the journal
prints back, config size and base_url, PINs on the command line, ``supervisor list``.

The CLI runs in-process here (``posrev.cli.main``) with a throw-away ``POSREV_HOME``; the
subprocess contract tests are in ``test_cli.py``."""

from __future__ import annotations

import csv
import json
import os
import re
from datetime import datetime
from pathlib import Path

import pytest

from posrev import cli
from posrev.clock import Clock
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY
from posrev.supervisors import SupervisorLocked, SupervisorStore

PIN = "24681357"


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.returncode, self.stdout, self.stderr = code, out, err


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    for key in list(os.environ):
        if key.startswith("POSREV_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("POSREV_HOME", str(home))
    monkeypatch.setenv("POSREV_APP_CODE", DEMO_APP_CODE)
    monkeypatch.setenv("POSREV_CLIENT_KEY", DEMO_CLIENT_KEY)
    return home


class _Stdin:
    """Standard input that is not a terminal and records whether anyone read it."""

    def __init__(self, text: str = "", tty: bool = False) -> None:
        import io

        self._buf = io.StringIO(text)
        self._tty = tty
        self.reads = 0

    def isatty(self) -> bool:
        return self._tty

    def readline(self, *a: object) -> str:
        self.reads += 1
        return self._buf.readline(*a)

    def read(self, *a: object) -> str:
        self.reads += 1
        return self._buf.read(*a)


@pytest.fixture
def run(home: Path, simulator, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch):
    def runner(*args: str, stdin: str | _Stdin = "", base: bool = True) -> Run:
        stream = stdin if isinstance(stdin, _Stdin) else _Stdin(stdin)
        monkeypatch.setattr("sys.stdin", stream)
        argv = (["--base-url", simulator.base_url] if base else []) + list(args)
        code = cli.main(argv)
        out, err = capsys.readouterr()
        assert "Traceback" not in err, err
        return Run(code, out, err)
    return runner


# -- 11. supervisor list shows a lock ----------------------------------------------------------
def test_supervisor_list_shows_a_locked_supervisor_and_until_when(run, home: Path) -> None:
    assert run("supervisor", "add", "S1", "--name", "Sam", stdin=PIN + "\n").returncode == 0
    assert run("supervisor", "add", "S2", "--name", "Kim", "--approver", "S1",
               "--reason", "new staff", stdin=f"{PIN}\n{PIN}\n").returncode == 0
    free = run("supervisor", "list")
    assert free.returncode == 0 and "locked" not in free.stdout
    store = SupervisorStore(home / "data" / "supervisors.sqlite3", udid="posrev-test",
                            clock=Clock(), audit=lambda event: None)
    try:
        with pytest.raises(SupervisorLocked) as locked:
            for _ in range(5):
                try:
                    store.approve("S1", "000000", requester="C1", action="void",
                                  target="123", reason="test")
                except SupervisorLocked:
                    raise
                except Exception:  # noqa: BLE001 - a wrong PIN, counted
                    pass
    finally:
        store.close()
    until = locked.value.until.astimezone()
    listed = run("supervisor", "list")
    lines = {line.split()[0]: line for line in listed.stdout.splitlines()}
    assert "locked" in lines["S1"] and "locked" not in lines["S2"]
    # until when, with the zone: the local wall-clock time and its UTC offset
    assert until.strftime("%H:%M:%S") in lines["S1"]
    assert until.strftime("%z") in lines["S1"]
    data = {r["id"]: r for r in json.loads(run("supervisor", "list", "--json").stdout)}
    assert datetime.fromisoformat(data["S1"]["locked_until"]) == locked.value.until
    assert datetime.fromisoformat(data["S1"]["locked_until"]).tzinfo is not None
    assert data["S2"]["locked_until"] is None


# -- 6. profile names ----------------------------------------------------------------------
def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")} if root.exists() else set()


@pytest.mark.parametrize("profile", ["../../../../x", "../x", "a/b", "x\x1b[2J", "", "a" * 33,
                                     "..", "shop 1", "-x", "a.b"])
def test_a_bad_profile_is_refused_before_any_path_is_built(run, home: Path, tmp_path: Path,
                                                           profile: str) -> None:
    outside = tmp_path.parent
    before = _files(outside)
    for command in (["pending"], ["journal"], ["lookup", "--syssn", "1" * 20],
                    ["credentials", "show"], ["supervisor", "list"]):
        proc = run(f"--profile={profile}", *command)
        assert proc.returncode == 2, (command, proc.stderr)
        assert proc.stdout == ""
        assert proc.stderr.startswith("posrev: A profile name has 1 to 32 letters, digits")
        assert len(proc.stderr.strip().splitlines()) == 1
        assert "\x1b" not in proc.stderr
    assert _files(outside) - before == set()  # not even the data folder was made


@pytest.mark.parametrize("profile", ["shop-1", "B_2", "a" * 32])
def test_a_good_profile_names_its_own_journal(run, home: Path, profile: str) -> None:
    assert run("--profile", profile, "pending").returncode == 0
    assert (home / "data" / f"journal-{profile}.sqlite3").exists()


def test_the_core_refuses_a_bad_profile_too(home: Path, simulator) -> None:
    from posrev.app import App, AppOptions
    from posrev.credentials import CredentialStore
    from posrev.errors import InputError

    with pytest.raises(InputError, match="profile name"):
        App.open(AppOptions(base_url=simulator.base_url, profile="../../x"))
    with pytest.raises(InputError, match="profile name"):
        CredentialStore("../../x")
    assert not (home / "data").exists()


# -- 9. PINs: never on the command line, never echoed, stdin never read unasked ------------
@pytest.mark.parametrize("tail", [
    ["--supervisor", "S1", "--pin", PIN], ["--supervisor", "S1", f"--pin={PIN}"],
    ["--supervisor", "S1", f"--pi={PIN}"], ["--supervisor", "S1", f"--pin-stdin={PIN}"],
    ["--supervisor", "S1", "--pin-stdin", PIN], ["--supervisor", "S1", PIN, "--pin-stdin"],
    ["--supervisor", "S1", "--pin-stdin", "--frob", PIN], [f"--json={PIN}"],
])
def test_a_pin_on_the_command_line_is_refused_and_never_echoed(run, simulator, tail) -> None:
    order = simulator.create_order(txamt=90000)
    stdin = _Stdin(PIN + "\n")
    proc = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--reason", "left",
               *tail, stdin=stdin)
    assert proc.returncode == 2 and proc.stdout == ""
    assert PIN not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    if any(word.startswith("--pi") and word != "--pin-stdin" for word in tail):
        assert "never given on the command line" in proc.stderr
    assert simulator.void_requests(order["syssn"]) == 0


@pytest.mark.parametrize("argv", [["supervisor", PIN], ["--env", PIN, "pending"], [PIN],
                                  ["journal", "--since", "2026-01-01", PIN]])
def test_argparse_errors_do_not_repeat_what_was_typed(run, argv) -> None:
    proc = run(*argv, base=False)
    assert proc.returncode == 2 and PIN not in proc.stderr, proc.stderr
    assert proc.stderr.startswith("posrev: ")


def test_a_mistyped_option_is_still_named(run) -> None:
    proc = run("pending", "--frobnicate")
    assert proc.returncode == 2 and "--frobnicate" in proc.stderr


def test_the_window_does_not_echo_a_pin_either(home: Path) -> None:
    from posrev.errors import InputError
    from posrev.gui import parse_options

    for argv in ([f"--pin={PIN}"], ["--pin", PIN], [PIN], [f"--frob={PIN}"]):
        with pytest.raises(InputError) as err:
            parse_options(argv)
        assert PIN not in str(err.value)


def test_supervisor_without_pin_stdin_is_refused_when_stdin_is_not_a_terminal(
        run, simulator) -> None:
    order = simulator.create_order(txamt=90000)
    assert run("supervisor", "add", "S1", "--name", "Sam", stdin=PIN + "\n").returncode == 0
    stdin = _Stdin(PIN + "\n", tty=False)
    proc = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--supervisor", "S1",
               "--reason", "Customer left", "--json", stdin=stdin)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "--pin-stdin" in proc.stderr and PIN not in proc.stderr
    assert stdin.reads == 0  # standard input was not touched
    assert simulator.void_requests(order["syssn"]) == 0


def test_supervisor_without_pin_stdin_on_a_terminal_asks_without_echo(
        run, simulator, monkeypatch: pytest.MonkeyPatch) -> None:
    order = simulator.create_order(txamt=90000)
    assert run("supervisor", "add", "S1", "--name", "Sam", stdin=PIN + "\n").returncode == 0
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return PIN

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    stdin = _Stdin("", tty=True)
    proc = run("void", "--syssn", order["syssn"], "--cashier", "C1", "--supervisor", "S1",
               "--reason", "Customer left", "--json", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["outcome"] == "voided"
    assert prompts == ["Supervisor PIN: "] and stdin.reads == 0
    assert PIN not in proc.stdout + proc.stderr


# -- 7. one identifier rule; what the journal prints is escaped ----------------------------
FORGED = "C1\n2026-11-30 10:00:00Z  deadbeef  voided          reversal       HKD 999.00"
ANSI = "C1\x1b[2J\x1b[31mRED"


@pytest.mark.parametrize("cashier", [FORGED, ANSI, "C1\rX", "C1\tX", "C\u202e1", "x" * 100_000,
                                     "", "   ", "C\x00"])
def test_a_bad_cashier_id_is_refused_before_anything_is_journaled_or_sent(
        run, simulator, home: Path, cashier: str) -> None:
    order = simulator.create_order()
    proc = run("void", "--syssn", order["syssn"], "--cashier", cashier, "--json")
    assert proc.returncode == 2 and proc.stdout == "", proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "\x1b" not in proc.stderr
    assert "cashier ID" in proc.stderr
    assert simulator.void_requests(order["syssn"]) == 0
    assert run("journal", "--json").stdout.strip() in ("[]", "")


@pytest.mark.parametrize("flag", ["--supervisor", "--approver"])
def test_supervisor_ids_follow_the_same_rule(run, flag: str) -> None:
    args = ["void", "--syssn", "1" * 20, "--cashier", "C1", "--pin-stdin"] \
        if flag == "--supervisor" else ["supervisor", "disable", "S2"]
    proc = run(*args, flag, "S1\x1b[2J", stdin=PIN + "\n")
    assert proc.returncode == 2 and "supervisor ID" in proc.stderr and "\x1b" not in proc.stderr
    proc = run("supervisor", "add", "S\n1", "--name", "Sam", stdin=PIN + "\n")
    assert proc.returncode == 2 and "supervisor ID" in proc.stderr


def test_the_core_applies_the_rule_and_cleans_the_reason(app, simulator) -> None:
    from posrev.errors import InputError
    from posrev.model.transaction import Transaction  # noqa: F401 - the type App.lookup returns

    order = simulator.create_order()
    txn = app.lookup(order["syssn"], "syssn").transaction
    for bad in (FORGED, ANSI, "x" * 33):
        with pytest.raises(InputError, match="cashier ID"):
            app.start_void(txn, cashier=bad)
    op = app.start_void(txn, cashier="  C1  ", reason="left\n\x1b[2J" + "y" * 10_000)
    assert op.cashier == "C1"
    stored = app.journal.get(op.op_id)
    assert stored.reason.startswith("left [2J") and len(stored.reason) <= 200
    assert stored.reason.isprintable()


def _journal_with_forged_rows(home: Path) -> None:
    """Rows as an older posrev (or a hand-edited file) could hold: the rule was not there."""
    from posrev.journal import Journal

    journal = Journal(home / "data" / "journal.sqlite3")
    try:
        for i, (cashier, reason) in enumerate([(FORGED, "=HYPERLINK(\"http://x\",\"y\")"),
                                                (ANSI, "+1+1"), ("@SUM(A1)", "-2"),
                                                ("\tC", "\rR"), ("C\x9b31m", "ok")]):
            journal.create(orig_syssn=f"{i:020d}", out_trade_no=f"O{i}", action="reversal",
                           txamt=100, txcurrcd="HKD", txdtm="2026-11-30 10:00:00",
                           pay_type="800108", udid="T1", cashier=cashier, approver="",
                           reason=reason, forced=False)
    finally:
        journal.close()


def test_journal_and_pending_output_escape_control_characters(run, home: Path) -> None:
    _journal_with_forged_rows(home)
    for command in (["journal"], ["pending"]):
        proc = run(*command)
        assert proc.returncode == 0
        assert len(proc.stdout.strip().splitlines()) == 5  # one line per operation
        assert not any(ch in proc.stdout for ch in "\x1b\r\t\x9b")
        assert "\\u001b" in proc.stdout  # shown, not acted on
    for command in (["journal", "--json"], ["pending", "--json"]):
        proc = run(*command)
        assert "\x1b" not in proc.stdout and "\x9b" not in proc.stdout
        assert len(proc.stdout.strip().splitlines()) == 1
        rows = json.loads(proc.stdout)  # still valid JSON, and exact
        assert {r.get("cashier", FORGED) for r in rows} >= ({FORGED, ANSI, "C\x9b31m"}
                                                          if command[0] == "journal" else set())


def test_csv_export_guards_formulas_and_control_characters(run, home: Path,
                                                           tmp_path: Path) -> None:
    _journal_with_forged_rows(home)
    out = tmp_path / "ops.csv"
    assert run("journal", "--csv", str(out)).returncode == 0
    raw = out.read_text(encoding="utf-8")
    assert not any(ch in raw for ch in "\x1b\t\x9b")
    assert raw.count("\n") == 6  # header + 5 rows: no forged line breaks
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        for column, cell in row.items():
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r", "\n"), (column, cell)
    reasons = {row["reason"] for row in rows}
    assert "'=HYPERLINK(\"http://x\",\"y\")" in reasons and "'+1+1" in reasons
    assert "'-2" in reasons and "'\\u000dR" in reasons
    assert "'@SUM(A1)" in {row["cashier"] for row in rows}
    assert any(re.fullmatch(r"\d+", row["txamt"]) for row in rows)  # numbers stay numbers


# -- 8. config reads are bounded; base_url is checked at load time -------------------------
def test_config_dev_zero_is_a_clear_error_at_once(run) -> None:
    import time

    start = time.monotonic()
    proc = run("--config", "/dev/zero", "pending")
    assert proc.returncode == 4 and proc.stdout == ""
    assert "/dev/zero" in proc.stderr and "regular file" in proc.stderr
    assert time.monotonic() - start < 10


def test_a_fifo_or_a_huge_config_file_is_refused_without_reading_it(run,
                                                                    tmp_path: Path) -> None:
    from posrev.config import MAX_CONFIG_BYTES

    fifo = tmp_path / "config.fifo"
    os.mkfifo(fifo)  # opening it would wait for a writer for ever
    proc = run("--config", str(fifo), "pending")
    assert proc.returncode == 4 and "regular file" in proc.stderr
    big = tmp_path / "big.toml"
    with open(big, "wb") as fh:
        fh.truncate(MAX_CONFIG_BYTES + 1)  # sparse: no memory, no disk
    proc = run("--config", str(big), "pending")
    assert proc.returncode == 4 and "too large" in proc.stderr and str(big) in proc.stderr


def test_a_config_file_that_grows_past_the_bound_is_read_only_to_the_bound(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from posrev import config
    from posrev.errors import ConfigError

    path = tmp_path / "config.toml"
    path.write_bytes(b"#" * 100)
    monkeypatch.setattr(config, "MAX_CONFIG_BYTES", 10)  # as if it grew after the size check
    real_stat = os.stat
    monkeypatch.setattr(config.os, "stat", lambda p, *a, **k: os.stat_result(
        tuple(real_stat(p))[:6] + (5,) + tuple(real_stat(p))[7:]))
    with pytest.raises(ConfigError, match="too large"):
        config.parse_file(path)


@pytest.mark.parametrize("url, why", [
    ("http://127.0.0.1:99999", "port"), ("https://gw.example.com:0", "port"),
    ("https://gw.example.com:abc", "port"), ("http://127.0.0.1:8765\\n", "line break"),
    ("http://127.0.0.1\\n:8765", "line break"), ("https://gw.exa mple.com", "space"),
    ("https://gw.example.com\\t", "control"), ("https://", "expected https://host"),
    ("https://user:secret@gw.example.com", "user name"), ("https://gw_x.example.com", "host"),
    ("https://gw.example.com/?a=1", "'?'"),
])
def test_a_bad_base_url_is_a_config_error_with_file_line_and_key(run, home: Path, url: str,
                                                                 why: str) -> None:
    config_file = home / "config.toml"
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text(f'[gateway]\nenv = "test"\nbase_url = "{url}"\n', encoding="utf-8")
    proc = run("pending", base=False)
    assert proc.returncode == 4 and proc.stdout == ""
    assert f"{config_file}, line 3, key 'gateway.base_url'" in proc.stderr
    assert why in proc.stderr and "secret" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999", "http://127.0.0.1:8765\n",
                                 "http://[127.0.0.1:8765"])
def test_a_bad_base_url_option_is_refused_at_start(run, url: str) -> None:
    proc = run("--base-url", url, "lookup", "--syssn", "1" * 20, base=False)
    assert proc.returncode == 4 and "not a valid gateway URL" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


# -- 10. the simulator's control API answers 400 with a reason -----------------------------
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("path, body", [
    ("orders", '{"txamt": 1e308}'), ("orders", '{"txamt": 1e400}'),
    ("orders", '{"txamt": NaN}'), ("orders", '{"txamt": Infinity}'),
    ("orders", '{"txamt": -Infinity}'), ("orders", '{"txamt": 12.5}'),
    ("orders", '{"txamt": "abc"}'), ("orders", '{"txamt": [1]}'), ("orders", '{"txamt": true}'),
    ("orders", '{"age_minutes": 1e308}'), ("orders", '{"age_minutes": 1e400}'),
    ("orders", '{"age_minutes": NaN}'), ("orders", '{"age_minutes": "soon"}'),
    ("orders", '{"cancel": 1e308}'), ("orders", '{"pay_type": 800108}'),
    ("orders", '{"out_trade_no": {"a": 1}}'), ("orders", '{"sysdtm": 5}'),
    ("orders", '{"x": ' + DEEP + "}"), ("orders", DEEP),
    ("orders", '{"a":' * 100_000 + "1" + "}" * 100_000), ("orders", "[1]"),
    ("orders", '{"txamt": 2500'), ("orders", b"{\xff\xfe}"),
    ("orders", '{"in_progress_polls": 1e400}'), ("orders", '{"latency": NaN}'),
    ("orders", '{"latency": 1e308}'), ("orders", '{"lose_answer": "maybe"}'),
    ("scenario", '{"in_progress_polls": 1e308}'), ("scenario", '{"latency": Infinity}'),
    ("scenario", '{"in_progress_polls": [1]}'), ("scenario", '{"customer_pays_first": 7}'),
    ("faults", '{"rate": NaN}'), ("faults", '{"rate": 1e400}'), ("faults", '{"rate": "x"}'),
    ("faults", '{"kind": "drop", "count": 1e400}'), ("faults", '{"kind": "drop", "count": 1e308}'),
    ("faults", '{"kind": "drop", "count": 2.5}'), ("faults", '{"kind": "latency:1e308"}'),
    ("faults", '{"kind": "latency:nan"}'), ("faults", '{"kind": 5}'),
    ("faults", '{"rate": 0.5, "kinds": [1]}'), ("faults", '{"rate": 0.5, "kinds": 5}'),
    ("faults", '{"kind": "drop", "endpoint": 5}'), ("faults", '{"kind": "drop", "applied": "zz"}'),
    ("faults", '{"clear": [1]}'), ("faults", '{"bogus": 1}'),
    ("shape", '{"legacy": NaN}'), ("shape", '{"close_refusal": 1e400}'), ("shape", DEEP),
])
def test_the_control_api_answers_400_with_a_reason(sim, path: str, body: str | bytes) -> None:
    import requests

    order = sim.create_order()
    url = {"orders": f"{sim.base_url}/_sim/orders", "faults": f"{sim.base_url}/_sim/faults",
           "scenario": f"{sim.base_url}/_sim/orders/{order['syssn']}/scenario",
           "shape": f"{sim.base_url}/_sim/shape"}[path]
    data = body if isinstance(body, bytes) else body.encode("utf-8")
    before = (len(sim.model.records()), sim.faults.pending(), sim.faults.rate)
    resp = requests.post(url, data=data, headers={"Content-Type": "application/json"},
                         timeout=30)
    assert resp.status_code == 400, resp.text[:300]
    reason = resp.json()["error"]
    assert reason and "Traceback" not in reason and len(reason) <= 500
    assert (len(sim.model.records()), sim.faults.pending(), sim.faults.rate) == before
    assert requests.get(f"{sim.base_url}/_sim/state", timeout=5).status_code == 200


def test_a_form_with_out_of_range_numbers_is_a_400(sim) -> None:
    import requests

    resp = requests.post(f"{sim.base_url}/_sim/orders", timeout=5,
                         data={"txamt": "1e400", "age_minutes": "1e308"})
    assert resp.status_code == 400 and resp.json()["error"]


def test_an_oversize_body_is_a_400_without_reading_it(sim) -> None:
    import requests

    body = b'{"txamt": 2500, "pad": "' + b"x" * (2 << 20) + b'"}'
    resp = requests.post(f"{sim.base_url}/_sim/orders", data=body, timeout=30,
                         headers={"Content-Type": "application/json"})
    assert resp.status_code == 400 and "larger than" in resp.json()["error"]
    assert sim.model.records() == []


def test_valid_control_requests_still_work(sim) -> None:
    import requests

    resp = requests.post(f"{sim.base_url}/_sim/orders", timeout=5, json={
        "txamt": 4800, "age_minutes": 2.5, "in_progress_polls": 2, "lose_answer": True,
        "latency": 0.0})
    assert resp.status_code == 201, resp.text
    assert resp.json()["sim"]["scenario"]["lose_answer"] == 1
    resp = requests.post(f"{sim.base_url}/_sim/faults", timeout=5,
                         json={"kind": "drop", "count": 2, "applied": "true"})
    assert resp.status_code == 200 and resp.json()["faults"][0]["remaining"] == 2
    resp = requests.post(f"{sim.base_url}/_sim/faults", timeout=5,
                         json={"clear": True, "rate": 0.25, "kinds": ["drop", "http500"]})
    assert resp.status_code == 200 and resp.json()["fault_rate"] == 0.25


def test_an_error_carrying_a_line_break_stays_one_line_on_stderr(
        run, monkeypatch: pytest.MonkeyPatch) -> None:
    from posrev.app import App
    from posrev.errors import PosrevError

    def broken(self, *a, **k):  # noqa: ANN001, ANN002, ANN003 - a gateway's text, say
        raise PosrevError("The gateway said: busy\nposrev: voided \x1b[32mOK")

    monkeypatch.setattr(App, "pending_operations", broken)
    proc = run("pending")
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "\x1b" not in proc.stderr
    assert "\\u000a" in proc.stderr


@pytest.mark.parametrize("key, value, why", [
    ("store_name", "   ", "store name is required"),
    ("store_name", "Shop\\u001b[2J", "printable"), ("store_name", "S" * 61, "at most 60"),
    ("udid", "T1\\n", "printable"), ("udid", "T" * 41, "at most 40"),
    ("udid", " T1", "start or end with a space"),
])
def test_config_identifiers_follow_the_same_rule(tmp_path: Path, key: str, value: str,
                                                 why: str) -> None:
    from posrev.config import parse_file
    from posrev.errors import ConfigError

    path = tmp_path / "config.toml"
    path.write_text(f'[terminal]\n{key} = "{value}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=why) as err:
        parse_file(path)
    assert (err.value.line, err.value.key) == (2, f"terminal.{key}")
    path.write_text(f'[terminal]\n{key} = "Shop 1"\n', encoding="utf-8")
    assert parse_file(path) == {"terminal": {key: "Shop 1"}}
