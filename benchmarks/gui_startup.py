"""Start to "first scan accepted", posrev vs a bare PySide6 window, same run: <= 1.3x
(and start to window ready <= 1.5x).

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_startup.py [--rounds 7] [--no-bytecode]

Each round starts both, alternately, as fresh processes: a bare PySide6 window (a label and
a line edit), and ``posrev --base-url URL gui --cashier C001`` through posrev's real entry
point (``posrev.cli.main``), against the simulator in another process, with credentials in
the environment and a journal that already exists (a terminal's second start of the day).
As soon as each window paints, the child scans a number into it (the characters, then
Enter, as a keyboard-mode scanner types) and reports when the window took the scan: the bare
window's ``returnPressed``; posrev's ``scan_accepted`` (the input is emptied and the number
is looked up once the core, opened on a worker after the paint, is there). Reported: median
seconds of each, the time until posrev's core is open (for information), and the ratios.

Both run with Python's bytecode cache, as an installed program does (the first, unmeasured
start of each writes it); ``--no-bytecode`` measures sources compiled at every start instead
(what PYTHONDONTWRITEBYTECODE=1 gives, as the test scripts set).
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from gui_common import gui_env, median, run_window, simulator, verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--max-ratio", type=float, default=1.3,
                        help="first scan accepted, posrev / bare")
    parser.add_argument("--max-paint-ratio", type=float, default=1.5,
                        help="window ready (first paint), posrev / bare")
    parser.add_argument("--no-bytecode", action="store_true")
    args = parser.parse_args(argv)
    bytecode = not args.no_bytecode
    with simulator() as sim, tempfile.TemporaryDirectory(prefix="posrev-bench-") as home:
        env = gui_env(home, bytecode=bytecode)
        posrev_args = ["--base-url", sim["base_url"], "gui", "--cashier", "C001", "--scan"]
        run_window("posrev", posrev_args, env)  # first start: the journal, the bytecode
        run_window("bare", ["--scan"], env)
        runs: dict[str, list[dict]] = {"bare": [], "posrev": []}
        for i in range(args.rounds):
            pair = [("bare", ["--scan"]), ("posrev", posrev_args)]
            for kind, extra in (pair if i % 2 == 0 else pair[::-1]):
                runs[kind].append(run_window(kind, extra, env))
        demo = [run_window("posrev", ["--demo", "gui"],
                           gui_env(home, credentials=False, bytecode=bytecode))["ready_s"]
                for _ in range(3)]

    def column(kind: str, key: str) -> list[float]:
        return [r[key] for r in runs[kind]]

    print(f"bytecode cache: {'yes (as installed)' if bytecode else 'no (compiled each start)'}")
    print(f"{'window':44} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, values in (("bare PySide6 window: painted", column("bare", "ready_s")),
                         ("bare PySide6 window: first scan accepted",
                          column("bare", "accepted_s")),
                         ("posrev (--base-url, journal exists): painted",
                          column("posrev", "ready_s")),
                         ("posrev: first scan accepted", column("posrev", "accepted_s")),
                         ("posrev: core open (info)", column("posrev", "attached_s")),
                         ("posrev --demo: painted (info: a simulator)", demo)):
        print(f"{name:44} {median(values):9.3f} {min(values):7.3f} {max(values):7.3f}")
    paint = verdict("start to window ready, posrev / bare",
                    median(column("posrev", "ready_s")) / median(column("bare", "ready_s")),
                    args.max_paint_ratio)
    scan = verdict("start to first scan accepted, posrev / bare",
                   median(column("posrev", "accepted_s")) / median(column("bare", "accepted_s")),
                   args.max_ratio)
    return 0 if paint and scan else 1


if __name__ == "__main__":
    sys.exit(main())
