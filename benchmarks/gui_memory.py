"""DESIGN.md §13: resident memory of the cashier window vs a bare PySide6 window: <= 1.3x.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_memory.py [--rounds 3]

Both windows run as fresh processes through their real entry points (see gui_common). The
bare window paints and idles for a second. posrev paints, opens its core, looks an order up
and voids it through its own buttons against the simulator (in another process), then idles
for a second: the whole working set of a void, HTTP client, journal and workers included.
Compared: the peak resident set (VmHWM) of each process, median over the rounds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from gui_common import gui_env, median, run_window, simulator, verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-ratio", type=float, default=1.3)
    args = parser.parse_args(argv)
    orders = [{"name": f"ORDER-{i}", "order": {"pay_type": "800108", "txamt": 2500 + i,
                                               "respcd": "1143"}} for i in range(args.rounds)]
    bare_ready, bare_peak, ours_ready, ours_peak, ours_voided = [], [], [], [], []
    with simulator(orders) as sim, tempfile.TemporaryDirectory(prefix="posrev-bench-") as home:
        env = gui_env(home)
        for i in range(args.rounds):
            bare = run_window("bare", ["--settle", "1"], env)
            ours = run_window("posrev", ["--settle", "1", "--void", sim["names"][f"ORDER-{i}"],
                                         "--base-url", sim["base_url"], "gui", "--cashier",
                                         "C001"], env)
            bare_ready.append(bare["ready"]["rss"])
            bare_peak.append(bare["done"]["hwm"])
            ours_ready.append(ours["ready"]["rss"])
            ours_voided.append(ours["voided"]["rss"])
            ours_peak.append(ours["done"]["hwm"])
    mib = 1024.0
    print(f"{'MiB (median of ' + str(args.rounds) + ')':34} {'at paint':>9} {'after void':>11} "
          f"{'peak':>7}")
    print(f"{'bare PySide6 window':34} {median(bare_ready) / mib:9.1f} {'—':>11} "
          f"{median(bare_peak) / mib:7.1f}")
    print(f"{'posrev window (lookup + void)':34} {median(ours_ready) / mib:9.1f} "
          f"{median(ours_voided) / mib:11.1f} {median(ours_peak) / mib:7.1f}")
    ok = verdict("peak resident memory, posrev / bare", median(ours_peak) / median(bare_peak),
                 args.max_ratio)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
