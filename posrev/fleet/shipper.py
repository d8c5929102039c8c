"""The outbox shipper: the journal's append-only ``events`` table, by id, to the fleet database.

- At least once, idempotent: central rows are keyed (terminal udid, event id) and inserted with
  ON CONFLICT DO NOTHING, so a batch shipped twice (a commit whose answer was lost) is harmless.
- In order per terminal: events go in id order, one batch per transaction; the bookmark
  (journal meta ``fleet.shipped_event_id``) moves only after the commit.
- Each batch also carries the current row of every operation it touches (a snapshot with the
  operation's ``version``), from the same SQLite read transaction as the events.
- Off the void's path: the shipper reads the journal through its own SQLite connection (WAL
  readers never block the writer) and never changes how a void is journaled; the only thing
  it writes locally is its bookmark (one small meta row per batch).
- A database that is down, slow, full or refuses the password is reported in ``status()``
  and retried with exponential back-off (1 s … 60 s); nothing is lost, the journal keeps it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from posrev.fleet import FleetError
from posrev.fleet.settings import FleetConfig, describe_error

log = logging.getLogger("posrev.fleet")

BOOKMARK = "fleet.shipped_event_id"
BATCH = 500
IDLE = 5.0  # seconds between check-ins when there is nothing to ship
MAX_BACKOFF = 60.0
YIELD_MAX = 30.0


@dataclass(frozen=True)
class Handover:
    op_id: str
    to_udid: str
    supervisor: str
    at: datetime


@dataclass(frozen=True)
class FleetStatus:
    backlog: int  # journal events not shipped yet
    shipped_through: int  # the bookmark
    last_shipped_at: datetime | None
    last_error: str  # "" when the last attempt worked
    retry_in: float | None  # seconds until the next attempt after a failure

    @property
    def ok(self) -> bool:
        return not self.last_error


class Shipper:
    def __init__(self, journal_path: str | Path, config: FleetConfig, *,
                 batch: int = BATCH, connect: Callable[[FleetConfig], Any] | None = None,
                 on_handover: Callable[[Handover], object] | None = None,
                 before_commit: Callable[[int], None] | None = None,
                 yield_to: Callable[[], bool] | None = None) -> None:
        self.journal_path = Path(journal_path)
        self.config = config
        self.batch = batch
        self._connect_fn = connect
        self.on_handover = on_handover
        self._before_commit = before_commit  # fault tests: a hook inside the transaction
        self._yield_to = yield_to  # True while a cashier watches a void: shipping waits
        self._pg: Any = None
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # one shipping pass at a time (thread, `fleet sync`)
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._last_shipped_at: datetime | None = None
        self._last_error = ""
        self._failures = 0
        self._retry_at: float | None = None
        self._last_checkin = 0.0
        self._reused = False

    # -- the local side ---------------------------------------------------------------------
    def _local(self) -> sqlite3.Connection:
        if self._db is None:
            db = sqlite3.connect(self.journal_path, timeout=10, isolation_level=None,
                                 check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA busy_timeout=10000")
            # Only the bookmark is written here: losing its last update to a power cut means
            # a batch is shipped again, which is harmless; not waiting for the disk keeps the
            # write lock free for voids (their own connection stays synchronous=FULL).
            db.execute("PRAGMA synchronous=NORMAL")
            self._db = db
        return self._db

    def bookmark(self) -> int:
        row = self._local().execute("SELECT value FROM meta WHERE key=?",
                                    (BOOKMARK,)).fetchone()
        return int(row[0]) if row else 0

    def _set_bookmark(self, event_id: int) -> None:
        self._local().execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE "
            "SET value=excluded.value", (BOOKMARK, str(event_id)))

    def backlog(self) -> int:
        return int(self._local().execute("SELECT count(*) FROM events WHERE id > ?",
                                         (self.bookmark(),)).fetchone()[0])

    def _read_batch(self, after: int) -> tuple[list[sqlite3.Row], list[dict[str, Any]]]:
        db = self._local()
        db.execute("BEGIN")  # one read snapshot: the events and the rows they touch
        try:
            events = db.execute("SELECT id, at, op_id, kind, actor, result, location, detail "
                                "FROM events WHERE id > ? ORDER BY id LIMIT ?",
                                (after, self.batch)).fetchall()
            op_ids = sorted({e["op_id"] for e in events if e["op_id"]})
            rows: list[dict[str, Any]] = []
            for start in range(0, len(op_ids), 500):
                chunk = op_ids[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows += [dict(r) for r in db.execute(
                    f"SELECT * FROM operations WHERE op_id IN ({marks})", chunk)]
        finally:
            db.execute("COMMIT")
        return events, rows

    # -- the central side ----------------------------------------------------------------------
    def _central(self) -> Any:
        self._reused = self._pg is not None and not self._pg.closed
        if self._pg is None or self._pg.closed:
            if self._connect_fn is not None:
                self._pg = self._connect_fn(self.config)
            else:
                from posrev.fleet.settings import connect

                self._pg = connect(self.config)
            from posrev.fleet.schema import check

            try:
                check(self._pg)
            except FleetError:
                self._drop()
                raise
        return self._pg

    @contextmanager
    def connection(self) -> Iterator[Any]:
        """This terminal's one connection to the fleet database (the shipper's, made if
        needed) for a command's own statements, so a take-over, its check-in and its sync
        share one login. Held under the shipping lock; the caller ends each transaction it
        begins. A database error drops the connection and is a FleetError."""
        import psycopg

        with self._lock:
            try:
                pg = self._central()
                if self._reused:  # kept from earlier: still there after a database restart?
                    try:
                        pg.execute("SELECT 1")
                        pg.rollback()
                    except psycopg.OperationalError:
                        self._drop()
                        pg = self._central()
                yield pg
            except psycopg.Error as exc:
                self._drop()
                raise FleetError(describe_error(self.config, exc)) from None
            finally:
                self._end_transaction()

    def _end_transaction(self) -> None:
        """Leave a kept connection idle (a caller's failure inside a transaction)."""
        from psycopg.pq import TransactionStatus

        if self._pg is None or self._pg.closed:
            return
        if self._pg.info.transaction_status != TransactionStatus.IDLE:
            try:
                self._pg.rollback()
            except Exception:  # noqa: BLE001 - a broken connection: the next use reconnects
                self._drop()

    def _drop(self) -> None:
        if self._pg is not None:
            try:
                self._pg.close()
            except Exception:  # noqa: BLE001 - a dead connection may fail to close
                pass
        self._pg = None

    def _send(self, events: list[sqlite3.Row], rows: list[dict[str, Any]],
              last_id: int) -> list[Handover]:
        """One batch in one transaction. The rows travel as one JSON parameter each (one
        C-speed ``json.dumps``, not a Python loop per row), so shipping costs the terminal
        little CPU and the void's thread keeps the interpreter."""
        pg = self._central()
        store, udid = self.config.store_id, self.config.udid
        with pg.transaction(), pg.cursor() as cur:
            if events:
                cur.execute(
                    "INSERT INTO events (udid, event_id, store_id, at, op_id, kind, actor, "
                    "result, location, detail) "
                    "SELECT %s, (a->>0)::bigint, %s, (a->>1)::timestamptz, a->>2, a->>3, "
                    "a->>4, a->>5, a->>6, (a->>7)::jsonb "
                    "FROM jsonb_array_elements(%s::jsonb) AS a ORDER BY 2 "
                    "ON CONFLICT DO NOTHING",
                    (udid, store, json.dumps([tuple(e) for e in events], ensure_ascii=False)))
            if rows:
                cur.execute(
                    "INSERT INTO op_versions (op_id, udid, version, store_id, row) "
                    "SELECT r->>'op_id', %s, (r->>'version')::int, %s, r "
                    "FROM jsonb_array_elements(%s::jsonb) AS r ON CONFLICT DO NOTHING",
                    (udid, store, json.dumps(rows, ensure_ascii=False, default=str)))
            cur.execute("SELECT op_id, to_udid, supervisor, at FROM posrev_checkin(%s, %s, %s)",
                        (udid, store, last_id))
            handovers = [Handover(*r) for r in cur.fetchall()]
            if self._before_commit is not None:
                self._before_commit(len(events))
        return handovers

    # -- one pass ------------------------------------------------------------------------------
    def ship_once(self, max_batches: int | None = None) -> int:
        """Ship the backlog now (what ``posrev fleet sync`` does). Returns events shipped.
        Raises FleetError (nothing lost: the bookmark stays where the database has it)."""
        import psycopg

        shipped = 0
        batches = 0
        self.config.require_store()
        with self._lock:
            try:
                while max_batches is None or batches < max_batches:
                    self._wait_for_voids()
                    after = self.bookmark()
                    events, rows = self._read_batch(after)
                    last_id = events[-1]["id"] if events else after
                    try:
                        handovers = self._send(events, rows, last_id)
                    except psycopg.OperationalError:
                        if self._pg is None or not self._reused:
                            raise
                        # A connection kept from before a database restart: once more on a
                        # new one (the batch did not commit, so nothing doubles).
                        self._drop()
                        handovers = self._send(events, rows, last_id)
                    self._last_checkin = time.monotonic()
                    if events:
                        self._set_bookmark(last_id)
                        shipped += len(events)
                    self._handle(handovers)
                    batches += 1
                    if len(events) < self.batch:
                        break
            except psycopg.Error as exc:
                self._drop()
                self._failed(describe_error(self.config, exc))
                raise FleetError(self._last_error) from None
            except FleetError as exc:
                self._failed(str(exc))
                raise
            self._last_error = ""
            self._failures = 0
            self._retry_at = None
            if shipped or self._last_shipped_at is None:
                self._last_shipped_at = datetime.now(UTC)
        return shipped

    def _wait_for_voids(self) -> None:
        """Between batches, let a void the cashier is watching finish first (at most
        YIELD_MAX seconds, so a long-polling void does not stop shipping)."""
        if self._yield_to is None:
            return
        until = time.monotonic() + YIELD_MAX
        while self._yield_to() and time.monotonic() < until and not self._stop.is_set():
            time.sleep(0.02)

    def _handle(self, handovers: list[Handover]) -> None:
        if self.on_handover is None:
            return
        for h in handovers:
            try:
                self.on_handover(h)
            except Exception:  # noqa: BLE001 - one bad hand-over must not stop shipping
                log.exception("applying the hand-over of %s failed", h.op_id[:8])

    def _failed(self, message: str) -> None:
        self._last_error = message
        self._failures += 1
        delay = min(MAX_BACKOFF, 2.0 ** (self._failures - 1))
        self._retry_at = time.monotonic() + delay
        log.warning("fleet shipping failed (attempt %d, retry in %.0f s): %s",
                    self._failures, delay, message)

    def checkin(self) -> list[Handover]:
        """Check in now and return the hand-overs away from this terminal (FleetError)."""
        import psycopg

        self.config.require_store()
        with self._lock:
            try:
                pg = self._central()
                with pg.transaction(), pg.cursor() as cur:
                    cur.execute("SELECT op_id, to_udid, supervisor, at "
                                "FROM posrev_checkin(%s, %s, %s)",
                                (self.config.udid, self.config.store_id, self.bookmark()))
                    handovers = [Handover(*r) for r in cur.fetchall()]
            except psycopg.Error as exc:
                self._drop()
                raise FleetError(describe_error(self.config, exc)) from None
            self._last_checkin = time.monotonic()
        return handovers

    def status(self) -> FleetStatus:
        retry = None
        if self._retry_at is not None:
            retry = max(0.0, self._retry_at - time.monotonic())
        return FleetStatus(backlog=self.backlog(), shipped_through=self.bookmark(),
                           last_shipped_at=self._last_shipped_at, last_error=self._last_error,
                           retry_in=retry)

    # -- the background thread -------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="posrev-fleet-shipper",
                                        daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """Something was journaled: ship soon (the thread wakes; never waits for it)."""
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            if self._retry_at is None or time.monotonic() >= self._retry_at:
                try:
                    if self.backlog() or time.monotonic() - self._last_checkin >= IDLE:
                        self.ship_once()
                except FleetError:
                    pass  # reported in status(); retried after the back-off
                except sqlite3.Error as exc:
                    self._failed(f"The journal could not be read for shipping ({exc}).")
                except Exception:  # noqa: BLE001 - the shipper must not die
                    log.exception("the fleet shipper failed")
                    self._failed("The fleet shipper failed; see posrev.log.")
            # A nudge during a back-off wakes the loop but does not hammer a dead database.
            wait = IDLE if self._retry_at is None else \
                max(0.05, self._retry_at - time.monotonic())
            self._wake.wait(wait)
            self._wake.clear()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=20)
            self._thread = None
        with self._lock:
            self._drop()
            if self._db is not None:
                self._db.close()
                self._db = None
