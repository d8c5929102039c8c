"""What the refund verdict adds to a lookup: ``App.lookup`` of a paid payment (the lookup
plus a scan of the month's enquiry records for its refunds) against the lookup of an
unfinished payment (no scan), in one run, on one simulator, with 0 / 500 / 2000 other
orders in the month (the scan pages through them, 100 per query).

    python benchmarks/refund_lookup.py [--rounds 30]

Prints one line per month size, and the ratio paid/unfinished. There is no target for
this; it says what a cashier waits for before the Refund button appears.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    from posrev.app import App, AppOptions
    from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator

    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    sim = Simulator(seed=1, rate_limit_per_minute=10**9)
    sim.start()
    home = tempfile.mkdtemp(prefix="posrev-bench-")
    env = {"POSREV_HOME": home, "POSREV_APP_CODE": DEMO_APP_CODE,
           "POSREV_CLIENT_KEY": DEMO_CLIENT_KEY, **{k: v for k, v in os.environ.items()
                                                    if not k.startswith("POSREV_")}}
    app = App.open(AppOptions(base_url=sim.base_url), environ=env)
    try:
        print(f"{'other orders':>12} {'unfinished ms':>14} {'paid ms':>9} {'ratio':>6}")
        made = 0
        for others in (0, 500, 2000):
            while made < others:
                sim.create_order(respcd="1143")
                made += 1
            unfinished = sim.create_order(respcd="1143")["syssn"]
            paid = sim.create_order(respcd="0000")["syssn"]
            app.lookup(unfinished, "syssn")
            app.lookup(paid, "syssn")  # warm-up
            a, b = [], []
            for i in range(args.rounds):
                for syssn, out in ((unfinished, a), (paid, b)) if i % 2 else \
                        ((paid, b), (unfinished, a)):
                    start = time.perf_counter()
                    app.lookup(syssn, "syssn")
                    out.append((time.perf_counter() - start) * 1000)
            ma, mb = statistics.median(a), statistics.median(b)
            print(f"{others:>12} {ma:>14.1f} {mb:>9.1f} {mb / ma:>5.2f}×")
    finally:
        app.close()
        sim.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
