"""``posrev simulator`` (``posrev.simulator.cli.main``), run as a real process."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from posrev.gateway.client import Gateway
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY
from posrev.simulator.cli import main

REPO = Path(__file__).resolve().parents[2]


class SimProcess:
    """``python -c "...main(args)"`` with its first stdout line read within a timeout."""

    def __init__(self, *args: str) -> None:
        code = ("import sys; from posrev.simulator.cli import main; "
                "raise SystemExit(main(sys.argv[1:]))")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self._lines: queue.Queue[str] = queue.Queue()
        assert self.proc.stdout is not None
        threading.Thread(target=self._pump, args=(self.proc.stdout,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.put(line)
        self._lines.put("")

    def first_line(self, timeout: float = 20.0) -> str:
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("the simulator printed nothing within the timeout") from None

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
            raise AssertionError("the simulator did not stop on a signal") from None
        assert self.proc.stderr is not None
        return code, self.proc.stderr.read()


@pytest.fixture
def processes() -> Iterator[list[SimProcess]]:
    started: list[SimProcess] = []
    yield started
    for process in started:
        if process.proc.poll() is None:
            process.proc.kill()
            process.proc.wait(timeout=10)
        for stream in (process.proc.stdout, process.proc.stderr):
            if stream is not None:
                stream.close()


def _void_demo_reverse(info: dict[str, Any]) -> str:
    client = Gateway(info["base_url"], info["app_code"], info["client_key"])
    try:
        [record] = client.query(out_trade_no="DEMO-REVERSE")
        answer = client.reversal({"syssn": record["syssn"], "txamt": record["txamt"],
                                  "txdtm": record["txdtm"], "udid": "CLI-TEST"})
        return answer.respcd
    finally:
        client.close_session()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_the_command_prints_its_address_serves_and_stops_cleanly(
        processes: list[SimProcess], sig: int) -> None:
    process = SimProcess("--port", "0", "--demo-data", "--seed", "3")
    processes.append(process)
    info = json.loads(process.first_line())
    assert set(info) == {"base_url", "app_code", "client_key"}
    assert info["base_url"].startswith("http://127.0.0.1:")
    assert (info["app_code"], info["client_key"]) == (DEMO_APP_CODE, DEMO_CLIENT_KEY)
    assert _void_demo_reverse(info) == "0000"
    code, stderr = process.stop(sig)
    assert code == 0
    assert "serving" in stderr and info["base_url"] in stderr
    assert "Traceback" not in stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_state_file_carries_the_demo_across_runs(processes: list[SimProcess],
                                                   tmp_path: Path) -> None:
    state = str(tmp_path / "sim.json")
    first = SimProcess("--port", "0", "--demo-data", "--state-file", state)
    processes.append(first)
    assert _void_demo_reverse(json.loads(first.first_line())) == "0000"
    assert first.stop()[0] == 0
    second = SimProcess("--port", "0", "--demo-data", "--state-file", state)
    processes.append(second)
    assert _void_demo_reverse(json.loads(second.first_line())) == "1263"
    assert second.stop()[0] == 0


def test_a_host_that_is_not_loopback_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--host", "0.0.0.0", "--port", "0"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count(".") >= 1 and "loopback" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_busy_port_is_an_environment_error(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert main(["--port", str(port)]) == 4
    out, err = capsys.readouterr()
    assert out == "" and f"127.0.0.1:{port}" in err and "--port" in err


@pytest.mark.parametrize("argv", [["--port", "70000"], ["--port", "x"], ["--bogus"]])
def test_bad_arguments_are_usage_errors(argv: list[str],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and "posrev simulator" in err
