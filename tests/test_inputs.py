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
