"""SPEC §11: start to window ready, posrev vs a bare PySide6 window, same run: <= 1.5x.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_startup.py [--rounds 7]

Each round starts both, alternately, as fresh processes: a bare PySide6 window (a label and
a line edit), and ``posrev --base-url URL gui --cashier C001`` through posrev's real entry
point (``posrev.cli.main``), against the simulator in another process, with credentials in
the environment and a journal that already exists (a terminal's second start of the day).
"Ready" is the window's first paint: the cashier sees the window and can scan (a scan made
before the core is open is kept and looked up as soon as it is). posrev opens its core (HTTP
client, journal, settings) on a worker right after that paint; the time until then is
reported too, for information. Reported: median seconds of each, and the ratio of the
first paints.
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from gui_common import gui_env, median, run_window, simulator, verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--max-ratio", type=float, default=1.5)
    args = parser.parse_args(argv)
    with simulator() as sim, tempfile.TemporaryDirectory(prefix="posrev-bench-") as home:
        env = gui_env(home)
        posrev_args = ["--base-url", sim["base_url"], "gui", "--cashier", "C001"]
        run_window("posrev", posrev_args, env)  # first start: creates the journal
        run_window("bare", [], env)
        bare, ours, attached, demo = [], [], [], []
        for i in range(args.rounds):
            pair = [("bare", [], bare), ("posrev", posrev_args, ours)]
            for kind, extra, sink in (pair if i % 2 == 0 else pair[::-1]):
                result = run_window(kind, extra, env)
                sink.append(result["ready_s"])
                if kind == "posrev":
                    attached.append(result["attached_s"])
        for _ in range(3):
            demo.append(run_window("posrev", ["--demo", "gui"], gui_env(home,
                                                                      credentials=False))
                        ["ready_s"])
    print(f"{'window':38} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, values in (("bare PySide6 window", bare),
                         ("posrev (--base-url, journal exists)", ours),
                         ("  … core open, first lookup possible", attached),
                         ("posrev --demo (info: starts a simulator)", demo)):
        print(f"{name:38} {median(values):9.3f} {min(values):7.3f} {max(values):7.3f}")
    ok = verdict("start to window ready, posrev / bare", median(ours) / median(bare),
                 args.max_ratio)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
