"""Client cost per signed request (DESIGN.md §13): posrev's ``Gateway.query(syssn=...)`` vs the
guide's plain ``requests`` sample, on one simulator, in one run. Target: <= 1.1x.

    python benchmarks/client_cost.py [--rounds 20] [--per-round 100] [--warmup 200]
        [--max-ratio 1.1]

The guide's Python sample (QFPay's Reversal API guide, "Code Examples") signs with
``make_req_sign`` and sends with ``requests.post(url, data=data, headers={...})`` — a new
connection per request, no ``Session``. That sample *as written* is the spec's baseline. Since
posrev keeps one ``requests.Session`` (keep-alive), the same sample with a ``Session`` is
measured as well, so both comparisons are on the table:

- posrev vs guide (``requests.post``)  -> the DESIGN.md §13 ratio
- posrev vs guide + ``Session``        -> the like-for-like client overhead

The three clients send the same parameters (what ``Gateway.query`` sends: ``syssn``, ``page``,
``page_size``) to the same simulator and parse the JSON answer; posrev also checks the
response signature and the record shapes, as it does in production. The sample's debugging
``print(unsign_str)`` is left out (console I/O would only slow the baseline down).

The simulator runs in a child process, so ``time.process_time()`` in this process is the
client's CPU alone and the server's threads do not compete for this interpreter's GIL.
Rounds interleave the variants (ABC, then CBA, …) to cancel drift; each figure is the median
of the per-round means. Prints a table; exits 1 when the target ratio is over ``--max-ratio``.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing as mp
import statistics
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

import requests

from posrev.gateway.client import Gateway
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator


# -- the guide's sample, copied (minus its debugging print) ------------------------------------
def make_req_sign(data, key):  # type: ignore[no-untyped-def]  # noqa: ANN001 - as in the guide
    keys = list(data.keys())
    keys.sort()
    p = []
    for k in keys:
        v = data[k]
        p.append('%s=%s' % (k, v))  # noqa: UP031 - the guide's code, verbatim
    unsign_str = ('&'.join(p) + key).encode("utf-8")
    s = hashlib.md5(unsign_str).hexdigest()
    return s.upper()


def guide_request(environment: str, app_code: str, key: str, syssn: str) -> Any:
    data = {'syssn': syssn, 'page': 1, 'page_size': 100}
    r = requests.post(environment + "/trade/v1/query", data=data,
                      headers={'X-QF-APPCODE': app_code, 'X-QF-SIGN': make_req_sign(data, key)})
    return r.json()


def guide_request_session(session: requests.Session, environment: str, app_code: str,
                          key: str, syssn: str) -> Any:
    data = {'syssn': syssn, 'page': 1, 'page_size': 100}
    r = session.post(environment + "/trade/v1/query", data=data,
                     headers={'X-QF-APPCODE': app_code, 'X-QF-SIGN': make_req_sign(data, key)})
    return r.json()


# -- the simulator, in its own process -------------------------------------------------------
def _serve(conn: Connection) -> None:
    sim = Simulator(seed=0, rate_limit_per_minute=10**9)
    url = sim.start()
    order = sim.create_order(pay_type="800108", txamt=2500)
    conn.send((url, order["syssn"]))
    conn.recv()  # until told to stop
    sim.stop()


def _measure(call: Callable[[], Any], n: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) per call, over n calls."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(n):
        call()
    return (time.perf_counter() - wall0) / n, (time.process_time() - cpu0) / n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--per-round", type=int, default=100,
                        help="requests per variant per round (default 100: 2000 in all)")
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--max-ratio", type=float, default=1.1)
    args = parser.parse_args(argv)

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    server = ctx.Process(target=_serve, args=(child,), daemon=True)
    server.start()
    try:
        url, syssn = parent.recv()
        gateway = Gateway(url, DEMO_APP_CODE, DEMO_CLIENT_KEY)
        session = requests.Session()

        def posrev_call() -> Any:
            records = gateway.query(syssn=syssn)
            assert records and records[0]["syssn"] == syssn
            return records

        def guide_call() -> Any:
            answer = guide_request(url, DEMO_APP_CODE, DEMO_CLIENT_KEY, syssn)
            assert answer["respcd"] == "0000"
            return answer

        def session_call() -> Any:
            answer = guide_request_session(session, url, DEMO_APP_CODE, DEMO_CLIENT_KEY, syssn)
            assert answer["respcd"] == "0000"
            return answer

        variants: dict[str, Callable[[], Any]] = {
            "posrev Gateway.query": posrev_call,
            "guide requests.post": guide_call,
            "guide + Session": session_call,
        }
        for call in variants.values():
            _measure(call, args.warmup)
        wall: dict[str, list[float]] = {name: [] for name in variants}
        cpu: dict[str, list[float]] = {name: [] for name in variants}
        names = list(variants)
        for round_no in range(args.rounds):
            order = names if round_no % 2 == 0 else names[::-1]
            for name in order:
                w, c = _measure(variants[name], args.per_round)
                wall[name].append(w)
                cpu[name].append(c)
        gateway.close_session()
        session.close()
    finally:
        parent.send("stop")
        server.join(30)
        if server.is_alive():
            server.terminate()

    med_wall = {n: statistics.median(v) for n, v in wall.items()}
    med_cpu = {n: statistics.median(v) for n, v in cpu.items()}
    total = args.rounds * args.per_round
    print(f"client cost per signed request: {total} requests per variant, {args.rounds} "
          f"interleaved rounds of {args.per_round}, warm-up {args.warmup}; simulator in its "
          f"own process (Python {sys.version.split()[0]}, requests {requests.__version__})")
    print(f"{'variant':<24} {'wall µs/req':>12} {'(min–max round)':>18} {'CPU µs/req':>11}")
    for name in names:
        lo, hi = min(wall[name]) * 1e6, max(wall[name]) * 1e6
        print(f"{name:<24} {med_wall[name] * 1e6:12.0f} {f'({lo:.0f}–{hi:.0f})':>18} "
              f"{med_cpu[name] * 1e6:11.0f}")
    p, g, s = (names[0], names[1], names[2])
    spec_ratio = med_wall[p] / med_wall[g]
    print(f"posrev vs guide requests.post: wall {spec_ratio:.2f}x, CPU "
          f"{med_cpu[p] / med_cpu[g]:.2f}x   <- DESIGN.md §13 ratio (the guide sample as written)")
    print(f"posrev vs guide + Session:     wall {med_wall[p] / med_wall[s]:.2f}x, CPU "
          f"{med_cpu[p] / med_cpu[s]:.2f}x   (like for like: both keep the connection)")
    verdict = "within" if spec_ratio <= args.max_ratio else "OVER"
    print(f"client cost ratio: {spec_ratio:.2f}x (target <= {args.max_ratio}x: {verdict})")
    return 0 if spec_ratio <= args.max_ratio else 1


if __name__ == "__main__":
    raise SystemExit(main())
