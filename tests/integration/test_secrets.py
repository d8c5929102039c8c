"""Secrets (DESIGN.md §10, §14): a run with a known app code, client key and supervisor PIN —
lookups, voids (one approved by a supervisor, one refused for a wrong PIN), credentials set
and shown, journal exports — then every file posrev wrote and everything it printed is
searched, as bytes: none of them may hold a secret. Only the masked form (``3F50…****``) may
appear."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from posrev.simulator import Simulator

KNOWN_APP = "3F504C39125E4886AB4741A1B2C3D4E5"
KNOWN_KEY = "5744993FBC034DBBB995FA9E8D7C6B5A"
pytestmark = pytest.mark.slow  # about 20 posrev processes

PIN = "739164825031"
WRONG_PIN = "846203917552"

# A keyring backend for the subprocesses: a JSON file outside POSREV_HOME (the OS store's
# stand-in: secrets are *supposed* to be there, and only there).
_KEYRING_MODULE = '''
import json, os
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

class FileKeyring(KeyringBackend):
    priority = 1

    def _load(self):
        try:
            with open(os.environ["TEST_KEYRING_FILE"], encoding="utf-8") as fh:
                return json.load(fh)
        except FileNotFoundError:
            return {}

    def _save(self, data):
        with open(os.environ["TEST_KEYRING_FILE"], "w", encoding="utf-8") as fh:
            json.dump(data, fh)

    def get_password(self, service, username):
        return self._load().get(service + "|" + username)

    def set_password(self, service, username, password):
        data = self._load()
        data[service + "|" + username] = password
        self._save(data)

    def delete_password(self, service, username):
        data = self._load()
        if data.pop(service + "|" + username, None) is None:
            raise PasswordDeleteError("not there")
        self._save(data)
'''


@dataclass
class Run:
    home: Path
    csv_file: Path
    keyring_file: Path
    outputs: list[tuple[str, str, str]] = field(default_factory=list)  # (command, out, err)
    codes: dict[str, int] = field(default_factory=dict)
    stdout: dict[str, str] = field(default_factory=dict)
    keyring_contents: str = ""  # the stand-in OS store, before ``credentials delete``


def _needles() -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for name, secret in (("app code", KNOWN_APP), ("client key", KNOWN_KEY), ("PIN", PIN),
                         ("wrong PIN", WRONG_PIN)):
        parts = [secret]
        if name in ("app code", "client key"):
            parts.append(secret[4:])  # everything the mask hides
        for part in parts:
            for form in {part, part.lower(), part.upper()}:
                found[f"{name} {form[:6]}…({len(form)})"] = form.encode()
                found[f"{name} utf-16 {form[:6]}…"] = form.encode("utf-16-le")
    return found


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    root = tmp_path_factory.mktemp("secrets")
    home = root / "home"
    kr_dir = root / "keyring-backend"
    kr_dir.mkdir()
    (kr_dir / "test_file_keyring.py").write_text(_KEYRING_MODULE, encoding="utf-8")
    result = Run(home=home, csv_file=home / "export.csv", keyring_file=root / "keyring.json")

    sim = Simulator(seed=11, app_code=KNOWN_APP, client_key=KNOWN_KEY)
    url = sim.start()
    try:
        small = sim.create_order(pay_type="800108", txamt=2500)
        large = sim.create_order(pay_type="800101", txamt=60000)
        refused = sim.create_order(pay_type="800208", txamt=70000)
        closable = sim.create_order(pay_type="800208", txamt=3300)

        base_env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("POSREV_", "PYTHON_KEYRING"))}
        base_env.update({"POSREV_HOME": str(home),
                         "PYTHONPATH": os.pathsep.join(
                             [str(kr_dir), *filter(None, [os.environ.get("PYTHONPATH")])]),
                         "PYTHON_KEYRING_BACKEND": "test_file_keyring.FileKeyring",
                         "TEST_KEYRING_FILE": str(result.keyring_file)})
        with_creds = {**base_env, "POSREV_APP_CODE": KNOWN_APP, "POSREV_CLIENT_KEY": KNOWN_KEY}

        def posrev(name: str, *args: str, stdin: str = "", creds: bool = True) -> None:
            proc = subprocess.run(
                [sys.executable, "-m", "posrev", "--base-url", url, *args], input=stdin,
                capture_output=True, text=True, env=with_creds if creds else base_env,
                timeout=120, cwd=root)
            result.outputs.append((" ".join(args), proc.stdout, proc.stderr))
            result.codes[name] = proc.returncode
            result.stdout[name] = proc.stdout

        posrev("lookup", "lookup", "--syssn", str(small["syssn"]))
        posrev("lookup_json", "lookup", "--out-trade-no", str(small["out_trade_no"]), "--json")
        posrev("void", "void", "--syssn", str(small["syssn"]), "--cashier", "C1", "--json")
        posrev("close", "void", "--syssn", str(closable["syssn"]), "--cashier", "C1")
        posrev("needs_supervisor", "void", "--syssn", str(large["syssn"]), "--cashier", "C1")
        posrev("supervisor_add", "supervisor", "add", "S1", "--name", "Store supervisor",
               stdin=PIN + "\n")
        posrev("supervisor_list", "supervisor", "list", "--json")
        posrev("void_approved", "void", "--syssn", str(large["syssn"]), "--cashier", "C1",
               "--supervisor", "S1", "--pin-stdin", "--reason", "Customer left", "--json",
               stdin=PIN + "\n")
        posrev("void_wrong_pin", "void", "--syssn", str(refused["syssn"]), "--cashier", "C1",
               "--supervisor", "S1", "--pin-stdin", "--reason", "Customer left", "--json",
               stdin=WRONG_PIN + "\n")
        posrev("add_wrong_pin", "supervisor", "add", "S2", "--name", "Second",
               "--approver", "S1", "--reason", "new hire", stdin=f"{PIN}\n{WRONG_PIN}\n")
        posrev("credentials_show", "credentials", "show")
        posrev("credentials_check", "credentials", "check")
        # the keyring path: set from stdin (supervisor approval first), show, check, delete
        posrev("credentials_set", "credentials", "set", "--supervisor", "S1",
               stdin=f"{PIN}\n{KNOWN_APP}\n{KNOWN_KEY}\n", creds=False)
        posrev("keyring_show", "credentials", "show", creds=False)
        posrev("keyring_check", "credentials", "check", creds=False)
        posrev("keyring_lookup", "lookup", "--syssn", str(large["syssn"]), creds=False)
        posrev("pending", "pending", "--json")
        posrev("journal_csv", "journal", "--csv", str(result.csv_file))
        posrev("journal_json", "journal", "--json")
        posrev("journal", "journal")
        result.keyring_contents = result.keyring_file.read_text(encoding="utf-8")
        posrev("credentials_delete", "credentials", "delete", "--supervisor", "S1",
               stdin=PIN + "\n", creds=False)
        yield result
    finally:
        sim.stop()


def test_the_run_did_what_a_cashier_expects(run: Run) -> None:
    assert run.codes == {
        "lookup": 0, "lookup_json": 0, "void": 0, "close": 0, "needs_supervisor": 5,
        "supervisor_add": 0, "supervisor_list": 0, "void_approved": 0, "void_wrong_pin": 5,
        "add_wrong_pin": 5, "credentials_show": 0, "credentials_check": 0,
        "credentials_set": 0, "keyring_show": 0, "keyring_check": 0, "keyring_lookup": 0,
        "pending": 0, "journal_csv": 0, "journal_json": 0, "journal": 0,
        "credentials_delete": 0}, run.outputs
    assert json.loads(run.stdout["void"])["outcome"] == "voided"
    approved = json.loads(run.stdout["void_approved"])
    assert approved["outcome"] == "voided" and approved["txamt"] == 60000
    assert json.loads(run.stdout["void_wrong_pin"])["outcome"] == "needs_supervisor"
    ops = json.loads(run.stdout["journal_json"])
    assert len(ops) == 3 and {o["approver"] for o in ops} == {"", "S1"}
    # the secrets really went through: the keyring held them between set and delete
    assert KNOWN_KEY in run.keyring_contents and KNOWN_APP in run.keyring_contents
    assert json.loads(run.keyring_file.read_text(encoding="utf-8")) == {}


def test_credentials_are_shown_masked_only(run: Run) -> None:
    for name in ("credentials_show", "keyring_show"):
        shown = run.stdout[name]
        assert "app code:   3F50…****" in shown
        assert "client key: 5744…****" in shown
    assert "source:     environment" in run.stdout["credentials_show"]
    assert "source:     keyring" in run.stdout["keyring_show"]
    assert "3F50…****" in run.stdout["credentials_set"]


def _files(home: Path, extra: list[Path]) -> dict[Path, bytes]:
    found = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    for p in extra:
        if p.is_file():
            found[p] = p.read_bytes()
    return found


def test_posrev_wrote_what_is_searched(run: Run) -> None:
    names = {p.relative_to(run.home).as_posix() for p in _files(run.home, [])}
    assert {"data/journal.sqlite3", "data/supervisors.sqlite3", "export.csv"} <= names
    assert not (run.home / "logs" / "crash.log").exists()  # no internal error on the way
    assert run.csv_file.read_text(encoding="utf-8").count("\n") == 4  # header + 3 voids
    # the journal holds the exchanges (so the search below means something)
    import sqlite3

    conn = sqlite3.connect(run.home / "data" / "journal.sqlite3")
    try:
        kinds = [r[0] for r in conn.execute("SELECT kind FROM events")]
    finally:
        conn.close()
    assert any(k.startswith("gateway.") for k in kinds)
    assert any(k.startswith("supervisor.") for k in kinds)
    assert "credentials.changed" in kinds


def test_no_secret_in_any_file_posrev_wrote(run: Run) -> None:
    files = _files(run.home, [run.csv_file])
    needles = _needles()
    # the search finds a secret where one is (the stand-in OS store, outside POSREV_HOME)
    assert any(n in run.keyring_contents.encode() for n in needles.values())
    leaks = [f"{label} in {path.relative_to(run.home.parent)}"
             for path, data in files.items() for label, needle in needles.items()
             if needle in data or needle in str(path).encode()]
    assert leaks == []


def test_no_secret_in_any_output(run: Run) -> None:
    needles = _needles()
    leaks = [f"{label} in the {stream} of 'posrev {command}'"
             for command, out, err in run.outputs
             for stream, text in (("stdout", out), ("stderr", err))
             for label, needle in needles.items() if needle in text.encode()]
    assert leaks == []
    assert all("Traceback" not in err for _, _, err in run.outputs)
