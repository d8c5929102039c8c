"""DESIGN.md §13: longest GUI-thread stall during lookup + void + polling, gateway latency 2 s:
<= 50 ms.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_stall.py

The cashier window (``create_main_window``) runs in this process against the simulator in
another one, where the order answers every request after 2 s and its reversal stays "in
progress" for two enquiries. A 5 ms heartbeat timer on the GUI thread records when it fires;
the window then looks the order up, voids it through its own buttons, and polls until the
outcome shows. A stall is how late a heartbeat came: the gap between two beats minus 5 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui_common import gui_env, simulator, verdict  # noqa: E402

BEAT_MS = 5


def wait_for(app, condition, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    """Run the event loop until ``condition()`` holds (checked every 10 ms)."""
    from posrev.gui.qt import QEventLoop, QTimer

    loop = QEventLoop()
    check = QTimer()
    check.setInterval(10)
    deadline = time.monotonic() + timeout

    def tick() -> None:
        if condition() or time.monotonic() > deadline:
            loop.quit()

    check.timeout.connect(tick)
    check.start()
    loop.exec()
    check.stop()
    if not condition():
        raise TimeoutError("the window did not get there in time")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=2.0)
    parser.add_argument("--polls", type=int, default=2)
    parser.add_argument("--max-ms", type=float, default=50.0)
    args = parser.parse_args(argv)
    order = {"name": "SLOW", "order": {"pay_type": "800108", "txamt": 2500, "respcd": "1143"},
             "scenario": {"latency": args.latency, "in_progress_polls": args.polls}}
    with simulator([order]) as sim, tempfile.TemporaryDirectory(prefix="posrev-bench-") as home:
        os.environ.update(gui_env(home))
        from posrev.gui import create_main_window
        from posrev.gui.qt import QApplication, QElapsedTimer, Qt, QTimer

        app = QApplication([sys.argv[0]])
        window = create_main_window(["--base-url", sim["base_url"], "--cashier", "C001"])
        window.show()
        wait_for(app, window.isVisible)
        beats: list[int] = []
        clock = QElapsedTimer()
        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        heartbeat.setInterval(BEAT_MS)
        heartbeat.timeout.connect(lambda: beats.append(clock.elapsed()))
        clock.start()
        heartbeat.start()
        started = time.monotonic()

        window.lookup_input.setText(sim["names"]["SLOW"])
        window.lookup_button.click()
        wait_for(app, lambda: window.stage == "transaction")
        looked_up = time.monotonic() - started
        window.void_button.click()
        wait_for(app, lambda: window.dialogs.find("confirmVoidDialog") is not None)
        window.dialogs.find("confirmVoidDialog").accept()
        wait_for(app, lambda: window.stage == "outcome")
        total = time.monotonic() - started
        heartbeat.stop()
        outcome = window.outcome_label.text()
        window.close()
        window.shutdown()
    gaps = sorted(b - a - BEAT_MS for a, b in zip(beats, beats[1:], strict=False))
    p99 = gaps[int(len(gaps) * 0.99)] if gaps else 0
    print(f"gateway latency {args.latency:g} s per request, reversal in progress for "
          f"{args.polls} enquiries")
    print(f"lookup shown after {looked_up:.2f} s; outcome '{outcome}' after {total:.2f} s")
    print(f"heartbeats: {len(beats)} every {BEAT_MS} ms; stall p50 {gaps[len(gaps) // 2]} ms, "
          f"p99 {p99} ms, max {gaps[-1]} ms")
    ok = verdict("longest GUI-thread stall", gaps[-1], args.max_ms, unit="ms")
    return 0 if ok and outcome.startswith("Voided") else 1


if __name__ == "__main__":
    sys.exit(main())
