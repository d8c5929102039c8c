"""DESIGN.md §13 (journal of 100 000 operations: the journal view opens with no stall > 50 ms),
measured on the GUI thread of the real window.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_journal.py [--ops 100000]

Builds a 100 000-operation journal with ``journal_scale.build`` (posrev's own schema), opens
the cashier window on it, and with a 5 ms heartbeat on the GUI thread: opens the journal
view, waits for the count, scrolls to the bottom ten times (each loads the next page), types
a search, picks an outcome filter and a start date. Reported: time until the count shows,
and the longest heartbeat delay (a stall) over the whole session.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui_common import gui_env, simulator, verdict  # noqa: E402
from gui_stall import BEAT_MS, wait_for  # noqa: E402
from journal_scale import build  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=100_000)
    parser.add_argument("--max-ms", type=float, default=50.0)
    args = parser.parse_args(argv)
    with simulator() as sim, tempfile.TemporaryDirectory(prefix="posrev-bench-") as home:
        os.environ.update(gui_env(home))
        started = time.perf_counter()
        build(Path(home) / "data" / "journal.sqlite3", args.ops, 0.0, 3)
        print(f"built a journal of {args.ops:,} operations in "
              f"{time.perf_counter() - started:.1f} s")
        from posrev.gui import create_main_window
        from posrev.gui.qt import QApplication, QComboBox, QElapsedTimer, QLineEdit, Qt, QTimer

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

        opened = time.perf_counter()
        window.journal_button.click()
        journal = window.child_window("journal")
        model = journal.model
        wait_for(app, lambda: model.total >= args.ops - 1 and model.rowCount() > 0)
        shown = time.perf_counter() - opened
        for _ in range(10):
            before = model.rowCount()
            journal.table.scrollToBottom()
            wait_for(app, lambda before=before: model.rowCount() > before)
        rows_loaded = model.rowCount()
        search = journal.findChild(QLineEdit, "journalSearch")
        search.setText("ORD000001234")  # ORD0000012340 … 49
        wait_for(app, lambda: 0 < model.total < 100 and not model.loading)
        outcome = journal.findChild(QComboBox, "journalOutcome")
        search.clear()
        outcome.setCurrentIndex(outcome.findData("failed"))
        wait_for(app, lambda: not model.loading and 0 < model.total < args.ops)
        failed = model.total
        journal.since_check.setChecked(True)  # from today
        wait_for(app, lambda: not model.loading)
        today = model.total
        heartbeat.stop()
        window.close()
        window.shutdown()
    gaps = sorted(b - a - BEAT_MS for a, b in zip(beats, beats[1:], strict=False))
    print(f"journal view: {args.ops:,} operations counted and first page shown after "
          f"{shown * 1000:.0f} ms; {rows_loaded} rows after ten scrolls to the bottom; "
          f"{failed:,} failed, {today:,} of them from today")
    print(f"heartbeats: {len(beats)} every {BEAT_MS} ms; stall p50 {gaps[len(gaps) // 2]} ms, "
          f"p99 {gaps[int(len(gaps) * 0.99)]} ms, max {gaps[-1]} ms")
    ok = verdict("longest GUI-thread stall with the journal view", gaps[-1], args.max_ms,
                 unit="ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
