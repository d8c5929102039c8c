"""What ``close_method = "auto"`` costs against a POST-only gateway.

Target (issue 10): a close in ``auto`` against a gateway that refuses GET costs one extra
request the first time (the refused GET) and none after (the profile remembers POST).
Baseline, measured in the same run on the same simulator: ``close_method = "post"``.

    python benchmarks/close_auto_cost.py [--closes 20] [--refusal 405|404|501|json]

Prints requests per close (counted at the simulator) and wall time per close, and one
verdict line; exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from posrev.gateway.client import Gateway
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator


class Memory:
    """A profile's memory of its gateway (the journal's meta table in posrev)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get_meta(self, key: str) -> str | None:
        return self.values.get(key)

    def set_meta(self, key: str, value: str) -> None:
        self.values[key] = value


def run(sim: Simulator, close_method: str, closes: int) -> list[tuple[int, float]]:
    """(requests, seconds) for each of ``closes`` closes by one terminal profile."""
    memory = Memory()
    out = []
    for _ in range(closes):
        gateway = Gateway(sim.base_url, DEMO_APP_CODE, DEMO_CLIENT_KEY, memory=memory,
                          close_method=close_method)  # a new process each time: memory only
        order = sim.create_order(pay_type="800208")
        params = {"syssn": order["syssn"], "txamt": order["txamt"], "txdtm": order["txdtm"],
                  "udid": "BENCH"}
        before = len(sim.requests)
        started = time.perf_counter()
        answer = gateway.close(params)
        elapsed = time.perf_counter() - started
        gateway.close_session()
        if answer.respcd != "0000" or sim.voids_applied(order["syssn"]) != 1:
            raise SystemExit(f"close failed: {answer.respcd}")
        out.append((len(sim.requests) - before, elapsed))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--closes", type=int, default=20)
    parser.add_argument("--refusal", default="405", choices=("405", "404", "501", "json"))
    args = parser.parse_args()
    with Simulator(close_method="post", close_refusal=args.refusal,
                   rate_limit_per_minute=100_000) as sim:
        baseline = run(sim, "post", args.closes)
        auto = run(sim, "auto", args.closes)
    base_requests = statistics.mean(n for n, _ in baseline)
    first_requests = auto[0][0]
    after_requests = statistics.mean(n for n, _ in auto[1:])
    base_ms = statistics.median(t for _, t in baseline) * 1000
    first_ms = auto[0][1] * 1000
    after_ms = statistics.median(t for _, t in auto[1:]) * 1000
    print(f"POST-only gateway (GET refused with {args.refusal}), {args.closes} closes each")
    print(f"{'variant':<34}{'requests/close':>16}{'ms/close':>10}{'ratio':>8}")
    print(f"{'baseline: close_method = post':<34}{base_requests:>16.2f}{base_ms:>10.2f}"
          f"{1.0:>8.2f}")
    print(f"{'auto, first close':<34}{first_requests:>16.2f}{first_ms:>10.2f}"
          f"{first_requests / base_requests:>8.2f}")
    print(f"{'auto, every later close':<34}{after_requests:>16.2f}{after_ms:>10.2f}"
          f"{after_requests / base_requests:>8.2f}")
    ok = first_requests == base_requests + 1 and after_requests == base_requests
    print(f"extra requests: first close {first_requests - base_requests:g}, later closes "
          f"{after_requests - base_requests:g} (target 1 then 0: {'within' if ok else 'OVER'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
