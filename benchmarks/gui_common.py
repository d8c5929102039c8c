"""Shared parts of the GUI benchmarks: a simulator in its own process, and child processes
that open a window (bare PySide6, or posrev's real entry point) and report when it is ready.

"Ready" is the first paint of the window, seen by an event filter in the child, as both
kinds of window get it. The parent measures from spawning the child to reading its "ready"
line, so interpreter start-up and imports count for both alike. With "--scan" the child then
scans at once (types a number into the window's input and presses Enter, as a keyboard-mode
scanner does) and reports "accepted" when the window has taken it: the bare window's
``returnPressed``, posrev's ``scan_accepted``.

Both run as an installed program does: with Python's bytecode cache (written by the first,
unmeasured start into the benchmark's own folder), unless ``bytecode=False``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

SIM_CHILD = r"""
import json, sys
from posrev.simulator import Simulator, seed_demo_data
sim = Simulator(seed=0)
url = sim.start()
names = seed_demo_data(sim)
for item in json.loads(sys.argv[1]):
    order = sim.create_order(**item["order"])
    if item.get("scenario"):
        sim.set_scenario(order["syssn"], **item["scenario"])
    names[item["name"]] = order["syssn"]
print(json.dumps({"base_url": url, "names": names}), flush=True)
sys.stdin.read()
sim.stop()
"""

# Reports "ready <VmRSS KiB> <VmHWM KiB>" at the window's first paint. With "--then-quit"
# it closes the window at once; "--settle S" waits S seconds first (and reports again);
# "--void NUMBER" looks NUMBER up and voids it through the window's own buttons first.
WINDOW_CHILD = r"""
import os, sys, time
args = sys.argv[1:]
kind = args.pop(0)
settle = float(args.pop(args.index("--settle") + 1)) if "--settle" in args else 0.0
if "--settle" in args: args.remove("--settle")
void = args.pop(args.index("--void") + 1) if "--void" in args else None
if "--void" in args: args.remove("--void")
scan = "--scan" in args
if scan: args.remove("--scan")

def memory():
    fields = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0])
    return fields.get("VmRSS", 0), fields.get("VmHWM", 0)

if kind == "bare":
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
else:
    import posrev.gui.main_window as mw
    from posrev.gui.qt import QEvent, QObject, QTimer, QApplication

state = {"ready": False}

def report(tag):
    rss, hwm = memory()
    print(tag, rss, hwm, round(state.get("harness_ms", 0.0), 3), flush=True)

def after_ready(window):
    if kind != "bare" and window.app is None:  # posrev: wait for the core to be attached
        window.core_ready.connect(lambda: after_ready(window))
        return
    def finish():
        report("done")
        window.close()
    def settle_then():
        if settle:
            QTimer.singleShot(int(settle * 1000), finish)
        else:
            finish()
    if void is None:
        settle_then()
        return
    window.lookup_input.setText(void)
    window.lookup_button.click()
    def poll():
        if window.stage == "transaction" and window.void_button.isVisible():
            window.void_button.click()
            dialog = window.dialogs.find("confirmVoidDialog")
            if dialog is not None:
                dialog.accept()
        if window.stage == "outcome":
            report("voided")
            settle_then()
            return
        QTimer.singleShot(20, poll)
    poll()

def scan_now(field):
    # What a keyboard-mode scanner does: the characters, then Enter. Making the key events
    # costs this harness Qt's enum namespace (~10 ms, paid in Python, not by the window that
    # receives them as a real scanner's keys): measured here and left out of "accepted".
    started = time.perf_counter()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    events = [QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
              for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)]
    state["harness_ms"] = (time.perf_counter() - started) * 1000
    field.insert("DEMO-REVERSE")
    for event in events:
        QApplication.sendEvent(field, event)

class Ready(QObject):
    def eventFilter(self, obj, event):
        if not state["ready"] and obj is window and event.type() == QEvent.Type.Paint:
            state["ready"] = True
            report("ready")
            if scan:
                if kind == "bare":
                    field.returnPressed.connect(lambda: report("accepted"))
                    QTimer.singleShot(0, lambda: scan_now(field))
                else:
                    window.scan_accepted.connect(lambda _raw: report("accepted"))
                    QTimer.singleShot(0, lambda: scan_now(window.lookup_input))
            QTimer.singleShot(0, lambda: after_ready(window))
        return False

if kind == "bare":
    app = QApplication(sys.argv[:1])
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("bare PySide6 window"))
    field = QLineEdit()
    layout.addWidget(field)
    field.setFocus()
    window.resize(1024, 720)
    filt = Ready()
    window.installEventFilter(filt)
    window.show()
    app.exec()
else:
    window = None
    original_show = mw.MainWindow.showEvent
    def show_event(self, event):
        global window, filt
        if window is None:
            window = self
            filt = Ready()
            self.installEventFilter(filt)
            self.core_ready.connect(lambda: report("attached"))
        return original_show(self, event)
    mw.MainWindow.showEvent = show_event
    from posrev.cli import main
    sys.exit(main(args))
"""


@contextmanager
def simulator(extra: list[dict[str, Any]] | None = None) -> Iterator[dict[str, Any]]:
    """The simulator in a child process (its work never competes with the GUI's GIL)."""
    proc = subprocess.Popen([sys.executable, "-c", SIM_CHILD, json.dumps(extra or [])],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(proc.stdout.readline())
        yield info
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def gui_env(home: str, *, credentials: bool = True, bytecode: bool = True) -> dict[str, str]:
    """The children's environment. ``bytecode``: cache compiled modules (in ``home``) as an
    installed program has them; without it every start compiles posrev's sources again
    (PYTHONDONTWRITEBYTECODE, as the test scripts set), which a real install never does."""
    from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY

    env = {k: v for k, v in os.environ.items() if not k.startswith("POSREV_")}
    env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               POSREV_HOME=home)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(home) / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    if credentials:
        env.update(POSREV_APP_CODE=DEMO_APP_CODE, POSREV_CLIENT_KEY=DEMO_CLIENT_KEY)
    return env


def run_window(kind: str, args: list[str], env: dict[str, str],
               timeout: float = 120) -> dict[str, Any]:
    """Spawn a window child; seconds to "ready", and the memory lines it printed (KiB)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", WINDOW_CHILD, kind, *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=tempfile.gettempdir())
    result: dict[str, Any] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        tag, rss, hwm, harness_ms = line.split()
        if tag in ("ready", "attached", "accepted"):
            # Less what the harness itself spent making the scanner's key events.
            result[f"{tag}_s"] = time.perf_counter() - started - float(harness_ms) / 1000
        result[tag] = {"rss": int(rss), "hwm": int(hwm)}
    _, err = proc.communicate(timeout=timeout)
    result["exit_s"] = time.perf_counter() - started
    if proc.returncode != 0 or "ready_s" not in result:
        raise RuntimeError(f"{kind} window failed (exit {proc.returncode}): {err[-800:]}")
    return result


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(name: str, value: float, target: float, unit: str = "×") -> bool:
    ok = value <= target
    shown = f"{value:.2f}{unit}" if unit == "×" else f"{value:.0f} {unit}"
    goal = f"{target:g}{unit}" if unit == "×" else f"{target:g} {unit}"
    print(f"{name}: {shown} (target <= {goal}: {'within' if ok else 'OVER'})")
    return ok
