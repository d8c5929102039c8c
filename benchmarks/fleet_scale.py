"""The fleet at chain scale: 200 terminals × a year of operations in one PostgreSQL.

    python benchmarks/fleet_scale.py [--terminals 200] [--ops-per-terminal 5000]
        [--events-per-op 3] [--concurrent 20] [--voids 40] [--database-url URL]

Without ``--database-url`` it starts its own server (Debian's postgresql package, initdb and
pg_ctl into a temp dir, as tests/pg_fixtures.py does) and removes it afterwards. Measures:

- shipping throughput, events/s: one terminal's year shipped by posrev's Shipper alone, then
  ``--concurrent`` terminals shipping their years at once (one process each, as tills are
  separate machines); the remaining terminals are loaded with COPY (the same rows, faster),
  so the database holds terminals × ops-per-terminal operations and × events-per-op events
- ``fleet report`` for one store and one day, and ``fleet pending`` chain-wide (posrev's own
  queries, posrev.fleet.views), median of 7 warm runs                     target <= 200 ms each
- a terminal's void latency against the simulator (answering in ``--gateway-latency`` s,
  default 0.05; a real gateway takes 0.1-0.3 s), with its shipper running (a backlog of
  100 000 events, shipped again from the start in each block) vs without, interleaved
  blocks, medians                                                          target ratio <= 1.05

Prints the size it ran; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

import psycopg  # noqa: E402

from posrev.fleet import schema, views  # noqa: E402
from posrev.fleet.settings import FleetConfig  # noqa: E402
from posrev.fleet.shipper import Shipper  # noqa: E402

TARGET_MS = 200.0
TARGET_RATIO = 1.05
BACKLOG = 100_000
PER_STORE = 4  # terminals per store
END = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)


def store_of(n: int) -> str:
    return f"S{n // PER_STORE:03d}"


def udid_of(n: int) -> str:
    return f"till-{n:03d}"


def make_journal(folder: Path, n: int, ops: int, events_per_op: int) -> Path:
    from journal_scale import build

    path = folder / f"{udid_of(n)}.sqlite3"
    build(path, ops, 0.001, events_per_op, seed=1000 + n)
    return path


def ship(args: tuple[str, str, int]) -> tuple[int, float]:
    journal, url, n = args
    config = FleetConfig(database_url=url, store_id=store_of(n), udid=udid_of(n))
    shipper = Shipper(journal, config)  # the default batch, as a terminal ships
    started = time.perf_counter()
    shipped = shipper.ship_once()
    elapsed = time.perf_counter() - started
    shipper.stop()
    return shipped, elapsed


def copy_load(admin: str, first: int, last: int, ops: int, events_per_op: int) -> None:
    """Terminals first..last-1, a year each, straight into the tables with COPY."""
    rng = random.Random(7)
    start = END - timedelta(days=365)
    span = 365 * 86400
    with psycopg.connect(admin) as conn, conn.cursor() as cur:
        for n in range(first, last):
            udid, store = udid_of(n), store_of(n)
            with cur.copy("COPY operations (op_id, store_id, owner_udid, origin_udid, action, "
                          "orig_syssn, out_trade_no, void_syssn, txamt, txcurrcd, pay_type, "
                          "cashier, approver, reason, state, final, sends, respcd, message, "
                          "created_at, updated_at, version, row) FROM STDIN") as cp_ops:
                op_ids = []
                for i in range(ops):
                    created = start + timedelta(seconds=span * i / ops + rng.uniform(0, 60))
                    live = rng.random() < 0.001
                    state = "pending" if live else rng.choices(
                        ["voided", "failed", "refund_required", "needs_manual"],
                        [85, 8, 5, 2])[0]
                    op_id = uuid.UUID(int=rng.getrandbits(128)).hex
                    op_ids.append((op_id, created))
                    txamt = rng.choice([1500, 2500, 4800, 12000, 52000])
                    cp_ops.write_row((op_id, store, udid, udid, "reversal", f"{n:03d}{i:017d}",
                                      f"ORD{i:010d}", "", txamt, "HKD", "800101",
                                      f"C{rng.randint(1, 40):03d}",
                                      "S001" if txamt >= 50000 else "", "", state,
                                      not live, 1, "0000", "", created, created, 3, "{}"))
            with cur.copy("COPY events (udid, event_id, store_id, at, op_id, kind, actor, "
                          "result, location, detail) FROM STDIN") as cp_ev:
                event_id = 0
                for op_id, created in op_ids:
                    for k in range(events_per_op):
                        event_id += 1
                        cp_ev.write_row((udid, event_id, store, created + timedelta(seconds=k),
                                         op_id, ("void.intent", "gateway.reversal",
                                                 "void.voided")[k % 3], "C001", "voided", udid,
                                         '{"respcd": "0000"}'))
            cur.execute("INSERT INTO terminals(udid, store_id, last_event_id) VALUES "
                        "(%s, %s, %s)", (udid, store, event_id))
            conn.commit()
        cur.execute("ANALYZE")


def timed(fn, repeat: int = 7) -> float:
    fn()  # warm
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def void_latency(url: str, folder: Path, voids: int,
                 latency: float) -> tuple[float, float, int]:
    """Median void latency (ms) without and with the shipper running; backlog shipped."""
    from posrev.app import App, AppOptions
    from posrev.clock import Clock
    from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator

    sim = Simulator(seed=3)
    sim.start()
    home = folder / "void-terminal"
    home.mkdir()
    (home / "config.toml").write_text(
        f'[terminal]\nudid = "till-void"\n\n[fleet]\ndatabase_url = "{url}"\n'
        f'store_id = "S999"\n')
    app = App.open(AppOptions(base_url=sim.base_url), clock=Clock(),
                   environ={"POSREV_HOME": str(home), "POSREV_APP_CODE": DEMO_APP_CODE,
                            "POSREV_CLIENT_KEY": DEMO_CLIENT_KEY})
    import sqlite3

    db = sqlite3.connect(app.journal.path, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")  # a backlog for the shipper to work through meanwhile
    now = datetime.now(UTC).isoformat()
    db.executemany("INSERT INTO events(at, op_id, kind, actor, result, location, detail) "
                   "VALUES (?, NULL, 'bench.backlog', 'C001', '', 'till-void', ?)",
                   [(now, json.dumps({"n": n, "pad": "x" * 200})) for n in range(BACKLOG)])
    db.execute("COMMIT")
    db.close()
    link = app.fleet()
    without: list[float] = []
    with_shipper: list[float] = []
    shipped = 0

    def one() -> float:
        order = sim.create_order(respcd="1143")
        if latency:
            sim.set_scenario(order["syssn"], latency=latency)
        found = app.lookup(order["syssn"], "syssn")
        started = time.perf_counter()
        op = app.void(found.transaction, cashier="C001")
        elapsed = (time.perf_counter() - started) * 1000
        assert op.outcome == "voided", op.outcome
        return elapsed

    one()  # warm
    block = 5
    for _round in range(max(1, voids // (2 * block))):
        for _ in range(block):
            without.append(one())
        link.shipper._set_bookmark(0)  # keep it busy: the whole backlog again (idempotent)
        link.start()
        time.sleep(0.2)  # it is connected and shipping before the first measured void
        for _ in range(block):
            with_shipper.append(one())
        link.stop()
        shipped = max(shipped, link.shipper.bookmark())
    app.close()
    sim.stop()
    return statistics.median(without), statistics.median(with_shipper), shipped


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--terminals", type=int, default=200)
    p.add_argument("--ops-per-terminal", type=int, default=5000)
    p.add_argument("--events-per-op", type=int, default=3)
    p.add_argument("--concurrent", type=int, default=20)
    p.add_argument("--voids", type=int, default=40)
    p.add_argument("--gateway-latency", type=float, default=0.05,
                   help="seconds the simulator takes per answer (a real gateway: 0.1-0.3)")
    p.add_argument("--database-url", help="an empty database (owner role); default: own server")
    args = p.parse_args()
    concurrent = min(args.concurrent, max(0, args.terminals - 1))
    total_ops = args.terminals * args.ops_per_terminal
    print(f"size: {args.terminals} terminals x {args.ops_per_terminal} operations = "
          f"{total_ops:,} operations, {total_ops * args.events_per_op:,} events; "
          f"{PER_STORE} terminals per store")
    server = None
    if args.database_url:
        admin = url = args.database_url
    else:
        from pg_fixtures import TILL_PASSWORD, _start_server

        server = _start_server()
        server.admin("CREATE DATABASE fleet_bench")
        server.admin("GRANT CONNECT ON DATABASE fleet_bench TO posrev_terminal")
        admin = server.admin_conninfo("fleet_bench")
        url = server.url("fleet_bench")
        os.environ["PGPASSWORD"] = TILL_PASSWORD
        print(f"server: PostgreSQL {server.admin('SHOW server_version')[0][0]} in "
              f"{server.root} (fsync off: the numbers are the database's work, not the disk's)")
    failures = 0
    try:
        with psycopg.connect(admin) as conn:
            schema.init(conn)
        with tempfile.TemporaryDirectory(prefix="posrev-fleet-bench-") as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            journals = [make_journal(folder, n, args.ops_per_terminal, args.events_per_op)
                        for n in range(1 + concurrent)]
            print(f"built {len(journals)} terminal journals in "
                  f"{time.perf_counter() - started:.1f} s")
            shipped, elapsed = ship((str(journals[0]), url, 0))
            print(f"shipping, one terminal:        {shipped:>9,} events in {elapsed:6.1f} s = "
                  f"{shipped / elapsed:>8,.0f} events/s")
            if concurrent:
                jobs = [(str(journals[n]), url, n) for n in range(1, 1 + concurrent)]
                started = time.perf_counter()
                with multiprocessing.get_context("fork").Pool(concurrent) as pool:
                    results = pool.map(ship, jobs)
                wall = time.perf_counter() - started
                total = sum(r[0] for r in results)
                print(f"shipping, {concurrent} concurrent:      {total:>9,} events in "
                      f"{wall:6.1f} s = {total / wall:>8,.0f} events/s "
                      f"({total / wall / concurrent:,.0f} per terminal)")
            for path in journals:
                path.unlink()
            started = time.perf_counter()
            copy_load(admin, 1 + concurrent, args.terminals, args.ops_per_terminal,
                      args.events_per_op)
            print(f"loaded terminals {1 + concurrent}..{args.terminals - 1} with COPY in "
                  f"{time.perf_counter() - started:.1f} s")
            with psycopg.connect(admin) as conn:
                ops, events = conn.execute("SELECT (SELECT count(*) FROM operations), "
                                           "(SELECT count(*) FROM events)").fetchone()
                size = conn.execute("SELECT pg_size_pretty(pg_database_size("
                                    "current_database()))").fetchone()[0]
            print(f"database: {ops:,} operations, {events:,} events, {size}")
            with psycopg.connect(url) as conn:
                day = END - timedelta(days=100)
                day = day.replace(hour=0, minute=0, second=0, microsecond=0)
                rows = []

                def report() -> None:
                    rows[:] = views.report(conn, since=day, until=day + timedelta(days=1),
                                           store=store_of(1))

                ms = timed(report)
                ok = ms <= TARGET_MS
                failures += not ok
                print(f"fleet report, one store, one day ({len(rows)} rows): {ms:7.1f} ms "
                      f"(target <= {TARGET_MS:.0f} ms: {'within' if ok else 'OVER'})")
                pend = []

                def pending() -> None:
                    pend[:] = views.pending(conn)

                ms = timed(pending)
                ok = ms <= TARGET_MS
                failures += not ok
                print(f"fleet pending, chain-wide ({len(pend)} rows):     {ms:7.1f} ms "
                      f"(target <= {TARGET_MS:.0f} ms: {'within' if ok else 'OVER'})")
            base, loaded, shipped = void_latency(url, folder, args.voids,
                                                 args.gateway_latency)
            ratio = loaded / base
            ok = ratio <= TARGET_RATIO
            failures += not ok
            print(f"void latency (simulator answering in {args.gateway_latency * 1000:.0f} ms, "
                  f"a backlog of {BACKLOG:,} events), median: without shipper {base:.1f} ms, "
                  f"with shipper {loaded:.1f} ms (it shipped {shipped:,} events meanwhile): ratio "
                  f"{ratio:.3f} (target <= {TARGET_RATIO}: {'within' if ok else 'OVER'})")
    finally:
        if server is not None:
            import shutil

            server.stop("immediate")
            shutil.rmtree(server.root, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
