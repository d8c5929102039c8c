"""Journal at scale (DESIGN.md §13): a journal of 100 000 operations.

    python benchmarks/journal_scale.py [--ops 100000] [--live-fraction 0.001]
        [--events-per-op 3] [--repeat 5] [--keep DIR] [--max-ms 50]

Builds the journal through posrev's own schema (``Journal(path)`` creates it; the rows are
then bulk-inserted in one transaction, like a year of a busy till: ~0.1 % still live, the rest
voided / failed / refund_required / needs_manual, with request/answer events), then measures:

- start-up resume scan: ``Journal(path)`` (open, pragmas, migration check, ``quick_check`` of
  the operations table) + ``journal.live()``, median of ``--repeat`` fresh opens
                                                                          target <= 50 ms
- the integrity checks (for information, with that target): ``PRAGMA quick_check(operations)``
  (every open), the full ``PRAGMA quick_check`` (at an open after an unclean close, and once
  in the window's background after start-up), an open with another process holding the file
  (WAL present: the full check runs), and an open with no check at all (the baseline)
- the journal view opening: ``count_operations()`` and the first page ``operations(0, 200)``,
  every call                                                             target: none > 50 ms
- what the view does next (for information): a search, a since-date filter, an outcome filter,
  the last page
- ``export_csv`` of every operation: time and size

The page cache is warm (the file was just written), as on a till that has been running.
Prints one line per figure; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from posrev.journal import Journal

FINAL_MIX = [("voided", 0.85), ("failed", 0.08), ("refund_required", 0.05),
             ("needs_manual", 0.02)]
LIVE_STATES = ["pending", "unknown", "intent", "sending", "confirming"]
EVENT_KINDS = ["void.intent", "gateway.reversal", "void.final", "gateway.query", "void.check"]
MESSAGES = {"voided": "Voided — the customer will not be charged.",
            "failed": "Failed: the gateway refused the void (1155).",
            "refund_required": "Payment completed — refund it instead.",
            "needs_manual": "Not confirmed after 24 hours; a supervisor must resolve it."}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def build(path: Path, ops: int, live_fraction: float, events_per_op: int, seed: int = 1) -> int:
    """A journal of ``ops`` operations; returns how many are live."""
    Journal(path).close()  # the schema, exactly as posrev creates it
    rng = random.Random(seed)
    end = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
    start = end - timedelta(days=365)
    span = (end - start).total_seconds()
    live_idx = set(rng.sample(range(ops), max(1, round(ops * live_fraction))))
    states, weights = zip(*FINAL_MIX, strict=True)
    op_rows: list[tuple[Any, ...]] = []
    event_rows: list[tuple[Any, ...]] = []
    for i in range(ops):
        created = start + timedelta(seconds=span * i / ops)
        updated = created + timedelta(seconds=rng.uniform(1, 20))
        live = i in live_idx
        state = rng.choice(LIVE_STATES) if live else rng.choices(states, weights)[0]
        orig = f"2025{i:022d}"
        op_id = uuid.UUID(int=rng.getrandbits(128)).hex
        txamt = rng.choice([1500, 2500, 4800, 12000, 38000, 52000, 99000])
        pay_type = rng.choice(["800101", "801501", "800201", "800108", "800208", "801008"])
        action = "close" if pay_type in ("800208", "801008") else "reversal"
        cashier = f"C{rng.randint(1, 40):03d}"
        approver = "S001" if txamt >= 50000 else ""
        next_check = _iso(updated + timedelta(minutes=5)) if live else None
        txdtm = created.strftime("%Y-%m-%d %H:%M:%S")
        op_rows.append((
            op_id, orig, f"ORD{i:010d}", action, txamt, "HKD", txdtm, pay_type, "till-001",
            cashier, approver, "Customer left" if approver else "", 0, state, 0 if live else 1,
            1, "" if live else f"2026{i:022d}",
            "1145" if live else ("0000" if state == "voided" else "1155"),
            MESSAGES.get(state, "Not confirmed yet."), _iso(created), _iso(updated),
            _iso(created) if live else None, next_check, rng.randint(1, 6), 3))
        for k in range(events_per_op):
            kind = EVENT_KINDS[k % len(EVENT_KINDS)]
            if kind.startswith("gateway."):  # what Journal.record_exchange writes
                detail = {"method": "POST", "params": {"syssn": orig, "txamt": str(txamt),
                                                       "txdtm": txdtm, "udid": "till-001"},
                          "http_status": 200,
                          "answer": {"respcd": "0000", "resperr": "success",
                                     "syssn": f"2026{i:022d}", "orig_syssn": orig},
                          "error": None, "elapsed_ms": 183.4}
            else:
                detail = {"orig_syssn": orig, "action": action, "txamt": txamt}
            event_rows.append((_iso(created + timedelta(seconds=k)), op_id, kind, cashier,
                               state, "till-001", json.dumps(detail, ensure_ascii=False)))
        if approver:  # the supervisor's approval and its use (no op_id: given before it)
            for k, kind in ((-2, "supervisor.approval"), (-1, "supervisor.consumed")):
                detail = {"actor": cashier, "approver": approver, "action": "void",
                          "target": orig, "reason": "Customer left", "approval_id": op_id}
                event_rows.append((_iso(created + timedelta(seconds=k)), None, kind, cashier,
                                   "success", "till-001", json.dumps(detail)))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO operations(op_id, orig_syssn, out_trade_no, action, txamt, txcurrcd, "
            "txdtm, pay_type, udid, cashier, approver, reason, forced, state, final, sends, "
            "void_syssn, respcd, message, created_at, updated_at, pending_since, next_check_at, "
            "checks, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            op_rows)
        conn.executemany(
            "INSERT INTO events(at, op_id, kind, actor, result, location, detail) "
            "VALUES (?,?,?,?,?,?,?)", event_rows)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return len(live_idx)


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = call()
    return (time.perf_counter() - t0) * 1000, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=100_000)
    parser.add_argument("--live-fraction", type=float, default=0.001)
    parser.add_argument("--events-per-op", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep the files")
    parser.add_argument("--max-ms", type=float, default=50.0)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="posrev-journal-scale-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "journal.sqlite3"
        for stale in folder.glob("journal.sqlite3*"):
            stale.unlink()
        t0 = time.perf_counter()
        live_count = build(path, args.ops, args.live_fraction, args.events_per_op)
        build_s = time.perf_counter() - t0
        size_mb = path.stat().st_size / 1e6
        with sqlite3.connect(path) as conn:
            events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            approved = conn.execute("SELECT op_id FROM operations WHERE approver != '' "
                                    "ORDER BY created_at LIMIT 1 OFFSET ?",
                                    (args.ops // 10,)).fetchone()[0]
        conn.close()
        print(f"journal: {args.ops} operations ({live_count} live), "
              f"{events} events (supervisors' included), {size_mb:.1f} MB, built in "
              f"{build_s:.1f} s (Python {sys.version.split()[0]}, SQLite "
              f"{sqlite3.sqlite_version})")
        ok = True

        # -- start-up resume scan --------------------------------------------------------
        opens, scans, totals = [], [], []
        for _ in range(args.repeat):
            open_ms, journal = timed(lambda: Journal(path))
            scan_ms, live = timed(journal.live)
            journal.close()
            assert len(live) == live_count, (len(live), live_count)
            opens.append(open_ms)
            scans.append(scan_ms)
            totals.append(open_ms + scan_ms)
        resume = statistics.median(totals)
        verdict = "within" if resume <= args.max_ms else "OVER"
        ok &= resume <= args.max_ms
        print(f"start-up resume scan (open + live(), {live_count} live): median "
              f"{resume:.1f} ms of {args.repeat} [open {statistics.median(opens):.1f} ms, "
              f"live() {statistics.median(scans):.1f} ms; all: "
              f"{', '.join(f'{t:.1f}' for t in totals)}] (target <= {args.max_ms:g} ms: "
              f"{verdict})")

        # -- integrity checks (README.md, "Reliability") ----------------------------------
        def raw_ms(sql: str) -> float:
            conn = sqlite3.connect(path)
            try:
                ms, rows = timed(lambda: conn.execute(sql).fetchall())
            finally:
                conn.close()
            assert rows == [("ok",)], rows
            return ms

        def bare_open() -> int:  # the baseline: what an open costs with no check at all
            conn = sqlite3.connect(path)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                return len(conn.execute("SELECT * FROM operations WHERE final=0").fetchall())
            finally:
                conn.close()

        base = statistics.median(timed(bare_open)[0] for _ in range(args.repeat))
        table = statistics.median(raw_ms("PRAGMA quick_check(operations)")
                                  for _ in range(args.repeat))
        full = statistics.median(raw_ms("PRAGMA quick_check") for _ in range(args.repeat))
        holder = Journal(path)  # another process has it open: a WAL file is present
        holder.audit("benchmark.hold")
        try:
            unclean = statistics.median(
                timed(lambda: (lambda j: (j.live(), j.close()))(Journal(path)))[0]
                for _ in range(args.repeat))
        finally:
            holder.close()
        for label, ms in (("quick_check(operations), at every open", table),
                          ("full quick_check, after an unclean close / in the background", full),
                          ("start-up with the WAL present (full check) + live()", unclean)):
            verdict = "within" if ms <= args.max_ms else "over"
            print(f"  {label}: median {ms:.1f} ms = {ms / base:.0f}x a bare open + live() "
                  f"({base:.1f} ms) (start-up target <= {args.max_ms:g} ms: {verdict})")

        journal = Journal(path)
        try:
            # -- the journal view opens ---------------------------------------------------
            counts, pages = [], []
            for _ in range(args.repeat):
                ms, total = timed(journal.count_operations)
                assert total == args.ops
                counts.append(ms)
                ms, page = timed(lambda: journal.operations(0, 200))
                assert len(page) == 200 and page[0].created_at >= page[-1].created_at
                pages.append(ms)
            worst = max(counts + pages)
            verdict = "within" if worst <= args.max_ms else "OVER"
            ok &= worst <= args.max_ms
            print(f"journal view opens: count_operations() max {max(counts):.1f} ms "
                  f"(median {statistics.median(counts):.1f}); operations(0, 200) max "
                  f"{max(pages):.1f} ms (median {statistics.median(pages):.1f}) "
                  f"(target: no call > {args.max_ms:g} ms: {verdict})")

            # -- what the view does next (information) --------------------------------------
            since = datetime(2026, 11, 1, tzinfo=UTC)
            extra: list[tuple[str, Callable[[], Any]]] = [
                ("search '0000012345' count", lambda: journal.count_operations("0000012345")),
                ("search '0000012345' page", lambda: journal.operations(0, 200, "0000012345")),
                ("search 'C017' (cashier) count", lambda: journal.count_operations("C017")),
                ("since 2026-11-01 count", lambda: journal.count_operations(since=since)),
                ("since 2026-11-01 page", lambda: journal.operations(0, 200, since=since)),
                ("outcome failed count", lambda: journal.count_operations(outcome="failed")),
                ("outcome failed page", lambda: journal.operations(0, 200, outcome="failed")),
                ("last page (offset ops-200)", lambda: journal.operations(args.ops - 200, 200)),
            ]
            for label, call in extra:
                worst_ms = max(timed(call)[0] for _ in range(args.repeat))
                flag = "" if worst_ms <= args.max_ms else f"  (> {args.max_ms:g} ms)"
                print(f"  view, then {label}: max {worst_ms:.1f} ms{flag}")

            # -- the details dialog (information): an approved operation's history ------------
            op = journal.get(approved)
            assert op is not None
            ms = statistics.median(
                timed(lambda: journal.history(op.op_id, (op.orig_syssn, op.op_id)))[0]
                for _ in range(args.repeat))
            shown = journal.history(op.op_id, (op.orig_syssn, op.op_id))

            def every_approval_read() -> list[dict[str, Any]]:  # the baseline: in Python
                return [e for e in journal.events(kind_prefix="supervisor.")
                        if e["detail"].get("target") in (op.orig_syssn, op.op_id)]

            base_ms = statistics.median(timed(every_approval_read)[0]
                                        for _ in range(args.repeat))
            print(f"details dialog: history of an approved operation ({len(shown)} events, "
                  f"its approval included): median {ms:.1f} ms on a worker; reading every "
                  f"supervisor event into Python instead: {base_ms:.1f} ms "
                  f"({base_ms / ms:.1f}x)")

            # -- export ---------------------------------------------------------------------
            csv_path = folder / "export.csv"
            ms, rows = timed(lambda: journal.export_csv(csv_path))
            assert rows == args.ops
            print(f"export_csv of all {rows} operations: {ms / 1000:.2f} s, "
                  f"{csv_path.stat().st_size / 1e6:.1f} MB "
                  f"({rows / (ms / 1000):,.0f} rows/s)")
        finally:
            journal.close()
    print(f"journal scale: {'all targets met' if ok else 'TARGET MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
